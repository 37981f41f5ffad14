/* daemon.c — the event loop: one timer per source, downloads through the
 * curl multi handle, parse → diff → match → one commit, then delivery of
 * the outbox through each configured channel. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <openssl/evp.h>
#include <systemd/sd-daemon.h>

#include "config/config.h"
#include "daemon/agent.h"
#include "daemon/cli.h"
#include "daemon/diff.h"
#include "daemon/digest.h"
#include "daemon/fetch.h"
#include "daemon/guard.h"
#include "daemon/match.h"
#include "daemon/metrics.h"
#include "daemon/outbox.h"
#include "daemon/store.h"
#include "daemon/suppress_pin.h"
#include "notifiers/desktop.h"
#include "notifiers/notifier.h"

#define MAX_PARTS		(1 + WATCHER_MAX_COMPANIONS)
#define DELIVERY_PARALLEL	8
#define DELIVERY_TICK		5	/* seconds between outbox scans */

struct daemon;
struct poll;

struct part {
	struct poll	*poll;
	const char	*role;
	char		*url;
	int		 fd;		/* the body, -1 until received */
	size_t		 len;
	long		 status;
	char		*etag;
	char		*last_modified;
	char		*error;
	struct mapped	 map;
};

struct poll {
	struct source_rt	*rt;
	struct part		 parts[MAX_PARTS];
	size_t			 nparts;
	size_t			 ndone;
};

struct source_rt {
	struct daemon		*d;
	struct source_conf	*sc;
	struct event		*timer;
	struct poll		*poll;
	int			 failures;
	int			 finished;	/* --once: polled */
};

struct daemon {
	struct event_base	*base;
	struct fetcher		*fetcher;
	struct store		*store;
	struct config		*cf;
	struct watchlist	*wl;
	struct suppressions	*supp;		/* NULL: none configured */
	struct source_rt	*rt;
	size_t			 nrt;
	int			 once;
	int			 exit_code;
	int			 reload_pending;
	int			 stopping;
	struct event		*sig_term, *sig_int, *sig_hup;
	struct event		*deliver_timer;
	struct event		*watchdog;
	struct metrics		*metrics;
	struct agent_server	*agent;		/* the desktop hand-off */
	struct event		*due_timer;	/* the next retry */
	struct notify_env	 env;
	/* The outbox batch being delivered. */
	struct store_delivery	*queue;
	size_t			 nqueue, qpos, inflight;
	int			 once_delivering;	/* --once: passes made */
};

/* One send in flight: one alert, or a digest of n rows that sit next to
 * each other in the queue. */
struct delivery_ctx {
	struct daemon		*d;
	struct store_delivery	*item;
	size_t			 n;
	struct notify_conf	*nc;
	char			*body;		/* the digest's, or NULL */
	char			 digest_id[DIGEST_ID_LEN];
	char			 what[96];	/* for the log */
};

static void	source_schedule(struct source_rt *, int64_t);
static void	deliver_kick(struct daemon *);
static void	try_reload(struct daemon *);
static void	once_check(struct daemon *);

static int64_t
now_unix(void)
{
	return (int64_t)time(NULL);
}

/* A delay spread by ±10% so that many daemons do not poll in step. */
static int64_t
jitter(int64_t secs)
{
	int64_t	span = secs / 10;

	if (span <= 0)
		return secs;
	return secs - span + (int64_t)(random() % (2 * span + 1));
}

static void
part_clear(struct part *p)
{
	file_unmap(&p->map);
	if (p->fd != -1)
		close(p->fd);
	free(p->url);
	free(p->etag);
	free(p->last_modified);
	free(p->error);
}

static void
poll_free(struct poll *p)
{
	for (size_t i = 0; i < p->nparts; i++)
		part_clear(&p->parts[i]);
	free(p);
}

/* The alert id: the same change of the same record always gets the same
 * id, so a crash and restart can never mint a second alert. */
static void
alert_id(const char *source, const char *id, const char *event,
    const char *hash, char out[40])
{
	char	*s = xasprintf("%s\n%s\n%s\n%s", source, id, event, hash);
	char	 hex[65];

	sha256_hex(s, strlen(s), hex);
	free(s);
	snprintf(out, 40, "sw_%.32s", hex);
}

struct commit_build {
	struct daemon		*d;
	struct source_rt	*rt;
	int64_t			 now;
	struct store_change	*changes;
	size_t			 nchanges, capc;
	struct store_alert	*alerts;
	size_t			 nalerts, capa;
	struct store_suppressed	*supp;		/* the audit of silenced matches */
	size_t			 nsupp, caps;
	size_t			 counts[3];
};

static void
matches_merge(struct matches *into, struct matches *from)
{
	for (size_t i = 0; i < from->n; i++) {
		if (matches_find(into, from->v[i].watch) != NULL)
			continue;
		if (into->n == into->cap) {
			into->cap = into->cap ? into->cap * 2 : 8;
			into->v = xrealloc(into->v, into->cap * sizeof *into->v);
		}
		into->v[into->n++] = from->v[i];
		memset(&from->v[i], 0, sizeof from->v[i]);
	}
}

static void
record_matches(struct daemon *d, const struct record *r, struct matches *out)
{
	struct matches	m = { 0 };

	match_record(d->wl, r, &m);
	matches_merge(out, &m);
	matches_clear(&m);
}

/* The audit row of a match that line s silenced (see store_suppressed). */
static void
suppressed_keep(struct commit_build *cb, const char *record_id,
    const char *event, const struct record *r, const char *hash,
    const char *watch, const struct suppression *s)
{
	struct store_suppressed	*a;

	if (cb->nsupp == cb->caps) {
		cb->caps = cb->caps ? cb->caps * 2 : 16;
		cb->supp = xrealloc(cb->supp, cb->caps * sizeof *cb->supp);
	}
	a = &cb->supp[cb->nsupp++];
	memset(a, 0, sizeof *a);
	a->record_id = xstrdup(record_id);
	a->event = xstrdup(event);
	a->name = r->name ? xstrdup(r->name) : NULL;
	a->content_hash = xstrdup(hash);
	a->watch = xstrdup(watch);
	a->reviewer = xstrdup(s->reviewer);
	a->reason = xstrdup(s->reason);
	a->expires = xstrdup(s->expires);
	a->file = cb->d->cf->suppressions ? xstrdup(cb->d->cf->suppressions) :
	    NULL;
	a->line = (int64_t)s->line;
}

/*
 * Drops the matches a reviewer suppressed for this record: r is the record
 * the alert would carry and hash its content hash; first is the content
 * hash of the record as the snapshot held it before this change (NULL
 * when it did not), which a line not pinned yet is pinned to. Each one
 * dropped is logged, listed in supp and kept for the audit, which the
 * commit stores with the change.
 */
static void
matches_suppress(struct commit_build *cb, const struct change *ch,
    const char *event, const struct record *r, const char *hash,
    const char *first, struct matches *m, json_t *supp)
{
	const char	*source = r->source ? r->source : cb->rt->sc->name;
	size_t		 k = 0;

	for (size_t i = 0; i < m->n; i++) {
		struct match		*x = &m->v[i];
		struct suppression	 s;

		if (!match_suppress_find(cb->d->supp, x->watch, source, r->id,
		    hash, first, (time_t)cb->now, &s)) {
			m->v[k++] = *x;
			continue;
		}
		log_info("%s: %s:%s suppressed for \"%s\": reviewed by %s, until "
		    "%s, content %s", cb->rt->sc->name, source, r->id, x->watch,
		    s.reviewer, s.expires, hash);
		json_array_append_new(supp, json_pack("{s:s,s:s,s:s,s:s}",
		    "watch", x->watch, "reviewer", s.reviewer, "expires",
		    s.expires, "reason", s.reason));
		suppressed_keep(cb, ch->id, event, r, hash, x->watch, &s);
		free(x->watch);
		free(x->matched);
		free(x->field);
		free(x->reason);
	}
	m->n = k;
}

/* diff_cb: keeps every change for the commit; a change whose old or new
 * record matches a watch that no suppression silences becomes an alert. */
static int
collect_change_cb(const struct change *ch, void *arg)
{
	struct commit_build	*cb = arg;
	struct store_change	*sc;
	struct matches		 m = { 0 };
	struct record		 rn, ro, *r;
	json_t			*fields = json_array(), *body, *rec, *supp = NULL;
	char			 iso[32], id[40], hash[65], first[65];
	const char		*kind = change_kind_name(ch->kind);
	/* An item a feed adds is news. */
	const char		*event = cb->rt->sc->ops->news &&
				    ch->kind == CHANGE_ADDED ? "news" : kind;
	size_t			 nsupp = cb->nsupp;
	int			 have_new = 0, have_old = 0;

	for (size_t i = 0; i < ch->fields.n; i++)
		json_array_append_new(fields, json_string(ch->fields.v[i]));
	if (cb->nchanges == cb->capc) {
		cb->capc = cb->capc ? cb->capc * 2 : 64;
		cb->changes = xrealloc(cb->changes, cb->capc * sizeof *cb->changes);
	}
	sc = &cb->changes[cb->nchanges++];
	sc->kind = ch->kind;
	sc->id = ch->id;
	sc->old_hash = ch->old ? ch->old->hash : NULL;
	sc->new = ch->new;
	sc->fields = json_dumps(fields, JSON_COMPACT);
	cb->counts[ch->kind]++;

	/* Removed items of a news feed have only scrolled off. */
	if (ch->kind == CHANGE_REMOVED && cb->rt->sc->ops->news) {
		json_decref(fields);
		return 0;
	}
	record_init(&rn);
	record_init(&ro);
	if (ch->new && record_from_text(&rn, ch->new->json) == 0) {
		have_new = 1;
		record_matches(cb->d, &rn, &m);
	}
	if (ch->old && record_from_text(&ro, ch->old->json) == 0) {
		have_old = 1;
		record_matches(cb->d, &ro, &m);
	}
	/* The content hash is of the record the alert carries. */
	r = have_new ? &rn : &ro;
	if (m.n > 0) {
		match_content_hash(r, hash);
		if (have_old)
			match_content_hash(&ro, first);
		supp = json_array();
		matches_suppress(cb, ch, event, r, hash, have_old ? first :
		    NULL, &m, supp);
	}
	if (m.n == 0)
		goto out;
	alert_id(cb->rt->sc->name, ch->id, kind,
	    ch->new ? ch->new->hash : ch->old->hash, id);
	/* The matches silenced here went out with the others in this alert. */
	for (size_t i = nsupp; i < cb->nsupp; i++)
		cb->supp[i].alert_id = xstrdup(id);
	time_iso8601(cb->now, iso);
	rec = json_loads(ch->new ? ch->new->json : ch->old->json, 0, NULL);
	body = json_pack("{s:s,s:s,s:s,s:o,s:O,s:o,s:s,s:s}", "alert_id", id,
	    "event", event, "source", cb->rt->sc->name, "record", rec, "fields",
	    fields, "matches", matches_to_json(&m), "content_hash", hash,
	    "detected_at", iso);
	if (json_array_size(supp) > 0)
		json_object_set(body, "suppressed", supp);
	if (ch->kind == CHANGE_MODIFIED)
		json_object_set_new(body, "previous", json_loads(ch->old->json, 0,
		    NULL));
	if (cb->nalerts == cb->capa) {
		cb->capa = cb->capa ? cb->capa * 2 : 16;
		cb->alerts = xrealloc(cb->alerts, cb->capa * sizeof *cb->alerts);
	}
	cb->alerts[cb->nalerts].id = xstrdup(id);
	cb->alerts[cb->nalerts].event = event;
	cb->alerts[cb->nalerts].record_id = ch->id;
	cb->alerts[cb->nalerts].body = json_dumps(body, JSON_COMPACT);
	cb->nalerts++;
	log_info("%s: alert %s: %s %s \"%s\" matches %s", cb->rt->sc->name, id,
	    kind, ch->id, json_string_value(json_object_get(rec, "name")),
	    m.v[0].watch);
	json_decref(body);
out:
	json_decref(fields);
	json_decref(supp);
	matches_clear(&m);
	record_reset(&rn);
	record_reset(&ro);
	return 0;
}

static void
commit_build_free(struct commit_build *cb)
{
	for (size_t i = 0; i < cb->nchanges; i++)
		free(cb->changes[i].fields);
	for (size_t i = 0; i < cb->nalerts; i++) {
		free(cb->alerts[i].id);
		free(cb->alerts[i].body);
	}
	free(cb->changes);
	free(cb->alerts);
	store_suppressed_free(cb->supp, cb->nsupp);
}

static const char **
channel_names(struct daemon *d)
{
	const char	**v = xcalloc(d->cf->nnotifies + 1, sizeof *v);

	for (size_t i = 0; i < d->cf->nnotifies; i++)
		v[i] = d->cf->notifies[i].name;
	return v;
}

/* Hash of the download: of the main body alone, or of each file's hash
 * and role when companions are fetched too. */
static void
input_hash(const struct watcher_input *in, char out[65])
{
	struct buf	b = { 0 };
	char		h[65];

	if (in->ncompanions == 0) {
		sha256_hex(in->main.data, in->main.len, out);
		return;
	}
	for (size_t i = 0; i <= in->ncompanions; i++) {
		const struct watcher_file *f = i == 0 ? &in->main :
		    &in->companions[i - 1];

		sha256_hex(f->data, f->len, h);
		buf_adds(&b, f->role);
		buf_addc(&b, '=');
		buf_adds(&b, h);
		buf_addc(&b, '\n');
	}
	sha256_hex(b.data, b.len, out);
	buf_free(&b);
}

/* STATUS=: the last poll of each source, for `systemctl status`. */
static void
set_status(struct daemon *d)
{
	struct buf	b = { 0 };
	char		line[256], iso[32];

	for (size_t i = 0; i < d->nrt; i++) {
		struct source_state	ss;

		if (store_source_state(d->store, d->rt[i].sc->name, &ss, NULL, 0)
		    == -1)
			continue;
		if (ss.last_attempt > 0) {
			time_iso8601(ss.last_attempt, iso);
			snprintf(line, sizeof line, "%s%s: %s at %s, %lld records",
			    b.len ? "; " : "", d->rt[i].sc->name, ss.status ?
			    ss.status : "?", iso, (long long)ss.record_count);
		} else
			snprintf(line, sizeof line, "%s%s: not polled yet",
			    b.len ? "; " : "", d->rt[i].sc->name);
		buf_adds(&b, line);
		source_state_clear(&ss);
	}
	sd_notifyf(0, "STATUS=%s", b.len ? buf_cstr(&b) : "no sources");
	buf_free(&b);
}

/*
 * One `anomaly` alert for a download that is held or rejected. It goes to
 * every channel, whatever the watchlist says. Its id is derived from the
 * snapshot's version and the bad bytes, so the same bad download seen on
 * every poll alerts once, and again only after the snapshot changed. Returns how many polls in a row brought held bytes.
 */
static int64_t
anomaly_raise(struct daemon *d, struct source_conf *sc,
    const struct source_state *ss, const struct fetch_log *l,
    const struct watcher_input *held, const char *reason, int64_t removed)
{
	struct store_anomaly	 an;
	struct store_alert	 a;
	const char		**chans = channel_names(d);
	json_t			*body;
	char			 id[40], iso[32], err[SW_ERRLEN];
	char			*accept = xasprintf("sanctwatch accept %s", sc->name);
	char			 snap[32];
	int64_t			 count = 0;

	snprintf(snap, sizeof snap, "%lld", (long long)ss->snapshot_seq);
	alert_id(sc->name, snap, "anomaly", l->body_sha256 ? l->body_sha256 :
	    "-", id);
	time_iso8601(l->time, iso);
	body = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?,s:s,s:{s:I,s:I,s:I},s:s}",
	    "alert_id", id, "event", "anomaly", "source", sc->name,
	    "action", held ? "held" : "rejected", "reason", reason,
	    "body_sha256", l->body_sha256, "url", sc->url,
	    "records", "snapshot", (json_int_t)(ss->known ? ss->record_count :
	    0), "download", (json_int_t)l->record_count, "removed",
	    (json_int_t)removed, "detected_at", iso);
	if (held != NULL)
		json_object_set_new(body, "accept", json_string(accept));
	memset(&a, 0, sizeof a);
	a.id = id;
	a.event = "anomaly";
	a.body = json_dumps(body, JSON_COMPACT);
	memset(&an, 0, sizeof an);
	an.log = l;
	an.held = held;
	an.alert = &a;
	an.channels = chans;
	if (store_anomaly(d->store, &an, &count, err, sizeof err) == -1)
		log_warnx("%s: store: %s", sc->name, err);
	else if (held != NULL)
		log_warnx("%s: download held, snapshot kept (seen %lld of %lld "
		    "times; or run `%s`): %s", sc->name, (long long)count,
		    (long long)sc->confirm_polls, accept, reason);
	else
		log_warnx("%s: download rejected, snapshot kept: %s", sc->name,
		    reason);
	json_decref(body);
	free(a.body);
	free(accept);
	free(chans);
	return count;
}

static int
count_removed_cb(const struct change *ch, void *arg)
{
	if (ch->kind == CHANGE_REMOVED)
		(*(int64_t *)arg)++;
	return 0;
}

/*
 * Parses a complete download, guards it, diffs it against the snapshot
 * and commits the result in one transaction. force (from `accept`) skips
 * the guard. Returns 0 when applied, 1 when held and -1 when rejected or
 * the store failed.
 */
static int
process_body(struct daemon *d, struct source_rt *rt,
    const struct source_state *ss, struct watcher_input *in,
    struct fetch_log *l, int force)
{
	struct source_conf	*sc = rt->sc;
	struct recset		 old = { 0 }, new = { 0 };
	struct commit_build	 cb;
	struct store_commit	 c;
	struct guard_input	 g;
	struct store_pin	*pins = NULL;
	char			 err[SW_ERRLEN], why[SW_ERRLEN];
	const char		**chans = channel_names(d);
	int64_t			 pubcount = -1, removed = 0;
	int			 rc = -1;

	memset(&cb, 0, sizeof cb);
	memset(&c, 0, sizeof c);
	/* Parse into a staging set; nothing is written unless it is valid. */
	in->publisher_count = &pubcount;
	if (recset_parse(sc->ops, in, &new, err, sizeof err) == -1) {
		in->publisher_count = NULL;
		l->result = "rejected";
		l->error = err;
		anomaly_raise(d, sc, ss, l, NULL, err, 0);
		goto out;
	}
	in->publisher_count = NULL;
	l->record_count = (int64_t)new.n;
	if (ss->known) {
		if (store_load_records(d->store, sc->name, &old, err,
		    sizeof err) == -1) {
			log_warnx("%s: store: %s", sc->name, err);
			goto out;
		}
		diff_run(&old, &new, count_removed_cb, &removed);
	}
	memset(&g, 0, sizeof g);
	g.old_count = ss->known ? (int64_t)old.n : -1;
	g.new_count = (int64_t)new.n;
	g.removed = removed;
	g.publisher_count = pubcount;
	g.max_shrink = sc->max_shrink;
	g.min_records = sc->min_records;
	g.news = sc->ops->news;
	if (guard_check(&g, why, sizeof why)) {
		int64_t	seen = strcmp(ss->held_sha256, l->body_sha256) == 0 ?
			    ss->held_count + 1 : 1;

		if (force)
			log_warnx("%s: applying a held download on the "
			    "operator's word: %s", sc->name, why);
		else if (seen >= sc->confirm_polls)
			log_warnx("%s: applying a download seen on %lld polls in "
			    "a row (confirm_polls): %s", sc->name,
			    (long long)seen, why);
		else {
			l->result = "held";
			l->error = why;
			anomaly_raise(d, sc, ss, l, in, why, removed);
			rc = 1;
			goto out;
		}
	}
	c.log = l;
	c.channels = chans;
	if (!ss->known) {
		l->result = "baseline";
		c.baseline = &new;
		if (store_commit(d->store, &c, err, sizeof err) == -1) {
			log_warnx("%s: store: %s", sc->name, err);
			goto out;
		}
		log_info("%s: baseline of %zu records stored (no alerts on a "
		    "first fetch)", sc->name, new.n);
		rc = 0;
		goto out;
	}
	cb.d = d;
	cb.rt = rt;
	cb.now = l->time;
	diff_run(&old, &new, collect_change_cb, &cb);
	l->result = "changed";
	c.changes = cb.changes;
	c.nchanges = cb.nchanges;
	c.alerts = cb.alerts;
	c.nalerts = cb.nalerts;
	/* Suppressions pinned at first sight are kept with the snapshot
	 * that shows what they were pinned to. */
	pins = suppress_fresh(d->supp, &c.npins);
	c.pins = pins;
	c.suppressed = cb.supp;
	c.nsuppressed = cb.nsupp;
	if (store_commit(d->store, &c, err, sizeof err) == -1) {
		log_warnx("%s: store: %s", sc->name, err);
		goto out;
	}
	suppress_saved(d->supp);
	log_info("%s: %zu records: %zu added, %zu removed, %zu modified; "
	    "%zu alerts, %zu matches suppressed", sc->name, new.n,
	    cb.counts[CHANGE_ADDED], cb.counts[CHANGE_REMOVED],
	    cb.counts[CHANGE_MODIFIED], cb.nalerts, cb.nsupp);
	rc = 0;
out:
	free(chans);
	free(pins);
	commit_build_free(&cb);
	recset_free(&old);
	recset_free(&new);
	return rc;
}

/* Everything after the last part of a poll arrived. Returns 0 when the
 * download was accepted (or unchanged), 1 when it was held by the guard
 * and -1 when it failed or was rejected. */
static int
poll_process(struct poll *p)
{
	struct source_rt	*rt = p->rt;
	struct source_conf	*sc = rt->sc;
	struct daemon		*d = rt->d;
	struct part		*main = &p->parts[0];
	struct fetch_log	 l;
	struct source_state	 ss;
	struct watcher_input	 in;
	char			 err[SW_ERRLEN], e2[SW_ERRLEN], sha[65];
	int			 rc = -1;

	memset(&l, 0, sizeof l);
	memset(&ss, 0, sizeof ss);
	l.source = sc->name;
	l.format = sc->format;
	l.url = sc->url;
	l.time = now_unix();
	l.http_status = main->status;
	l.etag = main->etag;
	l.last_modified = main->last_modified;
	l.record_count = -1;

	for (size_t i = 0; i < p->nparts; i++)
		if (p->parts[i].error != NULL) {
			snprintf(err, sizeof err, "%s: %s", p->parts[i].url,
			    p->parts[i].error);
			l.result = "failed";
			l.error = err;
			goto log;
		}
	if (main->status == 304) {
		l.result = "not-modified";
		rc = 0;
		goto log;
	}
	memset(&in, 0, sizeof in);
	for (size_t i = 0; i < p->nparts; i++) {
		struct part	*pt = &p->parts[i];

		if (file_map_fd(pt->fd, pt->url, &pt->map, err, sizeof err) == -1) {
			l.result = "failed";
			l.error = err;
			goto log;
		}
		if (i == 0)
			in.main = (struct watcher_file){ "main", pt->url,
			    pt->map.data, pt->map.len };
		else
			in.companions[in.ncompanions++] = (struct watcher_file){
			    pt->role, pt->url, pt->map.data, pt->map.len };
	}
	input_hash(&in, sha);
	l.body_sha256 = sha;
	if (store_source_state(d->store, sc->name, &ss, err, sizeof err) == -1) {
		l.result = "failed";
		l.error = err;
		goto log;
	}
	if (ss.known && strcmp(ss.body_sha256, sha) == 0) {
		/* The same bytes as last time: nothing to parse. */
		l.result = "unchanged";
		l.record_count = ss.record_count;
		rc = 0;
		goto log;
	}
	rc = process_body(d, rt, &ss, &in, &l, 0);
	goto out;
log:
	if (l.error != NULL)
		log_warnx("%s: %s: %s", sc->name, l.result, l.error);
	else
		log_info("%s: %s", sc->name, l.result);
	if (store_log_fetch(d->store, &l, e2, sizeof e2) == -1)
		log_warnx("%s: store: %s", sc->name, e2);
out:
	source_state_clear(&ss);
	return rc;
}

static void
poll_finish(struct poll *p)
{
	struct source_rt	*rt = p->rt;
	struct daemon		*d = rt->d;
	int			 ok;

	if (d->stopping) {
		/* Aborted by shutdown: nothing was written. */
		rt->poll = NULL;
		poll_free(p);
		return;
	}
	ok = poll_process(p);

	rt->poll = NULL;
	poll_free(p);
	if (ok >= 0) {
		/* A held download is polled again at the normal pace: each
		 * identical poll counts towards confirm_polls. */
		if (ok > 0)
			d->exit_code = 1;
		rt->failures = 0;
		source_schedule(rt, jitter(rt->sc->interval));
	} else {
		int64_t	backoff = 30;

		d->exit_code = 1;
		/* Exponential backoff, capped at the interval. */
		for (int i = 0; i < rt->failures && backoff < rt->sc->interval; i++)
			backoff *= 2;
		rt->failures++;
		source_schedule(rt, jitter(backoff < rt->sc->interval ? backoff :
		    rt->sc->interval));
	}
	set_status(d);
	if (d->once) {
		rt->finished = 1;
		once_check(d);
		return;
	}
	deliver_kick(d);
	try_reload(d);
}

static void
part_done_cb(const struct fetch_result *r, void *arg)
{
	struct part	*pt = arg;
	struct poll	*p = pt->poll;

	pt->status = r->status;
	if (!r->ok)
		pt->error = xstrdup(r->error);
	else if (r->status == 200) {
		pt->fd = dup(r->body_fd);
		pt->len = r->body_len;
		if (pt->fd == -1)
			pt->error = xasprintf("dup: %s", strerror(errno));
	} else if (!(r->status == 304 && p->nparts == 1))
		pt->error = xasprintf("HTTP status %ld", r->status);
	if (r->ok && r->etag)
		pt->etag = xstrdup(r->etag);
	if (r->ok && r->last_modified)
		pt->last_modified = xstrdup(r->last_modified);
	if (++p->ndone == p->nparts)
		poll_finish(p);
}

static void
source_poll(struct source_rt *rt)
{
	struct daemon		*d = rt->d;
	struct source_conf	*sc = rt->sc;
	struct source_state	 ss;
	struct poll		*p;
	size_t			 nstart;

	if (rt->poll != NULL)
		return;
	p = xcalloc(1, sizeof *p);
	p->rt = rt;
	rt->poll = p;
	p->parts[p->nparts++] = (struct part){ .role = "main",
	    .url = xstrdup(sc->url), .fd = -1 };
	for (size_t k = 0; k < WATCHER_MAX_COMPANIONS; k++)
		if (sc->companion_url[k] != NULL)
			p->parts[p->nparts++] = (struct part){
			    .role = config_companion_role(k),
			    .url = xstrdup(sc->companion_url[k]), .fd = -1 };
	for (size_t i = 0; i < p->nparts; i++)
		p->parts[i].poll = p;
	if (store_source_state(d->store, sc->name, &ss, NULL, 0) == -1)
		memset(&ss, 0, sizeof ss);
	log_debug("%s: polling %s", sc->name, sc->url);
	nstart = p->nparts;
	for (size_t i = 0; i < nstart; i++) {
		struct fetch_req	req;
		char			err[SW_ERRLEN];

		memset(&req, 0, sizeof req);
		req.url = p->parts[i].url;
		/* Validators only make sense for a single-file source. */
		if (p->nparts == 1 && ss.known) {
			req.etag = ss.etag;
			req.last_modified = ss.last_modified;
		}
		req.timeout = (long)sc->timeout;
		req.max_bytes = sc->max_bytes;
		req.tmpdir = d->cf->state_dir;
		req.follow = 1;
		if (fetch_start(d->fetcher, &req, part_done_cb, &p->parts[i],
		    err, sizeof err) == -1) {
			p->parts[i].error = xstrdup(err);
			if (++p->ndone == p->nparts) {
				source_state_clear(&ss);
				poll_finish(p);
				return;
			}
		}
	}
	source_state_clear(&ss);
}

static void
source_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	source_poll(arg);
}

static void
source_schedule(struct source_rt *rt, int64_t secs)
{
	struct timeval	tv = { .tv_sec = secs > 0 ? secs : 0 };

	char		err[SW_ERRLEN];

	if (rt->d->once)
		return;
	evtimer_add(rt->timer, &tv);
	if (store_next_poll(rt->d->store, rt->sc->name, now_unix() + secs, err,
	    sizeof err) == -1)
		log_warnx("%s: store: %s", rt->sc->name, err);
	log_debug("%s: next poll in %llds", rt->sc->name, (long long)secs);
}

static struct notify_conf *
channel_find(struct daemon *d, const char *name)
{
	for (size_t i = 0; i < d->cf->nnotifies; i++)
		if (strcmp(d->cf->notifies[i].name, name) == 0)
			return &d->cf->notifies[i];
	return NULL;
}

/* The configured channels other than `except` (NULL-ended; free the array
 * only); with only_own, those the daemon delivers itself. */
static const char **
channels_except(struct daemon *d, const char *except, int only_own)
{
	const char	**v = xcalloc(d->cf->nnotifies + 1, sizeof *v);
	size_t		  n = 0;

	for (size_t i = 0; i < d->cf->nnotifies; i++) {
		struct notify_conf	*nc = &d->cf->notifies[i];

		if (except != NULL && strcmp(nc->name, except) == 0)
			continue;
		if (only_own && desktop_agent_mode(nc))
			continue;
		v[n++] = nc->name;
	}
	return v;
}

/* 410: the endpoint is gone. The channel is disabled (until its URL
 * changes or an alert is retried), its queue is given up and the other
 * channels hear of it, all in one transaction. */
static void
channel_gone(struct daemon *d, struct notify_conf *nc,
    struct store_delivery *it, size_t n, const char **ids, const char *error,
    int64_t attempts, int64_t now)
{
	struct store_alert	 meta;
	const char		**others = channels_except(d, nc->name, 0);
	char			 err[SW_ERRLEN], key[64], *reason;
	int64_t			 ndead = 0;

	reason = xasprintf("%s (endpoint gone; channel disabled)", error ?
	    error : "gone");
	snprintf(key, sizeof key, "%lld", (long long)now);
	outbox_meta(&meta, "channel-disabled", nc->name, key, reason, NULL, 0,
	    now);
	if (store_deliveries_update(d->store, ids, n, it->channel, "pending",
	    attempts, now, error, now, err, sizeof err) == -1 ||
	    store_channel_disable(d->store, nc->name, nc->url, reason, now,
	    &meta, others, &ndead, err, sizeof err) == -1)
		log_warnx("store: %s", err);
	else
		log_warnx("%s: %s: channel disabled, %lld queued deliveries "
		    "given up; meta-alert %s queued on the other channels",
		    nc->name, error ? error : "gone", (long long)ndead, meta.id);
	outbox_meta_free(&meta);
	free(others);
	free(reason);
}

/* After its lifetime an alert is dead on this channel; the others get a
 * meta-alert carrying it, unless it is a meta-alert itself. The alerts of
 * a digest die together, each with its own meta-alert. */
static void
dead_letter(struct daemon *d, struct notify_conf *nc,
    struct store_delivery *it, size_t n, const char **ids, const char *what,
    const char *error, int64_t attempts, int64_t now)
{
	struct store_alert	*metas = xcalloc(n, sizeof *metas);
	const char		**others = channels_except(d, nc->name, 0);
	char			 err[SW_ERRLEN];
	int			 nmeta = 0;

	for (size_t i = 0; i < n; i++)
		if (!(it[i].event && !strcmp(it[i].event, "meta"))) {
			outbox_meta(&metas[i], "undeliverable", nc->name,
			    it[i].alert_id, error, it[i].body, 0, now);
			nmeta++;
		}
	if (store_deliveries_dead(d->store, ids, n, it->channel, attempts,
	    error, now, metas, others, err, sizeof err) == -1)
		log_warnx("store: %s", err);
	log_warnx("%s: giving up on %s after %lld attempts: %s%s", nc->name,
	    what, (long long)attempts, error ? error : "failed",
	    nmeta ? "; meta-alert queued on the other channels" : "");
	for (size_t i = 0; i < n; i++)
		if (metas[i].id != NULL)
			outbox_meta_free(&metas[i]);
	free(metas);
	free(others);
}

/* Records the outcome of one attempt at n rows (one alert, or the alerts
 * of a digest, which share every state change in one transaction):
 * delivered, retry later with backoff (or what the peer asked for), dead,
 * or the channel gone. */
static void
delivery_result(struct daemon *d, struct store_delivery *it, size_t n,
    const char *what, struct notify_conf *nc, enum notify_status st,
    const char *error, long retry_after)
{
	int64_t	  now = now_unix(), attempts = 0, created = it->created;
	int64_t	  delay = nc->retry_min;
	const char **ids = xcalloc(n, sizeof *ids);
	char	  err[SW_ERRLEN];
	int	  off;

	for (size_t i = 0; i < n; i++) {
		ids[i] = it[i].alert_id;
		if (it[i].attempts > attempts)
			attempts = it[i].attempts;
		if (it[i].created < created)
			created = it[i].created;
	}
	attempts++;
	if (st == NOTIFY_OK) {
		if (store_deliveries_update(d->store, ids, n, it->channel,
		    "delivered", attempts, now, NULL, now, err, sizeof err) == -1)
			log_warnx("store: %s", err);
		else
			log_info("%s: delivered %s", nc->name, what);
		goto out;
	}
	if (st == NOTIFY_GONE) {
		channel_gone(d, nc, it, n, ids, error, attempts, now);
		goto out;
	}
	for (int64_t i = 1; i < attempts && delay < nc->retry_max; i++)
		delay *= 2;
	if (delay > nc->retry_max)
		delay = nc->retry_max;
	delay = jitter(delay);
	if (retry_after > 0)
		delay = retry_after;	/* 429 Retry-After */
	if (delay < 1)
		delay = 1;
	/* A channel disabled meanwhile keeps its rows dead. */
	if ((off = store_channel_disabled(d->store, nc->name, nc->url, NULL, 0,
	    err, sizeof err)) == 1) {
		if (store_deliveries_update(d->store, ids, n, it->channel, "dead",
		    attempts, now, error, now, err, sizeof err) == -1)
			log_warnx("store: %s", err);
		goto out;
	}
	/* Past its lifetime it is dead; else the last try is at its end. */
	if (now >= created + nc->lifetime) {
		dead_letter(d, nc, it, n, ids, what, error, attempts, now);
		goto out;
	}
	if (now + delay > created + nc->lifetime)
		delay = created + nc->lifetime - now;
	log_warnx("%s: delivery of %s failed (%s); retry in %llds", nc->name,
	    what, error ? error : "failed", (long long)delay);
	if (store_deliveries_update(d->store, ids, n, it->channel, "pending",
	    attempts, now + delay, error, now, err, sizeof err) == -1)
		log_warnx("store: %s", err);
out:
	free(ids);
}

static void
delivery_done_cb(enum notify_status st, const char *error, long retry_after,
    void *arg)
{
	struct delivery_ctx	*dc = arg;
	struct daemon		*d = dc->d;

	if (d->stopping) {
		/* Aborted by shutdown: it stays pending for the next start. */
		free(dc->body);
		free(dc);
		d->inflight--;
		return;
	}
	delivery_result(d, dc->item, dc->n, dc->what, dc->nc, st, error,
	    retry_after);
	free(dc->body);
	free(dc);
	d->inflight--;
	deliver_kick(d);
}

/* When idle, wakes up for the earliest pending retry. */
static void
deliver_arm(struct daemon *d)
{
	const char	**own = channels_except(d, NULL, 1);
	int64_t		  next, now = now_unix();
	struct timeval	  tv = { 0, 0 };
	char		  err[SW_ERRLEN];

	if (store_next_due(d->store, own, &next, err, sizeof err) == -1)
		log_warnx("store: %s", err);
	else if (next > 0) {
		tv.tv_sec = next > now ? next - now : 1;
		evtimer_add(d->due_timer, &tv);
	}
	free(own);
}

/* Whether the item goes out now; marks it skipped or dead otherwise. */
static int
delivery_admit(struct daemon *d, struct store_delivery *it,
    struct notify_conf *nc)
{
	char	err[SW_ERRLEN], reason[256], *why;
	int	off;

	if (!notifier_wants(nc, it->event)) {
		if (store_delivery_update(d->store, it->alert_id, it->channel,
		    "skipped", it->attempts, 0, "event not in `events`",
		    now_unix(), err, sizeof err) == -1)
			log_warnx("store: %s", err);
		return 0;
	}
	off = store_channel_disabled(d->store, nc->name, nc->url, reason,
	    sizeof reason, err, sizeof err);
	if (off == -1)
		log_warnx("store: %s", err);
	if (off != 1)
		return 1;
	why = xasprintf("channel disabled: %s", reason);
	if (store_delivery_update(d->store, it->alert_id, it->channel, "dead",
	    it->attempts, 0, why, now_unix(), err, sizeof err) == -1)
		log_warnx("store: %s", err);
	free(why);
	return 0;
}

/* --once, second pass: drops what was tried already. */
static void
queue_keep_untried(struct daemon *d)
{
	size_t	k = 0;

	for (size_t i = 0; i < d->nqueue; i++) {
		struct store_delivery	*it = &d->queue[i];

		if (it->attempts == 0) {
			d->queue[k++] = *it;
			continue;
		}
		free(it->alert_id);
		free(it->channel);
		free(it->body);
		free(it->event);
	}
	d->nqueue = k;
}

/* Whether a row rides in a digest: an alert raised by a poll commit, on
 * a channel with `digest = yes`. Anomalies and meta-alerts go alone. */
static int
digestible(const struct notify_conf *nc, const struct store_delivery *it)
{
	return nc->digest && it->fetch_seq > 0;
}

/* Rows of one digest: one channel, one commit (fetch seq), and one
 * lifetime (`alerts --retry` gives a row a fresh one: it then goes in a
 * digest of its own). */
static int
same_digest(const struct store_delivery *a, const struct store_delivery *b)
{
	return strcmp(a->channel, b->channel) == 0 &&
	    a->fetch_seq == b->fetch_seq && a->created == b->created;
}

/* The digest of dc's rows: its id (from the alert ids) and body, which a
 * re-send repeats exactly. */
static void
digest_make(struct delivery_ctx *dc, struct alert_msg *a)
{
	const char	**ids = xcalloc(dc->n, sizeof *ids);
	const char	**bodies = xcalloc(dc->n, sizeof *bodies);

	for (size_t i = 0; i < dc->n; i++) {
		ids[i] = dc->item[i].alert_id;
		bodies[i] = dc->item[i].body;
	}
	digest_id(ids, dc->n, dc->digest_id);
	dc->body = digest_body(dc->digest_id, dc->item->fetch_seq, bodies,
	    dc->n);
	snprintf(dc->what, sizeof dc->what, "digest %s (%zu alert%s)",
	    dc->digest_id, dc->n, dc->n == 1 ? "" : "s");
	a->id = dc->digest_id;
	a->body = dc->body;
	free(ids);
	free(bodies);
}

/* Sends what is due, a few at a time; a new batch is read from the
 * outbox only when the last one is done. `run --once` makes one pass over
 * everything pending and a second one for what that pass queued (the
 * meta-alerts), then exits. */
static void
deliver_kick(struct daemon *d)
{
	char	err[SW_ERRLEN];

	if (d->stopping)
		return;
	agent_kick(d->agent);
	if (d->qpos == d->nqueue && d->inflight == 0) {
		store_deliveries_free(d->queue, d->nqueue);
		d->queue = NULL;
		d->nqueue = d->qpos = 0;
		if (!d->once || d->once_delivering < 2) {
			if (store_due(d->store, d->once ? INT64_MAX : now_unix(),
			    &d->queue, &d->nqueue, err, sizeof err) == -1)
				log_warnx("store: %s", err);
			if (d->once && d->once_delivering == 1)
				queue_keep_untried(d);
			if (d->once)
				d->once_delivering++;
		}
	}
	while (d->inflight < DELIVERY_PARALLEL && d->qpos < d->nqueue) {
		struct store_delivery	*it = &d->queue[d->qpos++];
		struct notify_conf	*nc = channel_find(d, it->channel);
		struct delivery_ctx	*dc;
		struct alert_msg	 a;
		size_t			 n = 1;

		/* Agent-mode rows go out through daemon/agent.c. */
		if (nc == NULL || desktop_agent_mode(nc))
			continue;	/* not ours, or no longer configured */
		if (!delivery_admit(d, it, nc))
			continue;
		/* The rest of its digest follows it (store_due's order); the
		 * rows admitted are moved up next to it. */
		while (digestible(nc, it) && d->qpos < d->nqueue &&
		    same_digest(it, &d->queue[d->qpos])) {
			struct store_delivery	*o = &d->queue[d->qpos++], t;

			if (!delivery_admit(d, o, nc))
				continue;
			if (o != &it[n]) {
				t = it[n];
				it[n] = *o;
				*o = t;
			}
			n++;
		}
		dc = xcalloc(1, sizeof *dc);
		dc->d = d;
		dc->item = it;
		dc->n = n;
		dc->nc = nc;
		a.id = it->alert_id;
		a.body = it->body;
		a.now = now_unix();
		snprintf(dc->what, sizeof dc->what, "%s", it->alert_id);
		if (digestible(nc, it))
			digest_make(dc, &a);
		d->inflight++;
		if (nc->ops->send(&d->env, nc, &a, delivery_done_cb, dc, err,
		    sizeof err) == -1) {
			d->inflight--;
			log_warnx("%s: cannot send %s: %s", nc->name, dc->what,
			    err);
			delivery_result(d, it, n, dc->what, nc, NOTIFY_RETRY, err,
			    -1);
			free(dc->body);
			free(dc);
		}
	}
	if (d->qpos == d->nqueue && d->inflight == 0) {
		if (d->once && d->once_delivering >= 2)
			event_base_loopexit(d->base, NULL);
		else if (d->once)
			deliver_kick(d);
		else
			deliver_arm(d);
	}
}

static void
due_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	deliver_kick(arg);
}

static void
deliver_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct daemon	*d = arg;

	deliver_kick(d);
}

/* WatchdogSec=: a ping from the loop at half the period, so a loop that
 * hangs gets the service restarted. */
static void
watchdog_cb(evutil_socket_t fd, short what, void *arg)
{
	sd_notify(0, "WATCHDOG=1");
}

static void
once_check(struct daemon *d)
{
	for (size_t i = 0; i < d->nrt; i++)
		if (!d->rt[i].finished)
			return;
	deliver_kick(d);
}

static void
sources_stop(struct daemon *d)
{
	for (size_t i = 0; i < d->nrt; i++)
		event_free(d->rt[i].timer);
	free(d->rt);
	d->rt = NULL;
	d->nrt = 0;
}

static void
sources_start(struct daemon *d)
{
	int64_t	now = now_unix();

	d->nrt = d->cf->nsources;
	d->rt = xcalloc(d->nrt ? d->nrt : 1, sizeof *d->rt);
	for (size_t i = 0; i < d->nrt; i++) {
		struct source_rt	*rt = &d->rt[i];
		struct source_state	 ss;
		int64_t			 wait = 0;

		rt->d = d;
		rt->sc = &d->cf->sources[i];
		rt->timer = evtimer_new(d->base, source_timer_cb, rt);
		if (d->once)
			continue;
		/* A restart waits out the rest of the interval. */
		if (store_source_state(d->store, rt->sc->name, &ss, NULL, 0) == 0) {
			if (ss.last_attempt > 0 && ss.last_success == ss.last_attempt)
				wait = ss.last_attempt + rt->sc->interval - now;
			source_state_clear(&ss);
		}
		source_schedule(rt, wait > 0 ? wait : 0);
		log_info("%s: %s every %llds from %s", rt->sc->name,
		    rt->sc->format, (long long)rt->sc->interval, rt->sc->url);
	}
}

/* SIGHUP: build the new config and watchlist, validate, then swap; on any
 * error the old ones stay. Applied when no poll or delivery is running. */
static void
try_reload(struct daemon *d)
{
	struct config		*cf;
	struct watchlist	*wl = NULL;
	struct suppressions	*supp = NULL;
	char			 err[SW_ERRLEN];

	if (!d->reload_pending || d->inflight > 0)
		return;
	for (size_t i = 0; i < d->nrt; i++)
		if (d->rt[i].poll != NULL)
			return;
	d->reload_pending = 0;
	sd_notify(0, "RELOADING=1");
	if ((cf = config_load(d->cf->path, err, sizeof err)) == NULL ||
	    (cf->watchlist && (wl = match_load(cf->watchlist, err,
	    sizeof err)) == NULL) ||
	    (cf->suppressions && (supp = suppress_load(cf->suppressions,
	    d->store, now_unix(), err, sizeof err)) == NULL)) {
		log_warnx("reload failed, keeping the running configuration: %s",
		    err);
		match_free(wl);
		config_free(cf);
		sd_notify(0, "READY=1");
		return;
	}
	sources_stop(d);
	config_free(d->cf);
	match_free(d->wl);
	match_suppress_free(d->supp);
	d->cf = cf;
	d->wl = wl;
	d->supp = supp;
	store_deliveries_free(d->queue, d->nqueue);
	d->queue = NULL;
	d->nqueue = d->qpos = 0;
	sources_start(d);
	agent_reload(d->agent);
	if (d->agent == NULL)
		for (size_t i = 0; i < cf->nnotifies; i++)
			if (desktop_agent_mode(&cf->notifies[i])) {
				log_warnx("[notify %s]: mode = agent needs the agent "
				    "socket, which is opened at start: restart the "
				    "daemon", cf->notifies[i].name);
				break;
			}
	log_info("reloaded %s: %zu sources, %zu watches, %zu suppressions",
	    cf->path, cf->nsources, match_count(wl), match_suppress_count(supp));
	sd_notify(0, "READY=1");
}

static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct daemon	*d = arg;

	if (sig == SIGHUP) {
		d->reload_pending = 1;
		try_reload(d);
		return;
	}
	log_info("signal %d: stopping", (int)sig);
	sd_notify(0, "STOPPING=1");
	event_base_loopexit(d->base, NULL);
}

/* The hooks of daemon/agent.c: an agent's rows follow the same rules
 * (events, disabled channels, backoff, lifetime) as the daemon's own. */
static int
agent_admit_cb(struct store_delivery *it, struct notify_conf *nc, void *arg)
{
	return delivery_admit(arg, it, nc);
}

static void
agent_result_cb(struct store_delivery *it, struct notify_conf *nc,
    enum notify_status st, const char *error, void *arg)
{
	delivery_result(arg, it, 1, it->alert_id, nc, st, error, -1);
}

static void
usage_run(void)
{
	fprintf(stderr, "usage: sanctwatch run [--config FILE] [--once] [-v]\n");
}

int
cli_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon	 d;
	struct agent_hooks hooks = { agent_admit_cb, agent_result_cb, NULL };
	const char	*path = SYSCONFDIR "/sanctwatch/sanctwatch.conf";
	char		 err[SW_ERRLEN];
	int		 ch, verbose = 1;
	struct timeval	 tick = { DELIVERY_TICK, 0 };
	uint64_t	 wd_usec = 0;

	memset(&d, 0, sizeof d);
	while ((ch = getopt_long(argc, argv, "c:ov", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'o':
			d.once = 1;
			break;
		case 'v':
			verbose++;
			break;
		default:
			usage_run();
			return 2;
		}
	}
	if (optind != argc) {
		usage_run();
		return 2;
	}
	log_init(verbose, getenv("JOURNAL_STREAM") != NULL ||
	    getenv("INVOCATION_ID") != NULL);
	srandom((unsigned)(time(NULL) ^ getpid()));
	if ((d.cf = config_load(path, err, sizeof err)) == NULL) {
		log_warnx("%s", err);
		return 1;
	}
	if (d.cf->watchlist == NULL)
		log_warnx("%s: no watchlist: changes are stored but nothing "
		    "alerts", path);
	else if ((d.wl = match_load(d.cf->watchlist, err, sizeof err)) == NULL) {
		log_warnx("%s", err);
		config_free(d.cf);
		return 1;
	}
	if ((d.store = store_open(d.cf->state_dir, err, sizeof err)) == NULL) {
		log_warnx("%s", err);
		match_free(d.wl);
		config_free(d.cf);
		return 1;
	}
	/* Pinned against the snapshot, so after the store. */
	if (d.cf->suppressions != NULL && (d.supp = suppress_load(
	    d.cf->suppressions, d.store, now_unix(), err, sizeof err)) == NULL) {
		log_warnx("%s", err);
		store_close(d.store);
		match_free(d.wl);
		config_free(d.cf);
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	d.base = event_base_new();
	d.fetcher = fetcher_new(d.base, d.cf->user_agent);
	d.env.fetcher = d.fetcher;
	d.env.base = d.base;
	d.due_timer = evtimer_new(d.base, due_timer_cb, &d);
	d.sig_term = evsignal_new(d.base, SIGTERM, signal_cb, &d);
	d.sig_int = evsignal_new(d.base, SIGINT, signal_cb, &d);
	d.sig_hup = evsignal_new(d.base, SIGHUP, signal_cb, &d);
	evsignal_add(d.sig_term, NULL);
	evsignal_add(d.sig_int, NULL);
	evsignal_add(d.sig_hup, NULL);
	signal(SIGPIPE, SIG_IGN);
	sources_start(&d);
	if (d.once) {
		for (size_t i = 0; i < d.nrt; i++)
			source_poll(&d.rt[i]);
		once_check(&d);
	} else {
		d.deliver_timer = event_new(d.base, -1, EV_PERSIST,
		    deliver_timer_cb, &d);
		event_add(d.deliver_timer, &tick);
		if (d.cf->metrics_listen != NULL && (d.metrics = metrics_start(
		    d.base, d.store, &d.cf, d.cf->metrics_listen, err,
		    sizeof err)) == NULL) {
			log_warnx("%s: %s", path, err);
			d.exit_code = 1;
			goto stop;
		}
		hooks.arg = &d;
		if (agent_start(d.base, d.store, &d.cf, &hooks, &d.agent, err,
		    sizeof err) == -1) {
			log_warnx("%s: %s", path, err);
			d.exit_code = 1;
			goto stop;
		}
		if (sd_watchdog_enabled(0, &wd_usec) > 0) {
			struct timeval	wd = { (time_t)(wd_usec / 2000000),
			    (suseconds_t)(wd_usec / 2 % 1000000) };

			d.watchdog = event_new(d.base, -1, EV_PERSIST,
			    watchdog_cb, &d);
			event_add(d.watchdog, &wd);
		}
		deliver_kick(&d);	/* what a previous run left queued */
		log_info("started: %zu sources, %zu watches, %zu suppressions, "
		    "%zu channels, state in %s", d.cf->nsources,
		    match_count(d.wl), match_suppress_count(d.supp),
		    d.cf->nnotifies, d.cf->state_dir);
		sd_notify(0, "READY=1");
		set_status(&d);
	}
	event_base_dispatch(d.base);
stop:
	/* Aborts transfers in flight; their temp files are already unlinked. */
	d.stopping = 1;
	fetcher_free(d.fetcher);
	metrics_stop(d.metrics);
	agent_stop(d.agent);
	sources_stop(&d);
	store_deliveries_free(d.queue, d.nqueue);
	if (d.deliver_timer)
		event_free(d.deliver_timer);
	if (d.watchdog)
		event_free(d.watchdog);
	if (d.due_timer)
		event_free(d.due_timer);
	notifier_stop_all();
	event_free(d.sig_term);
	event_free(d.sig_int);
	event_free(d.sig_hup);
	event_base_free(d.base);
	store_close(d.store);
	match_suppress_free(d.supp);
	match_free(d.wl);
	config_free(d.cf);
	curl_global_cleanup();
	return d.exit_code;
}

static void
usage_accept(void)
{
	fprintf(stderr, "usage: sanctwatch accept [--config FILE] SOURCE\n");
}

/*
 * `sanctwatch accept SOURCE`: applies the download the guard holds for
 * SOURCE, as if it had passed: ordinary per-record alerts, one commit.
 * Works beside a running daemon (SQLite serialises the writers); its next
 * poll of the same bytes finds them unchanged.
 */
int
cli_accept(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon		 d;
	struct source_rt	 rt;
	struct source_state	 ss;
	struct store_held	 h;
	struct watcher_input	 in;
	struct fetch_log	 l;
	const char		*path = SYSCONFDIR "/sanctwatch/sanctwatch.conf";
	char			 err[SW_ERRLEN], sha[65];
	int			 ch, rc = 1;

	memset(&d, 0, sizeof d);
	memset(&rt, 0, sizeof rt);
	memset(&ss, 0, sizeof ss);
	memset(&h, 0, sizeof h);
	while ((ch = getopt_long(argc, argv, "c:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		default:
			usage_accept();
			return 2;
		}
	}
	if (optind + 1 != argc) {
		usage_accept();
		return 2;
	}
	log_init(1, 0);
	if ((d.cf = config_load(path, err, sizeof err)) == NULL) {
		log_warnx("%s", err);
		return 1;
	}
	for (size_t i = 0; i < d.cf->nsources; i++)
		if (strcmp(d.cf->sources[i].name, argv[optind]) == 0)
			rt.sc = &d.cf->sources[i];
	if (rt.sc == NULL) {
		log_warnx("%s: no [source %s]", path, argv[optind]);
		goto out;
	}
	if (d.cf->watchlist != NULL && (d.wl = match_load(d.cf->watchlist, err,
	    sizeof err)) == NULL) {
		log_warnx("%s", err);
		goto out;
	}
	if ((d.store = store_open(d.cf->state_dir, err, sizeof err)) == NULL ||
	    (d.cf->suppressions != NULL && (d.supp = suppress_load(
	    d.cf->suppressions, d.store, now_unix(), err, sizeof err)) == NULL) ||
	    store_held_load(d.store, rt.sc->name, &h, err, sizeof err) == -1 ||
	    store_source_state(d.store, rt.sc->name, &ss, err, sizeof err) == -1) {
		log_warnx("%s", err);
		goto out;
	}
	if (h.nparts == 0) {
		log_warnx("%s: no held download to accept", rt.sc->name);
		goto out;
	}
	rt.d = &d;
	memset(&in, 0, sizeof in);
	for (size_t i = 0; i < h.nparts; i++) {
		struct watcher_file	f = { h.parts[i].role, h.parts[i].url,
		    h.parts[i].data, h.parts[i].len };

		if (i == 0)
			in.main = f;
		else
			in.companions[in.ncompanions++] = f;
	}
	input_hash(&in, sha);
	memset(&l, 0, sizeof l);
	l.source = rt.sc->name;
	l.format = rt.sc->format;
	l.url = rt.sc->url;
	l.time = now_unix();
	l.http_status = h.http_status;
	l.etag = h.etag;
	l.last_modified = h.last_modified;
	l.body_sha256 = sha;
	l.record_count = -1;
	if (process_body(&d, &rt, &ss, &in, &l, 1) == 0) {
		printf("%s: applied the held download (%lld records)\n",
		    rt.sc->name, (long long)l.record_count);
		rc = 0;
	}
out:
	store_held_free(&h);
	source_state_clear(&ss);
	store_close(d.store);
	match_suppress_free(d.supp);
	match_free(d.wl);
	config_free(d.cf);
	return rc;
}
