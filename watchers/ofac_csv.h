/* ofac_csv.h — the OFAC legacy CSV parser that sdn.csv and the consolidated
 * (non-SDN) cons_prim.csv share: same twelve columns, same companions. */
#ifndef SW_OFAC_CSV_H
#define SW_OFAC_CSV_H

#include <stddef.h>

#include "watchers/watcher.h"

/*
 * Parses in->main (and the "add", "alt", "comments" companions) into records
 * whose source is `source`; `what` names the format in the "not an ..."
 * error. Returns 0, or -1 with a one-line err.
 */
int	ofac_csv_parse(const struct watcher_input *in, const char *source,
	    const char *what, watcher_record_cb cb, void *arg, char *err,
	    size_t errlen);
/* 0..60: the bytes look like OFAC legacy CSV rows (SDN or consolidated). */
int	ofac_csv_detect(const char *data, size_t len);

#endif
