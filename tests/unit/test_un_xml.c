/* test_un_xml.c — the UN consolidated list watcher: names in parts,
 * aliases, documents, countries, refusals, detection, the real files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/fixture.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CONSOLIDATED_LIST " \
	"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" " \
	"xsi:noNamespaceSchemaLocation=\"https://www.un.org/sc/resources/" \
	"sc-sanctions.xsd\" dateGenerated=\"2017-06-20T19:04:40.335-04:00\">"

/* Records cut from the 2017-06-20 file, padding and empty groups kept. */
static const char doc[] = HEAD
    "<INDIVIDUALS><INDIVIDUAL><DATAID>6908555</DATAID><VERSIONNUM>1</VERSIONNUM>"
    "<FIRST_NAME> RI </FIRST_NAME><SECOND_NAME>WON HO</SECOND_NAME><THIRD_NAME/>"
    "<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.033</REFERENCE_NUMBER>"
    "<LISTED_ON>2016-11-30</LISTED_ON><COMMENTS1>Ri Won Ho is an official.\n\n"
    "</COMMENTS1><DESIGNATION><VALUE>DPRK Ministry of State Security Official"
    "</VALUE></DESIGNATION><NATIONALITY><VALUE>Democratic People's Republic "
    "of Korea</VALUE></NATIONALITY><LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>"
    "<LAST_DAY_UPDATED><VALUE/></LAST_DAY_UPDATED><INDIVIDUAL_ALIAS><QUALITY/>"
    "<ALIAS_NAME/></INDIVIDUAL_ALIAS><INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY>"
    "<ALIAS_NAME>Ri Won-ho</ALIAS_NAME></INDIVIDUAL_ALIAS>"
    "<INDIVIDUAL_ADDRESS><COUNTRY/></INDIVIDUAL_ADDRESS>"
    "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>"
    "1964-07-17</DATE></INDIVIDUAL_DATE_OF_BIRTH><INDIVIDUAL_PLACE_OF_BIRTH>"
    "<CITY>Abeibara</CITY><COUNTRY>Mali</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>"
    "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>"
    "<NUMBER> 381310014</NUMBER><ISSUING_COUNTRY>Democratic People's Republic"
    " of Korea</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT><SORT_KEY/>"
    "<SORT_KEY_LAST_MOD/></INDIVIDUAL></INDIVIDUALS>"
    "<ENTITIES><ENTITY><DATAID>110403</DATAID><VERSIONNUM>1</VERSIONNUM>"
    "<FIRST_NAME>7TH OF TIR</FIRST_NAME><UN_LIST_TYPE>Iran</UN_LIST_TYPE>"
    "<REFERENCE_NUMBER>IRe.001</REFERENCE_NUMBER><LISTED_ON>2006-12-23"
    "</LISTED_ON><NAME_ORIGINAL_SCRIPT>\xd9\x87\xdb\x8c\xd8\xb1"
    "</NAME_ORIGINAL_SCRIPT><COMMENTS1/><ENTITY_ALIAS><QUALITY>a.k.a."
    "</QUALITY><ALIAS_NAME>7th of Tir Industries</ALIAS_NAME></ENTITY_ALIAS>"
    "<ENTITY_ADDRESS><CITY>Isfahan</CITY><COUNTRY>Iran</COUNTRY>"
    "</ENTITY_ADDRESS><SORT_KEY/><SORT_KEY_LAST_MOD/></ENTITY></ENTITIES>"
    "</CONSOLIDATED_LIST>";

static char *
dump(json_t *v)
{
	return json_dumps(v, JSON_COMPACT);
}

static void
test_fields(void **state)
{
	char	 err[SW_ERRLEN] = "", *s;
	json_t	*recs = fixture_parse("un-xml", "t.xml", doc, sizeof doc - 1,
	    err, sizeof err), *r, *v;

	(void)state;
	if (recs == NULL)
		fail_msg("%s", err);
	assert_int_equal(json_array_size(recs), 2);
	r = fixture_find(recs, "6908555");
	assert_string_equal(fixture_str(r, "source"), "un");
	assert_string_equal(fixture_str(r, "type"), "individual");
	assert_string_equal(fixture_str(r, "name"), "RI WON HO");
	assert_string_equal(fixture_str(r, "remarks"),
	    "Ri Won Ho is an official.");
	assert_string_equal(fixture_str(r, "listed_on"), "2016-11-30");
	s = dump(json_object_get(r, "programs"));
	assert_string_equal(s, "[\"DPRK\",\"KPi.033\"]");
	free(s);
	s = dump(json_object_get(r, "countries"));
	assert_string_equal(s, "[\"KP\",\"ML\"]");
	free(s);
	s = dump(json_object_get(r, "aliases"));
	assert_string_equal(s, "[\"Ri Won-ho\"]");
	free(s);
	/* The empty alias placeholder is dropped; the quality is kept. */
	v = json_object_get(r, "individual_alias");
	assert_int_equal(json_array_size(v), 1);
	assert_string_equal(fixture_str(json_array_get(v, 0), "quality"), "Low");
	v = json_array_get(json_object_get(r, "ids"), 0);
	assert_string_equal(fixture_str(v, "type"), "Passport");
	assert_string_equal(fixture_str(v, "value"), "381310014");
	assert_null(json_object_get(r, "last_day_updated"));

	r = fixture_find(recs, "110403");
	assert_string_equal(fixture_str(r, "type"), "entity");
	assert_string_equal(fixture_str(r, "name"), "7TH OF TIR");
	assert_true(json_is_null(json_object_get(r, "remarks")));
	s = dump(json_object_get(r, "aliases"));
	assert_string_equal(s, "[\"\xd9\x87\xdb\x8c\xd8\xb1\",\"7th of Tir "
	    "Industries\"]");
	free(s);
	s = dump(json_object_get(r, "countries"));
	assert_string_equal(s, "[\"IR\"]");
	free(s);
	json_decref(recs);
}

static void
expect_refusal(const char *text, const char *msg)
{
	fixture_refuses("un-xml", text, msg);
}

static void
test_refusals(void **state)
{
	(void)state;
	expect_refusal(HEAD "<INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>",
	    "no INDIVIDUAL or ENTITY");
	expect_refusal(HEAD "</CONSOLIDATED_LIST>", "no INDIVIDUALS or ENTITIES");
	expect_refusal(HEAD "<INDIVIDUALS><INDIVIDUAL><DATAID>12</DATAID>"
	    "<FIRST_NAME/></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
	    "has no name");
	expect_refusal(HEAD "<INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME>"
	    "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>", "without DATAID");
	expect_refusal(HEAD "<INDIVIDUALS><INDIVIDUAL><DATAID>1x</DATAID>"
	    "<FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>"
	    "</CONSOLIDATED_LIST>", "not a number");
	expect_refusal(HEAD "<INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>",
	    "malformed");
	expect_refusal("<?xml version=\"1.0\"?><x:CONSOLIDATED_LIST "
	    "xmlns:x=\"urn:x\"/>", "in a namespace");
	expect_refusal("<?xml version=\"1.0\"?><export/>", "root element is "
	    "<export>");
}

static void
test_detect(void **state)
{
	const struct watcher_ops	*ops = watcher_find("un-xml");

	(void)state;
	assert_non_null(ops);
	assert_true(ops->detect(doc, sizeof doc - 1) >= 50);
	assert_ptr_equal(watcher_detect(doc, sizeof doc - 1), ops);
	assert_int_equal(ops->detect(doc, 50), 0);
	assert_int_equal(ops->detect("<sdnList/>", 10), 0);
}

/* Real files: per-type counts from MANIFEST.md; every country maps. */
static void
test_real_files(void **state)
{
	static const struct {
		const char	*path;
		size_t		 individuals, entities;
	} files[] = {
		{ "tests/data/un/un_consolidated__2017-06-20__89c1967.xml.xz",
		    653, 371 },
		{ "tests/data/un/un_consolidated__2024-11-30__48e0808.xml.xz",
		    686, 193 },
	};
	struct strvec	bad = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		struct buf	 b = { 0 };
		char		 err[SW_ERRLEN] = "";
		json_t		*recs, *r;
		size_t		 k, ni = 0, ne = 0;

		assert_int_equal(fixture_xz(files[i].path, &b), 0);
		recs = fixture_parse("un-xml", files[i].path, b.data, b.len, err,
		    sizeof err);
		if (recs == NULL)
			fail_msg("%s", err);
		json_array_foreach(recs, k, r) {
			if (strcmp(fixture_str(r, "type"), "individual") == 0)
				ni++;
			else
				ne++;
			/* No name part keeps its padding. */
			assert_true(fixture_str(r, "name")[0] != ' ');
		}
		assert_int_equal(ni, files[i].individuals);
		assert_int_equal(ne, files[i].entities);
		fixture_countries(recs, NULL, &bad);
		json_decref(recs);
		buf_free(&b);
	}
	for (size_t i = 0; i < bad.n; i++)
		print_error("unmapped country spelling: \"%s\"\n", bad.v[i]);
	assert_int_equal(bad.n, 0);
	strvec_clear(&bad);
}

/* An ALIAS_NAME holding several names gives each as an alias (the 2024
 * list: "Abdul Rehman; Abd Ur-Rehman; Abdur Rahman", and Latin forms in
 * parentheses after an Arabic-script name). */
static void
test_alias_lists(void **state)
{
	const char	*path =
	    "tests/data/un/un_consolidated__2024-11-30__48e0808.xml.xz";
	struct buf	 b = { 0 };
	char		 err[SW_ERRLEN] = "";
	json_t		*recs, *r, *a;
	size_t		 k, j, semi = 0, found = 0;

	(void)state;
	assert_int_equal(fixture_xz(path, &b), 0);
	recs = fixture_parse("un-xml", path, b.data, b.len, err, sizeof err);
	if (recs == NULL)
		fail_msg("%s", err);
	json_array_foreach(recs, k, r) {
		json_array_foreach(json_object_get(r, "aliases"), j, a) {
			const char *s = json_string_value(a);

			semi += strchr(s, ';') != NULL;
			found += strcmp(s, "Abd Ur-Rehman") == 0 ||
			    strcmp(s, "Abdur Rahman") == 0 ||
			    strcmp(s, "Abu-Shaima") == 0 ||
			    strcmp(s, "Abu- Shayma") == 0 ||
			    strcmp(s, "أبو شيماء") == 0;
		}
	}
	assert_int_equal(semi, 0);
	assert_int_equal(found, 5);
	json_decref(recs);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_real_files),
		cmocka_unit_test(test_alias_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
