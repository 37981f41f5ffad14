/* test_match_basic.c — the watchlist file and the matching rules the
 * daemon relies on (case, accents, punctuation, word order; countries by
 * code or name; programmes; ids). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/match.h"
#include "tests/unit/camara.h"


static void
test_name_rules(void **state)
{
	struct watchlist	*wl = wl_of("# comment\n\nname: Sadio Camara\n"
	    "name:   sadio  CÂMARA \nname: Camara\nname: Wagner Group\n");
	struct record		 r;
	struct matches		 m = { 0 };

	camara_record(&r, NULL, NULL);
	assert_int_equal(match_record(wl, &r, &m), 2);
	assert_string_equal(m.v[0].watch, "name: Sadio Camara");
	assert_string_equal(m.v[0].matched, "CAMARA, Sadio");
	assert_true(m.v[0].score == 1.0);
	assert_string_equal(m.v[1].watch, "name: sadio  CÂMARA");
	matches_clear(&m);
	record_reset(&r);
	match_free(wl);
}

static void
test_country_program_id(void **state)
{
	struct watchlist	*wl = wl_of("country: Mali    # ISO code or name\n"
	    "country: FR\n"
	    "country: Korea, North\nprogram: russia-eo14024\nid: ofac-sdn:42618\n"
	    "id: 42617\n");
	struct record		 r;
	struct matches		 m = { 0 };

	camara_record(&r, NULL, NULL);
	assert_int_equal(match_record(wl, &r, &m), 4);
	assert_string_equal(m.v[0].matched, "ML");
	assert_string_equal(m.v[1].matched, "FR");
	assert_string_equal(m.v[2].kind, "program");
	assert_string_equal(m.v[3].matched, "ofac-sdn:42618");
	matches_clear(&m);
	record_reset(&r);
	match_free(wl);
}

static void
test_watchlist_errors(void **state)
{
	char	err[SW_ERRLEN];

	assert_null(match_parse("name: A\nperson: B\n", 17, "w.txt", err,
	    sizeof err));
	assert_non_null(strstr(err, "w.txt:2: unknown watch kind \"person\""));
	assert_null(match_parse("country: Atlantis\n", 18, "w.txt", err,
	    sizeof err));
	assert_non_null(strstr(err, "w.txt:1: unknown country \"Atlantis\""));
	assert_null(match_parse("name:\n", 6, "w.txt", err, sizeof err));
	assert_non_null(strstr(err, "w.txt:1: empty name watch"));
}

static void
test_fold(void **state)
{
	char	*f = match_fold("  O'Neill-SMITH,  José ");

	assert_string_equal(f, "oneill smith jose");
	free(f);
	/* ASCII alone is only lowered; the same with a letter that is not */
	f = match_fold("AL-QA'IDA [Kelvin] ZZ_TOP 1st");
	assert_string_equal(f, "al qaida kelvin zz top 1st");
	free(f);
	f = match_fold("AL-QA'IDA [Kelvin] ZZ_TOP 1st \xc3\x89");
	assert_string_equal(f, "al qaida kelvin zz top 1st e");
	free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_rules),
		cmocka_unit_test(test_country_program_id),
		cmocka_unit_test(test_watchlist_errors),
		cmocka_unit_test(test_fold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
