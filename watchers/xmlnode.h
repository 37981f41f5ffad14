/* xmlnode.h — one record at a time as a small tree: the streaming reader
 * expands the current record element, the watcher reads it with the tree
 * API, and the reader frees it when it moves on. */
#ifndef SW_XMLNODE_H
#define SW_XMLNODE_H

#include <stddef.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "watchers/xml.h"

/*
 * Expands the reader's current element into *node (owned by the reader,
 * valid until the next xml_read/xml_skip). Returns 0, or -1 with a
 * "file:line: reason" err on malformed XML or an entity reference inside.
 */
int	 xmlnode_expand(struct xml_in *, xmlNodePtr *node, char *err,
	    size_t errlen);
/* The element's line in the file. */
int	 xmlnode_line(const xmlNode *);
/* 1 when n is an element with that local name. */
int	 xmlnode_is(const xmlNode *n, const char *localname);
/* The first element child, the next element sibling, or NULL. */
xmlNodePtr xmlnode_first(const xmlNode *);
xmlNodePtr xmlnode_next(const xmlNode *);
/* 1 when the element has element children. */
int	 xmlnode_has_children(const xmlNode *);
/* The element's text, white space trimmed and runs folded to one space.
 * Caller frees; never NULL ("" when empty). */
char	*xmlnode_text(const xmlNode *);
/* The first child element's text, as xmlnode_text, or NULL when there is no
 * such child or it is empty. Caller frees. */
char	*xmlnode_child_text(const xmlNode *, const char *localname);
/* A JSON key from a published element name: "stateOrProvince" and
 * "STATE_OR_PROVINCE" both give "state_or_province". Into out[cap]. */
void	 xmlnode_key(const char *name, char *out, size_t cap);
/*
 * The element's children as a JSON object of snake_case keys: leaves map to
 * their text (empty ones are left out), inner elements recurse, and a name
 * that repeats becomes an array. Returns a new reference, or NULL when
 * nothing in it has text.
 */
json_t	*xmlnode_object(const xmlNode *);
/* Adds v (stolen) to the object's array under key, creating the array. */
void	 xmlnode_append(json_t *obj, const char *key, json_t *v);

#endif
