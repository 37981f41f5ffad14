/* rowcheck.h — what the row-per-record US list formats share: the whole
 * file is UTF-8, an id seen before is told apart from a repeated row, and
 * a US state code marks a US address that names no country, and a few
 * country spellings the shared table lacks. */
#ifndef SW_ROWCHECK_H
#define SW_ROWCHECK_H

#include <stddef.h>

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

/* 1 when s[0..n) is the USPS code of a state or DC ("TX", "DC"). */
int	rowcheck_us_state(const char *s, size_t n);

#endif
