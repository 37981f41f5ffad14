/* test_store.c — the snapshot commit is all-or-nothing, alerts are
 * idempotent by id, deliveries move through the outbox, and the matches
 * suppressions silenced are kept with the snapshot that shows them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

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
rm_dir(void)
{
	char	*cmd = xasprintf("rm -rf %s", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* A new store in a new dir holding the baseline ALPHA (1) and BRAVO (2)
 * of source; *l is its fetch, for the next commit to edit. */
static struct store *
store_with_baseline(const char *source, struct fetch_log *l,
    struct recset *base)
{
	struct store		*st;
	struct store_commit	 c = { 0 };
	char			 err[SW_ERRLEN];

	snprintf(dir, sizeof dir, "/tmp/sw-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	if ((st = store_open(dir, err, sizeof err)) == NULL)
		fail_msg("%s", err);
	add(base, "1", "ALPHA");
	add(base, "2", "BRAVO");
	recset_sort(base, 0, err, sizeof err);
	*l = (struct fetch_log){ .source = source, .format = "ofac-sdn-csv",
	    .url = "http://x/", .time = 1000, .http_status = 200,
	    .body_sha256 = "aa", .record_count = 2, .result = "baseline" };
	c.log = l;
	c.baseline = base;
	if (store_commit(st, &c, err, sizeof err) == -1)
		fail_msg("%s", err);
	return st;
}

static void
test_commit_and_outbox(void **state)
{
	struct store		*st;
	struct recset		 base = { 0 }, loaded = { 0 };
	struct fetch_log	 l;
	struct store_commit	 c = { 0 };
	struct store_change	 ch;
	struct store_alert	 al;
	struct source_state	 ss;
	struct store_delivery	*due;
	size_t			 ndue;
	const char		*chans[] = { "hook", "mail", NULL };
	char			 err[SW_ERRLEN], aid[] = "sw_1", abody[] = "{\"x\":1}";

	st = store_with_baseline("s", &l, &base);
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
	rm_dir();
}

/* An audit row of a removal, owned as the daemon builds it. */
static void
row(struct store_suppressed *x, const char *id, const char *name,
    const char *watch, const char *reviewer, const char *reason,
    int64_t line, const char *alert_id)
{
	memset(x, 0, sizeof *x);
	x->record_id = xstrdup(id);
	x->event = xstrdup("removed");
	x->name = xstrdup(name);
	x->content_hash = xasprintf("c%s", id);
	x->watch = watch ? xstrdup(watch) : NULL;
	x->reviewer = xstrdup(reviewer);
	x->reason = xstrdup(reason);
	x->expires = xstrdup("2099-06-30");
	x->file = xstrdup("/etc/s.txt");
	x->line = line;
	x->alert_id = alert_id ? xstrdup(alert_id) : NULL;
}

/*
 * The audit of suppressed matches: a store made before the table gains it
 * on open; rows land with the commit, newest first, and a commit that
 * fails leaves neither its snapshot change nor its rows.
 */
static void
test_suppressed_audit(void **state)
{
	struct store		*st;
	struct recset		 base = { 0 }, loaded = { 0 };
	struct fetch_log	 l;
	struct store_commit	 c = { 0 };
	struct store_change	 ch;
	struct store_alert	 al;
	struct store_suppressed	*sv = xcalloc(2, sizeof *sv), *v;
	struct store_source_stats sst;
	size_t			 n;
	sqlite3			*db;
	char			 err[SW_ERRLEN], *path;
	char			 aid[] = "sw_2", abody[] = "{}";

	(void)state;
	/* A store from before the audit: no suppressed table. */
	st = store_with_baseline("sdn", &l, &base);
	store_close(st);
	path = xasprintf("%s/sanctwatch.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE suppressed", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	free(path);
	st = store_open(dir, err, sizeof err);
	if (st == NULL)
		fail_msg("%s", err);
	assert_int_equal(store_suppressed_list(st, 10, &v, &n, err,
	    sizeof err), 0);
	assert_int_equal(n, 0);
	store_suppressed_free(v, n);

	/* Record 2 is removed: one watch silenced, another alerts. */
	memset(&c, 0, sizeof c);
	l.result = "changed";
	l.time = 2000;
	l.body_sha256 = "bb";
	l.record_count = 1;
	ch = (struct store_change){ CHANGE_REMOVED, "2", base.v[1].hash, NULL,
	    NULL };
	al = (struct store_alert){ aid, "removed", "2", abody };
	row(&sv[0], "2", "BRAVO", "name: Bravo", "ana", "not ours", 3, aid);
	c.log = &l;
	c.changes = &ch;
	c.nchanges = 1;
	c.alerts = &al;
	c.nalerts = 1;
	c.suppressed = sv;
	c.nsuppressed = 1;
	assert_int_equal(store_commit(st, &c, err, sizeof err), 0);

	/* Record 1 is removed and every match is silenced; the second row
	 * is broken (no watch), so the whole commit fails: the snapshot
	 * keeps record 1 and no row of the commit is kept. */
	memset(&c, 0, sizeof c);
	l.time = 3000;
	l.body_sha256 = "cc";
	ch = (struct store_change){ CHANGE_REMOVED, "1", base.v[0].hash, NULL,
	    NULL };
	store_suppressed_free(sv, 1);
	sv = xcalloc(2, sizeof *sv);
	row(&sv[0], "1", "ALPHA", "name: Alpha", "bo", "born 1961", 1, NULL);
	row(&sv[1], "1", "ALPHA", NULL, "bo", "born 1961", 2, NULL);
	c.log = &l;
	c.changes = &ch;
	c.nchanges = 1;
	c.suppressed = sv;
	c.nsuppressed = 2;
	assert_int_equal(store_commit(st, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "insert suppressed"));
	assert_int_equal(store_load_records(st, "sdn", &loaded, err,
	    sizeof err), 0);
	assert_int_equal(loaded.n, 1);
	assert_string_equal(loaded.v[0].id, "1");
	recset_free(&loaded);
	assert_int_equal(store_suppressed_list(st, 10, &v, &n, err,
	    sizeof err), 0);
	assert_int_equal(n, 1);
	store_suppressed_free(v, n);

	/* The same without the broken row. */
	c.nsuppressed = 1;
	assert_int_equal(store_commit(st, &c, err, sizeof err), 0);
	assert_int_equal(store_suppressed_list(st, 10, &v, &n, err,
	    sizeof err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].source, "sdn");
	assert_string_equal(v[0].record_id, "1");
	assert_string_equal(v[0].event, "removed");
	assert_string_equal(v[0].name, "ALPHA");
	assert_string_equal(v[0].content_hash, "c1");
	assert_string_equal(v[0].watch, "name: Alpha");
	assert_string_equal(v[0].reviewer, "bo");
	assert_string_equal(v[0].reason, "born 1961");
	assert_string_equal(v[0].expires, "2099-06-30");
	assert_string_equal(v[0].file, "/etc/s.txt");
	assert_int_equal(v[0].line, 1);
	assert_null(v[0].alert_id);
	assert_int_equal(v[0].detected, 3000);
	assert_string_equal(v[1].record_id, "2");
	assert_string_equal(v[1].alert_id, "sw_2");
	assert_int_equal(v[1].detected, 2000);
	store_suppressed_free(v, n);
	assert_int_equal(store_suppressed_list(st, 1, &v, &n, err,
	    sizeof err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].record_id, "1");
	store_suppressed_free(v, n);
	assert_int_equal(store_source_stats(st, "sdn", &sst, err, sizeof err),
	    0);
	assert_int_equal(sst.suppressed, 2);
	assert_int_equal(store_source_stats(st, "other", &sst, err,
	    sizeof err), 0);
	assert_int_equal(sst.suppressed, 0);

	store_suppressed_free(sv, 2);
	recset_free(&base);
	store_close(st);
	rm_dir();
}

/* A store a newer sanctwatch made is refused with one line, and left as
 * it is. */
static void
test_newer_schema(void **state)
{
	struct store		*st;
	struct recset		 base = { 0 };
	struct fetch_log	 l;
	sqlite3			*db;
	char			 err[SW_ERRLEN], *path;

	(void)state;
	st = store_with_baseline("sdn", &l, &base);
	store_close(st);
	path = xasprintf("%s/sanctwatch.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE meta SET value='2' WHERE "
	    "key='schema_version'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_open(dir, err, sizeof err));
	assert_non_null(strstr(err, "sanctwatch.db: made by a newer sanctwatch "
	    "(schema 2; this one reads up to 1)"));
	/* nothing written over: the version is still the newer one */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	{
		sqlite3_stmt *s;

		assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM meta "
		    "WHERE key='schema_version'", -1, &s, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(s, 0), "2");
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	free(path);
	recset_free(&base);
	rm_dir();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_and_outbox),
		cmocka_unit_test(test_suppressed_audit),
		cmocka_unit_test(test_newer_schema),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
