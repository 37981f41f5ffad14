/* test_agent.c — the desktop hand-off (daemon/agent.c): the allow-list
 * from agent_users / agent_groups, the channels a hello may ask for, the
 * alert line, and a real socket served on a libevent loop: a row is
 * reported delivered only after the ack, a connection lost before it
 * reports nothing and the row stays due, a wrong ack closes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/event.h>

#include "config/config.h"
#include "daemon/agent.h"
#include "daemon/store.h"
#include "notifiers/format.h"

static const char camara[] =
    "{\"alert_id\":\"sw_5c0f\",\"event\":\"added\",\"source\":\"ofac-sdn\","
    "\"record\":{\"source\":\"ofac-sdn\",\"id\":\"42618\",\"type\":\"individual\","
    "\"name\":\"CAMARA, Sadio\",\"programs\":[\"RUSSIA-EO14024\"],"
    "\"countries\":[\"ML\"]},\"fields\":[],\"matches\":[{\"watch\":"
    "\"name: Sadio Camara\",\"kind\":\"name\",\"score\":1.0,\"matched\":"
    "\"CAMARA, Sadio\",\"field\":\"name\",\"reason\":\"all words\"}],"
    "\"detected_at\":\"2023-07-24T14:05:00Z\"}";

static const char diarra[] =
    "{\"alert_id\":\"sw_1\",\"event\":\"removed\",\"source\":\"eu-fsf\","
    "\"record\":{\"source\":\"eu-fsf\",\"id\":\"7\",\"name\":\"DIARRA, Alou\"},"
    "\"matches\":[{\"watch\":\"country: Mali\",\"kind\":\"country\"}]}";

static char dir[64];

/* A config file in dir; NULL with err. */
static struct config *
load(const char *text, char *err)
{
	char	 path[128];
	FILE	*f;

	if (dir[0] == '\0') {
		snprintf(dir, sizeof dir, "/tmp/sw-agent-XXXXXX");
		assert_non_null(mkdtemp(dir));
	}
	snprintf(path, sizeof path, "%s/sanctwatch.conf", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return config_load(path, err, SW_ERRLEN);
}

static void
test_allow_list(void **state)
{
	static const struct {
		unsigned	uid, gid;
		gid_t		groups[2];
		size_t		ngroups;
		int		allowed;
	} cases[] = {
		{ 1000, 100, { 0 }, 0, 1 },		/* named user */
		{ 0, 0, { 0 }, 0, 1 },			/* root, by name */
		{ 1001, 2000, { 0 }, 0, 1 },		/* primary group */
		{ 1001, 100, { 5, 2000 }, 2, 1 },	/* supplementary */
		{ 1001, 100, { 5, 6 }, 2, 0 },		/* neither */
		{ 65534, 65534, { 0 }, 0, 0 },
	};
	char		 err[SW_ERRLEN];
	struct config	*cf = load("[sanctwatch]\nagent_users = root, 1000\n"
	    "agent_groups = 2000\n", err);

	if (cf == NULL)
		fail_msg("%s", err);
	assert_int_equal(cf->nagent_uids, 2);
	assert_int_equal(cf->agent_uids[0], 0);
	assert_string_equal(cf->agent_socket, "/run/sanctwatch/agent.sock");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (agent_peer_allowed(cf, cases[i].uid, cases[i].gid,
		    cases[i].groups, cases[i].ngroups) != cases[i].allowed)
			fail_msg("case %zu: uid %u gid %u", i, cases[i].uid,
			    cases[i].gid);
	config_free(cf);

	/* Nobody is allowed by default; a relative socket path is the
	 * config's neighbour. */
	cf = load("[sanctwatch]\nagent_socket = run/a.sock\n", err);
	if (cf == NULL)
		fail_msg("%s", err);
	assert_false(agent_peer_allowed(cf, 0, 0, NULL, 0));
	assert_non_null(strstr(cf->agent_socket, "/run/a.sock"));
	assert_int_equal(strncmp(cf->agent_socket, dir, strlen(dir)), 0);
	config_free(cf);

	/* A name that resolves to nobody fails the load. */
	assert_null(load("[sanctwatch]\nagent_users = no-such-user-sw\n", err));
	assert_non_null(strstr(err, "agent_users: no user \"no-such-user-sw\""));
	assert_null(load("[sanctwatch]\nagent_groups = 12, no-such-group-sw\n",
	    err));
	assert_non_null(strstr(err, "agent_groups: no group \"no-such-group-sw\""));
}

static const char chans_conf[] =
    "[sanctwatch]\nagent_users = 0\n\n"
    "[notify desk]\ntype = desktop\nmode = agent\n\n"
    "[notify pop]\ntype = desktop\n\n"
    "[notify desk2]\ntype = desktop\nmode = agent\n";

static void
test_hello(void **state)
{
	static const struct {
		const char	*hello;
		const char	*want;	/* names joined by ",", or an error */
	} cases[] = {
		{ "{\"type\":\"hello\",\"version\":1}", "desk,desk2" },
		{ "{\"type\":\"hello\",\"version\":1,\"channels\":[]}",
		  "desk,desk2" },
		{ "{\"type\":\"hello\",\"version\":1,\"channels\":[\"desk2\","
		  "\"desk2\"]}", "desk2" },
		{ "{\"type\":\"hello\",\"version\":1,\"channels\":[\"pop\"]}",
		  "no desktop channel [notify pop] with mode = agent" },
		{ "{\"type\":\"hello\",\"version\":1,\"channels\":[\"nope\"]}",
		  "no desktop channel [notify nope] with mode = agent" },
		{ "{\"type\":\"hello\",\"version\":2}", "protocol version 1" },
		{ "{\"type\":\"ack\",\"version\":1}", "expected a hello" },
		{ "{\"type\":\"hello\",\"version\":1,\"channels\":\"desk\"}",
		  "channels must be an array of names" },
		{ "{\"type\":\"hello\",\"version\":1,\"channels\":[1]}",
		  "channels must be an array of names" },
	};
	char		 err[SW_ERRLEN];
	struct config	*cf = load(chans_conf, err);

	if (cf == NULL)
		fail_msg("%s", err);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t		*o = json_loads(cases[i].hello, 0, NULL);
		struct strvec	 v = { 0 };
		struct buf	 b = { 0 };

		assert_non_null(o);
		if (agent_hello_channels(cf, o, &v, err, sizeof err) == 0)
			for (size_t k = 0; k < v.n; k++) {
				if (k > 0)
					buf_addc(&b, ',');
				buf_adds(&b, v.v[k]);
			}
		else
			buf_adds(&b, err);
		if (strstr(buf_cstr(&b), cases[i].want) == NULL)
			fail_msg("case %zu: want \"%s\", got \"%s\"", i,
			    cases[i].want, buf_cstr(&b));
		buf_free(&b);
		strvec_clear(&v);
		json_decref(o);
	}
	config_free(cf);
}

static void
test_alert_line(void **state)
{
	char			 id[] = "sw_5c0f", chan[] = "desk", ev[] = "added";
	char			 body[sizeof camara], bad[] = "[1]";
	struct store_delivery	 it = { id, chan, body, 0, 0, ev, 0 };
	struct alert_text	 t;
	char			 err[SW_ERRLEN], *line;
	json_t			*o;

	memcpy(body, camara, sizeof camara);
	assert_non_null(line = agent_alert_line(7, &it, err, sizeof err));
	/* One line, ending in its newline. */
	assert_int_equal(line[strlen(line) - 1], '\n');
	assert_true(strchr(line, '\n') == line + strlen(line) - 1);
	assert_non_null(o = json_loads(line, 0, NULL));
	assert_int_equal(alert_text_build(camara, &t, err, sizeof err), 0);
	assert_string_equal(json_string_value(json_object_get(o, "type")), "alert");
	assert_int_equal(json_integer_value(json_object_get(o, "delivery")), 7);
	assert_string_equal(json_string_value(json_object_get(o, "alert_id")),
	    "sw_5c0f");
	assert_string_equal(json_string_value(json_object_get(o, "channel")),
	    "desk");
	assert_string_equal(json_string_value(json_object_get(o, "summary")),
	    t.subject);
	assert_string_equal(json_string_value(json_object_get(o, "body")),
	    t.brief);
	assert_true(json_is_true(json_object_get(o, "critical")));
	alert_text_clear(&t);
	json_decref(o);
	free(line);

	it.body = bad;
	assert_null(agent_alert_line(8, &it, err, sizeof err));
}

/* The server on a real socket, its hooks recording what it reports. */
struct hook_log {
	struct store	*st;
	int		 admitted;
	int		 ok;
	int		 retry;
};

static int
admit_cb(struct store_delivery *it, struct notify_conf *nc, void *arg)
{
	((struct hook_log *)arg)->admitted++;
	return 1;
}

static void
result_cb(struct store_delivery *it, struct notify_conf *nc,
    enum notify_status st, const char *error, void *arg)
{
	struct hook_log	*h = arg;
	char		 err[SW_ERRLEN];

	if (st == NOTIFY_OK) {
		h->ok++;
		assert_int_equal(store_delivery_update(h->st, it->alert_id,
		    it->channel, "delivered", 1, 0, NULL, 1, err, sizeof err), 0);
	} else
		h->retry++;
}

/* A test agent: its socket and what it has read but not parsed. */
struct peer {
	int	fd;
	char	buf[8192];
	size_t	len;
};

static void
client(struct peer *p, const char *path)
{
	struct sockaddr_un	sun = { .sun_family = AF_UNIX };

	memset(p, 0, sizeof *p);
	p->fd = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s", path);
	assert_int_equal(connect(p->fd, (struct sockaddr *)&sun, sizeof sun), 0);
}

static void
say(struct peer *p, const char *line)
{
	assert_int_equal(write(p->fd, line, strlen(line)),
	    (ssize_t)strlen(line));
}

/* Runs the loop until the peer has a whole line (2 s at most); NULL on
 * EOF. */
static json_t *
hear(struct event_base *base, struct peer *p)
{
	char	*nl;
	json_t	*o;

	for (int i = 0; i < 2000; i++) {
		ssize_t	n;

		if ((nl = memchr(p->buf, '\n', p->len)) != NULL) {
			o = json_loadb(p->buf, (size_t)(nl - p->buf), 0, NULL);
			p->len -= (size_t)(nl + 1 - p->buf);
			memmove(p->buf, nl + 1, p->len);
			assert_non_null(o);
			return o;
		}
		event_base_loop(base, EVLOOP_NONBLOCK);
		n = recv(p->fd, p->buf + p->len, sizeof p->buf - p->len,
		    MSG_DONTWAIT);
		if (n == 0)
			return NULL;
		if (n > 0)
			p->len += (size_t)n;
		else
			usleep(1000);
	}
	fail_msg("no line from the daemon");
	return NULL;
}

static const char *
type_of(json_t *o)
{
	return o ? json_string_value(json_object_get(o, "type")) : "EOF";
}

static void
spin(struct event_base *base)
{
	for (int i = 0; i < 50; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		usleep(1000);
	}
}

static int64_t
due_count(struct store *st)
{
	struct store_delivery	*v;
	size_t			 n;
	char			 err[SW_ERRLEN];

	assert_int_equal(store_due_channel(st, "desk", INT64_MAX, &v, &n, err,
	    sizeof err), 0);
	store_deliveries_free(v, n);
	return (int64_t)n;
}

static void
test_server(void **state)
{
	char			 err[SW_ERRLEN], text[512], sock[128];
	char			 id1[] = "sw_5c0f", id2[] = "sw_1";
	char			 b1[sizeof camara], b2[sizeof diarra];
	struct store_alert	 a1 = { id1, "added", "42618", b1 };
	struct store_alert	 a2 = { id2, "removed", "7", b2 };
	const char		*chans[] = { "desk", NULL };
	struct hook_log		 h = { 0 };
	struct agent_hooks	 hooks = { admit_cb, result_cb, &h };
	struct agent_server	*srv;
	struct event_base	*base = event_base_new();
	struct config		*cf;
	json_t			*o;
	struct peer		 p1, p2;

	memcpy(b1, camara, sizeof camara);
	memcpy(b2, diarra, sizeof diarra);
	if (dir[0] == '\0')
		assert_non_null(load("[sanctwatch]\n", err));
	snprintf(text, sizeof text, "[sanctwatch]\nagent_socket = a.sock\n"
	    "agent_users = %u\n\n[notify desk]\ntype = desktop\nmode = agent\n",
	    (unsigned)getuid());
	if ((cf = load(text, err)) == NULL)
		fail_msg("%s", err);
	snprintf(sock, sizeof sock, "%s", cf->agent_socket);
	if ((h.st = store_open(dir, err, sizeof err)) == NULL)
		fail_msg("%s", err);
	assert_int_equal(store_alert_add(h.st, &a1, "ofac-sdn", 100, chans, err,
	    sizeof err), 0);
	if (agent_start(base, h.st, &cf, &hooks, &srv, err, sizeof err) == -1)
		fail_msg("%s", err);
	assert_non_null(srv);

	/* Hello, welcome, then the alert: not delivered until the ack. */
	client(&p1, sock);
	say(&p1, "{\"type\":\"hello\",\"version\":1}\n");
	o = hear(base, &p1);
	assert_string_equal(type_of(o), "welcome");
	json_decref(o);
	o = hear(base, &p1);
	assert_string_equal(type_of(o), "alert");
	assert_string_equal(json_string_value(json_object_get(o, "alert_id")),
	    "sw_5c0f");
	assert_int_equal(json_integer_value(json_object_get(o, "delivery")), 1);
	json_decref(o);
	spin(base);
	assert_int_equal(h.ok, 0);
	assert_int_equal(due_count(h.st), 1);

	/* A second agent is not offered the row in flight. */
	client(&p2, sock);
	say(&p2, "{\"type\":\"hello\",\"version\":1,\"channels\":[\"desk\"]}\n");
	o = hear(base, &p2);
	assert_string_equal(type_of(o), "welcome");
	json_decref(o);
	o = hear(base, &p2);
	assert_string_equal(type_of(o), "idle");
	json_decref(o);

	/* The ack: reported once, then idle. */
	say(&p1, "{\"type\":\"ack\",\"delivery\":1}\n");
	o = hear(base, &p1);
	assert_string_equal(type_of(o), "idle");
	json_decref(o);
	assert_int_equal(h.ok, 1);
	assert_int_equal(due_count(h.st), 0);

	/* A new alert is pushed on the kick; the first agent, now idle,
	 * gets it (the second is idle too: one of them takes it). Closing
	 * before the ack reports nothing and the row stays due. */
	assert_int_equal(store_alert_add(h.st, &a2, "eu-fsf", 101, chans, err,
	    sizeof err), 0);
	agent_kick(srv);
	o = hear(base, &p1);
	assert_string_equal(type_of(o), "alert");
	assert_int_equal(json_integer_value(json_object_get(o, "delivery")), 2);
	json_decref(o);
	close(p1.fd);
	spin(base);
	assert_int_equal(h.ok, 1);
	assert_int_equal(h.retry, 0);
	assert_int_equal(due_count(h.st), 1);

	/* The other agent now gets it; a fail is reported as a retry, and
	 * an ack for a delivery not in flight closes the connection. */
	agent_kick(srv);
	o = hear(base, &p2);
	assert_string_equal(type_of(o), "alert");
	assert_int_equal(json_integer_value(json_object_get(o, "delivery")), 1);
	json_decref(o);
	say(&p2, "{\"type\":\"fail\",\"delivery\":1,\"error\":\"no bus\"}\n");
	spin(base);
	assert_int_equal(h.retry, 1);
	say(&p2, "{\"type\":\"ack\",\"delivery\":5}\n");
	for (o = hear(base, &p2); o != NULL && strcmp(type_of(o), "error") != 0;
	    o = hear(base, &p2))
		json_decref(o);
	assert_string_equal(type_of(o), "error");
	json_decref(o);
	assert_null(hear(base, &p2));
	close(p2.fd);
	assert_int_equal(h.ok, 1);

	agent_stop(srv);
	/* The socket it bound is removed. */
	assert_int_equal(access(sock, F_OK), -1);
	store_close(h.st);
	config_free(cf);
	event_base_free(base);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allow_list),
		cmocka_unit_test(test_hello),
		cmocka_unit_test(test_alert_line),
		cmocka_unit_test(test_server),
	};
	int	rc = cmocka_run_group_tests(tests, NULL, NULL);
	char	cmd[128];

	if (dir[0] != '\0') {
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			rc = 1;
	}
	return rc;
}
