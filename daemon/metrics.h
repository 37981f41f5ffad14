/* metrics.h — the optional Prometheus text endpoint (metrics_listen). */
#ifndef SW_METRICS_H
#define SW_METRICS_H

#include <stddef.h>

#include <event2/event.h>

struct config;
struct metrics;
struct store;

/*
 * Serves GET /metrics on listen ("HOST:PORT") with libevent's evhttp on
 * base. *cfp is read on every request, so a reloaded config is seen.
 * Returns NULL with err when the address is bad or cannot be bound.
 */
struct metrics	*metrics_start(struct event_base *, struct store *,
		    struct config *const *cfp, const char *listen, char *err,
		    size_t errlen);
void		 metrics_stop(struct metrics *);

#endif
