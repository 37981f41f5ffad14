/* suppress_pin.c — pins suppression lines without hash= to the record as
 * the snapshot holds it. A daemon is asked about a record again only when
 * it changed; pinning then would silence exactly the change that must
 * fire. So a line is pinned when it is first loaded, and the pin is kept
 * in the store, by line, for every later start and reload. */
#include "daemon/suppress_pin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/record.h"
#include "daemon/util.h"

/* The content hash of a stored record text; -1 when it does not load. */
static int
body_content_hash(const char *body, char out[65])
{
	struct record	 r;
	int		 rc;

	record_init(&r);
	if ((rc = record_from_text(&r, body)) == 0)
		match_content_hash(&r, out);
	record_reset(&r);
	return rc;
}

int
suppress_pin(struct suppressions *ss, struct store *st, int64_t now,
    const char *label, struct suppress_pin_stats *stats, char *err,
    size_t errlen)
{
	struct suppress_pin_stats	 none;

	if (stats == NULL)
		stats = &none;
	memset(stats, 0, sizeof *stats);
	for (size_t i = 0; i < match_suppress_count(ss); i++) {
		struct suppression	 s;
		struct store_pin	 p;
		char			 hash[65], *body;
		int			 rc;

		match_suppress_get(ss, i, &s);
		stats->lines++;
		if (s.given) {
			stats->given++;
			continue;
		}
		if ((int64_t)s.until <= now) {
			stats->expired++;
			continue;
		}
		if (s.hash[0] != '\0') {
			stats->kept++;		/* pinned in this set already */
			continue;
		}
		if ((rc = store_pin_get(st, s.key, hash, err, errlen)) == -1)
			return -1;
		if (rc == 1) {
			match_suppress_pin(ss, i, hash);
			stats->kept++;
			continue;
		}
		if ((rc = store_record_find(st, s.source, s.id, &body, err,
		    errlen)) == -1)
			return -1;
		if (rc == 0 || body_content_hash(body, hash) == -1) {
			free(body);
			log_info("%s:%zu: %s:%s is in no snapshot yet: the line "
			    "is pinned to it as first seen", label, s.line,
			    s.source, s.id);
			stats->unseen++;
			continue;
		}
		free(body);
		p.key = s.key;
		p.source = s.source;
		p.record_id = s.id;
		p.hash = hash;
		if (store_pin_put(st, &p, now, hash, err, errlen) == -1)
			return -1;
		match_suppress_pin(ss, i, hash);
		log_info("%s:%zu: %s:%s pinned to content %s as the snapshot "
		    "holds it", label, s.line, s.source, s.id, hash);
		stats->pinned++;
	}
	return 0;
}

struct suppressions *
suppress_load(const char *path, struct store *st, int64_t now, char *err,
    size_t errlen)
{
	struct suppressions		*ss;
	struct suppress_pin_stats	 n;

	if ((ss = match_suppress_load(path, err, errlen)) == NULL)
		return NULL;
	if (suppress_pin(ss, st, now, path, &n, err, errlen) == -1) {
		match_suppress_free(ss);
		return NULL;
	}
	log_info("%s: %zu suppressions: %zu with hash=, %zu pinned earlier, "
	    "%zu pinned now, %zu not seen yet, %zu expired", path, n.lines,
	    n.given, n.kept, n.pinned, n.unseen, n.expired);
	return ss;
}

struct store_pin *
suppress_fresh(const struct suppressions *ss, size_t *n)
{
	struct store_pin	*v = NULL;
	size_t			 k = 0;

	for (size_t i = 0; i < match_suppress_count(ss); i++) {
		struct suppression	s;

		match_suppress_get(ss, i, &s);
		if (!s.fresh)
			continue;
		v = xrealloc(v, (k + 1) * sizeof *v);
		v[k].key = s.key;
		v[k].source = s.source;
		v[k].record_id = s.id;
		v[k].hash = s.hash;
		k++;
	}
	*n = k;
	return v;
}

void
suppress_saved(struct suppressions *ss)
{
	for (size_t i = 0; i < match_suppress_count(ss); i++)
		match_suppress_saved(ss, i);
}
