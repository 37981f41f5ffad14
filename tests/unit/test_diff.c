/* test_diff.c — the id-keyed diff: added, removed, modified with the names
 * of the changed fields, and no change for identical content. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/diff.h"

struct seen {
	char	out[1024];
};

static int
print_cb(const struct change *ch, void *arg)
{
	struct seen	*s = arg;
	size_t		 n = strlen(s->out);

	snprintf(s->out + n, sizeof s->out - n, "%s %s", change_kind_name(ch->kind),
	    ch->id);
	for (size_t i = 0; i < ch->fields.n; i++) {
		n = strlen(s->out);
		snprintf(s->out + n, sizeof s->out - n, "%c%s", i ? ',' : ' ',
		    ch->fields.v[i]);
	}
	n = strlen(s->out);
	snprintf(s->out + n, sizeof s->out - n, ";");
	return 0;
}

static void
add(struct recset *rs, const char *id, const char *name, const char *remarks)
{
	struct record	r;

	record_init(&r);
	r.source = xstrdup("ofac-sdn");
	r.id = xstrdup(id);
	r.type = xstrdup("individual");
	r.name = xstrdup(name);
	if (remarks)
		r.remarks = xstrdup(remarks);
	recset_collect_cb(&r, rs);
	record_reset(&r);
}

static void
test_changes(void **state)
{
	struct recset	a = { 0 }, b = { 0 };
	struct seen	s = { "" };
	char		err[SW_ERRLEN];

	add(&a, "10", "ALPHA", NULL);
	add(&a, "2", "BRAVO", "DOB 1970");
	add(&a, "3", "CHARLIE", NULL);
	add(&b, "3", "CHARLIE", NULL);
	add(&b, "2", "BRAVO", "DOB 1970; Secondary sanctions risk");
	add(&b, "4", "DELTA", NULL);
	assert_int_equal(recset_sort(&a, 0, err, sizeof err), 0);
	assert_int_equal(recset_sort(&b, 0, err, sizeof err), 0);
	assert_int_equal(diff_run(&a, &b, print_cb, &s), 0);
	/* Ids compare as strings: "10" < "2". */
	assert_string_equal(s.out, "removed 10;modified 2 remarks;added 4;");
	recset_free(&a);
	recset_free(&b);
}

static void
test_identical(void **state)
{
	struct recset	a = { 0 }, b = { 0 };
	struct seen	s = { "" };
	char		err[SW_ERRLEN];

	add(&a, "1", "ALPHA", "x");
	add(&b, "1", "ALPHA", "x");
	recset_sort(&a, 0, err, sizeof err);
	recset_sort(&b, 0, err, sizeof err);
	assert_string_equal(a.v[0].hash, b.v[0].hash);
	diff_run(&a, &b, print_cb, &s);
	assert_string_equal(s.out, "");
	recset_free(&a);
	recset_free(&b);
}

static void
test_fields(void **state)
{
	struct strvec	f = { 0 };

	diff_fields("{\"a\":1,\"b\":[1,2],\"c\":null}",
	    "{\"a\":1,\"b\":[2,1],\"d\":\"x\"}", &f);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.v[0], "b");
	assert_string_equal(f.v[1], "c");
	assert_string_equal(f.v[2], "d");
	strvec_clear(&f);
}

static void
test_keep_first(void **state)
{
	struct recset	a = { 0 };
	char		err[SW_ERRLEN];

	add(&a, "1", "FIRST", NULL);
	add(&a, "0", "OTHER", NULL);
	add(&a, "1", "SECOND", NULL);
	assert_int_equal(recset_sort(&a, 1, err, sizeof err), 0);
	assert_int_equal(a.n, 2);
	assert_non_null(strstr(recset_find(&a, "1")->json, "FIRST"));
	recset_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_keep_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
