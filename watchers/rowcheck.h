/* rowcheck.h — what the row-per-record US list formats share: the whole
 * file is UTF-8 and starts with a header row, an id seen before is told
 * apart from a repeated row, and a US state code marks a US address that
 * names no country. */
#ifndef SW_ROWCHECK_H
#define SW_ROWCHECK_H

#include <stddef.h>

#include "watchers/csv.h"
#include "watchers/watcher.h"

/* Opens a reader over f (separator sep) after checking the file is not
 * empty and is UTF-8, and reads the header row into c. 0, or -1 with a
 * "file:line: ..." err; the caller closes c either way. */
int	rowcheck_open(struct csv_reader *c, const struct watcher_file *f,
	    char sep, char *err, size_t errlen);

/* 0, or -1 with err "name:line: ..." at the first byte that is not UTF-8
 * (overlong forms, surrogates and NUL bytes included). */
int	rowcheck_utf8(const char *name, const char *data, size_t len,
	    char *err, size_t errlen);

/* Record ids seen so far, each with the fingerprint of its row. */
struct idmap_entry {
	char	*id;
	char	 fp[65];
	size_t	 line;
};

struct idmap {
	struct idmap_entry	*v;	/* open addressing, power of two */
	size_t			 n, cap;
};

/* Adds id with fingerprint fp (a SHA-256 hex string) and line; returns
 * NULL when id is new, else the entry stored first (the map keeps it). */
const struct idmap_entry *idmap_put(struct idmap *, const char *id,
	    const char *fp, size_t line);
void	idmap_free(struct idmap *);

/*
 * The row loop of a row-per-record format: the header, then each row
 * checked for its column count and made into a record, a row published
 * twice kept once, and at least one row. A different row under an id
 * already used is an error, or with rename_dups kept as "<id>-2", "-3",
 * ... in file order. o is the format's own state.
 */
struct rowcheck_ops {
	char	 sep;
	int	 rename_dups;
	/* reads the header row in c: its column count, or -1 with err */
	int	(*header)(void *o, struct csv_reader *c, char *err,
		    size_t errlen);
	/* a row to pass over (a header repeated mid-file), or NULL */
	int	(*skip)(void *o, const struct csv_reader *c);
	int	(*row)(void *o, const struct csv_reader *c, struct record *r,
		    char *err, size_t errlen);
};

int	rowcheck_parse(const struct watcher_file *f,
	    const struct rowcheck_ops *ops, void *o, watcher_record_cb cb,
	    void *arg, char *err, size_t errlen);

/* 1 when s[0..n) is the USPS code of a state or DC ("TX", "DC"). */
int	rowcheck_us_state(const char *s, size_t n);

#endif
