/* diff.h — record sets keyed by publisher id, and the diff between two. */
#ifndef SW_DIFF_H
#define SW_DIFF_H

#include <stddef.h>

#include "daemon/util.h"
#include "watchers/watcher.h"

struct recset_entry {
	char	*id;
	char	*json;		/* canonical record text, owned */
	char	 hash[65];	/* SHA-256 of json */
	size_t	 seq;		/* input order, for keep_first */
};

struct recset {
	struct recset_entry	*v;
	size_t			 n, cap;
};

/* Takes ownership of json; hash may be NULL to compute it. */
void	 recset_add(struct recset *, const char *id, char *json,
	    const char *hash);
/* Sorts by id; a repeated id is an error unless keep_first is set, in which
 * case later copies are dropped. */
int	 recset_sort(struct recset *, int keep_first, char *err, size_t errlen);
const struct recset_entry *recset_find(const struct recset *, const char *id);
void	 recset_free(struct recset *);
/* A watcher_record_cb that canonicalises each record into a recset. */
int	 recset_collect_cb(struct record *, void *recset);
/* Parses a file into a sorted recset; -1 with a one-line err. */
int	 recset_parse(const struct watcher_ops *, const struct watcher_input *,
	    struct recset *, char *err, size_t errlen);

enum change_kind {
	CHANGE_ADDED,
	CHANGE_REMOVED,
	CHANGE_MODIFIED
};

struct change {
	enum change_kind		 kind;
	const char			*id;
	const struct recset_entry	*old;	/* NULL when added */
	const struct recset_entry	*new;	/* NULL when removed */
	struct strvec			 fields;	/* changed keys, sorted */
};

typedef int (*diff_cb)(const struct change *, void *arg);

const char	*change_kind_name(enum change_kind);
/* Walks two sorted sets in id order; cb returning -1 stops with -1. */
int		 diff_run(const struct recset *old, const struct recset *new,
		    diff_cb, void *arg);
/* The top-level keys whose values differ between two record texts. */
void		 diff_fields(const char *old_json, const char *new_json,
		    struct strvec *out);

#endif
