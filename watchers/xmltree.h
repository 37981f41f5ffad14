/* xmltree.h — one XML element's subtree as a jansson object, so that list
 * watchers read a record at a time and keep every published field. */
#ifndef SW_XMLTREE_H
#define SW_XMLTREE_H

#include <stddef.h>

#include <jansson.h>

#include "watchers/xml.h"

/*
 * Reads the element the reader is on, up to and including its end tag, into
 * a new object: attributes as string members (namespace declarations left
 * out), child elements as arrays under their local name, text as "#text".
 * An element with neither attributes nor children becomes its text as a
 * string; an empty one of those is dropped. Returns a new reference (caller
 * decrefs) or NULL with a "file:line: reason" err.
 */
json_t		*xmltree_read(struct xml_in *, char *err, size_t errlen);
/* The first child element `name` of o (or the member itself when it is
 * not an array), or NULL. Borrowed. */
json_t		*xmltree_first(const json_t *o, const char *name);
/* A node's text: the string itself or an object's "#text"; NULL if none. */
const char	*xmltree_str(const json_t *v);
/* The text of the first child `name`, or NULL when absent or empty. */
const char	*xmltree_text(const json_t *o, const char *name);
/* An attribute (string member) of o, or NULL when absent or empty. */
const char	*xmltree_attr(const json_t *o, const char *name);
/* Calls fn on every node at the '/'-separated path of child names below o. */
void		 xmltree_walk(const json_t *o, const char *path,
		    void (*fn)(const json_t *, void *), void *arg);
/*
 * The local name of the first element in an XML document's first bytes
 * (prolog, comments and doctype skipped) into out; 0, or -1 when the bytes
 * do not start like XML. Bounded by len: the bytes need no terminator.
 */
int		 xmltree_sniff_root(const char *data, size_t len, char *out,
		    size_t outlen);

#endif
