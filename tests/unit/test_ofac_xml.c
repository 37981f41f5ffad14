/* test_ofac_xml.c — the OFAC sdnList XML watcher: field mapping, both
 * namespaces, count check, refusals, detection, the real files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/fixture.h"

#define HEAD(ns, count) "<?xml version=\"1.0\" standalone=\"yes\"?>\n" \
	"<sdnList xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" " \
	"xmlns=\"" ns "\">\n<publshInformation><Publish_Date>04/06/2018" \
	"</Publish_Date><Record_Count>" count "</Record_Count>" \
	"</publshInformation>\n"
#define TEMPURI "http://tempuri.org/sdnList.xsd"
#define SLS "https://sanctionslistservice.ofac.treas.gov/api/" \
	"PublicationPreview/exports/XML"

/* Two entries shaped like the real 2018 file's, one with every list. */
static const char two_entries[] =
    "<sdnEntry><uid>17527</uid><firstName>Ali</firstName>"
    "<lastName>MAMLUK</lastName><title>Head</title>"
    "<sdnType>Individual</sdnType><remarks>see also</remarks>"
    "<programList><program>SYRIA</program><program>FSE-SY</program>"
    "</programList>"
    "<idList><id><uid>1</uid><idType>Passport</idType>"
    "<idNumber>N 0123</idNumber><idCountry>Syria</idCountry></id></idList>"
    "<akaList><aka><uid>2</uid><type>a.k.a.</type><category>strong</category>"
    "<lastName>MAMLOUK</lastName><firstName>Ali</firstName></aka></akaList>"
    "<addressList><address><uid>3</uid><city>Beirut</city>"
    "<country>Lebanon</country></address></addressList>"
    "<nationalityList><nationality><uid>4</uid><country>Syria</country>"
    "<mainEntry>true</mainEntry></nationality></nationalityList>"
    "<citizenshipList><citizenship><uid>5</uid><country>Kuwaiti citizenship "
    "withdrawn in 2002</country><mainEntry>true</mainEntry></citizenship>"
    "</citizenshipList>"
    "<dateOfBirthList><dateOfBirthItem><uid>6</uid><dateOfBirth>19 Feb 1946"
    "</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem>"
    "</dateOfBirthList>"
    "<placeOfBirthList><placeOfBirthItem><uid>7</uid><placeOfBirth>"
    "Tehran, Iran</placeOfBirth><mainEntry>true</mainEntry>"
    "</placeOfBirthItem></placeOfBirthList></sdnEntry>\n"
    "<sdnEntry><uid>9999</uid><lastName>SEA STAR</lastName>"
    "<sdnType>Vessel</sdnType><programList><program>IRAN</program>"
    "</programList><vesselInfo><callSign>9HXY</callSign><vesselType>Crude "
    "Oil Tanker</vesselType><vesselFlag>Malta</vesselFlag>"
    "<grossRegisteredTonnage>80000</grossRegisteredTonnage></vesselInfo>"
    "</sdnEntry>\n</sdnList>\n";

static json_t *
parse_doc(const char *head, const char *body, char *err, size_t errlen)
{
	char	*doc = xasprintf("%s%s", head, body);
	json_t	*out = fixture_parse("ofac-xml", "t.xml", doc, strlen(doc), err,
	    errlen);

	free(doc);
	return out;
}

static void
test_fields(void **state)
{
	char	 err[SW_ERRLEN] = "";
	json_t	*recs = parse_doc(HEAD(TEMPURI, "2"), two_entries, err,
	    sizeof err), *r, *v;
	char	*s;

	(void)state;
	assert_non_null(recs);
	assert_int_equal(json_array_size(recs), 2);
	r = fixture_find(recs, "17527");
	assert_non_null(r);
	/* FSE-SY beside the SDN programme SYRIA marks nothing, and the file
	 * name t.xml says nothing: the default is ofac-sdn. */
	assert_string_equal(fixture_str(r, "source"), "ofac-sdn");
	assert_string_equal(fixture_str(r, "name"), "MAMLUK, Ali");
	assert_string_equal(fixture_str(r, "type"), "individual");
	assert_string_equal(fixture_str(r, "remarks"), "see also");
	assert_string_equal(fixture_str(r, "title"), "Head");
	s = json_dumps(json_object_get(r, "countries"), JSON_COMPACT);
	/* address, nationality, citizenship, POB; not the passport country */
	assert_string_equal(s, "[\"LB\",\"SY\",\"KW\",\"IR\"]");
	free(s);
	s = json_dumps(json_object_get(r, "aliases"), JSON_COMPACT);
	assert_string_equal(s, "[\"MAMLOUK, Ali\"]");
	free(s);
	s = json_dumps(json_object_get(r, "programs"), JSON_COMPACT);
	assert_string_equal(s, "[\"SYRIA\",\"FSE-SY\"]");
	free(s);
	v = json_array_get(json_object_get(r, "ids"), 0);
	assert_string_equal(fixture_str(v, "type"), "Passport");
	assert_string_equal(fixture_str(v, "value"), "N 0123");
	assert_string_equal(fixture_str(v, "country"), "Syria");
	v = json_array_get(json_object_get(r, "akas"), 0);
	assert_string_equal(fixture_str(v, "category"), "strong");
	v = json_array_get(json_object_get(r, "dates_of_birth"), 0);
	assert_string_equal(fixture_str(v, "date_of_birth"), "19 Feb 1946");

	r = fixture_find(recs, "9999");
	assert_string_equal(fixture_str(r, "type"), "vessel");
	assert_string_equal(fixture_str(r, "name"), "SEA STAR");
	assert_string_equal(fixture_str(r, "vessel_flag"), "Malta");
	assert_string_equal(fixture_str(r, "grt"), "80000");
	assert_string_equal(fixture_str(r, "call_sign"), "9HXY");
	s = json_dumps(json_object_get(r, "countries"), JSON_COMPACT);
	assert_string_equal(s, "[\"MT\"]");
	free(s);
	json_decref(recs);
}

/* Same body in the SLS namespace; without a non-SDN programme and with a
 * file name of SDN.XML the records are ofac-sdn. */
static void
test_sls_namespace_and_source(void **state)
{
	char	 err[SW_ERRLEN] = "";
	char	*doc = xasprintf("%s%s", HEAD(SLS, "1"),
	    "<sdnEntry><uid>36</uid><lastName>AEROCARIBBEAN AIRLINES</lastName>"
	    "<sdnType>Entity</sdnType><programList><program>CUBA</program>"
	    "</programList></sdnEntry></sdnList>");
	json_t	*recs;

	(void)state;
	recs = fixture_parse("ofac-xml", "/x/SDN.XML", doc, strlen(doc), err,
	    sizeof err);
	assert_non_null(recs);
	assert_string_equal(fixture_str(json_array_get(recs, 0), "source"),
	    "ofac-sdn");
	assert_string_equal(fixture_str(json_array_get(recs, 0), "type"),
	    "entity");
	json_decref(recs);
	recs = fixture_parse("ofac-xml", "/x/CONSOLIDATED.XML", doc,
	    strlen(doc), err, sizeof err);
	assert_string_equal(fixture_str(json_array_get(recs, 0), "source"),
	    "ofac-cons");
	json_decref(recs);
	free(doc);
}

static void
expect_refusal(const char *head, const char *body, const char *msg)
{
	char	*doc = xasprintf("%s%s", head, body);

	fixture_refuses("ofac-xml", doc, msg);
	free(doc);
}

static void
test_refusals(void **state)
{
	(void)state;
	expect_refusal(HEAD(TEMPURI, "3"), two_entries,
	    "Record_Count says 3 records but the file holds 2");
	expect_refusal(HEAD("http://example.org/x", "2"), two_entries,
	    "unknown namespace");
	expect_refusal("<?xml version=\"1.0\"?><html><body/></html>", "",
	    "root element is <html>");
	expect_refusal(HEAD(TEMPURI, "1"), "<sdnEntry><uid>x1</uid><lastName>A"
	    "</lastName><sdnType>Entity</sdnType><programList/></sdnEntry>"
	    "</sdnList>", "without a numeric uid");
	expect_refusal(HEAD(TEMPURI, "1"), "<sdnEntry><uid>1</uid><lastName>A"
	    "</lastName><sdnType>Ship</sdnType><programList/></sdnEntry>"
	    "</sdnList>", "unknown sdnType \"ship\"");
	expect_refusal(HEAD(TEMPURI, "1"), "<sdnEntry><uid>1</uid>"
	    "<sdnType>Entity</sdnType><programList/></sdnEntry></sdnList>",
	    "has no name");
	expect_refusal(HEAD(TEMPURI, "0"), "</sdnList>", "no sdnEntry");
	expect_refusal(HEAD(TEMPURI, "2"), "<sdnEntry><uid>1</uid><lastName>",
	    "malformed XML");
	expect_refusal("<?xml version=\"1.0\"?><sdnList><sdnEntry><uid>1</uid>"
	    "<lastName>A</lastName><sdnType>Entity</sdnType></sdnEntry>",
	    "</sdnList>", "no publshInformation");
}

static void
test_detect(void **state)
{
	const struct watcher_ops	*ops = watcher_find("ofac-xml");
	static const char		 doc[] = HEAD(TEMPURI, "0");
	static const char		 un[] = "<?xml version=\"1.0\"?>"
	    "<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>";
	static const char		 csv[] = "36,\"AEROCARIBBEAN AIRLINES\","
	    "-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";

	(void)state;
	assert_non_null(ops);
	assert_true(ops->detect(doc, sizeof doc - 1) >= 50);
	assert_int_equal(ops->detect(un, sizeof un - 1), 0);
	assert_int_equal(ops->detect(csv, sizeof csv - 1), 0);
	assert_int_equal(ops->detect("", 0), 0);
	/* Bounded by len: a prefix that stops before the root is not claimed. */
	assert_int_equal(ops->detect(doc, 30), 0);
	assert_ptr_equal(watcher_detect(doc, sizeof doc - 1), ops);
	assert_string_equal(watcher_detect(csv, sizeof csv - 1)->name,
	    "ofac-sdn-csv");
}

/* The real files: counts, and every country spelling maps to a code. */
static void
test_real_files(void **state)
{
	static const struct {
		const char	*path;
		size_t		 count;
		const char	*id, *name;
	} files[] = {
		{ "tests/data/ofac_cons/consolidated__2018-04-06__b8e0ea8.xml.xz",
		    639, "4632", "BANK MARKAZI JOMHOURI ISLAMI IRAN" },
		{ "tests/data/ofac_cons/consolidated_SLS__2024-05-06__e7e1058.xml.xz",
		    443, "9639", "HANIYA, Ismail Abdul Salah" },
	};
	struct strvec	bad = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		struct buf	 b = { 0 };
		char		 err[SW_ERRLEN] = "";
		json_t		*recs, *r;
		size_t		 k;

		assert_int_equal(fixture_xz(files[i].path, &b), 0);
		recs = fixture_parse("ofac-xml", files[i].path, b.data, b.len,
		    err, sizeof err);
		if (recs == NULL)
			fail_msg("%s", err);
		assert_int_equal(json_array_size(recs), files[i].count);
		r = fixture_find(recs, files[i].id);
		assert_non_null(r);
		assert_string_equal(fixture_str(r, "name"), files[i].name);
		json_array_foreach(recs, k, r)
			assert_string_equal(fixture_str(r, "source"), "ofac-cons");
		fixture_countries(recs, NULL, &bad);
		json_decref(recs);
		buf_free(&b);
	}
	for (size_t i = 0; i < bad.n; i++)
		print_error("unmapped country spelling: \"%s\"\n", bad.v[i]);
	assert_int_equal(bad.n, 0);
	strvec_clear(&bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_sls_namespace_and_source),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_real_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
