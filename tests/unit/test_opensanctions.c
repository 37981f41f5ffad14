/* test_opensanctions.c — FollowTheMoney JSON lines from real exports
 * (yente fixture, zavod export), the refused delta files, hostile inputs. */
#include "tests/unit/lists_b.h"

#define OS_DIR "tests/data/opensanctions/"

static void
test_os_entities(void **state)
{
	json_t	*a = lb_parse_ok("opensanctions", OS_DIR
	    "yente_t1_entities.ftm.json"), *r;

	(void)state;
	/* 7 lines: 4 Person + 2 Organization; the Address is not a party. */
	assert_int_equal(json_array_size(a), 6);
	r = lb_find(a, "NK-2GdmHtZTeNXjNVrBGEXZNj");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "source"), "opensanctions");
	assert_string_equal(lb_str(r, "type"), "entity");
	assert_string_equal(lb_str(r, "name"), "RAB „Inter Tobacco“");
	assert_true(lb_has(r, "aliases", "LLC “Inter Tobacco”"));
	assert_true(lb_has(r, "countries", "BY"));
	assert_true(lb_has(r, "datasets", "eu_fsf"));
	assert_null(json_object_get(r, "last_seen"));
	json_decref(a);
}

static void
test_os_zavod(void **state)
{
	char	 err[SW_ERRLEN];
	json_t	*a, *r;

	(void)state;
	a = lb_parse("opensanctions", OS_DIR
	    "entities.ftm__2024-03-10__dbd8368.json", NULL, err, sizeof err);
	assert_non_null(a);
	/* 23 lines: 9 Person; Position, Family, Occupancy are not parties. */
	assert_int_equal(json_array_size(a), 9);
	json_decref(a);

	a = lb_parse("opensanctions", OS_DIR
	    "targets.nested__2024-03-10__dbd8368.json", NULL, err, sizeof err);
	assert_non_null(a);
	assert_int_equal(json_array_size(a), 5);
	r = lb_find(a, "Q296771");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "Saad Hariri");
	assert_string_equal(lb_str(r, "type"), "individual");
	assert_true(lb_has(r, "countries", "LB"));
	assert_true(lb_has(r, "countries", "FR"));
	assert_true(lb_has(r, "countries", "SA"));
	assert_true(lb_has(r, "aliases", "Sa'd al-Din"));
	json_decref(a);
}

static void
test_os_hostile(void **state)
{
	(void)state;
	lb_rejects("opensanctions", OS_DIR
	    "20240528134729-3iv__entities.delta.json", "delta file");
	lb_rejects("opensanctions", "tests/data/hostile-b/os_truncated.json",
	    "bad JSON");
	lb_rejects("opensanctions", "tests/data/hostile-b/xhtml.xml",
	    "not JSON lines");
	lb_rejects("opensanctions", "tests/data/hostile-b/empty.xml", "empty");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_os_entities),
		cmocka_unit_test(test_os_zavod),
		cmocka_unit_test(test_os_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
