/* test_suppress.c — suppression lines: the parser's errors, and what a
 * line without hash= means to the daemon: the record as the snapshot holds
 * it when the line is first loaded (kept in the store by line, so a
 * restart or a reload means the same), or as first seen when no snapshot
 * holds it; a material change fires again, an expired line silences
 * nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/match.h"
#include "daemon/store.h"
#include "daemon/suppress_pin.h"
#include "tests/unit/camara.h"

#define NOW	1714737600	/* 2024-05-03T12:00:00Z */

struct fx {
	char		 dir[64];
	struct store	*st;
	int64_t		 time;		/* of the next commit */
};

/* CAMARA, Sadio as OFAC publishes him, with extra remarks and an alias. */
static void
camara(struct record *r, const char *more, const char *alias)
{
	char	*remarks = xasprintf("DOB 22 Mar 1979; nationality Mali; "
	    "Passport DA0004031 (Mali)%s.", more ? more : "");

	camara_record(r, remarks, alias);
	free(remarks);
}

static void
content(const char *more, const char *alias, char out[65])
{
	struct record	r;

	camara(&r, more, alias);
	match_content_hash(&r, out);
	record_reset(&r);
}

/* Commits CAMARA as a baseline (old NULL) or a modification of the
 * snapshot of source "sdn" (a configured name that is not the record's). */
static void
commit(struct fx *f, int baseline, const char *more, const char *alias,
    const struct store_pin *pins, size_t npins)
{
	struct recset		 rs = { 0 }, old = { 0 };
	struct record		 r;
	struct fetch_log	 l = { .source = "sdn", .format = "ofac-sdn-csv",
	    .url = "http://x/", .http_status = 200, .body_sha256 = "aa",
	    .record_count = 1 };
	struct store_commit	 c = { 0 };
	struct store_change	 ch;
	const char		*chans[] = { NULL };
	char			 err[SW_ERRLEN];

	l.time = f->time++;
	camara(&r, more, alias);
	recset_collect_cb(&r, &rs);
	record_reset(&r);
	assert_int_equal(recset_sort(&rs, 0, err, sizeof err), 0);
	c.log = &l;
	c.channels = chans;
	c.pins = pins;
	c.npins = npins;
	if (baseline) {
		l.result = "baseline";
		c.baseline = &rs;
	} else {
		assert_int_equal(store_load_records(f->st, "sdn", &old, err,
		    sizeof err), 0);
		assert_int_equal(old.n, 1);
		l.result = "changed";
		ch = (struct store_change){ CHANGE_MODIFIED, "42618",
		    old.v[0].hash, &rs.v[0], NULL };
		c.changes = &ch;
		c.nchanges = 1;
	}
	if (store_commit(f->st, &c, err, sizeof err) == -1)
		fail_msg("%s", err);
	recset_free(&old);
	recset_free(&rs);
}

/* Whether CAMARA's line silences watch now, for a record of content hash
 * that stood at first before the change. */
static int
silenced(struct suppressions *ss, const char *watch, const char *hash,
    const char *first, struct suppression *hit)
{
	return match_suppress_find(ss, watch, "ofac-sdn", "42618", hash, first,
	    NOW, hit);
}

static struct suppressions *
parse(const char *text)
{
	struct suppressions	*ss;
	char			 err[SW_ERRLEN];

	if ((ss = match_suppress_parse(text, strlen(text), "supp.txt", err,
	    sizeof err)) == NULL)
		fail_msg("%s", err);
	return ss;
}

/* The set of text, pinned against the fixture's store at now as the
 * daemon loads it; *n gets what pinning did. */
static struct suppressions *
load(struct fx *f, const char *text, int64_t now,
    struct suppress_pin_stats *n)
{
	struct suppressions	*ss = parse(text);
	char			 err[SW_ERRLEN];

	if (suppress_pin(ss, f->st, now, "supp.txt", n, err, sizeof err) == -1)
		fail_msg("%s", err);
	return ss;
}

static int
setup(void **state)
{
	struct fx	*f = xcalloc(1, sizeof *f);
	char		 err[SW_ERRLEN];

	snprintf(f->dir, sizeof f->dir, "/tmp/sw-supp-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	if ((f->st = store_open(f->dir, err, sizeof err)) == NULL)
		fail_msg("%s", err);
	f->time = NOW - 1000;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;
	char		*cmd = xasprintf("rm -rf %s", f->dir);

	store_close(f->st);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f);
	return 0;
}

static void
test_parse_errors(void **state)
{
	static const struct {
		const char	*text;
		const char	*err;
	} bad[] = {
		{ "name: A | ofac-sdn:1 | reason=r | reviewer=v | expires=2099-1-1",
		  "supp.txt:1: expires is YYYY-MM-DD" },
		{ "name: A | ofac-sdn:1 | reason=r | reviewer=v | expires=31.12.2099",
		  "supp.txt:1: expires is YYYY-MM-DD" },
		{ "# c\nname: A | ofac-sdn:1 | reason=r | expires=2099-12-31",
		  "supp.txt:2: a suppression needs a reason, a reviewer" },
		{ "name: A | 42618 | reason=r | reviewer=v | expires=2099-12-31",
		  "supp.txt:1: expected WATCH | SOURCE:ID" },
		{ "name: A | ofac-sdn: | reason=r | reviewer=v | expires=2099-12-31",
		  "supp.txt:1: expected WATCH | SOURCE:ID" },
		{ "name: A | :42618 | reason=r | reviewer=v | expires=2099-12-31",
		  "supp.txt:1: expected WATCH | SOURCE:ID" },
		{ "name: A | ofac-sdn:1 | reason=r | reviewer=v | expires=2099-12-31"
		  " | hash=ABC", "supp.txt:1: hash is 64 lower-case hex digits" },
		{ "name: A | ofac-sdn:1 | reason=r | reviewer=v | expires=2099-12-31"
		  " | by=me", "supp.txt:1: unknown key \"by\"" },
	};
	char	err[SW_ERRLEN];

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err[0] = '\0';
		assert_null(match_suppress_parse(bad[i].text, strlen(bad[i].text),
		    "supp.txt", err, sizeof err));
		if (strstr(err, bad[i].err) == NULL)
			fail_msg("%s: got \"%s\", want \"%s\"", bad[i].text, err,
			    bad[i].err);
	}
}

/* Loaded when the snapshot holds V1: V1 and a remarks-only V2 are
 * silenced, a new alias (V3) is not, and after V3 is stored a restart
 * still means V1. An edited line is a new review and pins V3. */
static void
test_pin_at_load(void **state)
{
	struct fx			*f = *state;
	struct suppressions		*ss;
	struct suppress_pin_stats	 n;
	struct suppression		 s;
	char				 v1[65], v2[65], v3[65], h[65];
	char				 err[SW_ERRLEN];
	const char			*text =
	    "name: Sadio Camara | ofac-sdn:42618 | reason=other DOB | "
	    "reviewer=ana | expires=2099-12-31\n"
	    "country:  France | ofac-sdn:42618 | reason=dual national | "
	    "reviewer=ana | expires=2099-12-31 | hash="
	    "0000000000000000000000000000000000000000000000000000000000000000\n";
	const char			*edited =
	    "name: Sadio Camara | ofac-sdn:42618 | reason=other DOB | "
	    "reviewer=ana | expires=2100-01-31\n";

	content(NULL, NULL, v1);
	content("; Additional Sanctions Information", NULL, v2);
	content(NULL, "KAMARA, Sadio", v3);
	assert_string_equal(v1, v2);
	assert_string_not_equal(v1, v3);

	commit(f, 1, NULL, NULL, NULL, 0);
	ss = load(f, text, NOW, &n);
	assert_int_equal(n.lines, 2);
	assert_int_equal(n.given, 1);
	assert_int_equal(n.pinned, 1);
	assert_int_equal(n.kept + n.unseen + n.expired, 0);
	match_suppress_get(ss, 0, &s);
	assert_string_equal(s.hash, v1);
	assert_int_equal(s.fresh, 0);
	assert_int_equal(store_pin_get(f->st, s.key, h, err, sizeof err), 1);
	assert_string_equal(h, v1);
	/* hash= stands as written, and is not stored. */
	match_suppress_get(ss, 1, &s);
	assert_int_equal(s.given, 1);
	assert_int_equal(store_pin_get(f->st, s.key, h, err, sizeof err), 0);

	/* The change the daemon is asked about next (old = V1). */
	assert_int_equal(silenced(ss, "name:Sadio  Camara", v2, v1, &s), 1);
	assert_string_equal(s.reviewer, "ana");
	assert_string_equal(s.expires, "2099-12-31");
	assert_int_equal(silenced(ss, "name: Sadio Camara", v3, v1, NULL), 0);
	/* Another watch, another record: not this line. */
	assert_int_equal(silenced(ss, "name: Sadio Kamara", v1, v1, NULL), 0);
	assert_int_equal(match_suppress_find(ss, "name: Sadio Camara",
	    "ofac-sdn", "42617", v1, v1, NOW, NULL), 0);
	/* The line with hash= silences only that hash. */
	assert_int_equal(silenced(ss, "country: France", v1, v1, NULL), 0);
	match_suppress_free(ss);

	/* V3 is stored; the daemon restarts: the line still means V1. */
	commit(f, 0, NULL, "KAMARA, Sadio", NULL, 0);
	ss = load(f, text, NOW, &n);
	assert_int_equal(n.kept, 1);
	assert_int_equal(n.pinned, 0);
	assert_int_equal(silenced(ss, "name: Sadio Camara", v3, v3, NULL), 0);
	match_suppress_free(ss);

	/* Reviewed again (a new expiry): the record as it is now. */
	ss = load(f, edited, NOW, &n);
	assert_int_equal(n.pinned, 1);
	assert_int_equal(silenced(ss, "name: Sadio Camara", v3, v3, NULL), 1);
	assert_int_equal(silenced(ss, "name: Sadio Camara", v1, v3, NULL), 0);
	match_suppress_free(ss);
}

/* A record no snapshot holds is pinned at first sight: as added, or as it
 * stood before a change when its source's baseline came after the load;
 * the commit stores the pin, and the next load keeps it. */
static void
test_first_sight(void **state)
{
	struct fx			*f = *state;
	struct suppressions		*ss;
	struct suppress_pin_stats	 n;
	struct suppression		 s;
	struct store_pin		*pins;
	size_t				 npins;
	char				 v1[65], v3[65], h[65], err[SW_ERRLEN];
	const char			*text =
	    "name: Sadio Camara | ofac-sdn:42618 | reason=other DOB | "
	    "reviewer=ana | expires=2099-12-31\n"
	    "name: Sadio Camara | ofac-cons:42618 | reason=other DOB | "
	    "reviewer=ana | expires=2099-12-31\n";

	content(NULL, NULL, v1);
	content(NULL, "KAMARA, Sadio", v3);
	ss = load(f, text, NOW, &n);
	assert_int_equal(n.unseen, 2);
	assert_null(suppress_fresh(ss, &npins));
	assert_int_equal(npins, 0);

	/* Baseline, then a new alias: the line means the baseline's V1. */
	commit(f, 1, NULL, NULL, NULL, 0);
	assert_int_equal(silenced(ss, "name: Sadio Camara", v3, v1, NULL), 0);
	match_suppress_get(ss, 0, &s);
	assert_string_equal(s.hash, v1);
	assert_int_equal(s.fresh, 1);
	/* Added to another list: pinned as added. */
	assert_int_equal(match_suppress_find(ss, "name: Sadio Camara",
	    "ofac-cons", "42618", v3, NULL, NOW, NULL), 1);

	pins = suppress_fresh(ss, &npins);
	assert_int_equal(npins, 2);
	commit(f, 0, NULL, "KAMARA, Sadio", pins, npins);
	free(pins);
	suppress_saved(ss);
	assert_null(suppress_fresh(ss, &npins));
	assert_int_equal(store_pin_get(f->st, s.key, h, err, sizeof err), 1);
	assert_string_equal(h, v1);
	match_suppress_free(ss);

	/* Restarted with V3 in the snapshot: still V1. */
	ss = load(f, text, NOW, &n);
	assert_int_equal(n.kept, 2);
	assert_int_equal(silenced(ss, "name: Sadio Camara", v3, v3, NULL), 0);
	assert_int_equal(match_suppress_find(ss, "name: Sadio Camara",
	    "ofac-cons", "42618", v3, v3, NOW, NULL), 1);
	match_suppress_free(ss);
}

/* A line holds through the end of its expiry day, UTC, and not after; an
 * expired line is neither pinned nor stored. */
static void
test_expiry(void **state)
{
	struct fx			*f = *state;
	struct suppressions		*ss;
	struct suppress_pin_stats	 n;
	struct suppression		 s;
	char				 v1[65], h[65], err[SW_ERRLEN];
	const char			*text =
	    "name: Sadio Camara | ofac-sdn:42618 | reason=other DOB | "
	    "reviewer=ana | expires=2024-05-03\n";
	const int64_t			 end = 1714780800;	/* 05-04 00:00Z */

	content(NULL, NULL, v1);
	commit(f, 1, NULL, NULL, NULL, 0);
	ss = load(f, text, end - 1, &n);
	assert_int_equal(n.pinned, 1);
	assert_int_equal(match_suppress_find(ss, "name: Sadio Camara",
	    "ofac-sdn", "42618", v1, v1, (time_t)(end - 1), NULL), 1);
	assert_int_equal(match_suppress_find(ss, "name: Sadio Camara",
	    "ofac-sdn", "42618", v1, v1, (time_t)end, NULL), 0);
	match_suppress_free(ss);

	/* A fresh store, loaded after the day: expired, nothing pinned. */
	teardown(state);
	setup(state);
	f = *state;
	commit(f, 1, NULL, NULL, NULL, 0);
	ss = load(f, text, end, &n);
	assert_int_equal(n.expired, 1);
	assert_int_equal(n.pinned, 0);
	match_suppress_get(ss, 0, &s);
	assert_string_equal(s.hash, "");
	assert_int_equal(store_pin_get(f->st, s.key, h, err, sizeof err), 0);
	match_suppress_free(ss);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test_setup_teardown(test_pin_at_load, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_first_sight, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_expiry, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
