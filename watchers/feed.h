/* feed.h — RSS/RDF/Atom reading shared by the feed watcher and its tests:
 * the structured entries (before the record mapping) and the date formats. */
#ifndef SW_FEED_H
#define SW_FEED_H

#include <stddef.h>

#include "watchers/watcher.h"

/* One item or entry; every string is owned by the feed, NULL when absent. */
struct feed_entry {
	char	*id;		/* guid / atom:id / rdf:about, as published */
	char	*title;		/* plain text */
	char	*link;		/* absolute when a base was known */
	char	*summary;	/* plain text of description / summary */
	char	*content;	/* plain text of content:encoded / content */
	char	*published;	/* UTC ISO-8601, or NULL when absent/unparsed */
	char	*updated;	/* UTC ISO-8601, or NULL */
};

struct feed {
	char			*title;	/* plain text, NULL when none */
	struct feed_entry	*v;
	size_t			 n, cap;
};

/*
 * Reads a whole RSS 0.9x/2.0, RSS 1.0/0.90 (RDF) or Atom 0.3/1.0 document.
 * f->name is a URL (relative links are resolved against it) or a path (only
 * xml:base is used). Returns 0, or -1 with one "file:line: reason" line.
 * The caller frees with feed_free() in both cases.
 */
int	 feed_read(const struct watcher_file *f, struct feed *, char *err,
	    size_t errlen);
void	 feed_free(struct feed *);

/*
 * Plain text of an HTML fragment (tags stripped, entities decoded, script
 * and style dropped, white space folded). Caller frees; never NULL.
 */
char	*feed_html_text(const char *html, size_t len);

/* The date grammars feeds use; FEED_DATE_ANY tries them all in turn. */
enum feed_date_fmt {
	FEED_DATE_ANY,
	FEED_DATE_RFC822,	/* RSS pubDate and its real-world variants */
	FEED_DATE_W3DTF,	/* Atom, dc:date */
	FEED_DATE_ISO8601,	/* reduced / ordinal / 2-digit-year forms */
	FEED_DATE_ASCTIME,
	FEED_DATE_PERFORCE,
	FEED_DATE_GREEK,
	FEED_DATE_HUNGARIAN,
	FEED_DATE_NATE,		/* Korean, AM/PM marker */
	FEED_DATE_ONBLOG	/* Korean, year/month/day markers */
};

/* Normalises a date to "YYYY-MM-DDTHH:MM:SSZ" in out; 0 or -1. */
int	 feed_date_parse(const char *s, enum feed_date_fmt, char out[32]);

#endif
