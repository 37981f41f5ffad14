/* cli_agent.c — `sanctwatch agent`: runs in a desktop session, takes the
 * alerts of agent-mode desktop channels from the daemon's socket
 * (daemon/agent.c), shows each through libnotify and answers ack or fail.
 * It never opens the store: the daemon marks what was acknowledged. */
#include "daemon/cli_alerts.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <jansson.h>

#include "config/config.h"
#include "daemon/agent.h"
#include "notifiers/desktop.h"

#define DEFAULT_CONFIG		SYSCONFDIR "/sanctwatch/sanctwatch.conf"
#define AGENT_BACKOFF_MAX	60	/* seconds between reconnects, at most */

enum session_end {
	SESSION_IDLE,		/* --once: everything due was handled */
	SESSION_LOST,		/* the daemon went away */
	SESSION_REFUSED,	/* the daemon said no */
	SESSION_STOPPED		/* SIGTERM or SIGINT */
};

struct agent_client {
	const char	*path;		/* the socket */
	struct strvec	 channels;	/* --channel; none: every agent channel */
	int		 once;
	int		 shown;
	int		 failed;	/* notifications that could not be shown */
};

static volatile sig_atomic_t	agent_stopping;
static volatile sig_atomic_t	agent_fd = -1;

/* SIGTERM, SIGINT: a blocked read ends (shutdown is async-signal-safe); an
 * alert shown but not yet acknowledged is shown again by the next agent. */
static void
agent_signal_cb(int sig)
{
	agent_stopping = 1;
	if (agent_fd != -1)
		shutdown(agent_fd, SHUT_RDWR);
}

static int
client_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	sun;
	int			fd;

	if (agent_sockaddr(path, &sun, err, errlen) == -1)
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return seterr(err, errlen, "socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == -1) {
		seterr(err, errlen, "cannot reach the daemon at %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Writes o (which it takes) as one line. */
static int
client_send(int fd, json_t *o)
{
	char	*s = json_dumps(o, JSON_COMPACT);
	char	*line = xasprintf("%s\n", s);
	size_t	 off = 0, len = strlen(line);
	ssize_t	 n;

	json_decref(o);
	free(s);
	while (off < len) {
		n = send(fd, line + off, len - off, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR && !agent_stopping)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	free(line);
	return off == len ? 0 : -1;
}

/* One alert: shown, then ack; or fail with the reason. */
static int
client_show(struct agent_client *ac, int fd, json_t *o)
{
	const char	*summary = json_string_value(json_object_get(o, "summary"));
	const char	*body = json_string_value(json_object_get(o, "body"));
	const char	*id = json_string_value(json_object_get(o, "alert_id"));
	const char	*chan = json_string_value(json_object_get(o, "channel"));
	json_t		*no = json_object_get(o, "delivery");
	char		 err[SW_ERRLEN];

	if (summary == NULL || body == NULL || !json_is_integer(no)) {
		log_warnx("the daemon sent an alert without summary, body or "
		    "delivery");
		return -1;
	}
	if (desktop_show(summary, body, json_is_true(json_object_get(o,
	    "critical")), err, sizeof err) == -1) {
		log_warnx("%s: %s: %s", chan ? chan : "?", id ? id : "?", err);
		ac->failed++;
		return client_send(fd, json_pack("{s:s,s:O,s:s}", "type", "fail",
		    "delivery", no, "error", err));
	}
	log_info("%s: shown %s", chan ? chan : "?", id ? id : "?");
	ac->shown++;
	return client_send(fd, json_pack("{s:s,s:O}", "type", "ack",
	    "delivery", no));
}

/* One connection: hello, then alerts until the daemon goes away (or,
 * with --once, says idle). *welcomed is set once the daemon accepted. */
static enum session_end
client_session(struct agent_client *ac, int fd, int *welcomed, char *err,
    size_t errlen)
{
	json_t			*hello, *chans = json_array();
	FILE			*in;
	char			*line = NULL;
	size_t			 cap = 0;
	ssize_t			 len;
	int			 dupfd;
	enum session_end	 end = SESSION_LOST;

	for (size_t i = 0; i < ac->channels.n; i++)
		json_array_append_new(chans, json_string(ac->channels.v[i]));
	hello = json_pack("{s:s,s:i,s:o}", "type", "hello", "version",
	    AGENT_PROTO_VERSION, "channels", chans);
	/* Sent or not, what the daemon says is read: a refusal may have
	 * come before the hello went out. */
	(void)client_send(fd, hello);
	if ((dupfd = dup(fd)) == -1 || (in = fdopen(dupfd, "r")) == NULL) {
		if (dupfd != -1)
			close(dupfd);
		seterr(err, errlen, "fdopen: %s", strerror(errno));
		return SESSION_LOST;
	}
	seterr(err, errlen, "the daemon closed the connection");
	while ((len = getline(&line, &cap, in)) != -1) {
		json_t		*o = len <= AGENT_MAX_LINE ?
				    json_loadb(line, (size_t)len, 0, NULL) : NULL;
		const char	*type = json_string_value(json_object_get(o,
				    "type"));

		if (type == NULL) {
			seterr(err, errlen, "the daemon sent a line that is not "
			    "a message");
			json_decref(o);
			break;
		}
		if (strcmp(type, "welcome") == 0) {
			*welcomed = 1;
			log_info("connected to %s", ac->path);
		} else if (strcmp(type, "alert") == 0) {
			if (client_show(ac, fd, o) == -1) {
				seterr(err, errlen, "lost the daemon while "
				    "answering");
				json_decref(o);
				break;
			}
		} else if (strcmp(type, "idle") == 0) {
			if (ac->once) {
				end = SESSION_IDLE;
				json_decref(o);
				break;
			}
		} else if (strcmp(type, "error") == 0) {
			seterr(err, errlen, "the daemon refused: %s",
			    json_string_value(json_object_get(o, "error")) ?
			    json_string_value(json_object_get(o, "error")) : "?");
			end = SESSION_REFUSED;
			json_decref(o);
			break;
		}
		/* Other types are from a newer daemon: not for us. */
		json_decref(o);
	}
	free(line);
	fclose(in);
	if (end == SESSION_LOST && agent_stopping)
		end = SESSION_STOPPED;
	return end;
}

static void
usage_agent(void)
{
	fprintf(stderr, "usage: sanctwatch agent [--config FILE] [--socket PATH] "
	    "[--channel NAME]... [--once]\n");
}

/*
 * Serves until stopped, reconnecting with backoff (1 s doubling to a
 * minute) when the daemon restarts. --once: handles what is due, then
 * exits 0 when all was shown, 1 when something failed or the daemon
 * could not be reached or refused.
 */
int
cli_agent(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "socket", required_argument, NULL, 's' },
		{ "channel", required_argument, NULL, 'C' },
		{ "once", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct agent_client	 ac;
	struct config		*cf = NULL;
	struct sigaction	 sa;
	const char		*path = NULL;
	char			 err[SW_ERRLEN];
	int			 ch, rc = 0;
	unsigned		 backoff = 1;

	memset(&ac, 0, sizeof ac);
	while ((ch = getopt_long(argc, argv, "c:s:C:o", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 's':
			ac.path = optarg;
			break;
		case 'C':
			strvec_push_unique(&ac.channels, optarg);
			break;
		case 'o':
			ac.once = 1;
			break;
		default:
			usage_agent();
			strvec_clear(&ac.channels);
			return 2;
		}
	}
	if (optind != argc) {
		usage_agent();
		strvec_clear(&ac.channels);
		return 2;
	}
	log_init(1, getenv("JOURNAL_STREAM") != NULL);
	/* The socket's path from the config, unless given; the daemon's
	 * secrets are not ours to read. */
	if (ac.path == NULL || path != NULL) {
		if ((cf = config_load_flags(path ? path : DEFAULT_CONFIG,
		    CONFIG_NO_SECRETS, err, sizeof err)) == NULL) {
			log_warnx("%s", err);
			strvec_clear(&ac.channels);
			return 2;
		}
		if (ac.path == NULL)
			ac.path = cf->agent_socket;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = agent_signal_cb;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a blocked call returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (!agent_stopping) {
		enum session_end	end;
		int			fd, welcomed = 0;

		if ((fd = client_connect(ac.path, err, sizeof err)) != -1) {
			agent_fd = fd;
			if (agent_stopping)	/* a signal before agent_fd */
				shutdown(fd, SHUT_RDWR);
			end = client_session(&ac, fd, &welcomed, err, sizeof err);
			agent_fd = -1;
			close(fd);
			if (end == SESSION_STOPPED)
				break;
			if (end == SESSION_IDLE) {
				rc = ac.failed > 0;
				break;
			}
		}
		if (ac.once) {
			log_warnx("%s", err);
			rc = 1;
			break;
		}
		if (welcomed)
			backoff = 1;
		log_warnx("%s; trying again in %us", err, backoff);
		sleep(backoff);
		if (backoff < AGENT_BACKOFF_MAX)
			backoff = backoff * 2 < AGENT_BACKOFF_MAX ? backoff * 2 :
			    AGENT_BACKOFF_MAX;
	}
	if (ac.once)
		log_info("%d shown, %d could not be shown", ac.shown, ac.failed);
	strvec_clear(&ac.channels);
	config_free(cf);
	return rc;
}
