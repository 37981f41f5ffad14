/* test_uk_ofsi_csv.c — OFSI ConList.csv: the real 2020 excerpt (edited
 * header, no "Last Updated" line), the published layout with that line,
 * Windows-1252, grouping by Group ID, hostile inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/unit/lists_b.h"

#define OFSI_FILE "tests/data/uk_ofsi/ConList_excerpt__2020-03-21__a2320bc.csv"

static void
check_records(json_t *a)
{
	json_t	*r, *v;
	size_t	 i;

	assert_int_equal(json_array_size(a), 41);	/* distinct Group IDs */
	r = lb_find(a, "13349");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "source"), "uk-ofsi");
	assert_string_equal(lb_str(r, "type"), "individual");
	assert_string_equal(lb_str(r, "name"), "Sheikh Farooq AL-QAHTANI");
	assert_true(lb_has(r, "countries", "SA"));
	assert_true(lb_has(r, "countries", "QA"));
	assert_true(lb_has(r, "dates_of_birth", "1980"));
	assert_true(lb_has(r, "dates_of_birth", "1981"));
	assert_true(lb_has(r, "programs",
	    "The ISIL (Da'esh) and Al-Qaida organisations"));

	r = lb_find(a, "13562");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "Kim Kyong IL");
	assert_true(lb_has(r, "dates_of_birth", "1979-08-01"));

	r = lb_find(a, "7059");		/* "(1) German (2) Moroccan" */
	assert_non_null(r);
	assert_true(lb_has(r, "countries", "DE"));
	assert_true(lb_has(r, "countries", "MA"));

	/* Every record with a country-bearing column maps to a code. */
	json_array_foreach(a, i, v) {
		int raw = json_object_get(v, "nationality") ||
		    json_object_get(v, "country") ||
		    json_object_get(v, "country_of_birth");

		if (raw && json_array_size(json_object_get(v, "countries")) == 0)
			print_error("group %s: unmapped country\n",
			    lb_str(v, "id"));
		assert_false(raw &&
		    json_array_size(json_object_get(v, "countries")) == 0);
	}
}

static void
test_ofsi_excerpt(void **state)
{
	json_t	*a = lb_parse_ok("uk-ofsi-csv", OFSI_FILE), *v;

	(void)state;
	check_records(a);
	/* Windows-1252 curly quotes (0x93/0x94) arrive as UTF-8. */
	v = lb_find(a, "12999");
	assert_non_null(v);
	assert_non_null(strstr(lb_str(v, "remarks"), "former head of the "
	    "\u201cFundamenta"));
	json_decref(a);
}

/* The published layout: "Last Updated,<date>" and an unedited header. */
static void
test_ofsi_last_updated(void **state)
{
	char	 err[SW_ERRLEN], path[] = "/tmp/sw-ofsi-XXXXXX";
	FILE	*in = fopen(OFSI_FILE, "rb"), *out;
	int	 fd = mkstemp(path), c, first = 1, skip = 1;
	json_t	*a;

	(void)state;
	assert_non_null(in);
	assert_true(fd != -1);
	out = fdopen(fd, "wb");
	fputs("Last Updated,21/03/2020\r\n", out);
	while ((c = fgetc(in)) != EOF) {
		/* Drop the edited header's blank first cell. */
		if (first && skip && c == ',') {
			skip = 0;
			continue;
		}
		if (c == '\n')
			first = 0;
		fputc(c, out);
	}
	fclose(in);
	fclose(out);
	a = lb_parse("uk-ofsi-csv", path, NULL, err, sizeof err);
	unlink(path);
	if (a == NULL)
		print_error("%s\n", err);
	assert_non_null(a);
	check_records(a);
	json_decref(a);
}

static void
test_ofsi_hostile(void **state)
{
	(void)state;
	lb_rejects("uk-ofsi-csv", "tests/data/hostile-b/ofsi_bad_byte.csv",
	    "Windows-1252");
	lb_rejects("uk-ofsi-csv", "tests/data/hostile-b/ofsi_truncated.csv",
	    "truncated");
	lb_rejects("uk-ofsi-csv", "tests/data/hostile-b/xhtml.xml",
	    "not an OFSI ConList.csv");
	lb_rejects("uk-ofsi-csv", "tests/data/hostile-b/empty.xml", "empty");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ofsi_excerpt),
		cmocka_unit_test(test_ofsi_last_updated),
		cmocka_unit_test(test_ofsi_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
