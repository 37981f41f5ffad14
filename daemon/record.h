/* record.h — the one normalised record every watcher produces. */
#ifndef SW_RECORD_H
#define SW_RECORD_H

#include <jansson.h>

#include "daemon/util.h"

/*
 * A designation (or a news item) as published. The core fields are what
 * diff, matching and alerts rely on; `extra` carries the format's other
 * published fields so that any change in them is seen by the diff.
 */
struct record {
	char		*source;	/* "ofac-sdn", "un", ... */
	char		*id;		/* the publisher's stable id */
	char		*type;		/* individual|entity|vessel|aircraft|news */
	char		*name;
	struct strvec	 aliases;
	struct strvec	 programs;
	struct strvec	 countries;	/* ISO 3166-1 alpha-2, upper case */
	char		*remarks;	/* NULL when the publisher gives none */
	json_t		*extra;		/* NULL or an object of more keys */
};

void	 record_init(struct record *);
void	 record_reset(struct record *);	/* frees members, re-inits */
/* Sets an extra string key; NULL or "" values are not stored. */
void	 record_set_extra(struct record *, const char *key, const char *val);
/* Returns a new reference: the record as the JSON object `parse` prints. */
json_t	*record_to_json(const struct record *);
/* Fills an initialised record from such an object; 0 or -1 with err. */
int	 record_from_json(struct record *, const json_t *, char *err,
	    size_t errlen);
/* The same from a stored record text (a recset entry's json); 0 or -1. */
int	 record_from_text(struct record *, const char *json);
/* 1 when key is one of the core fields above (source, id, type, name,
 * aliases, programs, countries, remarks): extra must not use it. */
int	 record_is_core_key(const char *key);
/* Returns the canonical text (sorted keys, compact); caller frees. */
char	*record_canonical(const struct record *);
char	*json_canonical(const json_t *);

#endif
