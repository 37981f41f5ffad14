/* test_ca_sema_xml.c — Canada's SEMA list: the real 2020-04-15 file (1369
 * records), derived ids, bilingual countries, hostile inputs. */
#include "tests/unit/lists_b.h"

#define CA_FILE "tests/data/ca_sema/sema-lmes__2020-04-15__b96b3d1.xml"

static void
test_ca_records(void **state)
{
	json_t	*a = lb_parse_ok("ca-sema-xml", CA_FILE), *r, *v;
	size_t	 i, nocountry = 0;

	(void)state;
	assert_int_equal(json_array_size(a), 1369);

	r = lb_find(a, "MM/1/1");	/* "Burma / Birmanie", Schedule 1, Item 1 */
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "Air Bagan");
	assert_string_equal(lb_str(r, "type"), "entity");
	assert_true(lb_has(r, "countries", "MM"));
	assert_true(lb_has(r, "aliases", "Air Bagan Holdings Pte. Ltd."));
	assert_true(lb_has(r, "aliases", "Air Bagan Limited"));

	r = lb_find(a, "JVCFOR/1/1");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "Nicolás MADURO MOROS");
	assert_string_equal(lb_str(r, "type"), "individual");
	assert_int_equal(json_array_size(json_object_get(r, "countries")), 0);

	assert_non_null(lb_find(a, "ZW/n-a/181"));
	assert_non_null(lb_find(a, "RU/1-part-2/1"));

	/* Every Country spelling but the JVCFOR regulation maps to a code;
	 * the ones that do not are printed. */
	json_array_foreach(a, i, v) {
		if (strncmp(lb_str(v, "id"), "JVCFOR/", 7) == 0)
			continue;
		if (json_array_size(json_object_get(v, "countries")) == 0) {
			print_error("unmapped Country \"%s\"\n",
			    lb_str(v, "Country"));
			nocountry++;
		}
	}
	assert_int_equal(nocountry, 0);
	json_decref(a);
}

static void
test_ca_hostile(void **state)
{
	(void)state;
	lb_rejects("ca-sema-xml", "tests/data/hostile-b/ca_truncated.xml",
	    "malformed XML");
	lb_rejects("ca-sema-xml", "tests/data/hostile-b/ca_bad_utf8.xml",
	    "UTF-8");
	lb_rejects("ca-sema-xml", "tests/data/hostile-b/xhtml.xml", "<html>");
	lb_rejects("ca-sema-xml", "tests/data/hostile-b/empty.xml", "empty");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ca_records),
		cmocka_unit_test(test_ca_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
