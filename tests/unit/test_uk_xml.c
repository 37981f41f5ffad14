/* test_uk_xml.c — the UK Sanctions List XML watcher on a fixture written
 * after the published element names, and on hostile inputs. */
#include "tests/unit/lists_b.h"

#define UK_FILE "tests/data/uk_fcdo/uk_sanctions_list_handmade.xml"

static void
test_uk_records(void **state)
{
	json_t	*a = lb_parse_ok("uk-xml", UK_FILE), *r;

	(void)state;
	assert_int_equal(json_array_size(a), 3);

	r = lb_find(a, "RUS0251");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "source"), "uk");
	assert_string_equal(lb_str(r, "type"), "individual");
	assert_string_equal(lb_str(r, "name"), "Ivan Petrovich EXAMPLEOV");
	assert_true(lb_has(r, "aliases", "Ivan EKZAMPLEOV"));
	assert_true(lb_has(r, "aliases", "The Oligarch"));
	assert_true(lb_has(r, "aliases", "Иван Петрович ЭКЗАМПЛЕОВ"));
	assert_true(lb_has(r, "programs", "Russia"));
	assert_true(lb_has(r, "countries", "RU"));
	assert_true(lb_has(r, "countries", "CY"));
	assert_true(lb_has(r, "countries", "UA"));	/* country of birth */
	assert_string_equal(lb_str(r, "date_designated"), "2022-03-15");
	assert_string_equal(lb_str(r, "remarks"),
	    "Member of the board of an example bank.");

	r = lb_find(a, "DPR0001");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "type"), "vessel");
	assert_true(lb_has(r, "countries", "KP"));	/* flag */
	assert_string_equal(lb_str(r, "un_id"), "KPe.059");
	assert_string_equal(lb_str(json_array_get(json_object_get(r,
	    "identifiers"), 0), "type"), "imo");

	r = lb_find(a, "AQD0104");
	assert_non_null(r);
	/* NameType's case varies: "Primary name" is still the name. */
	assert_string_equal(lb_str(r, "name"), "ANSAR AL SHARIA EXAMPLE");
	assert_string_equal(lb_str(r, "type"), "entity");
	assert_true(lb_has(r, "countries", "LY"));
	json_decref(a);
}

static void
test_uk_hostile(void **state)
{
	(void)state;
	lb_rejects("uk-xml", "tests/data/hostile-b/uk_laughs.xml", "entit");
	lb_rejects("uk-xml", "tests/data/hostile-b/uk_xxe_url.xml",
	    "declares entities");
	lb_rejects("uk-xml", "tests/data/hostile-b/uk_no_records.xml",
	    "no Designation records");
	lb_rejects("uk-xml", "tests/data/hostile-b/xhtml.xml", "<html>");
	lb_rejects("uk-xml", "tests/data/eu/eu_fsf_handmade_1_1.xml",
	    "not the UK");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uk_records),
		cmocka_unit_test(test_uk_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
