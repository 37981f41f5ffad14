/* xmlnode.c — record subtrees from the safe streaming reader, and the small
 * tree helpers the XML watchers share. */
#include "watchers/xmlnode.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"

/*
 * The reader never substitutes entities, so a reference to one declared in
 * an external subset (which is never loaded) stays in the tree as a node:
 * refuse it rather than silently dropping published text.
 */
static const xmlNode *
find_entity_ref(const xmlNode *root)
{
	const xmlNode	*n = root->children;

	while (n != NULL && n != root) {
		if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_NODE)
			return n;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n != root)
			n = n->next;
	}
	return NULL;
}

int
xmlnode_expand(struct xml_in *x, xmlNodePtr *node, char *err, size_t errlen)
{
	const xmlNode	*bad;

	*node = xmlTextReaderExpand(x->r);
	if (*node == NULL || x->failed) {
		if (x->failed)
			return seterr(err, errlen, "%s:%d: malformed XML: %s",
			    x->name, x->line, x->msg);
		return seterr(err, errlen, "%s:%d: malformed or truncated XML",
		    x->name, xml_line(x));
	}
	if ((bad = find_entity_ref(*node)) != NULL)
		return seterr(err, errlen, "%s:%ld: entity reference &%s; "
		    "refused", x->name, xmlGetLineNo(bad),
		    bad->name ? (const char *)bad->name : "");
	return 0;
}

int
xmlnode_list_open(struct xmlnode_list *l, const struct watcher_file *f,
    watcher_record_cb cb, void *arg, char *err, size_t errlen)
{
	l->name = f->name;
	l->cb = cb;
	l->arg = arg;
	l->nrec = 0;
	record_init(&l->r);
	if (xml_open(&l->x, f, err, errlen) == -1 ||
	    country_init(err, errlen) == -1 ||
	    xml_root(&l->x, err, errlen) == -1)
		return -1;
	return 0;
}

int
xmlnode_list_emit(struct xmlnode_list *l)
{
	l->nrec++;
	if (l->cb(&l->r, l->arg) == -1)
		return -1;
	record_reset(&l->r);
	return 0;
}

int
xmlnode_list_record(struct xmlnode_list *l, xmlnode_map_fn map, char *err,
    size_t errlen)
{
	xmlNodePtr	node;
	int		line = xml_line(&l->x);

	if (xmlnode_expand(&l->x, &node, err, errlen) == -1 ||
	    map(node, &l->r, l->name, line, err, errlen) == -1)
		return -1;
	return xmlnode_list_emit(l);
}

int
xmlnode_list_run(struct xmlnode_list *l, xml_child_cb cb, void *arg,
    const char *what, char *err, size_t errlen)
{
	if (xml_each_child(&l->x, cb, arg, err, errlen) == -1 ||
	    xml_finish(&l->x, err, errlen) == -1)
		return -1;
	if (what != NULL && l->nrec == 0)
		return seterr(err, errlen, "%s: no %s", l->name, what);
	return 0;
}

void
xmlnode_list_close(struct xmlnode_list *l)
{
	record_reset(&l->r);
	xml_close(&l->x);
}

int
xmlnode_list_parse(const struct watcher_file *f, xmlnode_root_fn root,
    xml_child_cb child, const char *what, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	struct xmlnode_list	l;
	int			rc = -1;

	if (xmlnode_list_open(&l, f, cb, arg, err, errlen) == 0 &&
	    root(&l.x, f->name, err, errlen) == 0)
		rc = xmlnode_list_run(&l, child, &l, what, err, errlen);
	xmlnode_list_close(&l);
	return rc;
}

int
xmlnode_line(const xmlNode *n)
{
	return (int)xmlGetLineNo(n);
}

int
xmlnode_is(const xmlNode *n, const char *localname)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, localname) == 0;
}

xmlNodePtr
xmlnode_first(const xmlNode *n)
{
	xmlNodePtr	c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr
xmlnode_next(const xmlNode *n)
{
	xmlNodePtr	c;

	for (c = n->next; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr
xmlnode_child(const xmlNode *n, const char *localname)
{
	xmlNodePtr	c;

	for (c = xmlnode_first(n); c != NULL; c = xmlnode_next(c))
		if (xmlnode_is(c, localname))
			return c;
	return NULL;
}

int
xmlnode_has_children(const xmlNode *n)
{
	return xmlnode_first(n) != NULL;
}

/* Folds the text of n's children into b (and of its descendants when deep);
 * *space says whether white space is pending before the next run. */
static void
fold_into(const xmlNode *n, int deep, struct buf *b, int *space)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && deep)
			fold_into(c, deep, b, space);
		else if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			xml_fold(b, (const char *)c->content, space);
	}
}

static char *
fold_text(const xmlNode *n, int deep)
{
	struct buf	b = { 0 };
	int		space = 1;

	fold_into(n, deep, &b, &space);
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup("");
	}
	return buf_cstr(&b);
}

char *
xmlnode_text(const xmlNode *n)
{
	return fold_text(n, 1);
}

char *
xmlnode_child_text(const xmlNode *n, const char *localname)
{
	xmlNodePtr	 c = xmlnode_child(n, localname);
	char		*s;

	if (c == NULL)
		return NULL;
	s = xmlnode_text(c);
	if (*s != '\0')
		return s;
	free(s);
	return NULL;
}

/*
 * An attribute's value is one text node: the reader substitutes character
 * references and refuses documents that declare entities. Later attributes
 * of the same local name (in other namespaces) win, as in xmlnode_tree.
 */
const char *
xmlnode_attr(const xmlNode *n, const char *localname)
{
	const char	*v = NULL;

	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		const xmlNode	*t = a->children;

		if (strcmp((const char *)a->name, localname) != 0)
			continue;
		v = t != NULL && t->type == XML_TEXT_NODE && t->next == NULL ?
		    (const char *)t->content : NULL;
	}
	return v != NULL && *v != '\0' ? v : NULL;
}

void
xmlnode_walk(const xmlNode *n, const char *path,
    void (*fn)(const xmlNode *, void *), void *arg)
{
	const char	*slash = strchr(path, '/');
	size_t		 len = slash ? (size_t)(slash - path) : strlen(path);

	for (xmlNodePtr c = xmlnode_first(n); c != NULL; c = xmlnode_next(c)) {
		if (strncmp((const char *)c->name, path, len) != 0 ||
		    c->name[len] != '\0')
			continue;
		if (slash == NULL)
			fn(c, arg);
		else
			xmlnode_walk(c, slash + 1, fn, arg);
	}
}

void
xmlnode_key(const char *name, char *out, size_t cap)
{
	size_t	o = 0;

	if (cap == 0)
		return;
	for (size_t i = 0; name[i] != '\0' && o + 2 < cap; i++) {
		unsigned char	c = (unsigned char)name[i];

		if (isupper(c) && i > 0 && islower((unsigned char)name[i - 1]))
			out[o++] = '_';
		out[o++] = (char)tolower(c);
	}
	out[o] = '\0';
}

void
xmlnode_append(json_t *obj, const char *key, json_t *v)
{
	json_t	*a = json_object_get(obj, key);

	if (a == NULL) {
		a = json_array();
		json_object_set_new(obj, key, a);
	}
	json_array_append_new(a, v);
}

void
xmlnode_rename(json_t *o, const char *from, const char *to)
{
	json_t	*v = json_object_get(o, from);

	if (v != NULL) {
		json_object_set(o, to, v);
		json_object_del(o, from);
	}
}

void
xmlnode_add_countries(struct record *r, const char *text)
{
	const char	*codes[8];
	size_t		 n;

	if (text == NULL)
		return;
	n = country_scan(text, strlen(text), codes, 8);
	for (size_t i = 0; i < n; i++)
		strvec_push_unique(&r->countries, codes[i]);
}

json_t *
xmlnode_object(const xmlNode *n)
{
	json_t	*o = json_object();
	char	 key[128];

	for (xmlNodePtr c = xmlnode_first(n); c != NULL; c = xmlnode_next(c)) {
		json_t	*v, *old;

		if (xmlnode_has_children(c))
			v = xmlnode_object(c);
		else {
			char	*s = xmlnode_text(c);

			v = *s ? json_string(s) : NULL;
			free(s);
		}
		if (v == NULL)
			continue;
		xmlnode_key((const char *)c->name, key, sizeof key);
		if ((old = json_object_get(o, key)) == NULL)
			json_object_set_new(o, key, v);
		else if (json_is_array(old))
			json_array_append_new(old, v);
		else {
			json_t	*a = json_array();

			json_array_append(a, old);
			json_array_append_new(a, v);
			json_object_set_new(o, key, a);
		}
	}
	if (json_object_size(o) == 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A child's value under its name; an attribute of that name keeps it and
 * the children go under "#name". */
static void
tree_attach(json_t *parent, const char *name, json_t *v)
{
	json_t	*arr = json_object_get(parent, name);
	char	*alt = NULL;

	if (v == NULL)
		return;
	if (arr != NULL && !json_is_array(arr)) {
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

/* As xmlnode_tree, but NULL for an element with nothing in it. */
static json_t *
tree_value(const xmlNode *n)
{
	json_t	*o = json_object(), *v;
	char	*t;

	/* Namespace declarations are nsDef, not properties: left out. */
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		xmlChar	*s = xmlNodeListGetString(n->doc, a->children, 1);

		json_object_set_new(o, (const char *)a->name,
		    json_string(s ? (const char *)s : ""));
		xmlFree(s);
	}
	for (xmlNodePtr c = xmlnode_first(n); c != NULL; c = xmlnode_next(c))
		tree_attach(o, (const char *)c->name, tree_value(c));
	t = fold_text(n, 0);
	/* json_string() refuses invalid UTF-8; libxml2 has checked it. */
	if (json_object_size(o) == 0) {
		json_decref(o);
		v = *t != '\0' ? json_string(t) : NULL;
	} else {
		if (*t != '\0')
			json_object_set_new(o, "#text", json_string(t));
		v = o;
	}
	free(t);
	return v;
}

json_t *
xmlnode_tree(const xmlNode *n)
{
	json_t	*v = tree_value(n);

	return v != NULL ? v : json_object();
}
