/* xml.c — safe libxml2 streaming reader with file:line errors. */
#include "watchers/xml.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

static void
xml_error_cb(void *arg, const xmlError *e)
{
	struct xml_in	*x = arg;
	size_t		 n;

	if (x->failed || e == NULL || e->level < XML_ERR_ERROR)
		return;
	x->failed = 1;
	x->line = e->line;
	snprintf(x->msg, sizeof x->msg, "%s", e->message ? e->message : "error");
	n = strlen(x->msg);
	while (n > 0 && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
	for (char *p = x->msg; *p != '\0'; p++)	/* errors are one line */
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

/* libxml2 reports encoding failures outside the parser context, on stderr
 * by default; they also fail the parse, which reports them on one line. */
static void
xml_silent_cb(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* Hand back the pages of the input already read, every few MB: for a
 * file mapping this keeps RSS flat however large the list is; for other
 * memory MADV_PAGEOUT is a no-op without swap and harmless with it. */
#define XML_RELEASE_STEP	(4u << 20)

static void
xml_release(struct xml_in *x)
{
#ifdef MADV_PAGEOUT
	uintptr_t	page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t	from = ((uintptr_t)x->data + x->released + page - 1) &
			    ~(page - 1);
	uintptr_t	to = ((uintptr_t)x->data + x->pos) & ~(page - 1);

	if (to > from + page)
		madvise((void *)from, to - from, MADV_PAGEOUT);
#endif
	x->released = x->pos;
}

/* xmlInputReadCallback: copies the next bytes of the input. */
static int
xml_read_cb(void *ctx, char *buf, int len)
{
	struct xml_in	*x = ctx;
	size_t		 n = x->len - x->pos;

	if (len <= 0)
		return 0;
	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(buf, x->data + x->pos, n);
	x->pos += n;
	if (x->pos - x->released >= XML_RELEASE_STEP)
		xml_release(x);
	return (int)n;
}

static int
xml_open_opts(struct xml_in *x, const struct watcher_file *f, int opts,
    char *err, size_t errlen)
{
	memset(x, 0, sizeof *x);
	x->name = f->name;
	if (f->len == 0)
		return seterr(err, errlen, "%s:1: empty file", f->name);
	if (f->len > (size_t)INT32_MAX)
		return seterr(err, errlen, "%s: file too large", f->name);
	xmlSetGenericErrorFunc(NULL, xml_silent_cb);
	x->data = f->data;
	x->len = f->len;
	/* No XML_PARSE_NOENT (no substitution), no DTDLOAD, no HUGE. */
	x->r = xmlReaderForIO(xml_read_cb, NULL, x, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_COMPACT | opts);
	if (x->r == NULL)
		return seterr(err, errlen, "%s:1: cannot start XML reader",
		    f->name);
	xmlTextReaderSetStructuredErrorHandler(x->r,
	    (xmlStructuredErrorFunc)xml_error_cb, x);
	return 0;
}

int
xml_open(struct xml_in *x, const struct watcher_file *f, char *err,
    size_t errlen)
{
	return xml_open_opts(x, f, XML_PARSE_NOBLANKS, err, errlen);
}

int
xml_open_mixed(struct xml_in *x, const struct watcher_file *f, char *err,
    size_t errlen)
{
	return xml_open_opts(x, f, 0, err, errlen);
}

void
xml_close(struct xml_in *x)
{
	if (x->r != NULL)
		xmlFreeTextReader(x->r);
	x->r = NULL;
}

/* Looks at the DTD node itself: xmlTextReaderCurrentDoc() would set the
 * reader's `preserve` flag, so it would stop freeing nodes (memory grows
 * with the file) and leak the document. */
static int
doctype_declares_entities(struct xml_in *x)
{
	xmlNodePtr	n = xmlTextReaderCurrentNode(x->r);
	xmlDtdPtr	dtd;

	if (n == NULL || n->type != XML_DTD_NODE)
		return 0;
	dtd = (xmlDtdPtr)n;
	return dtd->entities != NULL || dtd->pentities != NULL;
}

int
xml_read(struct xml_in *x, char *err, size_t errlen)
{
	int	rc = xmlTextReaderRead(x->r);

	if (rc == 1 && xmlTextReaderNodeType(x->r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE && doctype_declares_entities(x))
		return seterr(err, errlen, "%s:%d: document type declares "
		    "entities (refused: XXE / entity expansion)", x->name,
		    xmlTextReaderGetParserLineNumber(x->r));
	if (rc == 1 && xmlTextReaderNodeType(x->r) ==
	    XML_READER_TYPE_ENTITY_REFERENCE)
		return seterr(err, errlen, "%s:%d: entity reference &%s; "
		    "refused", x->name, xmlTextReaderGetParserLineNumber(x->r),
		    (const char *)xmlTextReaderConstName(x->r));
	if (rc == -1 || x->failed) {
		if (x->failed)
			return seterr(err, errlen, "%s:%d: malformed XML: %s",
			    x->name, x->line, x->msg);
		return seterr(err, errlen, "%s:%d: malformed XML", x->name,
		    xmlTextReaderGetParserLineNumber(x->r));
	}
	return rc;
}

int
xml_root(struct xml_in *x, char *err, size_t errlen)
{
	int	n;

	while ((n = xml_read(x, err, errlen)) == 1 &&
	    xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
		;
	if (n == -1)
		return -1;
	if (n == 0)
		return seterr(err, errlen, "%s:%d: no root element", x->name,
		    xml_line(x));
	return 0;
}

int
xml_is_start(struct xml_in *x, const char *localname)
{
	const xmlChar	*n;

	if (xmlTextReaderNodeType(x->r) != XML_READER_TYPE_ELEMENT)
		return 0;
	n = xmlTextReaderConstLocalName(x->r);
	return n != NULL && strcmp((const char *)n, localname) == 0;
}

int
xml_is_end(struct xml_in *x, const char *localname)
{
	const xmlChar	*n;
	int		 t = xmlTextReaderNodeType(x->r);

	if (t != XML_READER_TYPE_END_ELEMENT && !(t == XML_READER_TYPE_ELEMENT
	    && xmlTextReaderIsEmptyElement(x->r)))
		return 0;
	n = xmlTextReaderConstLocalName(x->r);
	return n != NULL && strcmp((const char *)n, localname) == 0;
}

const char *
xml_localname(struct xml_in *x)
{
	const xmlChar	*n = xmlTextReaderConstLocalName(x->r);

	return n ? (const char *)n : "";
}

int
xml_depth(struct xml_in *x)
{
	return xmlTextReaderDepth(x->r);
}

int
xml_line(struct xml_in *x)
{
	return xmlTextReaderGetParserLineNumber(x->r);
}

#define IS_SPACE(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

void
xml_fold(struct buf *b, const char *s, int *space)
{
	const char	*run;

	while (*s != '\0') {
		if (IS_SPACE(*s)) {
			*space = 1;
			s++;
			continue;
		}
		for (run = s; *s != '\0' && !IS_SPACE(*s); s++)
			;
		if (*space && b->len > 0)
			buf_addc(b, ' ');
		*space = 0;
		buf_add(b, run, (size_t)(s - run));
	}
}

char *
xml_text(struct xml_in *x)
{
	xmlChar		*s = xmlTextReaderReadString(x->r);
	struct buf	 b = { 0 };
	int		 space = 1;

	if (s != NULL)
		xml_fold(&b, (const char *)s, &space);
	xmlFree(s);
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup("");
	}
	return buf_cstr(&b);
}

char *
xml_attr(struct xml_in *x, const char *name)
{
	xmlChar	*s = xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
	char	*out;

	if (s == NULL)
		return NULL;
	out = xstrdup((const char *)s);
	xmlFree(s);
	return out;
}

int
xml_skip(struct xml_in *x, char *err, size_t errlen)
{
	int	rc = xmlTextReaderNext(x->r);

	if (rc == -1 || x->failed)
		return seterr(err, errlen, "%s:%d: malformed XML%s%s", x->name,
		    x->failed ? x->line : xml_line(x), x->failed ? ": " : "",
		    x->failed ? x->msg : "");
	return rc;
}

int
xml_each_child(struct xml_in *x, xml_child_cb cb, void *arg, char *err,
    size_t errlen)
{
	int	depth = xml_depth(x), n;

	if (xmlTextReaderIsEmptyElement(x->r) == 1)
		return 0;
	n = xml_read(x, err, errlen);
	while (n == 1) {
		int	t = xmlTextReaderNodeType(x->r);

		if (t == XML_READER_TYPE_END_ELEMENT && xml_depth(x) == depth)
			return 0;
		if (t != XML_READER_TYPE_ELEMENT) {
			n = xml_read(x, err, errlen);
			continue;
		}
		if (cb(x, arg, err, errlen) == -1)
			return -1;
		n = xml_skip(x, err, errlen);
	}
	return n;
}

int
xml_finish(struct xml_in *x, char *err, size_t errlen)
{
	int	n;

	while ((n = xml_read(x, err, errlen)) == 1)
		;
	return n;
}

static int
sniff_namechar(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' ||
	    c == ':' || (unsigned char)c >= 0x80;
}

/* The local name of the first element into out; 0, or -1 when the bytes
 * do not start like XML. */
static int
sniff_root(const char *data, size_t len, char *out, size_t outlen)
{
	size_t	i = 0, lim = len < 8192 ? len : 8192;

	if (lim >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (;;) {
		const char	*end;
		size_t		 s, n;

		while (i < lim && isspace((unsigned char)data[i]))
			i++;
		if (i + 1 >= lim || data[i] != '<')
			return -1;
		if (data[i + 1] == '?' || data[i + 1] == '!') {
			/* Prolog, comment or doctype: skip to its '>'. */
			const char *p = data + i, *stop = data + lim, *br;

			if (lim - i >= 4 && memcmp(p, "<!--", 4) == 0) {
				end = memmem(p, (size_t)(stop - p), "-->", 3);
				if (end != NULL)
					end += 2;
			} else {
				end = memchr(p, '>', (size_t)(stop - p));
				br = memchr(p, '[', (size_t)(stop - p));
				/* A doctype's internal subset ends in "]>". */
				if (end != NULL && br != NULL && br < end &&
				    (end = memchr(br, ']', (size_t)(stop - br)))
				    != NULL)
					end = memchr(end, '>',
					    (size_t)(stop - end));
			}
			if (end == NULL)
				return -1;
			i = (size_t)(end - data) + 1;
			continue;
		}
		s = ++i;
		while (i < lim && sniff_namechar(data[i]))
			i++;
		if (i == s)
			return -1;
		/* A prefix is not part of the local name. */
		end = memchr(data + s, ':', i - s);
		if (end != NULL)
			s = (size_t)(end - data) + 1;
		n = i - s;
		if (n + 1 > outlen)
			return -1;
		memcpy(out, data + s, n);
		out[n] = '\0';
		return 0;
	}
}

int
xml_sniff_root(const char *data, size_t len, const char *localname)
{
	char	root[64];

	return sniff_root(data, len, root, sizeof root) == 0 &&
	    strcmp(root, localname) == 0;
}
