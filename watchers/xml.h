/* xml.h — libxml2's streaming reader, opened safely, with errors that name
 * the file and line. Every XML watcher reads through this. */
#ifndef SW_XML_H
#define SW_XML_H

#include <stddef.h>

#include <libxml/xmlreader.h>

#include "watchers/watcher.h"

struct xml_in {
	xmlTextReaderPtr	 r;
	const char		*name;	/* file or URL, for messages */
	char			 msg[SW_ERRLEN];	/* first libxml2 error */
	int			 line;
	int			 failed;
	const char		*data;	/* the input, read through a callback */
	size_t			 len, pos, released;
};

/*
 * Opens a reader over f's bytes: no network, no entity substitution, no DTD
 * loading, no XML_PARSE_HUGE. Returns 0 or -1 with err.
 */
int	 xml_open(struct xml_in *, const struct watcher_file *f, char *err,
	    size_t errlen);
/* As xml_open, but keeps white space between elements: mixed content
 * (feeds' inline XHTML) would otherwise lose the spaces between words. */
int	 xml_open_mixed(struct xml_in *, const struct watcher_file *f,
	    char *err, size_t errlen);
void	 xml_close(struct xml_in *);
/*
 * Advances one node: 1 on a node, 0 at a clean end of document, -1 with a
 * "file:line: reason" err on malformed or truncated XML or on a document
 * type that declares entities (XXE, billion laughs).
 */
int	 xml_read(struct xml_in *, char *err, size_t errlen);
/* Advances to the document element: 0 on it, -1 with "file:line: no root
 * element" or the read error. */
int	 xml_root(struct xml_in *, char *err, size_t errlen);
/* Node helpers for the current node. */
int	 xml_is_start(struct xml_in *, const char *localname);
int	 xml_is_end(struct xml_in *, const char *localname);
const char *xml_localname(struct xml_in *);
int	 xml_depth(struct xml_in *);
int	 xml_line(struct xml_in *);
/* The current element's text content, white space trimmed and runs of
 * white space folded to one space; the reader stays on the element.
 * Caller frees; never NULL. */
char	*xml_text(struct xml_in *);
/* Folds s into b: white space trimmed and runs of it made one space. *space
 * carries the pending white space from one call to the next; start at 1. */
void	 xml_fold(struct buf *b, const char *s, int *space);
/* An attribute of the current element by name, or NULL; caller frees. */
char	*xml_attr(struct xml_in *, const char *name);
/* Skips the current element's subtree. */
int	 xml_skip(struct xml_in *, char *err, size_t errlen);

/* Called by xml_each_child with the reader on a child's start tag; it may
 * expand the child (xmlnode_expand) or iterate its children in turn. */
typedef int (*xml_child_cb)(struct xml_in *, void *arg, char *err,
    size_t errlen);
/*
 * Calls cb on each element child of the current element in document order,
 * moving past each child's subtree after it; the reader ends on the current
 * element's end tag. Returns 0, or -1 with err from the reader or from cb.
 */
int	 xml_each_child(struct xml_in *, xml_child_cb cb, void *arg,
	    char *err, size_t errlen);
/* Reads to the end of the document, so that what follows the root element
 * is checked too: 0, or -1 with err. */
int	 xml_finish(struct xml_in *, char *err, size_t errlen);
/*
 * 1 when the first element in an XML document's first bytes (prolog,
 * comments and doctype skipped) has that local name, else 0; for detect().
 * Bounded by len: the bytes need no terminator.
 */
int	 xml_sniff_root(const char *data, size_t len, const char *localname);

#endif
