/* feed.c — RSS 0.9x/2.0, RSS 1.0/0.90 (RDF) and Atom 0.3/1.0 news feeds as
 * "news" records, read with the safe streaming reader of xml.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <openssl/evp.h>

#include "watchers/feed.h"
#include "watchers/xml.h"

extern const struct watcher_ops feed_watcher;

/* A name shorter than this is cut from the summary for untitled items. */
#define FEED_NAME_MAX	100

enum feed_kind { KIND_RSS, KIND_RDF, KIND_ATOM };

/* The namespaces whose elements carry the fields we read. */
enum feed_ns { NS_CORE, NS_DC, NS_DCTERMS, NS_CONTENT, NS_ITUNES, NS_MEDIA,
    NS_XHTML, NS_OTHER };

/* How an element's text becomes plain text. */
enum text_mode { TEXT_PLAIN, TEXT_HTML, TEXT_MARKUP, TEXT_BASE64_HTML };

/* Field slots with the precedence of the element that filled them. */
enum { F_ID, F_TITLE, F_LINK, F_SUMMARY, F_CONTENT, F_PUBLISHED, F_UPDATED,
    F_NFIELDS };

struct slot {
	char	*val;
	int	 prio;
};

struct reader {
	struct xml_in			 x;
	const struct watcher_file	*f;
	enum feed_kind			 kind;
	const char			*root_ns;	/* owned by the reader */
	char				*err;
	size_t				 errlen;
};

static const char *const core_ns[] = {
	"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#",
	"http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
	"http://backend.userland.com/rss2", "http://backend.userland.com/rss",
	"http://blogs.law.harvard.edu/tech/rss", NULL
};

static enum feed_ns
node_ns(struct reader *rd)
{
	const char	*u = (const char *)xmlTextReaderConstNamespaceUri(rd->x.r);

	if (u == NULL || *u == '\0' || (rd->root_ns && strcmp(u, rd->root_ns)
	    == 0))
		return NS_CORE;
	for (size_t i = 0; core_ns[i] != NULL; i++)
		if (strcmp(u, core_ns[i]) == 0)
			return NS_CORE;
	if (strcmp(u, "http://purl.org/dc/elements/1.1/") == 0)
		return NS_DC;
	if (strcmp(u, "http://purl.org/dc/terms/") == 0)
		return NS_DCTERMS;
	if (strcmp(u, "http://purl.org/rss/1.0/modules/content/") == 0)
		return NS_CONTENT;
	if (strcasecmp(u, "http://www.itunes.com/dtds/podcast-1.0.dtd") == 0)
		return NS_ITUNES;
	if (strncmp(u, "http://search.yahoo.com/mrss", 28) == 0)
		return NS_MEDIA;
	if (strcmp(u, "http://www.w3.org/1999/xhtml") == 0)
		return NS_XHTML;
	return NS_OTHER;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Folds runs of white space to one space and trims; in place. A no-break
 * space (U+00A0, HTML's &nbsp;) is a space in plain text: matching splits
 * words on it.
 */
static char *
fold(char *s)
{
	char	*o = s;
	int	 space = 1;

	for (char *p = s; *p; p++) {
		int nbsp = (unsigned char)p[0] == 0xc2 &&
		    (unsigned char)p[1] == 0xa0;

		if (nbsp || is_space((unsigned char)*p)) {
			p += nbsp;
			if (!space)
				*o++ = ' ';
			space = 1;
		} else {
			*o++ = *p;
			space = 0;
		}
	}
	while (o > s && o[-1] == ' ')
		o--;
	*o = '\0';
	return s;
}

/* Elements that break a line when rendered, so their text is separated. */
static int
html_breaks(const char *name)
{
	const htmlElemDesc	*d = htmlTagLookup((const xmlChar *)name);

	return strcasecmp(name, "br") == 0 || (d != NULL && !d->isinline);
}

/* Elements whose text is not shown to a reader. */
static int
html_hidden(const char *name)
{
	return strcasecmp(name, "script") == 0 || strcasecmp(name, "style") ==
	    0 || strcasecmp(name, "template") == 0 || strcasecmp(name,
	    "noscript") == 0;
}

char *
feed_html_text(const char *html, size_t len)
{
	htmlDocPtr	 doc;
	xmlNodePtr	 n, root;
	struct buf	 b = { 0 };
	char		*out;

	if (len == 0 || len > (size_t)INT32_MAX)
		return xstrdup("");
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8", HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		return xstrdup("");
	}
	/* Iterative walk: hostile input may nest deeply. */
	n = root;
	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_TEXT_NODE || n->type ==
		    XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				buf_adds(&b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;

			if (html_breaks(name))
				buf_addc(&b, ' ');
			descend = !html_hidden(name);
		}
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL) {
			n = n->parent;
			if (n->type == XML_ELEMENT_NODE &&
			    html_breaks((const char *)n->name))
				buf_addc(&b, ' ');
		}
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
	xmlFreeDoc(doc);
	out = xstrdup(b.len ? buf_cstr(&b) : "");
	buf_free(&b);
	return fold(out);
}

/* Decodes base64 (white space allowed); NULL when it is not base64. */
static char *
base64_decode(const char *s)
{
	struct buf	 in = { 0 };
	unsigned char	*out;
	int		 n, pad = 0;

	for (; *s; s++)
		if (!is_space((unsigned char)*s))
			buf_addc(&in, *s);
	if (in.len == 0 || in.len % 4 != 0 || in.len > (size_t)INT32_MAX / 2) {
		buf_free(&in);
		return NULL;
	}
	out = xmalloc(in.len / 4 * 3 + 1);
	n = EVP_DecodeBlock(out, (const unsigned char *)in.data, (int)in.len);
	if (in.data[in.len - 1] == '=')
		pad++;
	if (in.data[in.len - 2] == '=')
		pad++;
	buf_free(&in);
	if (n < 0) {
		free(out);
		return NULL;
	}
	n -= pad;
	out[n] = '\0';
	return (char *)out;
}

/*
 * Reads the current element's content up to its end tag, through xml_read
 * so that every node passes the reader's safety checks. Text and CDATA are
 * kept; child elements (inline XHTML) add a space where they break a line.
 * Sets *markup when the content had child elements. Caller frees.
 */
static char *
collect(struct reader *rd, int *markup, int *rc)
{
	struct buf	 b = { 0 };
	int		 depth = xml_depth(&rd->x), t, hidden = -1;
	char		*out;

	*markup = 0;
	*rc = 0;
	if (xmlTextReaderIsEmptyElement(rd->x.r))
		return xstrdup("");
	for (;;) {
		if ((*rc = xml_read(&rd->x, rd->err, rd->errlen)) != 1) {
			if (*rc == 0)
				*rc = seterr(rd->err, rd->errlen, "%s:%d: "
				    "document ends inside <%s>", rd->f->name,
				    xml_line(&rd->x), "element");
			buf_free(&b);
			return NULL;
		}
		t = xmlTextReaderNodeType(rd->x.r);
		if (t == XML_READER_TYPE_END_ELEMENT && xml_depth(&rd->x) ==
		    depth)
			break;
		if (hidden >= 0) {	/* inside inline <script> or <style> */
			if (t == XML_READER_TYPE_END_ELEMENT &&
			    xml_depth(&rd->x) == hidden)
				hidden = -1;
			continue;
		}
		if (t == XML_READER_TYPE_ELEMENT &&
		    html_hidden(xml_localname(&rd->x)) &&
		    !xmlTextReaderIsEmptyElement(rd->x.r)) {
			*markup = 1;
			hidden = xml_depth(&rd->x);
			continue;
		}
		switch (t) {
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
			const xmlChar *v = xmlTextReaderConstValue(rd->x.r);

			if (v != NULL)
				buf_adds(&b, (const char *)v);
			break;
		}
		case XML_READER_TYPE_ELEMENT:
		case XML_READER_TYPE_END_ELEMENT:
			*markup = 1;
			if (html_breaks(xml_localname(&rd->x)))
				buf_addc(&b, ' ');
			break;
		default:
			break;
		}
	}
	out = xstrdup(b.len ? buf_cstr(&b) : "");
	buf_free(&b);
	return out;
}

/* Plain text of the element's content read as mode. NULL on a read error. */
static char *
read_text(struct reader *rd, enum text_mode mode, int *rc)
{
	int	 markup;
	char	*s = collect(rd, &markup, rc), *t;

	if (s == NULL)
		return NULL;
	if (markup)	/* inline XHTML: the text is already the text */
		return fold(s);
	switch (mode) {
	case TEXT_HTML:
		t = feed_html_text(s, strlen(s));
		free(s);
		return t;
	case TEXT_BASE64_HTML:
		if ((t = base64_decode(s)) == NULL)
			return fold(s);
		free(s);
		s = feed_html_text(t, strlen(t));
		free(t);
		return s;
	default:
		return fold(s);
	}
}

/*
 * An Atom text construct's mode from its type (1.0: text|html|xhtml; 0.3:
 * a MIME type) and Atom 0.3's mode attribute (xml|escaped|base64).
 */
static enum text_mode
atom_mode(struct reader *rd)
{
	char		*type = xml_attr(&rd->x, "type");
	char		*mode = xml_attr(&rd->x, "mode");
	int		 html = 0, markup = 0, binary = 0;
	enum text_mode	 m;

	if (type != NULL) {
		html = strcasecmp(type, "html") == 0 ||
		    strcasecmp(type, "text/html") == 0;
		markup = strcasecmp(type, "xhtml") == 0 || strstr(type, "xml")
		    != NULL;
		/* Atom 1.0: any other non-text media type is base64. */
		binary = !html && !markup && *type != '\0' &&
		    strcasecmp(type, "text") != 0 &&
		    strncasecmp(type, "text/", 5) != 0;
	}
	/* Decoded base64 is rendered as HTML: it is how publishers use it. */
	if (binary || (mode != NULL && strcasecmp(mode, "base64") == 0))
		m = TEXT_BASE64_HTML;
	else if (html)
		m = TEXT_HTML;
	else if (markup)
		m = TEXT_MARKUP;
	else
		m = TEXT_PLAIN;
	free(type);
	free(mode);
	return m;
}

static int
is_absolute_url(const char *s)
{
	const char	*p = s;

	if (s == NULL || !isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return p[0] == ':' && p[1] == '/' && p[2] == '/';
}

/*
 * Resolves ref against the xml:base in scope and then the document URL
 * (the file name when it is a URL). Caller frees.
 */
static char *
resolve(struct reader *rd, const char *ref)
{
	xmlChar	*base = xmlTextReaderBaseUri(rd->x.r), *abs = NULL, *res;
	char	*out;

	if (is_absolute_url(ref)) {
		xmlFree(base);
		return xstrdup(ref);
	}
	if (is_absolute_url(rd->f->name)) {
		if (base != NULL) {
			abs = xmlBuildURI(base, (const xmlChar *)rd->f->name);
			xmlFree(base);
		} else
			abs = xmlStrdup((const xmlChar *)rd->f->name);
	} else
		abs = base;
	if (abs == NULL)
		return xstrdup(ref);
	res = xmlBuildURI((const xmlChar *)ref, abs);
	xmlFree(abs);
	if (res == NULL)
		return xstrdup(ref);
	out = xstrdup((const char *)res);
	xmlFree(res);
	return out;
}

static void
slot_set(struct slot *s, char *val, int prio)
{
	if (val == NULL)
		return;
	if (*val == '\0' || (s->val != NULL && s->prio >= prio)) {
		free(val);
		return;
	}
	free(s->val);
	s->val = val;
	s->prio = prio;
}

static void
slots_free(struct slot *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].val);
		s[i].val = NULL;
		s[i].prio = 0;
	}
}

/*
 * A date element: normalised when it parses, dropped when it does not. A
 * repeated element of the same rank overrides the earlier one, as in
 * feedparser (the corpus expects the last <updated>).
 */
static void
set_date(struct slot *s, char *raw, int prio)
{
	char	iso[32];

	if (raw != NULL && feed_date_parse(raw, FEED_DATE_ANY, iso) == 0) {
		if (s->val != NULL && s->prio == prio) {
			free(s->val);
			s->val = NULL;
		}
		slot_set(s, xstrdup(iso), prio);
	}
	free(raw);
}

/*
 * Reads one child of an item/entry (or of the channel/feed when item is
 * 0, where only the title is kept). Element names are matched without
 * regard to case: publishers write <TITLE> and <pubdate>. Returns 0, or -1
 * with err.
 */
static int
read_field(struct reader *rd, struct slot *sl, int item, int *permalink)
{
	const char	*ln = xml_localname(&rd->x);
	enum feed_ns	 ns = node_ns(rd);
	int		 atom = rd->kind == KIND_ATOM, rc = 0;
	enum text_mode	 title_mode;
	char		*v;

#define IS(n)	(strcasecmp(ln, (n)) == 0)
	title_mode = atom ? atom_mode(rd) : TEXT_HTML;
	if (!item) {
		if (ns == NS_CORE && IS("title"))
			slot_set(&sl[F_TITLE], read_text(rd, title_mode, &rc),
			    2);
		else if (ns == NS_DC && IS("title"))
			slot_set(&sl[F_TITLE], read_text(rd, TEXT_HTML, &rc),
			    1);
		return rc;
	}
	if (ns == NS_CORE && IS("title"))
		slot_set(&sl[F_TITLE], read_text(rd, title_mode, &rc), 3);
	else if (ns == NS_DC && IS("title"))
		slot_set(&sl[F_TITLE], read_text(rd, TEXT_HTML, &rc), 2);
	else if (ns == NS_MEDIA && IS("title"))
		slot_set(&sl[F_TITLE], read_text(rd, TEXT_PLAIN, &rc), 1);
	else if (ns == NS_CORE && IS("link")) {
		char	*href = xml_attr(&rd->x, "href");
		char	*rel = xml_attr(&rd->x, "rel");
		int	 alt = rel == NULL || strcasecmp(fold(rel), "alternate")
		    == 0;

		/* Atom's alternate link is the item's page; RSS's text. */
		if (href != NULL) {
			if (alt)
				slot_set(&sl[F_LINK], resolve(rd, fold(href)),
				    3);
		} else if ((v = read_text(rd, TEXT_PLAIN, &rc)) != NULL) {
			if (alt && *v)
				slot_set(&sl[F_LINK], resolve(rd, v), 3);
			free(v);
		}
		free(rel);
		free(href);
	} else if (ns == NS_CORE && (IS("guid") || IS("id"))) {
		char	*pl = xml_attr(&rd->x, "isPermaLink");

		*permalink = IS("guid") && (pl == NULL || strcasecmp(pl,
		    "false") != 0);
		free(pl);
		slot_set(&sl[F_ID], read_text(rd, TEXT_PLAIN, &rc), 3);
	} else if (ns == NS_CORE && IS("description"))
		slot_set(&sl[F_SUMMARY], read_text(rd, TEXT_HTML, &rc), 3);
	else if (ns == NS_CORE && IS("summary"))
		slot_set(&sl[F_SUMMARY], read_text(rd, atom ? atom_mode(rd) :
		    TEXT_HTML, &rc), 3);
	else if ((ns == NS_ITUNES && (IS("summary") || IS("subtitle"))) ||
	    (ns == NS_MEDIA && IS("description")) ||
	    (ns == NS_DC && IS("description")))
		slot_set(&sl[F_SUMMARY], read_text(rd, TEXT_HTML, &rc), 1);
	else if (ns == NS_CORE && IS("content"))
		slot_set(&sl[F_CONTENT], read_text(rd, atom_mode(rd), &rc), 3);
	else if (ns == NS_CONTENT && IS("encoded"))
		slot_set(&sl[F_CONTENT], read_text(rd, TEXT_HTML, &rc), 2);
	else if ((ns == NS_XHTML || ns == NS_CORE) && IS("body"))
		slot_set(&sl[F_CONTENT], read_text(rd, TEXT_HTML, &rc), 1);
	else if (ns == NS_CORE && IS("fullitem"))
		slot_set(&sl[F_CONTENT], read_text(rd, TEXT_HTML, &rc), 1);
	else if ((ns == NS_CORE && (IS("pubDate") || IS("published"))))
		set_date(&sl[F_PUBLISHED], read_text(rd, TEXT_PLAIN, &rc), 4);
	else if ((ns == NS_CORE || ns == NS_DCTERMS) && IS("issued"))
		set_date(&sl[F_PUBLISHED], read_text(rd, TEXT_PLAIN, &rc), 3);
	else if (ns == NS_DC && IS("date"))
		set_date(&sl[F_PUBLISHED], read_text(rd, TEXT_PLAIN, &rc), 2);
	else if ((ns == NS_CORE || ns == NS_DCTERMS) && IS("created"))
		set_date(&sl[F_PUBLISHED], read_text(rd, TEXT_PLAIN, &rc), 1);
	else if ((ns == NS_CORE && IS("updated")) ||
	    ((ns == NS_CORE || ns == NS_DCTERMS) && IS("modified")))
		set_date(&sl[F_UPDATED], read_text(rd, TEXT_PLAIN, &rc), 3);
#undef IS
	return rc;
}

static void
entry_add(struct feed *fd, struct slot *sl, char *about, int permalink)
{
	struct feed_entry	*e;

	if (fd->n == fd->cap) {
		fd->cap = fd->cap ? fd->cap * 2 : 16;
		fd->v = xrealloc(fd->v, fd->cap * sizeof *fd->v);
	}
	e = &fd->v[fd->n++];
	memset(e, 0, sizeof *e);
	/* RSS: a permalink guid is the item's link when it gives none. */
	if (sl[F_LINK].val == NULL && permalink && is_absolute_url(sl[F_ID].val))
		sl[F_LINK].val = xstrdup(sl[F_ID].val);
	if (sl[F_ID].val == NULL && about != NULL)
		sl[F_ID].val = xstrdup(about);
	e->id = sl[F_ID].val;
	e->title = sl[F_TITLE].val;
	e->link = sl[F_LINK].val;
	e->summary = sl[F_SUMMARY].val;
	e->content = sl[F_CONTENT].val;
	e->published = sl[F_PUBLISHED].val;
	e->updated = sl[F_UPDATED].val;
	for (size_t i = 0; i < F_NFIELDS; i++)
		sl[i].val = NULL;
}

static int
advance(struct reader *rd)
{
	return xml_read(&rd->x, rd->err, rd->errlen);
}

/* RSS 1.0 names each item by its rdf:about URI: the id when no guid. */
static char *
rdf_about(struct reader *rd)
{
	xmlChar	*v = xmlTextReaderGetAttributeNs(rd->x.r,
	    (const xmlChar *)"about",
	    (const xmlChar *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	char	*out;

	if (v == NULL)
		return NULL;
	out = fold(xstrdup((const char *)v));
	xmlFree(v);
	return out;
}

int
feed_read(const struct watcher_file *f, struct feed *fd, char *err,
    size_t errlen)
{
	struct reader	 rd;
	struct slot	 chan[F_NFIELDS], item[F_NFIELDS];
	const char	*ln;
	char		*about = NULL;
	int		 rc, item_depth = -1, chan_depth = -1, permalink = 0;
	int		 ret = -1, seen_root = 0;

	memset(fd, 0, sizeof *fd);
	memset(&rd, 0, sizeof rd);
	memset(chan, 0, sizeof chan);
	memset(item, 0, sizeof item);
	rd.f = f;
	rd.err = err;
	rd.errlen = errlen;
	if (xml_open_mixed(&rd.x, f, err, errlen) == -1)
		return -1;
	while ((rc = advance(&rd)) == 1) {
		int	depth = xml_depth(&rd.x);
		int	t = xmlTextReaderNodeType(rd.x.r);

		if (t == XML_READER_TYPE_END_ELEMENT) {
			if (depth == item_depth) {
				entry_add(fd, item, about, permalink);
				free(about);
				about = NULL;
				item_depth = -1;
			}
			continue;
		}
		if (t != XML_READER_TYPE_ELEMENT)
			continue;
		ln = xml_localname(&rd.x);
		if (!seen_root) {
			const xmlChar *u = xmlTextReaderConstNamespaceUri(rd.x.r);

			seen_root = 1;
			if (strcmp(ln, "rss") == 0)
				rd.kind = KIND_RSS;
			else if (strcmp(ln, "RDF") == 0)
				rd.kind = KIND_RDF;
			else if (strcmp(ln, "feed") == 0) {
				rd.kind = KIND_ATOM;
				chan_depth = 0;
			} else {
				seterr(err, errlen, "%s:%d: not a news feed: "
				    "the document is <%s>, not <rss>, <rdf:RDF>"
				    " or <feed>", f->name, xml_line(&rd.x),
				    (const char *)xmlTextReaderConstName(rd.x.r));
				goto out;
			}
			if (u != NULL)
				rd.root_ns = (const char *)
				    xmlTextReaderConstString(rd.x.r, u);
			if (xmlTextReaderIsEmptyElement(rd.x.r))
				break;
			continue;
		}
		if (item_depth >= 0) {
			if (depth == item_depth + 1) {
				if (read_field(&rd, item, 1, &permalink) == -1)
					goto out;
			}
			continue;
		}
		if (rd.kind != KIND_ATOM && depth == 1 && strcasecmp(ln,
		    "channel") == 0 && node_ns(&rd) == NS_CORE) {
			chan_depth = 1;
			continue;
		}
		if (((rd.kind == KIND_ATOM && strcmp(ln, "entry") == 0) ||
		    (rd.kind != KIND_ATOM && strcasecmp(ln, "item") == 0)) &&
		    node_ns(&rd) == NS_CORE && (depth == 1 ||
		    depth == chan_depth + 1)) {
			permalink = 0;
			about = rdf_about(&rd);
			if (xmlTextReaderIsEmptyElement(rd.x.r)) {
				entry_add(fd, item, about, 0);
				free(about);
				about = NULL;
			} else
				item_depth = depth;
			continue;
		}
		if (chan_depth >= 0 && depth == chan_depth + 1 &&
		    read_field(&rd, chan, 0, &permalink) == -1)
			goto out;
	}
	if (rc == -1)
		goto out;
	if (!seen_root) {
		seterr(err, errlen, "%s:1: not a news feed: no root element",
		    f->name);
		goto out;
	}
	fd->title = chan[F_TITLE].val;
	chan[F_TITLE].val = NULL;
	ret = 0;
out:
	free(about);
	slots_free(chan, F_NFIELDS);
	slots_free(item, F_NFIELDS);
	xml_close(&rd.x);
	return ret;
}

void
feed_free(struct feed *fd)
{
	if (fd == NULL)
		return;
	for (size_t i = 0; i < fd->n; i++) {
		struct feed_entry *e = &fd->v[i];

		free(e->id);
		free(e->title);
		free(e->link);
		free(e->summary);
		free(e->content);
		free(e->published);
		free(e->updated);
	}
	free(fd->v);
	free(fd->title);
	memset(fd, 0, sizeof *fd);
}

/* The start of text, cut at a word boundary, for an untitled item. */
static char *
name_from(const char *text)
{
	size_t	n = strlen(text), cut;

	if (n <= FEED_NAME_MAX)
		return xstrdup(text);
	cut = FEED_NAME_MAX;
	while (cut > FEED_NAME_MAX / 2 && text[cut] != ' ')
		cut--;
	if (text[cut] != ' ') {	/* one long word: cut on a UTF-8 boundary */
		cut = FEED_NAME_MAX;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--;
	}
	return xasprintf("%.*s…", (int)cut, text);
}

static int
feed_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	struct feed	 fd;
	struct record	 r;
	int		 rc = -1;

	record_init(&r);
	if (feed_read(&in->main, &fd, err, errlen) == -1)
		goto out;
	for (size_t i = 0; i < fd.n; i++) {
		const struct feed_entry	*e = &fd.v[i];
		const char		*summary = e->summary ? e->summary :
		    e->content;
		const char		*date = e->published ? e->published :
		    e->updated;

		r.source = xstrdup(feed_watcher.source);
		r.type = xstrdup("news");
		if (e->id != NULL)
			r.id = xstrdup(e->id);
		else if (e->link != NULL)
			r.id = xstrdup(e->link);
		else {
			/* Nothing stable published: title and date (or the
			 * text, when both are missing) name the item. */
			char	*key = xasprintf("%s\n%s\n%s", e->title ?
			    e->title : "", date ? date : "", e->title || date ?
			    "" : summary ? summary : "");
			char	 hex[65];

			sha256_hex(key, strlen(key), hex);
			free(key);
			r.id = xasprintf("sha256:%s", hex);
		}
		if (e->title != NULL)
			r.name = xstrdup(e->title);
		else if (summary != NULL)
			r.name = name_from(summary);
		else
			r.name = xstrdup(e->link ? e->link : r.id);
		record_set_extra(&r, "link", e->link);
		record_set_extra(&r, "published", date);
		record_set_extra(&r, "summary", summary);
		record_set_extra(&r, "feed_title", fd.title);
		if (cb(&r, arg) == -1)
			goto out;
		record_reset(&r);
	}
	rc = 0;
out:
	record_reset(&r);
	feed_free(&fd);
	return rc;
}

/* Skips the prolog (declaration, comments, PIs, doctype) within a window. */
static size_t
skip_prolog(const char *d, size_t len)
{
	size_t	i = 0;

	if (len >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (;;) {
		while (i < len && is_space((unsigned char)d[i]))
			i++;
		if (i + 1 >= len || d[i] != '<')
			return i;
		if (d[i + 1] == '?' || d[i + 1] == '!') {
			int		 comment = d[i + 1] == '!' && i + 3 < len &&
			    d[i + 2] == '-' && d[i + 3] == '-';
			const char	*end = comment ?
			    memmem(d + i + 4, len - i - 4, "-->", 3) :
			    memchr(d + i, '>', len - i);

			if (end == NULL)
				return len;
			i = (size_t)(end - d) + (comment ? 3 : 1);
			continue;
		}
		return i;
	}
}

/* The root element's name: <rss>, <rdf:RDF> with an RSS namespace, <feed>. */
static int
feed_detect(const char *data, size_t len)
{
	size_t		 win = len < 8192 ? len : 8192;
	size_t		 i = skip_prolog(data, win), n;
	const char	*name;

	if (i + 1 >= win || data[i] != '<')
		return 0;
	name = data + ++i;
	while (i < win && !is_space((unsigned char)data[i]) && data[i] != '>'
	    && data[i] != '/')
		i++;
	n = (size_t)(data + i - name);
	if (n == 3 && memcmp(name, "rss", 3) == 0)
		return 90;
	if (n >= 3 && memcmp(name + n - 3, "RDF", 3) == 0)
		return memmem(data, win, "purl.org/rss/1.0", 16) ||
		    memmem(data, win, "netscape.com/rdf/simple", 23) ? 90 : 0;
	if ((n == 4 && memcmp(name, "feed", 4) == 0) ||
	    (n > 5 && memcmp(name + n - 5, ":feed", 5) == 0))
		return memmem(data, win, "http://www.w3.org/2005/Atom", 27) ||
		    memmem(data, win, "http://purl.org/atom/ns#", 24) ? 90 : 40;
	return 0;
}

const struct watcher_ops feed_watcher = {
	.name = "feed",
	.source = "feed",
	.description = "News feed: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0",
	.news = 1,
	.detect = feed_detect,
	.parse = feed_parse,
};
