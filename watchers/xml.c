/* xml.c — safe libxml2 streaming reader with file:line errors. */
#include "watchers/xml.h"

#include <stdlib.h>
#include <string.h>

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
	/* No XML_PARSE_NOENT (no substitution), no DTDLOAD, no HUGE. */
	x->r = xmlReaderForMemory(f->data, (int)f->len, NULL, NULL,
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

static char *
fold_space(const char *s)
{
	char	*out = xmalloc(strlen(s) + 1), *o = out;
	int	 space = 1;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (!space)
				*o++ = ' ';
			space = 1;
		} else {
			*o++ = *s;
			space = 0;
		}
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

char *
xml_text(struct xml_in *x)
{
	xmlChar	*s = xmlTextReaderReadString(x->r);
	char	*out;

	if (s == NULL)
		return xstrdup("");
	out = fold_space((const char *)s);
	xmlFree(s);
	return out;
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
