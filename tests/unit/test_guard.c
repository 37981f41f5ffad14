/* test_guard.c — the broken-download guard's rules, on the real numbers of
 * the OFAC SDN list (2021-12-22: 9158 records; 2021-12-30: 150 removed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/guard.h"

static const struct {
	const char	*what;
	int64_t		 old_count, new_count, removed, publisher;
	int64_t		 max_shrink, min_records;
	int		 news;
	int		 held;
	const char	*reason;	/* substring of why */
} cases[] = {
	{ "real 150 delistings (1.6%)", 9158, 9008, 150, -1, 5, 1, 0, 0, NULL },
	{ "truncated to 60%", 9158, 5495, 3663, -1, 5, 1, 0, 1, "max_shrink 5%" },
	{ "exactly at the limit", 1000, 950, 50, -1, 5, 1, 0, 0, NULL },
	{ "one over the limit", 1000, 949, 51, -1, 5, 1, 0, 1, "51 of 1000" },
	{ "max_shrink 0 allows none", 1000, 999, 1, -1, 0, 1, 0, 1, "max_shrink" },
	{ "max_shrink 100 allows all", 1000, 1, 999, -1, 100, 1, 0, 0, NULL },
	{ "below the floor", 9158, 9008, 150, -1, 5, 9100, 0, 1, "min_records 9100" },
	{ "floor on a first fetch", -1, 0, 0, -1, 5, 1, 0, 1, "fewer than" },
	{ "first fetch above the floor", -1, 9158, 0, -1, 5, 1, 0, 0, NULL },
	{ "publisher count agrees", 9158, 9008, 150, 9008, 5, 1, 0, 0, NULL },
	{ "publisher count disagrees", 9158, 9008, 150, 9010, 5, 1, 0, 1,
	  "states 9010" },
	{ "news feed scrolls off", 100, 40, 60, -1, 5, 1, 1, 0, NULL },
	{ "additions only", 9008, 9158, 0, -1, 5, 1, 0, 0, NULL },
};

static void
test_rules(void **state)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct guard_input	g = {
			.old_count = cases[i].old_count,
			.new_count = cases[i].new_count,
			.removed = cases[i].removed,
			.publisher_count = cases[i].publisher,
			.max_shrink = cases[i].max_shrink,
			.min_records = cases[i].min_records,
			.news = cases[i].news,
		};
		char			why[256] = "";
		int			held = guard_check(&g, why, sizeof why);

		if (held != cases[i].held)
			fail_msg("%s: held %d, expected %d (%s)", cases[i].what,
			    held, cases[i].held, why);
		if (cases[i].reason != NULL && strstr(why, cases[i].reason) == NULL)
			fail_msg("%s: reason \"%s\" lacks \"%s\"", cases[i].what,
			    why, cases[i].reason);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
