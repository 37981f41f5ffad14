/* suppress_pin.h — what a suppression line without hash= means to the
 * daemon: the record as the snapshot holds it when the line is first
 * loaded, kept in the store so that a restart or a reload means the same. */
#ifndef SW_SUPPRESS_PIN_H
#define SW_SUPPRESS_PIN_H

#include <stddef.h>
#include <stdint.h>

#include "daemon/match.h"
#include "daemon/store.h"

struct suppress_pin_stats {
	size_t	lines;
	size_t	given;		/* hash= written */
	size_t	kept;		/* pinned by an earlier load */
	size_t	pinned;		/* pinned to the snapshot now */
	size_t	unseen;		/* in no snapshot: pinned at first sight */
	size_t	expired;
};

/*
 * Pins each line without hash= that has not expired at `now`: to the pin
 * the store keeps for that line, else to the content hash of the record
 * as the snapshot holds it now, which is stored as the line's pin. A
 * record no snapshot holds stays unpinned; match_suppress_find() pins it at
 * first sight and the commit stores it (suppress_fresh()). label names
 * the file in log lines. 0, or -1 with err on a store error.
 */
int	 suppress_pin(struct suppressions *, struct store *, int64_t now,
	    const char *label, struct suppress_pin_stats *, char *err,
	    size_t errlen);
/* match_suppress_load() and suppress_pin(), with one log line of totals.
 * NULL with "file:line: ..." (or a store error) in err; caller frees. */
struct suppressions *suppress_load(const char *path, struct store *,
	    int64_t now, char *err, size_t errlen);
/* The lines pinned at first sight and not stored yet, as pin rows for
 * the next commit; the strings belong to the set, the caller frees the
 * array. *n is 0 (and NULL returned) when there are none. */
struct store_pin *suppress_fresh(const struct suppressions *, size_t *n);
/* After the commit that stored them: they are no longer fresh. */
void	 suppress_saved(struct suppressions *);

#endif
