/* test_eu_xml.c — the EU FSF XML 1.1 watcher on a fixture written from the
 * schema, and on hostile inputs. */
#include "tests/unit/lists_b.h"

#define EU_FILE "tests/data/eu/eu_fsf_handmade_1_1.xml"

static void
test_eu_records(void **state)
{
	json_t	*a = lb_parse_ok("eu-xml", EU_FILE), *r;

	(void)state;
	assert_int_equal(json_array_size(a), 3);

	r = lb_find(a, "13");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "source"), "eu");
	assert_string_equal(lb_str(r, "type"), "individual");
	/* The strong alias is the name even when a weak one comes first. */
	assert_string_equal(lb_str(r, "name"), "Abd Al-Rahman Al-Sample");
	assert_true(lb_has(r, "aliases", "Sample Nasser"));
	assert_true(lb_has(r, "aliases", "عبد الرحمن"));
	assert_true(lb_has(r, "programs", "TAQA"));
	assert_true(lb_has(r, "countries", "AF"));	/* citizenship */
	assert_true(lb_has(r, "countries", "SA"));	/* birthdate */
	assert_true(lb_has(r, "countries", "PK"));	/* identification */
	assert_int_equal(json_array_size(json_object_get(r, "countries")), 3);
	assert_string_equal(lb_str(r, "un_id"), "QDi.001");
	assert_string_equal(lb_str(r, "remarks"), "UN listing date: 25.1.2001.");
	assert_string_equal(lb_str(json_array_get(json_object_get(r,
	    "identifiers"), 0), "value"), "OR 123456");

	r = lb_find(a, "138250");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "type"), "entity");
	assert_string_equal(lb_str(r, "name"), "Example Tobacco LLC");
	assert_true(lb_has(r, "programs", "BLR"));
	assert_true(lb_has(r, "countries", "BY"));
	assert_null(json_object_get(r, "un_id"));

	r = lb_find(a, "140001");
	assert_non_null(r);
	/* No wholeName: the name is built from its parts. */
	assert_string_equal(lb_str(r, "name"), "Ivan Petrovich Exampleov");
	assert_true(lb_has(r, "countries", "RU"));
	assert_true(lb_has(r, "countries", "UA"));
	json_decref(a);
}

static void
test_eu_hostile(void **state)
{
	(void)state;
	lb_rejects("eu-xml", "tests/data/hostile-b/eu_xxe.xml",
	    "declares entities");
	lb_rejects("eu-xml", "tests/data/hostile-b/eu_wrong_ns.xml",
	    "not the EU FSF <export>");
	lb_rejects("eu-xml", "tests/data/hostile-b/eu_truncated.xml",
	    "malformed XML");
	lb_rejects("eu-xml", "tests/data/hostile-b/xhtml.xml", "<html>");
	lb_rejects("eu-xml", "tests/data/hostile-b/empty.xml", "empty file");
	lb_rejects("eu-xml", "tests/data/uk_fcdo/uk_sanctions_list_handmade.xml",
	    "not the EU FSF");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eu_records),
		cmocka_unit_test(test_eu_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
