/* test_digest.c — digest mode: the id derived from the alert ids (any
 * order, never a second one), the body, its subject and text, the mail,
 * the `digest` option, and the outbox rows of one commit that move as one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "config/config.h"
#include "daemon/digest.h"
#include "daemon/store.h"
#include "notifiers/email.h"
#include "notifiers/format.h"

/* Three alerts of one commit, as daemon.c writes them (shortened). */
#define ALERT(id, rid, name, event, watch, kind) \
    "{\"alert_id\":\"" id "\",\"event\":\"" event "\",\"source\":\"ofac-sdn\"," \
    "\"record\":{\"source\":\"ofac-sdn\",\"id\":\"" rid "\",\"type\":" \
    "\"individual\",\"name\":\"" name "\",\"programs\":[\"RUSSIA-EO14024\"]," \
    "\"countries\":[\"ML\"]},\"fields\":[],\"matches\":[{\"watch\":\"" watch \
    "\",\"kind\":\"" kind "\",\"matched\":\"ML\",\"field\":\"countries\"," \
    "\"reason\":\"record touches Mali (ML)\"}],\"detected_at\":" \
    "\"2023-07-24T14:05:00Z\"}"

static const char a1[] = ALERT("sw_a", "42616", "GOITA, Assimi", "added",
    "country: Mali", "country");
static const char a2[] = ALERT("sw_b", "42617", "MAIGA, Choguel Kokalla",
    "added", "country: Mali", "country");
static const char a3[] = ALERT("sw_c", "42618", "CAMARA, Sadio", "added",
    "name: Sadio Camara", "name");
static const char r1[] = ALERT("sw_d", "1", "DIARRA, Alou", "removed",
    "country: Mali", "country");

static void
test_id(void **state)
{
	const char	*abc[] = { "sw_a", "sw_b", "sw_c" };
	const char	*cab[] = { "sw_c", "sw_a", "sw_b" };
	const char	*ab[] = { "sw_a", "sw_b" };
	char		 x[DIGEST_ID_LEN], y[DIGEST_ID_LEN], z[DIGEST_ID_LEN];

	digest_id(abc, 3, x);
	digest_id(cab, 3, y);
	digest_id(ab, 2, z);
	/* SHA-256 of "digest\nsw_a\nsw_b\nsw_c", computed with Python. */
	assert_string_equal(x, "swd_6f4154444730fd30cffd5edbead08f06");
	assert_string_equal(x, y);		/* order does not matter */
	assert_string_not_equal(x, z);		/* the set does */
	assert_int_equal(strlen(x), 36);
}

static void
test_body(void **state)
{
	const char	*in[] = { a3, a1, a2 }, *sorted[] = { a1, a2, a3 };
	char		*b = digest_body("swd_x", 17, in, 3);
	char		*b2 = digest_body("swd_x", 17, sorted, 3);
	json_t		*o = json_loads(b, 0, NULL), *al;

	assert_non_null(o);
	assert_string_equal(b, b2);		/* a re-send is byte for byte */
	assert_string_equal(json_string_value(json_object_get(o, "digest_id")),
	    "swd_x");
	assert_string_equal(json_string_value(json_object_get(o, "event")),
	    "digest");
	assert_string_equal(json_string_value(json_object_get(o, "source")),
	    "ofac-sdn");
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 3);
	assert_int_equal(json_integer_value(json_object_get(o, "fetch_seq")), 17);
	al = json_object_get(o, "alerts");
	assert_int_equal(json_array_size(al), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(al,
	    0), "alert_id")), "sw_a");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    json_array_get(al, 2), "record"), "name")), "CAMARA, Sadio");
	assert_string_equal(json_string_value(json_object_get(o, "detected_at")),
	    "2023-07-24T14:05:00Z");
	json_decref(o);
	free(b);
	free(b2);
}

static void
test_text(void **state)
{
	const char		*three[] = { a1, a2, a3 }, *mixed[] = { a1, r1 };
	const char		*one[] = { a1 }, *plain[] = { a1, a2 };
	struct alert_text	 t;
	char			 err[SW_ERRLEN], *b;

	b = digest_body("swd_x", 1, three, 3);
	assert_int_equal(alert_text_build(b, &t, err, sizeof err), 0);
	assert_string_equal(t.subject,
	    "3 new OFAC designations matching your watchlist");
	assert_int_equal(t.critical, 1);	/* CAMARA matched by name */
	assert_non_null(strstr(t.text, "--- 1 of 3 ---"));
	assert_non_null(strstr(t.text, "--- 3 of 3 ---"));
	assert_non_null(strstr(t.text, "ofac-sdn:42616"));
	assert_non_null(strstr(t.text, "ofac-sdn:42617"));
	assert_non_null(strstr(t.text, "ofac-sdn:42618"));
	assert_non_null(strstr(t.text, "New OFAC designation matching Sadio "
	    "Camara"));
	assert_non_null(strstr(t.text, "Digest id: swd_x"));
	for (char *p = t.text, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true(nl - p <= 78);
	}
	alert_text_clear(&t);
	free(b);

	b = digest_body("swd_y", 1, plain, 2);
	assert_int_equal(alert_text_build(b, &t, err, sizeof err), 0);
	assert_int_equal(t.critical, 0);	/* countries only */
	alert_text_clear(&t);
	free(b);

	b = digest_body("swd_y", 1, mixed, 2);
	assert_int_equal(alert_text_build(b, &t, err, sizeof err), 0);
	assert_string_equal(t.subject, "2 OFAC changes matching your watchlist");
	alert_text_clear(&t);
	free(b);

	b = digest_body("swd_z", 1, one, 1);
	assert_int_equal(alert_text_build(b, &t, err, sizeof err), 0);
	assert_string_equal(t.subject,
	    "New OFAC designation: GOITA, Assimi (Mali)");
	alert_text_clear(&t);
	free(b);
}

static void
test_message(void **state)
{
	const char	*three[] = { a1, a2, a3 };
	char		 err[SW_ERRLEN], *b = digest_body("swd_x", 1, three, 3);
	char		*m = email_message("alerts@example.org", "a@example.org",
			    "swd_x", b, 1690207500, err, sizeof err);

	assert_non_null(m);
	assert_non_null(strstr(m, "Message-ID: <swd_x@example.org>\r\n"));
	assert_non_null(strstr(m, "Subject: 3 new OFAC designations matching "
	    "your watchlist\r\n"));
	assert_non_null(strstr(m, "\r\n--- 2 of 3 ---\r\n"));
	free(m);
	free(b);
}

static char cpath[64];

static struct config *
load(const char *text, char *err)
{
	FILE	*f;
	int	 fd;

	snprintf(cpath, sizeof cpath, "/tmp/sw-digest-XXXXXX");
	fd = mkstemp(cpath);
	assert_true(fd != -1);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return config_load(cpath, err, SW_ERRLEN);
}

#define HOOK "[notify hook]\ntype = webhook\nurl = http://127.0.0.1:1/\n" \
    "secret = whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"

static void
test_config(void **state)
{
	char		 err[SW_ERRLEN];
	struct config	*cf;

	if ((cf = load(HOOK, err)) == NULL)
		fail_msg("%s", err);
	assert_int_equal(cf->notifies[0].digest, 0);	/* default no */
	config_free(cf);
	unlink(cpath);
	if ((cf = load(HOOK "digest = yes\n", err)) == NULL)
		fail_msg("%s", err);
	assert_int_equal(cf->notifies[0].digest, 1);
	config_free(cf);
	unlink(cpath);
	if ((cf = load("[notify m]\ntype = email\nurl = smtp://127.0.0.1:1\n"
	    "from = a@example.org\nto = b@example.org\ndigest = yes\n",
	    err)) == NULL)
		fail_msg("%s", err);
	assert_int_equal(cf->notifies[0].digest, 1);
	config_free(cf);
	unlink(cpath);

	assert_null(load(HOOK "digest = maybe\n", err));
	assert_non_null(strstr(err, ":5: digest: bad value \"maybe\""));
	unlink(cpath);
	assert_null(load("[notify d]\ntype = desktop\ndigest = yes\n", err));
	assert_non_null(strstr(err, "[notify d]: digest is for webhook and "
	    "email"));
	unlink(cpath);
}

static char dir[64];

/* The rows of one commit share its fetch seq; they move as one. */
static void
test_outbox(void **state)
{
	struct fetch_log	 l = { .source = "s", .format = "ofac-sdn-csv",
	    .url = "http://x/", .time = 1000, .http_status = 200,
	    .body_sha256 = "aa", .record_count = 0, .result = "changed" };
	char			 ida[] = "sw_a", idb[] = "sw_b", idc[] = "sw_c";
	char			 m1[] = "sw_m1", m2[] = "sw_m2";
	char			 mbody[] = "{\"event\":\"meta\"}";
	char			*b1 = strdup(a1), *b2 = strdup(a2);
	struct store_alert	 al[2] = { { ida, "added", "1", b1 },
				    { idb, "added", "2", b2 } };
	struct store_alert	 metas[2] = { { m1, "meta", NULL, mbody },
				    { m2, "meta", NULL, mbody } };
	struct store_commit	 c = { 0 };
	struct store_delivery	*due;
	struct store_alert_info	*info;
	struct store		*st;
	const char		*chans[] = { "hook", "mail", NULL };
	const char		*ids[] = { "sw_a", "sw_b" };
	const char		*mail[] = { "mail", NULL };
	char			 err[SW_ERRLEN], cmd[128];
	size_t			 n;
	int64_t			 seq;

	snprintf(dir, sizeof dir, "/tmp/sw-digest-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	if ((st = store_open(dir, err, sizeof err)) == NULL)
		fail_msg("%s", err);
	c.log = &l;
	c.alerts = al;
	c.nalerts = 2;
	c.channels = chans;
	assert_int_equal(store_commit(st, &c, err, sizeof err), 0);
	l.time = 1001;
	c.nalerts = 1;
	al[0].id = idc;
	assert_int_equal(store_commit(st, &c, err, sizeof err), 0);

	assert_int_equal(store_due(st, 2000, &due, &n, err, sizeof err), 0);
	assert_int_equal(n, 6);
	/* One commit on one channel is a run: hook sw_a, hook sw_b, ... */
	assert_string_equal(due[0].channel, "hook");
	assert_string_equal(due[1].channel, "hook");
	assert_true(due[0].fetch_seq > 0);
	assert_int_equal(due[0].fetch_seq, due[1].fetch_seq);
	assert_int_equal(due[0].fetch_seq, due[3].fetch_seq);
	assert_true(due[4].fetch_seq > due[0].fetch_seq);	/* next commit */
	assert_string_equal(due[4].alert_id, "sw_c");
	seq = due[0].fetch_seq;
	store_deliveries_free(due, n);

	assert_int_equal(store_deliveries_update(st, ids, 2, "hook", "pending",
	    1, 1500, "HTTP 500", 1000, err, sizeof err), 0);
	assert_int_equal(store_due(st, 1400, &due, &n, err, sizeof err), 0);
	assert_int_equal(n, 4);		/* mail sw_a, sw_b; then sw_c twice */
	for (size_t i = 0; i < n; i++)
		if (strcmp(due[i].channel, "hook") == 0)
			assert_string_equal(due[i].alert_id, "sw_c");
	store_deliveries_free(due, n);

	/* Past its lifetime the digest dies whole, a meta-alert for each. */
	assert_int_equal(store_deliveries_dead(st, ids, 2, "hook", 9, "gone",
	    1600, metas, mail, err, sizeof err), 0);
	assert_int_equal(store_alerts_list(st, "sw_b", 1, &info, &n, err,
	    sizeof err), 0);
	assert_string_equal(info[0].d[0].channel, "hook");
	assert_string_equal(info[0].d[0].state, "dead");
	assert_int_equal(info[0].d[0].attempts, 9);
	store_alert_infos_free(info, n);
	assert_int_equal(store_alerts_list(st, "sw_m2", 1, &info, &n, err,
	    sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(info[0].nd, 1);
	assert_string_equal(info[0].d[0].channel, "mail");
	store_alert_infos_free(info, n);
	assert_true(seq > 0);
	store_close(st);
	free(b1);
	free(b2);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_body),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_outbox),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
