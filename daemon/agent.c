/* agent.c — the hand-off of agent-mode desktop alerts to `sanctwatch
 * agent`: a Unix stream socket (systemd's, or bound here), peers checked
 * by SO_PEERCRED against agent_users / agent_groups, line-based JSON on
 * bufferevents, one delivery in flight per agent, delivered on its ack. */
#include "daemon/agent.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <systemd/sd-daemon.h>

#include "config/config.h"
#include "daemon/store.h"
#include "notifiers/desktop.h"
#include "notifiers/format.h"

#define AGENT_MAX_CONNS		32
#define AGENT_HELLO_TIMEOUT	10	/* seconds for a hello */
#define AGENT_ACK_TIMEOUT	60	/* seconds for an ack */
#define AGENT_CLOSE_TIMEOUT	5	/* seconds to flush a last error */

enum conn_state {
	CONN_HELLO,		/* connected, allowed, waiting for hello */
	CONN_READY,		/* serving its channels */
	CONN_CLOSING		/* flushing an error line, then freed */
};

struct agent_conn {
	struct agent_server	*srv;
	struct bufferevent	*bev;
	enum conn_state		 state;
	uid_t			 uid;
	gid_t			 gid;
	pid_t			 pid;
	gid_t			*groups;	/* supplementary, SO_PEERGROUPS */
	size_t			 ngroups;
	char			 who[64];	/* "uid 1000 (alice) pid 42" */
	struct strvec		 channels;
	struct store_delivery	*inflight;	/* owned; NULL when none */
	uint64_t		 inflight_no;
	uint64_t		 seq;		/* last delivery number sent */
	int			 idle_sent;
	TAILQ_ENTRY(agent_conn)	 entry;
};

struct agent_server {
	struct event_base	*base;
	struct store		*store;
	struct config		**cfp;
	struct agent_hooks	 hooks;
	struct evconnlistener	*listener;
	char			*bound;		/* path to unlink at stop */
	size_t			 nconns;
	TAILQ_HEAD(, agent_conn) conns;
};

static void	conn_kick(struct agent_conn *);

int
agent_peer_allowed(const struct config *cf, uid_t uid, gid_t gid,
    const gid_t *groups, size_t ngroups)
{
	for (size_t i = 0; i < cf->nagent_uids; i++)
		if (cf->agent_uids[i] == uid)
			return 1;
	for (size_t i = 0; i < cf->nagent_gids; i++) {
		if (cf->agent_gids[i] == gid)
			return 1;
		for (size_t k = 0; k < ngroups; k++)
			if (cf->agent_gids[i] == groups[k])
				return 1;
	}
	return 0;
}

/* The agent-mode desktop channel of that name in cf, or NULL. */
static struct notify_conf *
agent_channel(const struct config *cf, const char *name)
{
	for (size_t i = 0; i < cf->nnotifies; i++)
		if (strcmp(cf->notifies[i].name, name) == 0)
			return desktop_agent_mode(&cf->notifies[i]) ?
			    &cf->notifies[i] : NULL;
	return NULL;
}

int
agent_hello_channels(const struct config *cf, const json_t *hello,
    struct strvec *out, char *err, size_t errlen)
{
	json_t		*v = json_object_get(hello, "version");
	json_t		*chans = json_object_get(hello, "channels");
	const char	*type = json_string_value(json_object_get(hello, "type"));
	size_t		 i;
	json_t		*c;

	if (type == NULL || strcmp(type, "hello") != 0)
		return seterr(err, errlen, "expected a hello");
	if (!json_is_integer(v) || json_integer_value(v) != AGENT_PROTO_VERSION)
		return seterr(err, errlen, "protocol version %d is spoken here",
		    AGENT_PROTO_VERSION);
	if (chans != NULL && !json_is_array(chans))
		return seterr(err, errlen, "channels must be an array of names");
	if (chans == NULL || json_array_size(chans) == 0) {
		for (i = 0; i < cf->nnotifies; i++)
			if (desktop_agent_mode(&cf->notifies[i]))
				strvec_push_unique(out, cf->notifies[i].name);
		if (out->n == 0)
			return seterr(err, errlen, "%s has no desktop channel "
			    "with mode = agent", cf->path);
		return 0;
	}
	json_array_foreach(chans, i, c) {
		const char	*name = json_string_value(c);

		if (name == NULL)
			return seterr(err, errlen, "channels must be an array of "
			    "names");
		if (agent_channel(cf, name) == NULL)
			return seterr(err, errlen, "%s has no desktop channel "
			    "[notify %s] with mode = agent", cf->path, name);
		strvec_push_unique(out, name);
	}
	return 0;
}

char *
agent_alert_line(uint64_t n, const struct store_delivery *it, char *err,
    size_t errlen)
{
	struct alert_text	 t;
	json_t			*o;
	char			*s, *line;

	if (alert_text_build(it->body, &t, err, errlen) == -1)
		return NULL;
	o = json_pack("{s:s,s:I,s:s,s:s,s:s?,s:s,s:s,s:b}", "type", "alert",
	    "delivery", (json_int_t)n, "alert_id", it->alert_id, "channel",
	    it->channel, "event", it->event, "summary", t.subject, "body",
	    t.brief, "critical", t.critical);
	alert_text_clear(&t);
	if (o == NULL) {
		seterr(err, errlen, "alert %s: text is not UTF-8", it->alert_id);
		return NULL;
	}
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	line = xasprintf("%s\n", s);
	free(s);
	return line;
}

/* Queues one message; json strings escape newlines, so it is one line. */
static void
conn_send(struct agent_conn *c, json_t *o)
{
	char	*s = json_dumps(o, JSON_COMPACT);

	json_decref(o);
	bufferevent_write(c->bev, s, strlen(s));
	bufferevent_write(c->bev, "\n", 1);
	free(s);
}

static void
conn_timeout(struct agent_conn *c, int secs)
{
	struct timeval	tv = { secs, 0 };

	bufferevent_set_timeouts(c->bev, secs > 0 ? &tv : NULL, NULL);
}

static void
conn_free(struct agent_conn *c)
{
	struct agent_server	*srv = c->srv;

	if (c->inflight != NULL) {
		log_info("agent %s: gone before acknowledging %s on %s; it stays "
		    "pending", c->who, c->inflight->alert_id,
		    c->inflight->channel);
		store_deliveries_free(c->inflight, 1);
	}
	TAILQ_REMOVE(&srv->conns, c, entry);
	srv->nconns--;
	bufferevent_free(c->bev);
	strvec_clear(&c->channels);
	free(c->groups);
	free(c);
}

/* Tells the agent why and closes once that line is written. */
static void
conn_close(struct agent_conn *c, const char *why)
{
	struct timeval	tv = { AGENT_CLOSE_TIMEOUT, 0 };

	if (c->state == CONN_CLOSING)
		return;
	c->state = CONN_CLOSING;
	conn_send(c, json_pack("{s:s,s:s}", "type", "error", "error", why));
	bufferevent_disable(c->bev, EV_READ);
	bufferevent_set_timeouts(c->bev, NULL, &tv);
}

/* Whether another connection has this row in flight. */
static int
claimed(struct agent_server *srv, const struct store_delivery *it)
{
	struct agent_conn	*c;

	TAILQ_FOREACH(c, &srv->conns, entry)
		if (c->inflight != NULL &&
		    strcmp(c->inflight->alert_id, it->alert_id) == 0 &&
		    strcmp(c->inflight->channel, it->channel) == 0)
			return 1;
	return 0;
}

/* Sends one row; on success the connection owns it (moved out of *it). */
static void
conn_offer(struct agent_conn *c, struct notify_conf *nc,
    struct store_delivery *it)
{
	struct agent_server	*srv = c->srv;
	char			 err[SW_ERRLEN], *line;

	if ((line = agent_alert_line(c->seq + 1, it, err, sizeof err)) == NULL) {
		log_warnx("%s: %s: %s", nc->name, it->alert_id, err);
		srv->hooks.result(it, nc, NOTIFY_RETRY, err, srv->hooks.arg);
		return;
	}
	c->seq++;
	c->inflight = xmalloc(sizeof *c->inflight);
	*c->inflight = *it;
	memset(it, 0, sizeof *it);
	c->inflight_no = c->seq;
	c->idle_sent = 0;
	bufferevent_write(c->bev, line, strlen(line));
	free(line);
	conn_timeout(c, AGENT_ACK_TIMEOUT);
	log_debug("agent %s: sent %s on %s as delivery %llu", c->who,
	    c->inflight->alert_id, c->inflight->channel,
	    (unsigned long long)c->inflight_no);
}

/* With nothing in flight, the oldest due row of its channels goes out;
 * with nothing due, one "idle" says so. */
static void
conn_kick(struct agent_conn *c)
{
	struct agent_server	*srv = c->srv;
	int64_t			 now = (int64_t)time(NULL);
	char			 err[SW_ERRLEN];

	if (c->state != CONN_READY || c->inflight != NULL)
		return;
	for (size_t i = 0; i < c->channels.n && c->inflight == NULL; i++) {
		struct notify_conf	*nc = agent_channel(*srv->cfp,
		    c->channels.v[i]);
		struct store_delivery	*v;
		size_t			 n;

		if (nc == NULL)
			continue;	/* no longer an agent channel */
		if (store_due_channel(srv->store, nc->name, now, &v, &n, err,
		    sizeof err) == -1) {
			log_warnx("store: %s", err);
			return;
		}
		for (size_t k = 0; k < n && c->inflight == NULL; k++)
			if (!claimed(srv, &v[k]) && srv->hooks.admit(&v[k], nc,
			    srv->hooks.arg))
				conn_offer(c, nc, &v[k]);
		store_deliveries_free(v, n);
	}
	if (c->inflight == NULL && !c->idle_sent) {
		conn_send(c, json_pack("{s:s}", "type", "idle"));
		c->idle_sent = 1;
	}
}

static void
conn_hello(struct agent_conn *c, json_t *o)
{
	struct buf	 list = { 0 };
	char		 err[SW_ERRLEN];
	json_t		*a = json_array();

	if (agent_hello_channels(*c->srv->cfp, o, &c->channels, err,
	    sizeof err) == -1) {
		log_warnx("agent %s: %s", c->who, err);
		json_decref(a);
		conn_close(c, err);
		return;
	}
	for (size_t i = 0; i < c->channels.n; i++) {
		json_array_append_new(a, json_string(c->channels.v[i]));
		if (i > 0)
			buf_adds(&list, ", ");
		buf_adds(&list, c->channels.v[i]);
	}
	c->state = CONN_READY;
	conn_timeout(c, 0);
	conn_send(c, json_pack("{s:s,s:i,s:o}", "type", "welcome", "version",
	    AGENT_PROTO_VERSION, "channels", a));
	log_info("agent %s: serving %s", c->who, buf_cstr(&list));
	buf_free(&list);
	conn_kick(c);
}

/* An ack or a fail for the delivery in flight. */
static void
conn_answer(struct agent_conn *c, json_t *o, int ack)
{
	struct agent_server	*srv = c->srv;
	struct store_delivery	*it = c->inflight;
	struct notify_conf	*nc;
	json_t			*no = json_object_get(o, "delivery");
	const char		*why = json_string_value(json_object_get(o,
				    "error"));
	char			 err[SW_ERRLEN];

	if (it == NULL || !json_is_integer(no) ||
	    (uint64_t)json_integer_value(no) != c->inflight_no) {
		log_warnx("agent %s: answer for a delivery not in flight",
		    c->who);
		conn_close(c, "answer for a delivery not in flight");
		return;
	}
	nc = agent_channel(*srv->cfp, it->channel);
	if (ack) {
		log_info("agent %s: shown %s on %s", c->who, it->alert_id,
		    it->channel);
		if (nc != NULL)
			srv->hooks.result(it, nc, NOTIFY_OK, NULL, srv->hooks.arg);
		else if (store_delivery_update(srv->store, it->alert_id,
		    it->channel, "delivered", it->attempts + 1, 0, NULL,
		    (int64_t)time(NULL), err, sizeof err) == -1)
			log_warnx("store: %s", err);
	} else {
		char	*e = xasprintf("agent: %.200s", why ? why : "failed");

		log_warnx("agent %s: could not show %s on %s: %s", c->who,
		    it->alert_id, it->channel, why ? why : "failed");
		if (nc != NULL)
			srv->hooks.result(it, nc, NOTIFY_RETRY, e, srv->hooks.arg);
		free(e);
	}
	store_deliveries_free(it, 1);
	c->inflight = NULL;
	conn_timeout(c, 0);
	conn_kick(c);
}

static void
conn_read_cb(struct bufferevent *bev, void *arg)
{
	struct agent_conn	*c = arg;
	struct evbuffer		*in = bufferevent_get_input(bev);
	char			*line;
	size_t			 len;

	while (c->state != CONN_CLOSING &&
	    (line = evbuffer_readln(in, &len, EVBUFFER_EOL_LF)) != NULL) {
		json_t		*o = len <= AGENT_MAX_LINE ?
				    json_loadb(line, len, 0, NULL) : NULL;
		const char	*type = json_string_value(json_object_get(o,
				    "type"));

		free(line);
		if (type == NULL)
			conn_close(c, "each line must be a JSON object with a "
			    "type");
		else if (c->state == CONN_HELLO)
			conn_hello(c, o);
		else if (strcmp(type, "ack") == 0 || strcmp(type, "fail") == 0)
			conn_answer(c, o, type[0] == 'a');
		else
			conn_close(c, "unexpected message");
		json_decref(o);
	}
	if (c->state != CONN_CLOSING &&
	    evbuffer_get_length(in) > AGENT_MAX_LINE)
		conn_close(c, "line too long");
}

/* A closing connection is freed once its last line is written. */
static void
conn_write_cb(struct bufferevent *bev, void *arg)
{
	struct agent_conn	*c = arg;

	if (c->state == CONN_CLOSING &&
	    evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		conn_free(c);
}

static void
conn_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct agent_conn	*c = arg;

	if (what & BEV_EVENT_TIMEOUT)
		log_warnx("agent %s: no %s in time; closing", c->who,
		    c->state == CONN_HELLO ? "hello" : c->inflight ? "ack" :
		    "progress");
	else if (what & BEV_EVENT_ERROR)
		log_info("agent %s: %s", c->who, strerror(EVUTIL_SOCKET_ERROR()));
	else
		log_info("agent %s: disconnected", c->who);
	conn_free(c);
}

/* SO_PEERCRED: who connected; SO_PEERGROUPS: its supplementary groups
 * (the kernel's view at connect time, not the group database's). */
static int
peer_creds(int fd, struct agent_conn *c, char *err, size_t errlen)
{
	struct ucred	 uc;
	struct passwd	*pw;
	socklen_t	 len = sizeof uc;
	size_t		 cap = 32;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) == -1)
		return seterr(err, errlen, "SO_PEERCRED: %s", strerror(errno));
	c->uid = uc.uid;
	c->gid = uc.gid;
	c->pid = uc.pid;
	for (;;) {
		len = (socklen_t)(cap * sizeof *c->groups);
		c->groups = xrealloc(c->groups, len);
		if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, c->groups, &len)
		    == 0) {
			c->ngroups = len / sizeof *c->groups;
			break;
		}
		if (errno != ERANGE || len <= cap * sizeof *c->groups) {
			c->ngroups = 0;	/* an old kernel: the gid alone */
			break;
		}
		cap = len / sizeof *c->groups;
	}
	pw = getpwuid(c->uid);
	snprintf(c->who, sizeof c->who, "uid %u (%s) pid %d", (unsigned)c->uid,
	    pw ? pw->pw_name : "?", (int)c->pid);
	return 0;
}

/* A refused peer gets one error line, written without waiting. */
static void
refuse(int fd, const char *why)
{
	json_t	*o = json_pack("{s:s,s:s}", "type", "error", "error", why);
	char	*s = json_dumps(o, JSON_COMPACT);
	char	*line = xasprintf("%s\n", s);

	(void)send(fd, line, strlen(line), MSG_DONTWAIT | MSG_NOSIGNAL);
	free(line);
	free(s);
	json_decref(o);
	close(fd);
}

static void
accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct agent_server	*srv = arg;
	struct agent_conn	*c = xcalloc(1, sizeof *c);
	char			 err[SW_ERRLEN];

	c->srv = srv;
	if (peer_creds(fd, c, err, sizeof err) == -1) {
		log_warnx("agent: %s", err);
		refuse(fd, "cannot read the peer's credentials");
		free(c->groups);
		free(c);
		return;
	}
	if (!agent_peer_allowed(*srv->cfp, c->uid, c->gid, c->groups,
	    c->ngroups)) {
		log_warnx("agent: refused %s: not in agent_users or agent_groups",
		    c->who);
		refuse(fd, "not allowed: this user is not in agent_users or "
		    "agent_groups");
		free(c->groups);
		free(c);
		return;
	}
	if (srv->nconns >= AGENT_MAX_CONNS) {
		log_warnx("agent: refused %s: %d agents already connected",
		    c->who, AGENT_MAX_CONNS);
		refuse(fd, "too many agents connected");
		free(c->groups);
		free(c);
		return;
	}
	c->bev = bufferevent_socket_new(srv->base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (c->bev == NULL) {
		log_warnx("agent %s: cannot set up the connection", c->who);
		close(fd);
		free(c->groups);
		free(c);
		return;
	}
	TAILQ_INSERT_TAIL(&srv->conns, c, entry);
	srv->nconns++;
	bufferevent_setcb(c->bev, conn_read_cb, conn_write_cb, conn_event_cb, c);
	bufferevent_enable(c->bev, EV_READ);
	conn_timeout(c, AGENT_HELLO_TIMEOUT);
	log_info("agent %s: connected", c->who);
}

static void
accept_error_cb(struct evconnlistener *l, void *arg)
{
	log_warnx("agent: accept: %s", strerror(EVUTIL_SOCKET_ERROR()));
}

int
agent_sockaddr(const char *path, struct sockaddr_un *sun, char *err,
    size_t errlen)
{
	memset(sun, 0, sizeof *sun);
	sun->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sun->sun_path)
		return seterr(err, errlen, "agent_socket %s: path too long", path);
	memcpy(sun->sun_path, path, strlen(path) + 1);
	return 0;
}

/* Binds path; a socket left by a daemon that died is replaced, one that
 * answers belongs to a running daemon and is left alone. */
static int
agent_bind(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	sun;
	struct stat		sb;
	int			fd;

	if (agent_sockaddr(path, &sun, err, errlen) == -1)
		return -1;
	if (lstat(path, &sb) == 0) {
		if (!S_ISSOCK(sb.st_mode))
			return seterr(err, errlen, "agent_socket %s: exists and is "
			    "not a socket", path);
		if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
			return seterr(err, errlen, "socket: %s", strerror(errno));
		if (connect(fd, (struct sockaddr *)&sun, sizeof sun) == 0) {
			close(fd);
			return seterr(err, errlen, "agent_socket %s: another "
			    "daemon listens on it", path);
		}
		close(fd);
		if (unlink(path) == -1)
			return seterr(err, errlen, "agent_socket %s: %s", path,
			    strerror(errno));
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1)
		return seterr(err, errlen, "socket: %s", strerror(errno));
	/* Anyone may connect; the credentials decide (UMask= would make it
	 * owner-only). */
	if (bind(fd, (struct sockaddr *)&sun, sizeof sun) == -1 ||
	    chmod(path, 0666) == -1 || listen(fd, 16) == -1) {
		seterr(err, errlen, "agent_socket %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* The first listening Unix stream socket systemd passed, or -1. */
static int
agent_systemd_fd(const char *path)
{
	int	n = sd_listen_fds(1), fd = -1;

	for (int i = 0; i < n; i++) {
		int	cand = SD_LISTEN_FDS_START + i;

		if (fd == -1 && sd_is_socket_unix(cand, SOCK_STREAM, 1, NULL, 0)
		    > 0) {
			fd = cand;
			continue;
		}
		log_warnx("ignoring socket %d passed by systemd: not a listening "
		    "Unix stream socket, or one too many", cand);
		close(cand);
	}
	if (fd == -1)
		return -1;
	if (sd_is_socket_unix(fd, SOCK_STREAM, 1, path, 0) <= 0)
		log_warnx("the agent socket systemd passed is not agent_socket "
		    "(%s): agents reading this config will not find it", path);
	evutil_make_socket_nonblocking(fd);
	evutil_make_socket_closeonexec(fd);
	return fd;
}

int
agent_start(struct event_base *base, struct store *st, struct config **cfp,
    const struct agent_hooks *hooks, struct agent_server **out, char *err,
    size_t errlen)
{
	struct config		*cf = *cfp;
	struct agent_server	*srv;
	int			 fd, wanted = 0;
	const char		*from = "from systemd";

	*out = NULL;
	for (size_t i = 0; i < cf->nnotifies; i++)
		if (desktop_agent_mode(&cf->notifies[i]))
			wanted = 1;
	if ((fd = agent_systemd_fd(cf->agent_socket)) == -1) {
		if (!wanted)
			return 0;
		if ((fd = agent_bind(cf->agent_socket, err, errlen)) == -1)
			return -1;
		from = "bound";
	}
	srv = xcalloc(1, sizeof *srv);
	srv->base = base;
	srv->store = st;
	srv->cfp = cfp;
	srv->hooks = *hooks;
	TAILQ_INIT(&srv->conns);
	if (strcmp(from, "bound") == 0)
		srv->bound = xstrdup(cf->agent_socket);
	srv->listener = evconnlistener_new(base, accept_cb, srv,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, -1, fd);
	if (srv->listener == NULL) {
		close(fd);
		agent_stop(srv);
		return seterr(err, errlen, "agent_socket %s: cannot listen",
		    cf->agent_socket);
	}
	evconnlistener_set_error_cb(srv->listener, accept_error_cb);
	if (cf->nagent_uids == 0 && cf->nagent_gids == 0)
		log_warnx("agent_socket %s: agent_users and agent_groups are "
		    "empty: every agent will be refused", cf->agent_socket);
	log_info("agent socket %s (%s)", cf->agent_socket, from);
	*out = srv;
	return 0;
}

void
agent_stop(struct agent_server *srv)
{
	struct agent_conn	*c;

	if (srv == NULL)
		return;
	while ((c = TAILQ_FIRST(&srv->conns)) != NULL)
		conn_free(c);
	if (srv->listener != NULL)
		evconnlistener_free(srv->listener);
	if (srv->bound != NULL)
		unlink(srv->bound);
	free(srv->bound);
	free(srv);
}

void
agent_kick(struct agent_server *srv)
{
	struct agent_conn	*c;

	/* Neither kicking nor closing frees a connection here. */
	if (srv == NULL)
		return;
	TAILQ_FOREACH(c, &srv->conns, entry)
		conn_kick(c);
}

void
agent_reload(struct agent_server *srv)
{
	struct agent_conn	*c;

	if (srv == NULL)
		return;
	TAILQ_FOREACH(c, &srv->conns, entry)
		if (!agent_peer_allowed(*srv->cfp, c->uid, c->gid, c->groups,
		    c->ngroups)) {
			log_warnx("agent %s: no longer in agent_users or "
			    "agent_groups; closing", c->who);
			conn_close(c, "not allowed any more");
		}
}
