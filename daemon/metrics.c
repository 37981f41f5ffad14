/* metrics.c — Prometheus text exposition over evhttp, computed from the
 * store on each scrape so that it always agrees with `sanctwatch status`. */
#include "daemon/metrics.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "config/config.h"
#include "daemon/store.h"

struct metrics {
	struct evhttp		*http;
	struct store		*store;
	struct config *const	*cfp;
};

/* A label value with \, " and newline escaped, as the format requires. */
static void
label(struct evbuffer *b, const char *v)
{
	for (; *v != '\0'; v++) {
		if (*v == '\\' || *v == '"')
			evbuffer_add_printf(b, "\\%c", *v);
		else if (*v == '\n')
			evbuffer_add(b, "\\n", 2);
		else
			evbuffer_add(b, v, 1);
	}
}

static void
head(struct evbuffer *b, const char *name, const char *type, const char *help)
{
	evbuffer_add_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}

static const struct {
	const char	*name, *type, *help;
} source_metrics[] = {
	{ "sanctwatch_source_last_success_timestamp_seconds", "gauge",
	  "Unix time of the last accepted download." },
	{ "sanctwatch_source_records", "gauge",
	  "Records in the stored snapshot." },
	{ "sanctwatch_source_changes_total", "counter",
	  "Record changes committed (added, removed, modified)." },
	{ "sanctwatch_source_fetch_errors_total", "counter",
	  "Downloads that failed in transport." },
	{ "sanctwatch_source_anomalies_total", "counter",
	  "Downloads rejected or held by the broken-download guard." },
	{ "sanctwatch_source_held", "gauge",
	  "1 while a download is held for confirmation or accept." },
	{ "sanctwatch_source_suppressed_total", "counter",
	  "Matches a suppression silenced (kept for audit)." },
};

static int
render(struct metrics *m, struct evbuffer *b, char *err, size_t errlen)
{
	const struct config		*cf = *m->cfp;
	struct store_channel_count	*cc = NULL;
	size_t				 ncc = 0, nsrc = cf->nsources;
	struct source_state		*ss = xcalloc(nsrc + 1, sizeof *ss);
	struct store_source_stats	*st = xcalloc(nsrc + 1, sizeof *st);
	static const char *const	 states[] = { "pending", "delivered",
					    "dead" };
	int				 rc = -1;

	for (size_t i = 0; i < nsrc; i++)
		if (store_source_state(m->store, cf->sources[i].name, &ss[i], err,
		    errlen) == -1 || store_source_stats(m->store,
		    cf->sources[i].name, &st[i], err, errlen) == -1)
			goto out;
	if (store_channel_counts(m->store, &cc, &ncc, err, errlen) == -1)
		goto out;
	for (size_t k = 0; k < sizeof source_metrics / sizeof *source_metrics;
	    k++) {
		head(b, source_metrics[k].name, source_metrics[k].type,
		    source_metrics[k].help);
		for (size_t i = 0; i < nsrc; i++) {
			long long	v = 0;

			switch (k) {
			case 0: v = ss[i].last_success; break;
			case 1: v = ss[i].known ? ss[i].record_count : 0; break;
			case 2: v = st[i].changes; break;
			case 3: v = st[i].fetch_errors; break;
			case 4: v = st[i].anomalies; break;
			case 5: v = ss[i].held_sha256[0] != '\0'; break;
			case 6: v = st[i].suppressed; break;
			}
			evbuffer_add_printf(b, "%s{source=\"",
			    source_metrics[k].name);
			label(b, cf->sources[i].name);
			evbuffer_add_printf(b, "\"} %lld\n", v);
		}
	}
	head(b, "sanctwatch_alerts", "gauge",
	    "Alert deliveries per channel and state.");
	for (size_t i = 0; i < cf->nnotifies; i++)
		for (size_t s = 0; s < 3; s++) {
			long long	v = 0;

			for (size_t k = 0; k < ncc; k++)
				if (strcmp(cc[k].channel, cf->notifies[i].name)
				    == 0)
					v = s == 0 ? cc[k].pending : s == 1 ?
					    cc[k].delivered : cc[k].dead;
			evbuffer_add_printf(b, "sanctwatch_alerts{channel=\"");
			label(b, cf->notifies[i].name);
			evbuffer_add_printf(b, "\",state=\"%s\"} %lld\n",
			    states[s], v);
		}
	rc = 0;
out:
	for (size_t i = 0; i < nsrc; i++)
		source_state_clear(&ss[i]);
	free(ss);
	free(st);
	store_channel_counts_free(cc, ncc);
	return rc;
}

/* evhttp callback for every path: /metrics, or 404. */
static void
request_cb(struct evhttp_request *req, void *arg)
{
	struct metrics	*m = arg;
	struct evbuffer	*b;
	const char	*path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(
			    req));
	char		 err[SW_ERRLEN];

	if (path == NULL || strcmp(path, "/metrics") != 0) {
		evhttp_send_error(req, HTTP_NOTFOUND, NULL);
		return;
	}
	if (evhttp_request_get_command(req) != EVHTTP_REQ_GET) {
		evhttp_send_error(req, HTTP_BADMETHOD, NULL);
		return;
	}
	b = evbuffer_new();
	if (render(m, b, err, sizeof err) == -1) {
		log_warnx("metrics: %s", err);
		evhttp_send_error(req, HTTP_INTERNAL, NULL);
	} else {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
		evhttp_send_reply(req, HTTP_OK, "OK", b);
	}
	evbuffer_free(b);
}

struct metrics *
metrics_start(struct event_base *base, struct store *store,
    struct config *const *cfp, const char *listen, char *err, size_t errlen)
{
	struct metrics	*m;
	char		*host = xstrdup(listen), *colon = strrchr(host, ':'), *end;
	long		 port;

	if (colon == NULL || colon == host) {
		seterr(err, errlen, "metrics_listen \"%s\": expected HOST:PORT",
		    listen);
		free(host);
		return NULL;
	}
	*colon = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 1 || port > 65535) {
		seterr(err, errlen, "metrics_listen \"%s\": bad port", listen);
		free(host);
		return NULL;
	}
	m = xcalloc(1, sizeof *m);
	m->store = store;
	m->cfp = cfp;
	m->http = evhttp_new(base);
	evhttp_set_allowed_methods(m->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
	evhttp_set_gencb(m->http, request_cb, m);
	/* "[::1]:9464": brackets off for the bind. */
	if (host[0] == '[' && colon[-1] == ']') {
		colon[-1] = '\0';
		memmove(host, host + 1, strlen(host));
	}
	if (evhttp_bind_socket(m->http, host, (ev_uint16_t)port) != 0) {
		seterr(err, errlen, "metrics_listen %s: cannot listen", listen);
		evhttp_free(m->http);
		free(m);
		free(host);
		return NULL;
	}
	free(host);
	return m;
}

void
metrics_stop(struct metrics *m)
{
	if (m == NULL)
		return;
	evhttp_free(m->http);
	free(m);
}
