/* match.h — the watchlist and matching records against it. */
#ifndef SW_MATCH_H
#define SW_MATCH_H

#include <time.h>

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
/* The match of watch line w ("name: Sadio Camara") in m, or NULL. */
const struct match *matches_find(const struct matches *, const char *w);
/* A new reference: [{"watch","kind","score","matched","field","reason"}]. */
json_t		 *matches_to_json(const struct matches *);

/*
 * The name score (see match.c "How names are scored"): 1 for the same words
 * in any order; transliteration, vowel and spelling variants lower it a
 * little, watched words missing from the candidate a lot, extra words in the
 * candidate a little. A watch fires at MATCH_THRESHOLD unless its line ends
 * in "~0.9".
 */
#define MATCH_THRESHOLD	0.85

/* The reasons a name guard gives when it refuses or caps a pair, as the
 * explanation says them (MATCH_G_*); the quality bench counts the misses
 * each one holds. */
enum {
	MATCH_G_LONE, MATCH_G_COMMON, MATCH_G_FREQUENT, MATCH_G_NUMBERS,
	MATCH_G_NOWORD, MATCH_G_COMPANY, MATCH_G_ALIKE, MATCH_G_ABU,
	MATCH_G_N
};
extern const char *const match_guards[MATCH_G_N];

/* What a listed name names, as name scoring reads it: a vessel is an
 * entity whose one-word name is no full name (MARIA is not MARIA
 * GUADALUPE PINA), as a person's lone given name is not. */
enum { MATCH_ENTITY, MATCH_PERSON, MATCH_VESSEL };

/* Scores watched name w against candidate c of kind (MATCH_*: 0 or 1 is
 * an entity's or a person's). why (may be NULL) gets the explanation. */
double		  match_name_score(const char *w, const char *c, int kind,
		    char *why, size_t whylen);

/* With on == 0, match_record() compares every record with every watch
 * instead of using the index (for benchmarks and cross-checks). */
void		  match_use_index(struct watchlist *, int on);

/* The record's material content as hex SHA-256 into out[65]: type, names,
 * programmes, countries and identifiers, folded. Wording changes elsewhere
 * in the remarks leave it alone; a new alias or passport changes it. */
void		  match_content_hash(const struct record *, char out[65]);

/*
 * Suppressions: known false positives, one a line,
 *   WATCH | SOURCE:ID | reason=... | reviewer=... | expires=YYYY-MM-DD
 *     [| hash=CONTENT_HASH]
 * SOURCE is the record's own source ("ofac-sdn"), as in `id:` watches. A
 * suppression silences that watch for that record until the end of its
 * expiry day (UTC) and only while the record's content hash is the one the
 * reviewer saw: the hash given, or else the one the line is pinned to.
 * NULL with "file:line: ..." in err. Caller frees.
 */
struct suppressions;
struct suppressions *match_suppress_load(const char *path, char *err,
		    size_t errlen);
struct suppressions *match_suppress_parse(const char *text, size_t len,
		    const char *label, char *err, size_t errlen);
void		  match_suppress_free(struct suppressions *);
size_t		  match_suppress_count(const struct suppressions *);

/* One line of a set, as pinning and logging see it; the strings belong to
 * the set. */
struct suppression {
	const char	*watch;		/* "name: Sadio Camara" */
	const char	*source;	/* "ofac-sdn" */
	const char	*id;		/* "42618" */
	const char	*reason;
	const char	*reviewer;
	const char	*expires;	/* "YYYY-MM-DD" */
	time_t		 until;		/* first second after that day */
	const char	*hash;		/* "" while not pinned */
	const char	*key;		/* hex SHA-256 naming the line's pin */
	size_t		 line;
	int		 given;		/* hash= was written */
	int		 fresh;		/* pinned at first sight, not saved */
};
void		  match_suppress_get(const struct suppressions *, size_t i,
		    struct suppression *out);
/* Pins line i to a content hash, unless it has one already. */
void		  match_suppress_pin(struct suppressions *, size_t i,
		    const char *hash);
/* Line i's first-sight pin is now stored: it is no longer fresh. */
void		  match_suppress_saved(struct suppressions *, size_t i);
/*
 * 1 when (watch_text, source:id) is silenced at time now for a record
 * whose content hash is content_hash (NULL: any). A line not pinned yet
 * is pinned first, and marked fresh, to first_hash: the record as it
 * stood before this change (NULL: content_hash, the record as first
 * seen). *hit (may be NULL) then describes the line.
 */
int		  match_suppress_find(struct suppressions *,
		    const char *watch_text, const char *source, const char *id,
		    const char *content_hash, const char *first_hash, time_t now,
		    struct suppression *hit);
/* The same for one list read whole (`screen`): a line not pinned yet pins
 * the first content hash asked about; *why (may be NULL) gets its reason. */
int		  match_suppressed(struct suppressions *, const char *watch_text,
		    const char *source, const char *id, const char *content_hash,
		    time_t now, const char **why);

/* The watch text in one form ("NAME:Sadio  Camara" as "name: Sadio
 * Camara"), as suppressions compare it. Caller frees. */
char		 *match_watch_canon(const char *watch_text);
/* Whether the watchlist has the watch whose canonical text is canon. */
int		  match_has_watch(const struct watchlist *, const char *canon);

/* Folds a name for comparison: NFKC, case-folded, marks stripped, anything
 * but letters and digits one space. Caller frees. */
char		 *match_fold(const char *);

#endif
