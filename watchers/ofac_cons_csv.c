/* ofac_cons_csv.c — OFAC's consolidated (non-SDN) legacy CSV set: cons_prim,
 * cons_add, cons_alt, cons_comments. Same layout as sdn.csv, so it reuses the
 * SDN CSV parser and differs only in its source label and in detection. */
#include <string.h>

#include "watchers/ofac_csv.h"
#include "watchers/watcher.h"

extern const struct watcher_ops ofac_cons_csv_watcher;

/*
 * The two CSVs cannot be told apart by layout; only the non-SDN lists'
 * programmes can: NS-PLC, NS-MBS, NS-ISA..., FSE-*, the Part 561 list and the
 * NS-CMIC list (CMIC-EO13959). An SDN entry may carry one of them too, but
 * after an SDN programme ("SDGT] [NS-PLC"), so only a programme column that
 * starts with one (`,"NS-`) marks the file. A cons_prim.csv holding only SSI
 * (UKRAINE-EO13662) rows carries no such mark and needs --format.
 */
static int
has_nonsdn_program(const char *data, size_t len)
{
	static const char *const marks[] = { ",\"NS-", ",\"FSE-", ",\"561",
	    ",\"CMIC-", NULL };

	for (size_t i = 0; marks[i] != NULL; i++)
		if (memmem(data, len, marks[i], strlen(marks[i])) != NULL)
			return 1;
	return 0;
}

/* One more than ofac-sdn-csv when a non-SDN programme shows; else nothing,
 * so that an unmarked file goes to ofac-sdn-csv. */
static int
ofac_cons_csv_detect(const char *data, size_t len)
{
	int	score = ofac_csv_detect(data, len);

	if (score < 50 || !has_nonsdn_program(data, len))
		return 0;
	return score + 5;
}

static int
ofac_cons_csv_parse(const struct watcher_input *in, watcher_record_cb cb,
    void *arg, char *err, size_t errlen)
{
	return ofac_csv_parse(in, ofac_cons_csv_watcher.source,
	    "OFAC consolidated (non-SDN) CSV", cb, arg, err, errlen);
}

static const char *const ofac_cons_csv_companions[] = { "add", "alt",
    "comments", NULL };

const struct watcher_ops ofac_cons_csv_watcher = {
	.name = "ofac-cons-csv",
	.source = "ofac-cons",
	.description = "OFAC consolidated (non-SDN) list, legacy CSV "
	    "(cons_prim.csv, cons_add.csv, cons_alt.csv, cons_comments.csv)",
	.companions = ofac_cons_csv_companions,
	.detect = ofac_cons_csv_detect,
	.parse = ofac_cons_csv_parse,
};
