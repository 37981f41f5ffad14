/* xmltree.c — an element's subtree as JSON, read through the safe reader. */
#include "watchers/xmltree.h"

#include <ctype.h>
#include <string.h>

struct xt_level {
	json_t		*obj;
	char		*name;
	struct buf	 text;
};

/* Trims and folds runs of white space to one space; caller frees. */
static char *
xt_fold(const char *s, size_t n)
{
	char	*out = xmalloc(n + 1), *o = out;
	int	 space = 1;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!space)
				*o++ = ' ';
			space = 1;
		} else {
			*o++ = c;
			space = 0;
		}
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

static json_t *
xt_attrs(struct xml_in *x)
{
	json_t	*o = json_object();

	if (xmlTextReaderHasAttributes(x->r) != 1)
		return o;
	while (xmlTextReaderMoveToNextAttribute(x->r) == 1) {
		const xmlChar	*n, *v;

		if (xmlTextReaderIsNamespaceDecl(x->r) == 1)
			continue;
		n = xmlTextReaderConstLocalName(x->r);
		v = xmlTextReaderConstValue(x->r);
		if (n != NULL)
			json_object_set_new(o, (const char *)n,
			    json_string(v ? (const char *)v : ""));
	}
	xmlTextReaderMoveToElement(x->r);
	return o;
}

/* Turns a finished level into its JSON value (new reference) or NULL. */
static json_t *
xt_finish(struct xt_level *l)
{
	char	*t = xt_fold(l->text.data ? l->text.data : "", l->text.len);
	json_t	*v;

	if (json_object_size(l->obj) == 0) {
		json_decref(l->obj);
		v = t[0] != '\0' ? json_string(t) : NULL;
	} else {
		if (t[0] != '\0')
			json_object_set_new(l->obj, "#text", json_string(t));
		v = l->obj;
	}
	l->obj = NULL;
	free(t);
	/* json_string() refuses invalid UTF-8; libxml2 has checked it. */
	return v;
}

static void
xt_attach(json_t *parent, const char *name, json_t *v)
{
	json_t	*arr = json_object_get(parent, name);
	char	*alt = NULL;

	if (v == NULL)
		return;
	if (arr != NULL && !json_is_array(arr)) {
		/* An attribute of the same name: the children go under #name. */
		alt = xasprintf("#%s", name);
		arr = json_object_get(parent, alt);
		name = alt;
	}
	if (arr == NULL) {
		arr = json_array();
		json_object_set_new(parent, name, arr);
	}
	json_array_append_new(arr, v);
	free(alt);
}

json_t *
xmltree_read(struct xml_in *x, char *err, size_t errlen)
{
	struct xt_level	*st = NULL;
	size_t		 n = 0, cap = 0;
	json_t		*root = NULL;
	int		 rc, line = xml_line(x);

	for (;;) {
		int	t = xmlTextReaderNodeType(x->r);

		if (t == XML_READER_TYPE_ELEMENT) {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				st = xrealloc(st, cap * sizeof *st);
			}
			memset(&st[n], 0, sizeof st[n]);
			st[n].obj = xt_attrs(x);
			st[n].name = xstrdup(xml_localname(x));
			n++;
			if (xmlTextReaderIsEmptyElement(x->r) == 1)
				t = XML_READER_TYPE_END_ELEMENT;
		} else if (t == XML_READER_TYPE_TEXT ||
		    t == XML_READER_TYPE_CDATA ||
		    t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const xmlChar	*v = xmlTextReaderConstValue(x->r);

			if (n > 0 && v != NULL)
				buf_adds(&st[n - 1].text, (const char *)v);
		}
		if (t == XML_READER_TYPE_END_ELEMENT && n > 0) {
			json_t	*v;

			n--;
			v = xt_finish(&st[n]);
			buf_free(&st[n].text);
			if (n == 0) {
				free(st[n].name);
				root = v ? v : json_object();
				break;
			}
			xt_attach(st[n - 1].obj, st[n].name, v);
			free(st[n].name);
		}
		if ((rc = xml_read(x, err, errlen)) == -1)
			goto fail;
		if (rc == 0) {
			seterr(err, errlen, "%s:%d: element <%s> never ends "
			    "(file truncated?)", x->name, line,
			    n > 0 ? st[0].name : "?");
			goto fail;
		}
	}
	free(st);
	return root;
fail:
	for (size_t i = 0; i < n; i++) {
		json_decref(st[i].obj);
		free(st[i].name);
		buf_free(&st[i].text);
	}
	free(st);
	return NULL;
}

json_t *
xmltree_first(const json_t *o, const char *name)
{
	json_t	*a = json_object_get(o, name);

	if (json_is_array(a))
		return json_array_get(a, 0);
	return a;	/* a caller flattened it, or an attribute */
}

const char *
xmltree_str(const json_t *v)
{
	const char	*s = NULL;

	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_object(v))
		s = json_string_value(json_object_get(v, "#text"));
	return s != NULL && s[0] != '\0' ? s : NULL;
}

const char *
xmltree_text(const json_t *o, const char *name)
{
	return xmltree_str(xmltree_first(o, name));
}

const char *
xmltree_attr(const json_t *o, const char *name)
{
	const char	*s = json_string_value(json_object_get(o, name));

	return s != NULL && s[0] != '\0' ? s : NULL;
}

void
xmltree_walk(const json_t *o, const char *path,
    void (*fn)(const json_t *, void *), void *arg)
{
	const char	*slash = strchr(path, '/');
	size_t		 len = slash ? (size_t)(slash - path) : strlen(path);
	char		 name[128];
	json_t		*a, *v;
	size_t		 i;

	if (len == 0 || len >= sizeof name || !json_is_object(o))
		return;
	memcpy(name, path, len);
	name[len] = '\0';
	a = json_object_get(o, name);
	if (!json_is_array(a))
		return;
	json_array_foreach(a, i, v) {
		if (slash == NULL)
			fn(v, arg);
		else
			xmltree_walk(v, slash + 1, fn, arg);
	}
}

static int
xt_namechar(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' ||
	    c == ':' || (unsigned char)c >= 0x80;
}

int
xmltree_sniff_root(const char *data, size_t len, char *out, size_t outlen)
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
		while (i < lim && xt_namechar(data[i]))
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
