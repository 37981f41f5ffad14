/* match.h — the watchlist and matching records against it. */
#ifndef SW_MATCH_H
#define SW_MATCH_H

#include <jansson.h>

#include "daemon/record.h"

enum watch_kind {
	WATCH_NAME,
	WATCH_COUNTRY,
	WATCH_PROGRAM,
	WATCH_ID
};

struct watchlist;

/* One match of a record against one watch. Strings are owned. */
struct match {
	char		*watch;		/* "name: Sadio Camara" */
	const char	*kind;		/* "name", "country", ... (static) */
	double		 score;		/* 0..1 */
	char		*matched;	/* the name, alias or value that matched */
	char		*field;		/* "name", "aliases", "countries", ... */
	char		*reason;
};

struct matches {
	struct match	*v;
	size_t		 n, cap;
};

/* Loads a watchlist file ("-" reads stdin); NULL with "file:line: ..." err.
 * The caller frees the result with match_free(). */
struct watchlist *match_load(const char *path, char *err, size_t errlen);
struct watchlist *match_parse(const char *text, size_t len, const char *label,
		    char *err, size_t errlen);
void		  match_free(struct watchlist *);
size_t		  match_count(const struct watchlist *);

/* Appends every match of the record to out; returns how many were added. */
size_t		  match_record(const struct watchlist *, const struct record *,
		    struct matches *out);
void		  matches_clear(struct matches *);
/* A new reference: [{"watch","kind","score","matched","field","reason"}]. */
json_t		 *matches_to_json(const struct matches *);

/* Folds a name for comparison: NFKC, case-folded, marks stripped, anything
 * but letters and digits one space. Caller frees. */
char		 *match_fold(const char *);

#endif
