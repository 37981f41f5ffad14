/* watcher.h — the ops table every source format implements. */
#ifndef SW_WATCHER_H
#define SW_WATCHER_H

#include <stddef.h>
#include <stdint.h>

#include "daemon/record.h"

#define WATCHER_MAX_COMPANIONS 4

/* One downloaded file: its bytes are borrowed for the length of parse(). */
struct watcher_file {
	const char	*role;		/* "main" or a companion role */
	const char	*name;		/* file name or URL, for error messages */
	const char	*data;
	size_t		 len;
};

struct watcher_input {
	struct watcher_file	main;
	struct watcher_file	companions[WATCHER_MAX_COMPANIONS];
	size_t			ncompanions;
	/* Out, optional: a parser that reads the publisher's own record count
	 * (a header or trailer field) stores it here when this is not NULL;
	 * the daemon's broken-download guard compares it with what parsed. */
	int64_t			*publisher_count;
};

/*
 * Called once per record. The record is borrowed: it is reset after the
 * callback returns. Return -1 to stop the parse (err is then left as the
 * callback set it).
 */
typedef int (*watcher_record_cb)(struct record *, void *arg);

struct watcher_ops {
	const char		*name;		/* --format and config `format` */
	const char		*source;	/* `source` of its records */
	const char		*description;
	const char *const	*companions;	/* NULL-ended roles, or NULL */
	int			 news;		/* items scroll off: no removals */
	/* Confidence 0..100 that the bytes are this format. */
	int			(*detect)(const char *data, size_t len);
	/*
	 * A pure function from bytes to records. Validates the whole input;
	 * on bad input returns -1 with one line in err naming the file and,
	 * where known, the line. The caller commits nothing until it returns 0.
	 */
	int			(*parse)(const struct watcher_input *,
				    watcher_record_cb, void *arg, char *err,
				    size_t errlen);
};

extern const struct watcher_ops *const watcher_table[];

const struct watcher_ops *watcher_find(const char *name);
/* The best-scoring format for the bytes, or NULL when none claims them. */
const struct watcher_ops *watcher_detect(const char *data, size_t len);
/* The companion file for role, or NULL when none was given. */
const struct watcher_file *watcher_companion(const struct watcher_input *,
	    const char *role);
/* A one-line description of what unrecognised bytes look like. */
const char *watcher_sniff(const char *data, size_t len);

#endif
