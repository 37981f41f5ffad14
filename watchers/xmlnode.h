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
 * A list file being parsed one record element at a time: the reader, the
 * record being filled and where finished records go. A watcher keeps it in
 * its own parse state, which xml_each_child hands to its callbacks.
 */
struct xmlnode_list {
	struct xml_in		 x;
	const char		*name;		/* the file, for messages */
	struct record		 r;
	watcher_record_cb	 cb;
	void			*arg;
	long			 nrec;		/* records emitted */
};

/*
 * Opens f, loads the country tables and moves the reader to the root
 * element. Returns 0, or -1 with err; xmlnode_list_close() either way.
 */
int	 xmlnode_list_open(struct xmlnode_list *,
	    const struct watcher_file *f, watcher_record_cb cb, void *arg,
	    char *err, size_t errlen);
/* Hands the filled record to the callback, counts it and resets it: 0, or
 * -1 when the callback stops the parse. */
int	 xmlnode_list_emit(struct xmlnode_list *);
/*
 * Calls cb(arg) on each child of the root element, then reads to the end
 * of the file. With `what`, a file that emitted no record is an error:
 * "file: no <what>". Returns 0, or -1 with err.
 */
int	 xmlnode_list_run(struct xmlnode_list *, xml_child_cb cb, void *arg,
	    const char *what, char *err, size_t errlen);
void	 xmlnode_list_close(struct xmlnode_list *);
/* Checks the root element the reader is on: 0, or -1 with a
 * "file:line: reason" err. */
typedef int (*xmlnode_root_fn)(struct xml_in *, const char *file, char *err,
    size_t errlen);
/*
 * The whole parse of a list whose records are children of the root: opens
 * f, checks its root with root(), runs child(l) over the root's children
 * (xmlnode_list_run, with `what`) and closes it. Returns 0, or -1 with err.
 */
int	 xmlnode_list_parse(const struct watcher_file *f,
	    xmlnode_root_fn root, xml_child_cb child, const char *what,
	    watcher_record_cb cb, void *arg, char *err, size_t errlen);
/* Fills r from one record element; line is where its start tag was read.
 * Returns 0, or -1 with a "file:line: reason" err. */
typedef int (*xmlnode_map_fn)(const xmlNode *, struct record *r,
    const char *file, int line, char *err, size_t errlen);
/* Expands the element the reader is on, maps it onto the list's record and
 * emits that: 0, or -1 with err. */
int	 xmlnode_list_record(struct xmlnode_list *, xmlnode_map_fn map,
	    char *err, size_t errlen);

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
/* The first element child with that local name, or NULL. */
xmlNodePtr xmlnode_child(const xmlNode *, const char *localname);
/* 1 when the element has element children. */
int	 xmlnode_has_children(const xmlNode *);
/* The element's text, white space trimmed and runs folded to one space.
 * Caller frees; never NULL ("" when empty). */
char	*xmlnode_text(const xmlNode *);
/* The first child element's text, as xmlnode_text, or NULL when there is no
 * such child or it is empty. Caller frees. */
char	*xmlnode_child_text(const xmlNode *, const char *localname);
/* The value of the attribute with that local name, or NULL when it is
 * absent or empty. Borrowed from the tree: valid as long as n. */
const char *xmlnode_attr(const xmlNode *n, const char *localname);
/* Calls fn on every element at the '/'-separated path of child names below
 * n, in document order. */
void	 xmlnode_walk(const xmlNode *n, const char *path,
	    void (*fn)(const xmlNode *, void *), void *arg);
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
/*
 * The element as published, names unchanged: attributes as string members,
 * child elements as arrays under their local name (under "#name" when an
 * attribute has that name), the element's own text as "#text". A child with
 * neither attributes nor children becomes its text as a string, and is left
 * out when that is empty. This is the `extra` layout of the EU, UK and
 * Canadian lists, which stored snapshots hold. Returns a new reference:
 * an object, or the text as a string when the element has only text.
 */
json_t	*xmlnode_tree(const xmlNode *);
/* Adds v (stolen) to the object's array under key, creating the array. */
void	 xmlnode_append(json_t *obj, const char *key, json_t *v);
/* Moves the member `from` of o to `to`, when there is one. */
void	 xmlnode_rename(json_t *o, const char *from, const char *to);
/* Adds the countries a free-text field names to r's countries. */
void	 xmlnode_add_countries(struct record *r, const char *text);

#endif
