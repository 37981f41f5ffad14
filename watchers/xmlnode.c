/* xmlnode.c — record subtrees from the safe streaming reader, and the small
 * tree helpers the XML watchers share. */
#include "watchers/xmlnode.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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

int
xmlnode_has_children(const xmlNode *n)
{
	return xmlnode_first(n) != NULL;
}

#define IS_SPACE(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

/* Appends the folded text of n's subtree to b, a run of non-space bytes at
 * a time; *space says whether white space is pending before the next run. */
static void
fold_into(const xmlNode *n, struct buf *b, int *space)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		const xmlChar	*s, *run;

		if (c->type == XML_ELEMENT_NODE) {
			fold_into(c, b, space);
			continue;
		}
		if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
		    || (s = c->content) == NULL)
			continue;
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
}

char *
xmlnode_text(const xmlNode *n)
{
	struct buf	b = { 0 };
	int		space = 1;

	fold_into(n, &b, &space);
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup("");
	}
	buf_cstr(&b);
	return b.data;
}

char *
xmlnode_child_text(const xmlNode *n, const char *localname)
{
	char	*s;

	for (xmlNodePtr c = xmlnode_first(n); c != NULL; c = xmlnode_next(c)) {
		if (!xmlnode_is(c, localname))
			continue;
		s = xmlnode_text(c);
		if (*s != '\0')
			return s;
		free(s);
		return NULL;
	}
	return NULL;
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
