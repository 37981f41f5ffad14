/* test_ofac_cons_csv.c — the consolidated (non-SDN) CSV watcher: it shares
 * the SDN CSV parser, labels records ofac-cons, and is detected only by a
 * non-SDN programme. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/fixture.h"

static const char plc[] =
    "9639,\"HANIYA, Ismail Abdul Salah\",\"individual\",\"NS-PLC\",-0- ,-0- ,"
    "-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1962; POB Shati, Gaza; a.k.a. 'HANIYYA, "
    "Ismaeel'.\"\r\n\x1a";
static const char sdn[] =
    "9659,\"HAMMAD, Fathi Ahmad Mohammad\",\"individual\",\"SDGT] [NS-PLC\","
    "-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1961.\"\r\n";

static void
test_parse(void **state)
{
	char	 err[SW_ERRLEN] = "", *s;
	json_t	*recs = fixture_parse("ofac-cons-csv", "cons_prim.csv", plc,
	    sizeof plc - 1, err, sizeof err), *r;

	(void)state;
	if (recs == NULL)
		fail_msg("%s", err);
	assert_int_equal(json_array_size(recs), 1);
	r = json_array_get(recs, 0);
	assert_string_equal(fixture_str(r, "source"), "ofac-cons");
	assert_string_equal(fixture_str(r, "id"), "9639");
	assert_string_equal(fixture_str(r, "name"), "HANIYA, Ismail Abdul Salah");
	s = json_dumps(json_object_get(r, "aliases"), JSON_COMPACT);
	assert_string_equal(s, "[\"HANIYYA, Ismaeel\"]");
	free(s);
	json_decref(recs);
	/* The same bytes through ofac-sdn-csv differ only in the label. */
	recs = fixture_parse("ofac-sdn-csv", "sdn.csv", plc, sizeof plc - 1,
	    err, sizeof err);
	assert_string_equal(fixture_str(json_array_get(recs, 0), "source"),
	    "ofac-sdn");
	json_decref(recs);
	assert_null(fixture_parse("ofac-cons-csv", "c.csv", "<html></html>", 13,
	    err, sizeof err));
	assert_non_null(strstr(err, "not an OFAC consolidated (non-SDN) CSV"));
}

static void
test_detect(void **state)
{
	(void)state;
	assert_string_equal(watcher_detect(plc, sizeof plc - 1)->name,
	    "ofac-cons-csv");
	/* An SDN entry that is also on NS-PLC is still sdn.csv. */
	assert_string_equal(watcher_detect(sdn, sizeof sdn - 1)->name,
	    "ofac-sdn-csv");
	assert_int_equal(watcher_find("ofac-cons-csv")->detect(sdn,
	    sizeof sdn - 1), 0);
}

static void
test_real_files(void **state)
{
	static const struct {
		const char	*path;
		size_t		 count;
	} files[] = {
		{ "tests/data/ofac_cons/cons_prim__2018-04-06__b8e0ea8.csv.xz", 639 },
		{ "tests/data/ofac_cons/cons_prim__2025-12-19__fca231b0.csv.xz", 442 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		struct buf	 b = { 0 };
		char		 err[SW_ERRLEN] = "";
		json_t		*recs;

		assert_int_equal(fixture_xz(files[i].path, &b), 0);
		assert_string_equal(watcher_detect(b.data, b.len)->name,
		    "ofac-cons-csv");
		recs = fixture_parse("ofac-cons-csv", files[i].path, b.data,
		    b.len, err, sizeof err);
		if (recs == NULL)
			fail_msg("%s", err);
		assert_int_equal(json_array_size(recs), files[i].count);
		json_decref(recs);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_real_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
