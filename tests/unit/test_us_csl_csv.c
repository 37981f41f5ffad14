/* test_us_csl_csv.c — the US Trade Consolidated Screening List CSV: the real
 * 2019 excerpt (no _id column), the real 2023 file (cut mid-row upstream:
 * rejected whole, parsed up to its last complete row), the 2025 minis and
 * their diff, countries, identifiers, hostile inputs. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon/diff.h"
#include "tests/unit/fixture.h"
#include "tests/unit/lists_b.h"

#define CSL_DIR		"tests/data/us_csl/"
#define CSL_2019	CSL_DIR "csl__2019-12-05__a4a416a2.csv"
#define CSL_2023	CSL_DIR "csl__2023-11-30__c815c599.csv.xz"
#define CSL_MINI_A	CSL_DIR "mini_consolidated__2025-06-02__67728449.csv"
#define CSL_MINI_B	CSL_DIR "mini_consolidated__2025-06-25__11e7a4ae.csv"
#define CSL_INVALID	CSL_DIR "csl__watchman_invalidFiles.csv"

static char *
file_read(const char *path, size_t *len)
{
	struct buf	 b = { 0 };
	char		 chunk[65536];
	FILE		*f = fopen(path, "rb");
	size_t		 n;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	buf_addc(&b, '\0');
	return b.data;
}

/* Records whose addresses, citizenships or nationalities gave no code. */
static size_t
no_country(json_t *a, const char **last)
{
	json_t	*v;
	size_t	 i, n = 0;

	json_array_foreach(a, i, v)
		if ((json_object_get(v, "addresses") ||
		    json_object_get(v, "citizenships") ||
		    json_object_get(v, "nationalities")) &&
		    json_array_size(json_object_get(v, "countries")) == 0) {
			*last = lb_str(v, "id");
			n++;
		}
	return n;
}

/* The 2019 layout: no _id; OFAC rows keep entity_number, the others get a
 * hash id; identifiers written "[CC, ]value, type". */
static void
test_csl_2019(void **state)
{
	json_t		*a = lb_parse_ok("us-csl-csv", CSL_2019), *r, *id;
	const char	*last = NULL;
	size_t		 i, hashed = 0;

	(void)state;
	assert_int_equal(json_array_size(a), 115);
	json_array_foreach(a, i, r)
		if (strstr(lb_str(r, "id"), ":h") != NULL)
			hashed++;
	assert_int_equal(hashed, 47);
	r = lb_find(a, "SDN:20264");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "source"), "us-csl");
	assert_string_equal(lb_str(r, "type"), "entity");
	assert_string_equal(lb_str(r, "name"), "200G PSA HOLDINGS LLC");
	assert_true(lb_has(r, "programs", "SDNTK"));
	assert_true(lb_has(r, "countries", "US"));
	id = json_array_get(json_object_get(r, "ids"), 0);
	assert_string_equal(lb_str(id, "type"), "Tax ID No.");
	assert_string_equal(lb_str(id, "value"), "80-0890696");
	assert_string_equal(lb_str(id, "country"), "US");
	/* A DPL row: a US address without a country ("..., AZ, 85043"). */
	r = lb_find(a, "DPL:h15d869865e2dba16");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "ADRIAN MANUEL HERNANDEZ");
	assert_true(lb_has(r, "countries", "US"));
	assert_string_equal(lb_str(r, "remarks"), "FR NOTICE ADDED");
	assert_string_equal(lb_str(r, "end_date"), "2020-10-13");
	r = lb_find(a, "SDN:8124");
	assert_non_null(r);
	assert_true(lb_has(r, "aliases", "HAVANTUR CANADA INC."));
	assert_true(lb_has(r, "countries", "CA"));
	assert_int_equal(no_country(a, &last), 0);
	json_decref(a);
}

/* The real 2023 copy stops inside row 4229 (line 4233): rejected whole.
 * Cut at its last complete row it gives 4226 listings (the header is
 * repeated on line 2 and skipped). */
static void
test_csl_2023(void **state)
{
	struct buf	 b = { 0 };
	char		*path, *nl;
	json_t		*a, *r;
	const char	*last = NULL;

	(void)state;
	assert_int_equal(fixture_xz(CSL_2023, &b), 0);
	path = lb_tmp_write(b.data, b.len);
	lb_rejects("us-csl-csv", path, ":4233: unterminated quoted field "
	    "(file truncated?)");
	unlink(path);
	free(path);

	nl = memrchr(b.data, '\n', b.len);
	assert_non_null(nl);
	path = lb_tmp_write(b.data, (size_t)(nl + 1 - b.data));
	a = lb_parse_ok("us-csl-csv", path);
	unlink(path);
	free(path);
	buf_free(&b);
	assert_int_equal(json_array_size(a), 4226);
	/* One OFAC uid on two lists: two records. */
	r = lb_find(a, "SDN:9659");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "HAMMAD, Fathi Ahmad Mohammad");
	assert_string_equal(lb_str(r, "type"), "individual");
	r = lb_find(a, "PLC:9659");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "Fathi Ahmad Mohammad HAMMAD");
	r = lb_find(a, "ISN:233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e"
	    "613b");
	assert_non_null(r);
	assert_true(lb_has(r, "programs", "INKSNA"));
	/* Only the Novosibirsk address names no country at all. */
	assert_int_equal(no_country(a, &last), 1);
	assert_string_equal(last, "DPL:942d8ce83b9822785f0d7ae0e749891bc2d2ec"
	    "3cd2343094757c1b53");
	json_decref(a);
}

static int
count_cb(const struct change *ch, void *arg)
{
	((size_t *)arg)[ch->kind]++;
	return 0;
}

static void
test_csl_minis_diff(void **state)
{
	const struct watcher_ops	*ops = watcher_find("us-csl-csv");
	const char			*paths[2] = { CSL_MINI_A, CSL_MINI_B };
	struct recset			 rs[2] = { { 0 }, { 0 } };
	size_t				 n[3] = { 0, 0, 0 };
	char				 err[SW_ERRLEN];
	json_t				*a = lb_parse_ok("us-csl-csv",
					    CSL_MINI_B), *r, *id;

	(void)state;
	assert_int_equal(json_array_size(a), 13);
	r = lb_find(a, "SDN:52291");
	assert_non_null(r);
	assert_string_equal(lb_str(r, "name"), "RIM, Ryong Nam");
	assert_true(lb_has(r, "countries", "KP"));
	assert_true(lb_has(r, "countries", "CN"));
	assert_true(lb_has(r, "dates_of_birth", "1978-12-05"));
	id = json_array_get(json_object_get(r, "ids"), 0);
	assert_string_equal(lb_str(id, "type"), "Passport");
	assert_string_equal(lb_str(id, "value"), "836238033");
	assert_string_equal(lb_str(id, "country"), "KP");
	json_decref(a);
	a = lb_parse_ok("us-csl-csv", CSL_MINI_A);
	assert_int_equal(json_array_size(a), 11);
	json_decref(a);

	for (int k = 0; k < 2; k++) {
		struct mapped		m;
		struct watcher_input	in;

		assert_int_equal(file_map(paths[k], &m, err, sizeof err), 0);
		memset(&in, 0, sizeof in);
		in.main = (struct watcher_file){ "main", paths[k], m.data,
		    m.len };
		assert_int_equal(recset_parse(ops, &in, &rs[k], err,
		    sizeof err), 0);
		file_unmap(&m);
	}
	assert_int_equal(diff_run(&rs[0], &rs[1], count_cb, n), 0);
	assert_int_equal(n[CHANGE_ADDED], 2);	/* EL:99ed1b05..., SSI:18283 */
	assert_int_equal(n[CHANGE_REMOVED], 0);
	assert_int_equal(n[CHANGE_MODIFIED], 0);
	recset_free(&rs[0]);
	recset_free(&rs[1]);
}

static void
test_csl_hostile(void **state)
{
	size_t	 len;
	char	*data = file_read(CSL_2019, &len), *path, *p, *bad;

	(void)state;
	lb_rejects("us-csl-csv", CSL_INVALID, ":2: expected 28 fields, found "
	    "2");
	lb_rejects("us-csl-csv", "tests/data/hostile-b/empty.xml", "empty");
	lb_rejects("us-csl-csv", "tests/data/hostile-b/xhtml.xml",
	    "not a Consolidated Screening List CSV");
	lb_rejects("us-csl-csv", "tests/data/us_bis_dpl/"
	    "dpl__2022-09-07__68f666a7.txt", ":1: text after closing quote");

	/* Cut inside the last row. */
	path = lb_tmp_write(data, len - 10);
	lb_rejects("us-csl-csv", path, ":116: expected 28 fields, found 27 "
	    "(file truncated?)");
	unlink(path);
	free(path);

	/* A byte that is not UTF-8, on line 3. */
	bad = xstrdup(data);
	p = strstr(bad, "183rd Guard");
	assert_non_null(p);
	*p = (char)0xff;
	path = lb_tmp_write(bad, len);
	lb_rejects("us-csl-csv", path, ":3: byte 0xff is not valid UTF-8");
	unlink(path);
	free(path);
	free(bad);

	/* The same id on two different rows. */
	bad = xasprintf("%s%s", data, strstr(data, "\nSpecially Designated "
	    "Nationals (SDN) - Treasury Department,20264,") + 1);
	p = strstr(bad + len, "200G PSA");
	p[0] = '3';
	path = lb_tmp_write(bad, strlen(bad));
	lb_rejects("us-csl-csv", path, ":117: id SDN:20264 is already used on "
	    "line 5");
	unlink(path);
	free(path);
	free(bad);

	/* A row published twice is one listing. */
	bad = xasprintf("%s%s", data, strstr(data, "\nSpecially Designated "
	    "Nationals (SDN) - Treasury Department,20264,") + 1);
	{
		char	 err[SW_ERRLEN];
		char	*nl = strchr(bad + len, '\n');
		json_t	*a;

		path = lb_tmp_write(bad, (size_t)(nl + 1 - bad));
		a = lb_parse("us-csl-csv", path, NULL, err, sizeof err);
		assert_non_null(a);
		assert_int_equal(json_array_size(a), 115);
		json_decref(a);
		unlink(path);
		free(path);
	}
	free(bad);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csl_2019),
		cmocka_unit_test(test_csl_2023),
		cmocka_unit_test(test_csl_minis_diff),
		cmocka_unit_test(test_csl_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
