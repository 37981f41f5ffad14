/* test_store.c — the snapshot commit is all-or-nothing, alerts are
 * idempotent by id, and deliveries move through the outbox. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/store.h"

static char dir[64];

static void
add(struct recset *rs, const char *id, const char *name)
{
	struct record	r;

	record_init(&r);
	r.source = xstrdup("ofac-sdn");
	r.id = xstrdup(id);
	r.name = xstrdup(name);
	recset_collect_cb(&r, rs);
	record_reset(&r);
}

static void
test_commit_and_outbox(void **state)
{
	struct store		*st;
	struct recset		 base = { 0 }, loaded = { 0 };
	struct fetch_log	 l = { .source = "s", .format = "ofac-sdn-csv",
	    .url = "http://x/", .time = 1000, .http_status = 200,
	    .body_sha256 = "aa", .record_count = 2, .result = "baseline" };
	struct store_commit	 c = { 0 };
	struct store_change	 ch;
	struct store_alert	 al;
	struct source_state	 ss;
	struct store_delivery	*due;
	size_t			 ndue;
	const char		*chans[] = { "hook", "mail", NULL };
	char			 err[SW_ERRLEN], aid[] = "sw_1", abody[] = "{\"x\":1}";

	snprintf(dir, sizeof dir, "/tmp/sw-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	st = store_open(dir, err, sizeof err);
	if (st == NULL)
		fail_msg("%s", err);
	add(&base, "1", "ALPHA");
	add(&base, "2", "BRAVO");
	recset_sort(&base, 0, err, sizeof err);
	c.log = &l;
	c.baseline = &base;
	c.channels = chans;
	assert_int_equal(store_commit(st, &c, err, sizeof err), 0);
	assert_int_equal(store_source_state(st, "s", &ss, err, sizeof err), 0);
	assert_int_equal(ss.known, 1);
	assert_int_equal(ss.record_count, 2);
	assert_string_equal(ss.body_sha256, "aa");
	source_state_clear(&ss);
	assert_int_equal(store_load_records(st, "s", &loaded, err, sizeof err), 0);
	assert_int_equal(loaded.n, 2);
	assert_string_equal(loaded.v[1].hash, base.v[1].hash);

	/* A removal with an alert, committed twice: one alert, two rows. */
	memset(&c, 0, sizeof c);
	l.result = "changed";
	l.time = 2000;
	l.body_sha256 = "bb";
	l.record_count = 1;
	ch = (struct store_change){ CHANGE_REMOVED, "2", base.v[1].hash, NULL,
	    NULL };
	al = (struct store_alert){ aid, "removed", "2", abody };
	c.log = &l;
	c.changes = &ch;
	c.nchanges = 1;
	c.alerts = &al;
	c.nalerts = 1;
	c.channels = chans;
	assert_int_equal(store_commit(st, &c, err, sizeof err), 0);
	assert_int_equal(store_commit(st, &c, err, sizeof err), 0);
	assert_int_equal(store_due(st, 2000, &due, &ndue, err, sizeof err), 0);
	assert_int_equal(ndue, 2);
	assert_string_equal(due[0].alert_id, "sw_1");
	assert_string_equal(due[0].body, "{\"x\":1}");
	store_deliveries_free(due, ndue);
	assert_int_equal(store_delivery_update(st, "sw_1", "hook", "delivered",
	    1, 2000, NULL, 2000, err, sizeof err), 0);
	assert_int_equal(store_delivery_update(st, "sw_1", "mail", "pending",
	    1, 2600, "HTTP 503", 2000, err, sizeof err), 0);
	assert_int_equal(store_due(st, 2100, &due, &ndue, err, sizeof err), 0);
	assert_int_equal(ndue, 0);
	store_deliveries_free(due, ndue);
	assert_int_equal(store_due(st, 2600, &due, &ndue, err, sizeof err), 0);
	assert_int_equal(ndue, 1);
	assert_string_equal(due[0].channel, "mail");
	store_deliveries_free(due, ndue);

	/* A failed fetch keeps the snapshot and its hash. */
	l.result = "rejected";
	l.error = "sdn.csv:1: empty file";
	l.body_sha256 = "cc";
	assert_int_equal(store_log_fetch(st, &l, err, sizeof err), 0);
	assert_int_equal(store_source_state(st, "s", &ss, err, sizeof err), 0);
	assert_string_equal(ss.body_sha256, "bb");
	assert_string_equal(ss.status, "rejected");
	assert_int_equal(ss.record_count, 1);
	source_state_clear(&ss);

	recset_free(&loaded);
	recset_free(&base);
	store_close(st);
	{
		char *cmd = xasprintf("rm -rf %s", dir);

		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_and_outbox),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
