/* guard.c — the broken-download guard. A truncated or empty list parses
 * as mass delisting; these rules hold such a download back for a human
 * (`sanctwatch accept`) or for confirmation by later identical polls. */
#include "daemon/guard.h"

#include <inttypes.h>
#include <stdio.h>

int
guard_check(const struct guard_input *g, char *why, size_t whylen)
{
	if (g->publisher_count >= 0 && g->publisher_count != g->new_count) {
		snprintf(why, whylen, "the publisher states %" PRId64 " records "
		    "but the download holds %" PRId64, g->publisher_count,
		    g->new_count);
		return 1;
	}
	if (g->new_count < g->min_records) {
		snprintf(why, whylen, "%" PRId64 " records, fewer than "
		    "min_records %" PRId64, g->new_count, g->min_records);
		return 1;
	}
	/* Compared in integers: removed/old > max_shrink/100. */
	if (!g->news && g->old_count > 0 &&
	    g->removed * 100 > g->max_shrink * g->old_count) {
		snprintf(why, whylen, "would remove %" PRId64 " of %" PRId64
		    " records (%.1f%%), more than max_shrink %" PRId64 "%%",
		    g->removed, g->old_count, 100.0 * (double)g->removed /
		    (double)g->old_count, g->max_shrink);
		return 1;
	}
	return 0;
}
