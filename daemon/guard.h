/* guard.h — the broken-download guard: is a parsed download plausible
 * next to the snapshot it would replace? */
#ifndef SW_GUARD_H
#define SW_GUARD_H

#include <stddef.h>
#include <stdint.h>

struct guard_input {
	int64_t	 old_count;		/* records in the snapshot; -1: none yet */
	int64_t	 new_count;		/* records in the download */
	int64_t	 removed;		/* snapshot records the download drops */
	int64_t	 publisher_count;	/* the publisher's own count; -1: unknown */
	int64_t	 max_shrink;		/* percent of old_count that may go */
	int64_t	 min_records;		/* floor for new_count */
	int	 news;			/* a feed: items scroll off, no shrink rule */
};

/*
 * Returns 1 and a one-line reason in why when the download must be held
 * (too many removals, below the floor, or not the publisher's count), and
 * 0 when it may be applied.
 */
int	guard_check(const struct guard_input *, char *why, size_t whylen);

#endif
