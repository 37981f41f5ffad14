/* test_feed.c — the feed watcher: feedparser's date cases, each feed
 * dialect, link resolution, the record mapping, and refused inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "watchers/feed.h"

#define DATES_TSV	"tests/data/feeds/feedparser/DATES.tsv"

static enum feed_date_fmt
fmt_of(const char *parser)
{
	static const struct { const char *name; enum feed_date_fmt fmt; } t[] = {
		{ "_parse_date_rfc822", FEED_DATE_RFC822 },
		{ "_parse_date_w3dtf", FEED_DATE_W3DTF },
		{ "_parse_date_iso8601", FEED_DATE_ISO8601 },
		{ "_parse_date_asctime", FEED_DATE_ASCTIME },
		{ "_parse_date_perforce", FEED_DATE_PERFORCE },
		{ "_parse_date_greek", FEED_DATE_GREEK },
		{ "_parse_date_hungarian", FEED_DATE_HUNGARIAN },
		{ "_parse_date_nate", FEED_DATE_NATE },
		{ "_parse_date_onblog", FEED_DATE_ONBLOG },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(parser, t[i].name) == 0)
			return t[i].fmt;
	fail_msg("unknown parser %s in " DATES_TSV, parser);
	return FEED_DATE_ANY;
}

/* Every case feedparser's date tests state, per grammar and via ANY. */
static void
test_dates_corpus(void **state)
{
	struct mapped	 m;
	char		 err[SW_ERRLEN], *text, *line, *save = NULL;
	int		 n = 0, bad = 0;

	(void)state;
	assert_int_equal(file_map(DATES_TSV, &m, err, sizeof err), 0);
	text = xstrndup(m.data, m.len);
	file_unmap(&m);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char	*parser = line, *in, *want, *end, out[32] = "";
		int	 rc;

		if (*line == '#')
			continue;
		if ((in = strchr(parser, '\t')) == NULL)
			continue;
		*in++ = '\0';
		if ((want = strchr(in, '\t')) == NULL)
			continue;
		*want++ = '\0';
		if ((end = strchr(want, '\t')) != NULL)
			*end = '\0';
		n++;
		rc = feed_date_parse(in, fmt_of(parser), out);
		if (strcmp(want, "NONE") == 0) {
			if (rc != -1) {
				printf("%s \"%s\": expected no date, got %s\n",
				    parser, in, out);
				bad++;
			}
			continue;
		}
		if (rc != 0 || strcmp(out, want) != 0) {
			printf("%s \"%s\": expected %s, got %s\n", parser, in,
			    want, rc == 0 ? out : "no date");
			bad++;
		}
		/* A feed does not say which grammar: ANY must agree. */
		if (feed_date_parse(in, FEED_DATE_ANY, out) != 0 ||
		    strcmp(out, want) != 0) {
			printf("ANY \"%s\": expected %s, got %s\n", in, want,
			    out);
			bad++;
		}
	}
	free(text);
	assert_true(n >= 70);
	assert_int_equal(bad, 0);
}

static void
test_dates_edges(void **state)
{
	char	out[32];

	(void)state;
	assert_int_equal(feed_date_parse("  Tue, 10 Jun 2003 04:00:00 GMT \n",
	    FEED_DATE_ANY, out), 0);
	assert_string_equal(out, "2003-06-10T04:00:00Z");
	assert_int_equal(feed_date_parse("2024-02-29T23:30:00-01:00",
	    FEED_DATE_ANY, out), 0);
	assert_string_equal(out, "2024-03-01T00:30:00Z");
	assert_int_equal(feed_date_parse("2023-02-29", FEED_DATE_ANY, out), -1);
	assert_int_equal(feed_date_parse("yesterday", FEED_DATE_ANY, out), -1);
	assert_int_equal(feed_date_parse("", FEED_DATE_ANY, out), -1);
}

struct parsed {
	struct feed	fd;
	int		rc;
	char		err[SW_ERRLEN];
};

static void
read_doc(struct parsed *p, const char *name, const char *doc)
{
	/* A private copy without a terminator: the reader must not need one. */
	size_t			 len = strlen(doc);
	char			*copy = xmalloc(len ? len : 1);
	struct watcher_file	 f = { "main", name, copy, len };

	memcpy(copy, doc, len);
	p->err[0] = '\0';
	p->rc = feed_read(&f, &p->fd, p->err, sizeof p->err);
	free(copy);
}

static void
test_rss20(void **state)
{
	struct parsed	p;

	(void)state;
	read_doc(&p, "https://example.gov/news/rss.xml",
	    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
	    "<title>Recent Actions</title><link>https://example.gov/</link>"
	    "<image><title>logo</title></image>"
	    "<item><title>Counter Terrorism Designations; Sadio &amp;amp; "
	    "Co</title><link>/recent-actions/20240103</link>"
	    "<guid isPermaLink=\"false\">ra-20240103</guid>"
	    "<description><![CDATA[<p>OFAC has <b>designated</b> the "
	    "following&nbsp;persons:</p><script>x()</script><ul><li>ONE"
	    "</li><li>TWO</li></ul>]]></description>"
	    "<pubDate>Wed, 03 Jan 2024 10:15:00 EST</pubDate></item>"
	    "<item><title>Second</title>"
	    "<guid>https://example.gov/a/2</guid></item>"
	    "</channel></rss>");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fd.title, "Recent Actions");
	assert_int_equal(p.fd.n, 2);
	assert_string_equal(p.fd.v[0].title,
	    "Counter Terrorism Designations; Sadio & Co");
	assert_string_equal(p.fd.v[0].link,
	    "https://example.gov/recent-actions/20240103");
	assert_string_equal(p.fd.v[0].id, "ra-20240103");
	assert_string_equal(p.fd.v[0].summary,
	    "OFAC has designated the following persons: ONE TWO");
	assert_string_equal(p.fd.v[0].published, "2024-01-03T15:15:00Z");
	/* A permalink guid is the link of an item without one. */
	assert_string_equal(p.fd.v[1].link, "https://example.gov/a/2");
	assert_null(p.fd.v[1].published);
	feed_free(&p.fd);
}

static void
test_rss091_netscape_doctype(void **state)
{
	struct parsed	p;

	(void)state;
	read_doc(&p, "old.rss",
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91"
	    "//EN\"\n \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"
	    "\n<rss version=\"0.91\"><channel><title>Caf\xe9</title>"
	    "<item><title>A</title><link>http://x.example/a</link></item>"
	    "</channel></rss>\n");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fd.title, "Caf\xc3\xa9");
	assert_int_equal(p.fd.n, 1);
	assert_null(p.fd.v[0].id);
	assert_string_equal(p.fd.v[0].link, "http://x.example/a");
	feed_free(&p.fd);
}

static void
test_rdf(void **state)
{
	struct parsed	p;

	(void)state;
	read_doc(&p, "rdf.xml",
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
	    " xmlns=\"http://purl.org/rss/1.0/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<channel rdf:about=\"http://x.example/\"><title>RDF feed</title>"
	    "</channel>"
	    "<item rdf:about=\"http://x.example/1\"><title>One</title>"
	    "<link>http://x.example/1.html</link>"
	    "<description>First &lt;i&gt;item&lt;/i&gt;</description>"
	    "<dc:date>2004-07-08T23:56:58+02:00</dc:date></item>"
	    "</rdf:RDF>");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fd.title, "RDF feed");
	assert_int_equal(p.fd.n, 1);
	assert_string_equal(p.fd.v[0].id, "http://x.example/1");
	assert_string_equal(p.fd.v[0].summary, "First item");
	assert_string_equal(p.fd.v[0].published, "2004-07-08T21:56:58Z");
	feed_free(&p.fd);
}

static void
test_atom10(void **state)
{
	struct parsed	p;

	(void)state;
	read_doc(&p, "https://www.gov.example/search.atom",
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
	    "xml:base=\"https://www.gov.example/base/\">"
	    "<title type=\"html\">OFSI &amp;amp; FCDO</title>"
	    "<entry><id>tag:gov,2024:1</id>"
	    "<title type=\"text\">Financial sanctions: &lt;Mali&gt;</title>"
	    "<link rel=\"enclosure\" href=\"/x.pdf\"/>"
	    "<link href=\"notice/1\"/>"
	    "<updated>2024-05-03T12:00:00+01:00</updated>"
	    "<summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	    "<p>Asset <b>freeze</b> on</p><p>Sadio Camara</p></div></summary>"
	    "<content type=\"html\">&lt;p&gt;ignored&lt;/p&gt;</content>"
	    "</entry>"
	    "<entry xml:base=\"http://other.example/dir/\"><id>2</id>"
	    "<link rel=\"alternate\" href=\"../page\"/>"
	    "<published>2024-05-01</published>"
	    "<updated>2024-05-02T00:00:00Z</updated>"
	    "<content type=\"text\">Plain   &amp; simple</content></entry>"
	    "</feed>");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fd.title, "OFSI & FCDO");
	assert_int_equal(p.fd.n, 2);
	assert_string_equal(p.fd.v[0].title, "Financial sanctions: <Mali>");
	assert_string_equal(p.fd.v[0].link,
	    "https://www.gov.example/base/notice/1");
	assert_string_equal(p.fd.v[0].summary,
	    "Asset freeze on Sadio Camara");
	assert_string_equal(p.fd.v[0].content, "ignored");
	assert_null(p.fd.v[0].published);
	assert_string_equal(p.fd.v[0].updated, "2024-05-03T11:00:00Z");
	assert_string_equal(p.fd.v[1].link, "http://other.example/page");
	assert_string_equal(p.fd.v[1].published, "2024-05-01T00:00:00Z");
	assert_string_equal(p.fd.v[1].content, "Plain & simple");
	feed_free(&p.fd);
}

static void
test_atom03(void **state)
{
	struct parsed	p;

	(void)state;
	read_doc(&p, "a03.xml",
	    "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"
	    "<title mode=\"escaped\" type=\"text/html\">A &amp;lt;b&amp;gt;"
	    "B</title><entry><title mode=\"base64\" type=\"text/html\">"
	    "RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>"
	    "<issued>2003-12-13T08:29:29-04:00</issued>"
	    "<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"http://x.example/e\"/></entry></feed>");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fd.title, "A <b>B");
	assert_string_equal(p.fd.v[0].title, "Example Atom");
	assert_string_equal(p.fd.v[0].published, "2003-12-13T12:29:29Z");
	assert_string_equal(p.fd.v[0].link, "http://x.example/e");
	feed_free(&p.fd);
}

/* Relative links stay relative when the name is a path, not a URL. */
static void
test_relative_without_base(void **state)
{
	struct parsed	p;

	(void)state;
	read_doc(&p, "tests/x.xml", "<rss><channel><item><link>/a/b</link>"
	    "</item></channel></rss>");
	assert_int_equal(p.rc, 0);
	assert_string_equal(p.fd.v[0].link, "/a/b");
	feed_free(&p.fd);
}

static void
assert_refused(const char *doc, const char *needle)
{
	struct parsed	p;

	read_doc(&p, "bad.xml", doc);
	if (p.rc != -1 || strstr(p.err, needle) == NULL ||
	    strncmp(p.err, "bad.xml:", 8) != 0 || strchr(p.err, '\n'))
		fail_msg("rc %d err \"%s\" (wanted \"%s\")", p.rc, p.err, needle);
	feed_free(&p.fd);
}

static void
test_refused(void **state)
{
	(void)state;
	assert_refused("", "empty");
	assert_refused("<rss><channel><item><title>cut", "malformed");
	assert_refused("<!DOCTYPE html>\n<html><head><title>x</title></head>"
	    "<body><p>Maintenance<br></body></html>", "bad.xml:");
	assert_refused("<html><body><p>hi</p></body></html>", "not a news feed");
	assert_refused("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
	    "<rss><channel><title>&xxe;</title></channel></rss>", "entities");
	assert_refused("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
	    "<!ENTITY lol \"lol\">\n"
	    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
	    "<rss><channel><title>&lol3;</title></channel></rss>", "entities");
	assert_refused("<rss><channel><title>caf&eacute;</title></channel>"
	    "</rss>", "eacute");
	assert_refused("{\"items\": []}", "malformed");
}

struct collected {
	json_t	*a;
};

static int
collect_cb(struct record *r, void *arg)
{
	struct collected	*c = arg;

	json_array_append_new(c->a, record_to_json(r));
	return 0;
}

static void
test_records(void **state)
{
	const struct watcher_ops	*ops = watcher_find("feed");
	const char			*doc =
	    "<rss version=\"2.0\"><channel><title>T</title>"
	    "<item><description>Untitled item whose summary is long enough "
	    "to be cut: it names Sadio Camara, a minister of Mali, and goes "
	    "on for a while.</description>"
	    "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>"
	    "<item><title>Only a title</title></item>"
	    "<item><title>Linked</title><link>http://x.example/l</link></item>"
	    "</channel></rss>";
	struct watcher_input		 in = { { "main", "f.xml", doc,
	    strlen(doc) }, { { 0 } }, 0, NULL };
	struct collected		 c = { json_array() };
	char				 err[SW_ERRLEN];
	json_t				*r;
	const char			*name;

	(void)state;
	assert_non_null(ops);
	assert_true(ops->news);
	assert_int_equal(ops->parse(&in, collect_cb, &c, err, sizeof err), 0);
	assert_int_equal(json_array_size(c.a), 3);
	r = json_array_get(c.a, 0);
	assert_string_equal(json_string_value(json_object_get(r, "type")),
	    "news");
	assert_string_equal(json_string_value(json_object_get(r, "source")),
	    "feed");
	assert_string_equal(json_string_value(json_object_get(r,
	    "feed_title")), "T");
	assert_string_equal(json_string_value(json_object_get(r,
	    "published")), "2004-01-01T19:48:21Z");
	name = json_string_value(json_object_get(r, "name"));
	assert_true(strncmp(name, "Untitled item whose summary", 27) == 0);
	assert_true(strlen(name) <= 100 + strlen("…"));
	assert_non_null(strstr(name, "…"));
	assert_true(strncmp(json_string_value(json_object_get(r, "id")),
	    "sha256:", 7) == 0);
	r = json_array_get(c.a, 1);
	assert_string_equal(json_string_value(json_object_get(r, "name")),
	    "Only a title");
	assert_true(strncmp(json_string_value(json_object_get(r, "id")),
	    "sha256:", 7) == 0);
	assert_string_not_equal(json_string_value(json_object_get(r, "id")),
	    json_string_value(json_object_get(json_array_get(c.a, 0), "id")));
	r = json_array_get(c.a, 2);
	assert_string_equal(json_string_value(json_object_get(r, "id")),
	    "http://x.example/l");
	assert_string_equal(json_string_value(json_object_get(r, "link")),
	    "http://x.example/l");
	json_decref(c.a);
}

static void
test_detect(void **state)
{
	const struct watcher_ops	*ops = watcher_find("feed");
	static const char		 rss[] = "\xef\xbb\xbf<?xml version="
	    "\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">";
	static const char		 atom[] = "<feed xmlns=\"http://www."
	    "w3.org/2005/Atom\">";
	static const char		 rdf[] = "<rdf:RDF xmlns=\"http://purl"
	    ".org/rss/1.0/\">";
	static const char		 other[] = "<?xml version=\"1.0\"?>"
	    "<CONSOLIDATED_LIST>";
	static const char		 csv[] = "36,\"AEROCARIBBEAN\",-0- ,";

	(void)state;
	/* Lengths exclude the terminator: detect must stay within len. */
	assert_true(ops->detect(rss, sizeof rss - 1) >= 50);
	assert_true(ops->detect(atom, sizeof atom - 1) >= 50);
	assert_true(ops->detect(rdf, sizeof rdf - 1) >= 50);
	assert_true(ops->detect(other, sizeof other - 1) < 50);
	assert_true(ops->detect(csv, sizeof csv - 1) < 50);
	assert_true(ops->detect("<rs", 3) < 50);
	assert_true(ops->detect("", 0) < 50);
	assert_ptr_equal(watcher_detect(rss, sizeof rss - 1), ops);
}

static void
test_html_text(void **state)
{
	char	*s;

	(void)state;
	s = feed_html_text("2 > 1 &amp; a<br>b<p>c</p>d &lt;e&gt;", 37);
	assert_string_equal(s, "2 > 1 & a b c d <e>");
	free(s);
	s = feed_html_text("", 0);
	assert_string_equal(s, "");
	free(s);
	s = feed_html_text("<style>p{}</style>x<script>alert(1)</script>y", 46);
	assert_string_equal(s, "xy");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_corpus),
		cmocka_unit_test(test_dates_edges),
		cmocka_unit_test(test_rss20),
		cmocka_unit_test(test_rss091_netscape_doctype),
		cmocka_unit_test(test_rdf),
		cmocka_unit_test(test_atom10),
		cmocka_unit_test(test_atom03),
		cmocka_unit_test(test_relative_without_base),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_html_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
