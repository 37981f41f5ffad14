/* test_us_bis_dpl.c — the BIS Denied Persons List dpl.txt: three real
 * versions (2019, 2022, 2023), the derived id, repeated rows, countries,
 * the diff between consecutive versions, hostile inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon/diff.h"
#include "tests/unit/lists_b.h"
#include "watchers/rowcheck.h"

#define DPL_DIR		"tests/data/us_bis_dpl/"
#define DPL_2019	DPL_DIR "dpl__2019-07-09__372893a6.txt"
#define DPL_2022	DPL_DIR "dpl__2022-09-07__68f666a7.txt"
#define DPL_2023	DPL_DIR "dpl__2023-11-30__c815c599.txt"

/* Every row with a Country, or a US state in State, yields a code. (The
 * 2019 file once wrote "RS" in State for Stavropol Region: no guess.) */
static void
check_countries(json_t *a)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(a, i, v) {
		const char	*st = lb_str(v, "state");
		int		 raw = json_object_get(v, "country") != NULL ||
		    rowcheck_us_state(st, strlen(st));

		if (raw && json_array_size(json_object_get(v, "countries")) == 0)
			print_error("%s: \"%s\" maps to no country\n",
			    lb_str(v, "id"), lb_str(v, "country"));
		assert_false(raw &&
		    json_array_size(json_object_get(v, "countries")) == 0);
	}
}

static void
test_dpl_versions(void **state)
{
	json_t	*a, *r;

	(void)state;
	/* 546, 581 and 665 rows; 3, 2 and 2 of them repeat a row verbatim. */
	a = lb_parse_ok("us-bis-dpl", DPL_2019);
	assert_int_equal(json_array_size(a), 543);
	check_countries(a);
	/* The published name starts with a space; the id ignores it. */
	r = lb_find(a, "dpl-06dd002bf3dde2d0");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "ADRIAN MANUEL HERNANDEZ");
	assert_string_equal(lb_str(r, "effective_date"), "2017-10-16");
	assert_string_equal(lb_str(r, "expiration_date"), "2020-10-13");
	assert_string_equal(lb_str(r, "last_update"), "2017-10-23");
	assert_string_equal(lb_str(r, "fr_citation"), "82 F.R. 48792 "
	    "10/20/2017");
	assert_true(lb_has(r, "countries", "US"));	/* State AZ, no Country */
	assert_string_equal(lb_str(r, "source"), "us-bis-dpl");
	json_decref(a);

	a = lb_parse_ok("us-bis-dpl", DPL_2022);
	assert_int_equal(json_array_size(a), 579);
	check_countries(a);
	json_decref(a);

	a = lb_parse_ok("us-bis-dpl", DPL_2023);
	assert_int_equal(json_array_size(a), 663);
	check_countries(a);
	r = lb_find(a, "dpl-1dba3fcbf5a01232");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "I. ASH");
	assert_string_equal(lb_str(r, "effective_date"), "2003-06-19");
	assert_true(lb_has(r, "countries", "US"));
	r = lb_find(a, "dpl-85f4bcb9a80dd6ba");	/* Country "PRC" */
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "JOHNSON HU");
	assert_true(lb_has(r, "countries", "CN"));
	r = lb_find(a, "dpl-ae7587343e6e1e3b");	/* Country "NM", a state */
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "STEPHEN EDWARD SMITH");
	assert_true(lb_has(r, "countries", "US"));
	r = lb_find(a, "dpl-0222ce59cc42249e");	/* no country given */
	assert_non_null(r);
	assert_int_equal(json_array_size(json_object_get(r, "countries")), 0);
	json_decref(a);
}

struct counts {
	size_t		 n[3];
	const char	*watch;		/* an id whose change is recorded */
	char		 fields[256];
};

static int
count_cb(const struct change *ch, void *arg)
{
	struct counts	*c = arg;

	c->n[ch->kind]++;
	if (strcmp(ch->id, c->watch) == 0)
		for (size_t i = 0; i < ch->fields.n; i++) {
			strncat(c->fields, ch->fields.v[i],
			    sizeof c->fields - strlen(c->fields) - 2);
			strcat(c->fields, " ");
		}
	return 0;
}

static void
dpl_diff(const char *old, const char *new, struct counts *c)
{
	const struct watcher_ops	*ops = watcher_find("us-bis-dpl");
	const char			*paths[2] = { old, new };
	struct recset			 rs[2] = { { 0 }, { 0 } };
	char				 err[SW_ERRLEN];

	for (int k = 0; k < 2; k++) {
		struct mapped		m;
		struct watcher_input	in;

		assert_int_equal(file_map(paths[k], &m, err, sizeof err), 0);
		memset(&in, 0, sizeof in);
		in.main = (struct watcher_file){ "main", paths[k], m.data,
		    m.len };
		if (recset_parse(ops, &in, &rs[k], err, sizeof err) != 0)
			print_error("%s\n", err);
		assert_int_equal(recset_sort(&rs[k], 0, err, sizeof err), 0);
		file_unmap(&m);
	}
	assert_int_equal(diff_run(&rs[0], &rs[1], count_cb, c), 0);
	recset_free(&rs[0]);
	recset_free(&rs[1]);
}

/* A renewed order keeps its id: it is a modification of its dates. */
static void
test_dpl_diff(void **state)
{
	struct counts	c = { { 0, 0, 0 }, "dpl-01eaf1bae583920b", "" };

	(void)state;
	dpl_diff(DPL_2022, DPL_2023, &c);
	assert_int_equal(c.n[CHANGE_ADDED], 178);
	assert_int_equal(c.n[CHANGE_REMOVED], 94);
	assert_int_equal(c.n[CHANGE_MODIFIED], 70);
	assert_string_equal(c.fields, "action effective_date expiration_date "
	    "fr_citation last_update ");

	memset(&c, 0, sizeof c);
	c.watch = "";
	dpl_diff(DPL_2019, DPL_2022, &c);
	assert_int_equal(c.n[CHANGE_ADDED], 171);
	assert_int_equal(c.n[CHANGE_REMOVED], 135);
	assert_int_equal(c.n[CHANGE_MODIFIED], 53);
}

static void
test_dpl_hostile(void **state)
{
	struct mapped	 m;
	char		 err[SW_ERRLEN], *path, *bad, *p;

	(void)state;
	assert_int_equal(file_map(DPL_2022, &m, err, sizeof err), 0);

	path = lb_tmp_write(m.data, m.len / 2);	/* cut mid-field */
	lb_rejects("us-bis-dpl", path, "(file truncated?)");
	unlink(path);
	free(path);

	/* Cut right after a closing quote: a short last row. */
	p = memchr(m.data + m.len / 2, '\t', m.len / 2);
	assert_non_null(p);
	path = lb_tmp_write(m.data, (size_t)(p - m.data));
	lb_rejects("us-bis-dpl", path, "fields, found 1 (file truncated?)");
	unlink(path);
	free(path);

	bad = xstrndup(m.data, m.len);
	p = strstr(bad, "AARON ABRAHAM VILLA");
	assert_non_null(p);
	p[1] = (char)0xc0;	/* an overlong form, never UTF-8 */
	path = lb_tmp_write(bad, m.len);
	lb_rejects("us-bis-dpl", path, ":3: byte 0xc0 is not valid UTF-8");
	unlink(path);
	free(path);

	free(bad);

	bad = xstrndup(m.data, m.len);
	p = strstr(bad, "\"EL PASO\"\t");
	memmove(p, p + 10, strlen(p + 10) + 1);
	path = lb_tmp_write(bad, strlen(bad));
	lb_rejects("us-bis-dpl", path, ":3: expected 12 fields, found 11");
	unlink(path);
	free(path);
	free(bad);
	file_unmap(&m);

	lb_rejects("us-bis-dpl", "tests/data/hostile-b/empty.xml", "empty");
	lb_rejects("us-bis-dpl", "tests/data/hostile-b/xhtml.xml",
	    "not a BIS Denied Persons List");
	lb_rejects("us-bis-dpl", "tests/data/us_csl/mini_consolidated__"
	    "2025-06-02__67728449.csv", "not a BIS Denied Persons List");
}

/* Rows for one name and address: the same row twice is one listing, a
 * different row (another order) is kept as "<id>-2". */
static void
test_dpl_same_key(void **state)
{
	static const char text[] =
	    "Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\t"
	    "Effective_Date\tExpiration_Date\tStandard_Order\tLast_Update\t"
	    "Action\tFR_Citation\n"
	    "JOHN DOE\t1 MAIN ST\tMIAMI\tFL\tUS\t33101\t01/01/2020\t"
	    "01/01/2030\tY\t2020-01-01\tNEW\t85 F.R. 1\n"
	    "JOHN DOE\t1 MAIN ST\tMIAMI\tFL\tUS\t33101\t01/01/2020\t"
	    "01/01/2030\tY\t2020-01-01\tNEW\t85 F.R. 1\n"
	    "JOHN DOE\t1 MAIN ST\tMIAMI\tFL\tUS\t33101\t02/02/2021\t"
	    "02/02/2031\tY\t2021-02-02\tNEW\t86 F.R. 2\n";
	char		*path = lb_tmp_write(text, sizeof text - 1);
	json_t		*a = lb_parse_ok("us-bis-dpl", path);
	const char	*id;

	(void)state;
	assert_int_equal(json_array_size(a), 2);
	id = lb_str(json_array_get(a, 0), "id");
	assert_true(strncmp(id, "dpl-", 4) == 0 && strlen(id) == 20);
	assert_true(strncmp(lb_str(json_array_get(a, 1), "id"), id, 20) == 0);
	assert_string_equal(lb_str(json_array_get(a, 1), "id") + 20, "-2");
	json_decref(a);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dpl_versions),
		cmocka_unit_test(test_dpl_diff),
		cmocka_unit_test(test_dpl_hostile),
		cmocka_unit_test(test_dpl_same_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
