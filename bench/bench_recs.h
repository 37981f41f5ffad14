/* bench_recs.h — what the matcher benches share: parsed records kept as
 * records, and a monotonic clock. */
#ifndef SW_BENCH_RECS_H
#define SW_BENCH_RECS_H

#include <time.h>

#include <jansson.h>

#include "daemon/record.h"
#include "daemon/util.h"

struct recs {
	struct record	*v;
	size_t		 n, cap;
};

/* A watcher's record callback: keeps a copy of each record in arg, a
 * struct recs. */
static int
keep_cb(struct record *r, void *arg)
{
	struct recs	*rs = arg;
	json_t		*j = record_to_json(r);
	char		 err[256];

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 1024;
		rs->v = xrealloc(rs->v, rs->cap * sizeof *rs->v);
	}
	record_init(&rs->v[rs->n]);
	if (record_from_json(&rs->v[rs->n], j, err, sizeof err) == 0)
		rs->n++;
	json_decref(j);
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif
