/* test_ofac_sdn_csv.c — the OFAC legacy CSV watcher on real rows and on
 * the malformed shapes a download can take. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/diff.h"
#include "watchers/watcher.h"

static const struct watcher_ops *ops;

struct got {
	json_t	*rows;
};

static int
collect_cb(struct record *r, void *arg)
{
	json_array_append_new(((struct got *)arg)->rows, record_to_json(r));
	return 0;
}

/* Parses text (with optional companions); returns the records or NULL with
 * err filled. */
static json_t *
parse_text(const char *text, size_t len, const struct watcher_file *comp,
    size_t ncomp, char *err)
{
	struct watcher_input	in;
	struct got		g = { json_array() };

	memset(&in, 0, sizeof in);
	in.main = (struct watcher_file){ "main", "sdn.csv", text, len };
	for (size_t i = 0; i < ncomp; i++)
		in.companions[in.ncompanions++] = comp[i];
	if (ops->parse(&in, collect_cb, &g, err, SW_ERRLEN) == -1) {
		json_decref(g.rows);
		return NULL;
	}
	return g.rows;
}

static json_t *
find_id(json_t *rows, const char *id)
{
	size_t	 i;
	json_t	*r;

	json_array_foreach(rows, i, r)
		if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0)
			return r;
	return NULL;
}

static const char *
sv(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static void
test_real_rows(void **state)
{
	/* Three real rows of sdn.csv 2023-07-24, with CRLF and the 0x1A. */
	static const char text[] =
	    "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,"
	    "-0- ,-0- ,-0- ,\"a.k.a. 'BNC'.\"\r\n"
	    "11195,\"IRAN AIRCRAFT MANUFACTURING INDUSTRIAL COMPANY\",-0- ,"
	    "\"NPWMD] [IFSR] [IRAN-CON-ARMS-EO\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
	    "-0- ,\"a.k.a. 'HESA'; a.k.a. 'SHAHIN CO.'.\"\r\n"
	    "42618,\"CAMARA, Sadio\",\"individual\",\"RUSSIA-EO14024\",-0- ,-0- ,"
	    "-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 22 Mar 1979; POB Kati, Koulikoro, "
	    "Mali; nationality Mali; citizen Mali; alt. citizen France; Gender "
	    "Male; Passport DA0004031 (Mali) expires 15 Oct 2015; Linked To: "
	    "PRIVATE MILITARY COMPANY 'WAGNER'.\"\r\n\x1a";
	char	 err[SW_ERRLEN];
	json_t	*rows = parse_text(text, sizeof text - 1, NULL, 0, err), *r;

	assert_non_null(rows);
	assert_int_equal(json_array_size(rows), 3);
	r = find_id(rows, "306");
	assert_string_equal(sv(r, "type"), "entity");
	assert_string_equal(sv(r, "source"), "ofac-sdn");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r,
	    "aliases"), 0)), "BNC");
	r = find_id(rows, "11195");
	assert_int_equal(json_array_size(json_object_get(r, "programs")), 3);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r,
	    "programs"), 2)), "IRAN-CON-ARMS-EO");
	assert_int_equal(json_array_size(json_object_get(r, "aliases")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r,
	    "aliases"), 1)), "SHAHIN CO.");
	assert_null(json_object_get(r, "title"));	/* -0- is null */
	r = find_id(rows, "42618");
	assert_string_equal(sv(r, "type"), "individual");
	assert_string_equal(sv(r, "name"), "CAMARA, Sadio");
	assert_int_equal(json_array_size(json_object_get(r, "countries")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r,
	    "countries"), 0)), "ML");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r,
	    "countries"), 1)), "FR");
	json_decref(rows);
}

static void
test_country_spellings(void **state)
{
	/* The list's own spellings. */
	static const char text[] =
	    "1,\"A\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
	    "\"nationality Korea, North; POB Rangoon, Burma\"\r\n"
	    "2,\"B\",\"vessel\",\"IRAN\",-0- ,-0- ,\"Crude Oil Tanker\",-0- ,-0- ,"
	    "\"Iran\",-0- ,\"Nationality of Registration Russia\"\r\n";
	char	 err[SW_ERRLEN];
	json_t	*rows = parse_text(text, sizeof text - 1, NULL, 0, err), *c;

	assert_non_null(rows);
	c = json_object_get(find_id(rows, "1"), "countries");
	assert_int_equal(json_array_size(c), 2);
	assert_string_equal(json_string_value(json_array_get(c, 0)), "KP");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "MM");
	c = json_object_get(find_id(rows, "2"), "countries");
	assert_string_equal(json_string_value(json_array_get(c, 0)), "RU");
	assert_string_equal(json_string_value(json_array_get(c, 1)), "IR");
	assert_string_equal(sv(find_id(rows, "2"), "vessel_type"),
	    "Crude Oil Tanker");
	json_decref(rows);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*p;
	long	 n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = malloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void
test_companions(void **state)
{
	static const char *const names[] = { "add", "alt", "comments" };
	static const char *const files[] = {
	    "tests/data/ofac/mini_add__2025-05-16__144742eb.csv",
	    "tests/data/ofac/mini_alt__2025-05-16__144742eb.csv",
	    "tests/data/ofac/mini_sdn_comments__2025-05-16__144742eb.csv" };
	struct watcher_file	comp[3];
	char			*bufs[4], err[SW_ERRLEN];
	size_t			 len[4];
	json_t			*rows, *r, *addrs;

	bufs[0] = slurp("tests/data/ofac/mini_sdn__2025-05-16__144742eb.csv",
	    &len[0]);
	for (int i = 0; i < 3; i++) {
		bufs[i + 1] = slurp(files[i], &len[i + 1]);
		comp[i] = (struct watcher_file){ names[i], files[i], bufs[i + 1],
		    len[i + 1] };
	}
	rows = parse_text(bufs[0], len[0], comp, 3, err);
	if (rows == NULL)
		fail_msg("%s", err);
	/* 11195 has five addresses in add.csv, all in Iran, and aliases
	 * from alt.csv. */
	r = find_id(rows, "11195");
	assert_non_null(r);
	addrs = json_object_get(r, "addresses");
	assert_int_equal(json_array_size(addrs), 5);
	assert_string_equal(sv(json_array_get(addrs, 0), "city"), "Esfahan");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r,
	    "countries"), 0)), "IR");
	assert_true(json_array_size(json_object_get(r, "aliases")) >= 5);
	/* 12685's second address is in Geneva. */
	r = find_id(rows, "12685");
	assert_non_null(r);
	assert_int_equal(json_array_size(json_object_get(r, "countries")), 2);
	/* sdn_comments.csv continues 33151's remarks. */
	r = find_id(rows, "33151");
	assert_non_null(r);
	assert_non_null(strstr(sv(r, "remarks"), "Digital Currency Address - ETH"));
	json_decref(rows);
	for (int i = 0; i < 4; i++)
		free(bufs[i]);
}

static void
expect_error(const char *text, size_t len, const char *want)
{
	char	 err[SW_ERRLEN] = "";
	json_t	*rows = parse_text(text, len, NULL, 0, err);

	if (rows != NULL)
		fail_msg("accepted bad input; wanted error containing \"%s\"", want);
	if (strstr(err, want) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err, want);
	assert_null(strchr(err, '\n'));
}

static void
test_bad_input(void **state)
{
	static const char good[] = "42618,\"CAMARA, Sadio\",\"individual\","
	    "\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1979\"\r\n";
	static const char html[] = "<!DOCTYPE html><html><body>Maintenance"
	    "</body></html>";
	static const char cut[] = "42618,\"CAMARA, Sadio\",\"individual\","
	    "\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 19";
	static const char short_row[] = "42618,\"CAMARA, Sadio\",\"individual\"\r\n";
	static const char bad_id[] = "x1,\"CAMARA, Sadio\",\"individual\","
	    "\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
	char two[2 * sizeof good];

	expect_error("", 0, "sdn.csv:1: not an OFAC SDN CSV: empty file");
	expect_error(html, sizeof html - 1, "sdn.csv:1: not an OFAC SDN CSV: an HTML page");
	expect_error(cut, sizeof cut - 1, "sdn.csv:1: unterminated quoted field");
	expect_error(short_row, sizeof short_row - 1,
	    "sdn.csv:1: expected 12 fields, found 3");
	expect_error(bad_id, sizeof bad_id - 1, "sdn.csv:1: entity number");
	/* A truncated second line names line 2. */
	snprintf(two, sizeof two, "%s%.*s", good, 40, good);
	expect_error(two, strlen(two), "sdn.csv:2:");
}

static void
test_duplicate_ids_rejected(void **state)
{
	static const char text[] =
	    "1,\"A\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	    "1,\"B\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
	struct watcher_input	in;
	struct recset		rs = { 0 };
	char			err[SW_ERRLEN];

	memset(&in, 0, sizeof in);
	in.main = (struct watcher_file){ "main", "sdn.csv", text, sizeof text - 1 };
	assert_int_equal(recset_parse(ops, &in, &rs, err, sizeof err), -1);
	assert_non_null(strstr(err, "record id 1 appears twice"));
}

static void
test_detect(void **state)
{
	static const char row[] = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\","
	    "-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

	assert_ptr_equal(watcher_detect(row, sizeof row - 1), ops);
	assert_null(watcher_detect("<html></html>", 13));
	assert_null(watcher_detect("", 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_rows),
		cmocka_unit_test(test_country_spellings),
		cmocka_unit_test(test_companions),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_duplicate_ids_rejected),
		cmocka_unit_test(test_detect),
	};

	ops = watcher_find("ofac-sdn-csv");
	if (ops == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
