/* cli_alerts.c — `notify-test` (a test alert through each channel, each
 * result reported as it is) and `alerts` (the outbox: recent alerts and
 * their delivery per channel; --retry re-queues a dead one; --suppressed
 * lists the matches suppressions silenced instead). */
#include "daemon/cli_alerts.h"

#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <event2/event.h>
#include <jansson.h>
#include <openssl/rand.h>

#include "config/config.h"
#include "daemon/fetch.h"
#include "daemon/store.h"
#include "notifiers/format.h"
#include "notifiers/notifier.h"

#define DEFAULT_CONFIG	SYSCONFDIR "/sanctwatch/sanctwatch.conf"

struct test_run {
	struct event_base	*base;
	size_t			 pending;
	int			 failed;
};

struct test_call {
	struct test_run		*run;
	const char		*channel;
};

static void
test_done_cb(enum notify_status st, const char *error, long retry_after,
    void *arg)
{
	struct test_call	*c = arg;

	if (st == NOTIFY_OK)
		printf("%s: ok\n", c->channel);
	else {
		printf("%s: FAILED: %s%s\n", c->channel, error ? error : "failed",
		    st == NOTIFY_GONE ? " (the endpoint says it is gone)" : "");
		c->run->failed = 1;
	}
	fflush(stdout);
	if (--c->run->pending == 0)
		event_base_loopexit(c->run->base, NULL);
	free(c);
}

/* A test alert: event "test", a fresh id, so it is never deduplicated. */
static char *
test_body(const char *channel, char id[48])
{
	unsigned char	rnd[12];
	char		iso[32], *s;
	json_t		*o;

	if (RAND_bytes(rnd, sizeof rnd) != 1)
		fatalx("RAND_bytes failed");
	strcpy(id, "sw_test_");
	for (size_t i = 0; i < sizeof rnd; i++)
		snprintf(id + 8 + 2 * i, 3, "%02x", rnd[i]);
	time_iso8601((int64_t)time(NULL), iso);
	o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "alert_id", id, "event", "test",
	    "source", "sanctwatch", "channel", channel, "detected_at", iso);
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

int
cli_notify_test(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*path = DEFAULT_CONFIG, *only = NULL;
	struct config		*cf;
	struct test_run		 run = { 0 };
	struct notify_env	 env;
	char			 err[SW_ERRLEN];
	int			 ch, found = 0;

	while ((ch = getopt_long(argc, argv, "c:", longopts, NULL)) != -1) {
		if (ch != 'c') {
			fprintf(stderr, "usage: sanctwatch notify-test "
			    "[--config FILE] [CHANNEL]\n");
			return 2;
		}
		path = optarg;
	}
	if (optind < argc)
		only = argv[optind++];
	if (optind != argc) {
		fprintf(stderr, "usage: sanctwatch notify-test [--config FILE] "
		    "[CHANNEL]\n");
		return 2;
	}
	log_init(1, 0);
	if ((cf = config_load(path, err, sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	run.base = event_base_new();
	env.base = run.base;
	env.fetcher = fetcher_new(run.base, cf->user_agent);
	for (size_t i = 0; i < cf->nnotifies; i++) {
		struct notify_conf	*nc = &cf->notifies[i];
		struct test_call	*c;
		struct alert_msg	 a;
		char			 id[48], *body;

		if (only != NULL && strcmp(only, nc->name) != 0)
			continue;
		found = 1;
		body = test_body(nc->name, id);
		a.id = id;
		a.body = body;
		a.now = (int64_t)time(NULL);
		c = xcalloc(1, sizeof *c);
		c->run = &run;
		c->channel = nc->name;
		run.pending++;
		if (nc->ops->send(&env, nc, &a, test_done_cb, c, err,
		    sizeof err) == -1) {
			run.pending--;
			printf("%s: FAILED: %s\n", nc->name, err);
			run.failed = 1;
			free(c);
		}
		free(body);
	}
	if (only != NULL && !found) {
		fprintf(stderr, "sanctwatch: no channel [notify %s] in %s\n", only,
		    path);
		run.failed = 2;
	} else if (cf->nnotifies == 0) {
		fprintf(stderr, "sanctwatch: %s configures no channel\n", path);
		run.failed = 1;
	}
	if (run.pending > 0)
		event_base_dispatch(run.base);
	fetcher_free(env.fetcher);
	notifier_stop_all();
	event_base_free(run.base);
	curl_global_cleanup();
	config_free(cf);
	return run.failed;
}

static void
fmt_time(int64_t t, char out[32])
{
	if (t <= 0)
		snprintf(out, 32, "-");
	else
		time_iso8601(t, out);
}

/* The first line of a listed entry: [ID  ]TIME  EVENT SOURCE[:RECORD]  TEXT;
 * detail lines follow through print_field(). */
static void
print_head(const char *id, int64_t t, const char *event, const char *source,
    const char *record_id, const char *text)
{
	char	when[32];

	fmt_time(t, when);
	printf("%s%s%s  %-8s %s%s%s  %s\n", id ? id : "", id ? "  " : "", when,
	    event ? event : "-", source, record_id ? ":" : "", record_id ?
	    record_id : "", text ? text : "");
}

static void __attribute__((format(printf, 2, 3)))
print_field(const char *label, const char *fmt, ...)
{
	va_list	ap;

	printf("    %-14s ", label);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* What a reviewer needs to silence a false positive: the content hash
 * (for hash= in the suppressions file) and the matches already silenced. */
static void
print_review(const char *body)
{
	json_t		*o = json_loads(body, 0, NULL), *v;
	const char	*hash;
	size_t		 i;

	if (o == NULL)
		return;
	if ((hash = json_string_value(json_object_get(o, "content_hash")))
	    != NULL)
		print_field("content_hash", "%s", hash);
	json_array_foreach(json_object_get(o, "suppressed"), i, v) {
		const char	*w = json_string_value(json_object_get(v, "watch"));
		const char	*r = json_string_value(json_object_get(v,
				    "reviewer"));
		const char	*e = json_string_value(json_object_get(v,
				    "expires"));

		print_field("suppressed", "%s (reviewed by %s, until %s)",
		    w ? w : "?", r ? r : "?", e ? e : "?");
	}
	json_decref(o);
}

static void
print_alert(const struct store_alert_info *a)
{
	struct alert_text	t;
	char			when[32], err[SW_ERRLEN];

	if (alert_text_build(a->body, &t, err, sizeof err) == -1)
		t.subject = NULL;
	print_head(a->id, a->created, a->event, a->source, a->record_id,
	    t.subject);
	alert_text_clear(&t);
	print_review(a->body);
	for (size_t k = 0; k < a->nd; k++) {
		const struct store_delivery_info *d = &a->d[k];

		printf("    %-14s %-9s attempts %lld", d->channel, d->state,
		    (long long)d->attempts);
		if (strcmp(d->state, "delivered") == 0) {
			fmt_time(d->delivered_at, when);
			printf("  at %s", when);
		} else if (strcmp(d->state, "pending") == 0) {
			fmt_time(d->next_attempt, when);
			printf("  next %s", when);
		}
		if (d->last_error && strcmp(d->state, "delivered") != 0)
			printf("  (%s)", d->last_error);
		printf("\n");
	}
}

/* A match a suppression silenced: what was seen, which line silenced it
 * and on whose word, and whether the change alerted for other matches. */
static void
print_suppressed(const struct store_suppressed *x)
{
	print_head(NULL, x->detected, x->event, x->source, x->record_id,
	    x->name);
	print_field("watch", "%s", x->watch);
	print_field("reviewed by", "%s, until %s: %s", x->reviewer, x->expires,
	    x->reason);
	print_field("line", "%s:%lld", x->file ? x->file : "?",
	    (long long)x->line);
	print_field("content_hash", "%s", x->content_hash);
	if (x->alert_id != NULL)
		print_field("alert", "%s (for the other matches)", x->alert_id);
	else
		print_field("alert", "none (every match suppressed)");
}

static void
usage_alerts(void)
{
	fprintf(stderr, "usage: sanctwatch alerts [--config FILE] [--limit N] "
	    "[--retry ID | --suppressed]\n");
}

int
cli_alerts(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "limit", required_argument, NULL, 'n' },
		{ "retry", required_argument, NULL, 'r' },
		{ "suppressed", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*path = DEFAULT_CONFIG, *retry = NULL;
	struct config		*cf;
	struct store		*st;
	struct store_alert_info	*v;
	struct store_suppressed	*sv;
	size_t			 n, limit = 20;
	char			 err[SW_ERRLEN], *end;
	int			 ch, rc = 0, suppressed = 0;

	while ((ch = getopt_long(argc, argv, "c:n:r:s", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'n':
			limit = strtoul(optarg, &end, 10);
			if (*end != '\0' || limit == 0) {
				usage_alerts();
				return 2;
			}
			break;
		case 'r':
			retry = optarg;
			break;
		case 's':
			suppressed = 1;
			break;
		default:
			usage_alerts();
			return 2;
		}
	}
	if (optind != argc || (suppressed && retry != NULL)) {
		usage_alerts();
		return 2;
	}
	if ((cf = config_load(path, err, sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		return 2;
	}
	if ((st = store_open(cf->state_dir, err, sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		config_free(cf);
		return 1;
	}
	if (suppressed) {
		if (store_suppressed_list(st, limit, &sv, &n, err, sizeof err)
		    == -1) {
			fprintf(stderr, "sanctwatch: %s\n", err);
			rc = 1;
			goto out;
		}
		for (size_t i = 0; i < n; i++)
			print_suppressed(&sv[i]);
		if (n == 0)
			printf("no suppressed matches\n");
		store_suppressed_free(sv, n);
		goto out;
	}
	if (retry != NULL) {
		int64_t	nq;

		if (store_retry(st, retry, (int64_t)time(NULL), &nq, err,
		    sizeof err) == -1) {
			fprintf(stderr, "sanctwatch: %s\n", err);
			rc = 1;
		} else if (nq == 0) {
			fprintf(stderr, "sanctwatch: alert %s has no dead delivery "
			    "to retry\n", retry);
			rc = 1;
		} else
			printf("%s: %lld deliveries queued again\n", retry,
			    (long long)nq);
	}
	if (store_alerts_list(st, retry, retry ? 1 : limit, &v, &n, err,
	    sizeof err) == -1) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		rc = 1;
	} else {
		for (size_t i = 0; i < n; i++)
			print_alert(&v[i]);
		if (n == 0 && retry == NULL)
			printf("no alerts\n");
		store_alert_infos_free(v, n);
	}
out:
	store_close(st);
	config_free(cf);
	return rc;
}
