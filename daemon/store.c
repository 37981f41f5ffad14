/* store.c — SQLite in WAL mode with synchronous=FULL; every change to a
 * snapshot and the alerts it produces land in one transaction. */
#include "daemon/store.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sqlite3.h>

#include "watchers/watcher.h"

struct store {
	sqlite3	*db;
	char	*path;
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS sources("
    " name TEXT PRIMARY KEY, format TEXT, url TEXT, etag TEXT,"
    " last_modified TEXT, body_sha256 TEXT, record_count INTEGER,"
    " last_attempt INTEGER, last_success INTEGER, last_change INTEGER,"
    " baseline INTEGER NOT NULL DEFAULT 0, status TEXT, error TEXT,"
    " held_sha256 TEXT, held_count INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS records("
    " source TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL,"
    " body TEXT NOT NULL, PRIMARY KEY(source, id)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS fetches("
    " seq INTEGER PRIMARY KEY, source TEXT NOT NULL, url TEXT, time INTEGER,"
    " http_status INTEGER, etag TEXT, last_modified TEXT, body_sha256 TEXT,"
    " record_count INTEGER, result TEXT NOT NULL, error TEXT);"
    "CREATE TABLE IF NOT EXISTS changes("
    " fetch_seq INTEGER NOT NULL, source TEXT NOT NULL, record_id TEXT NOT NULL,"
    " change TEXT NOT NULL, fields TEXT, old_hash TEXT, new_hash TEXT);"
    "CREATE TABLE IF NOT EXISTS alerts("
    " id TEXT PRIMARY KEY, source TEXT NOT NULL, record_id TEXT, event TEXT,"
    " created INTEGER NOT NULL, body TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS deliveries("
    " alert_id TEXT NOT NULL, channel TEXT NOT NULL, state TEXT NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0, next_attempt INTEGER NOT NULL,"
    " last_error TEXT, delivered_at INTEGER,"
    " PRIMARY KEY(alert_id, channel)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS held("
    " source TEXT NOT NULL, role TEXT NOT NULL, seq INTEGER NOT NULL, url TEXT,"
    " http_status INTEGER,"
    " etag TEXT, last_modified TEXT, body BLOB NOT NULL,"
    " PRIMARY KEY(source, role)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, next_attempt);"
    "CREATE TABLE IF NOT EXISTS channels("
    " name TEXT PRIMARY KEY, url TEXT, disabled_at INTEGER, reason TEXT);"
    /* What a suppression line without hash= means: the record's content
     * hash when the line was first loaded (or first seen), by line. */
    "CREATE TABLE IF NOT EXISTS suppress_pins("
    " key TEXT PRIMARY KEY, source TEXT NOT NULL, record_id TEXT NOT NULL,"
    " hash TEXT NOT NULL, pinned_at INTEGER NOT NULL) WITHOUT ROWID;"
    /* The audit of what suppressions silenced: a match of a change, with
     * the line that silenced it. A store made before it gains it here. */
    "CREATE TABLE IF NOT EXISTS suppressed("
    " fetch_seq INTEGER NOT NULL, source TEXT NOT NULL,"
    " record_id TEXT NOT NULL, event TEXT NOT NULL, watch TEXT NOT NULL,"
    " detected INTEGER NOT NULL, name TEXT, content_hash TEXT NOT NULL,"
    " reviewer TEXT NOT NULL, reason TEXT NOT NULL, expires TEXT NOT NULL,"
    " file TEXT, line INTEGER NOT NULL, alert_id TEXT,"
    " UNIQUE(fetch_seq, source, record_id, event, watch));"
    "CREATE INDEX IF NOT EXISTS suppressed_detected ON suppressed(detected);"
    "INSERT OR IGNORE INTO meta VALUES('schema_version', '1');";

/* The schema this build reads and writes: a store a newer sanctwatch made
 * is refused, not written over. */
#define STORE_SCHEMA	1

static int
dberr(struct store *st, char *err, size_t errlen, const char *what)
{
	return seterr(err, errlen, "%s: %s: %s", st->path, what,
	    sqlite3_errmsg(st->db));
}

static int
exec(struct store *st, const char *sql, char *err, size_t errlen)
{
	char	*msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		seterr(err, errlen, "%s: %s", st->path, msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Ends the transaction the caller began: COMMIT when rc (its body's
 * result) is 0; else ROLLBACK, and err keeps the body's error. */
static int
tx_end(struct store *st, int rc, char *err, size_t errlen)
{
	if (rc == -1) {
		exec(st, "ROLLBACK", NULL, 0);
		return -1;
	}
	return exec(st, "COMMIT", err, errlen);
}

/* The statement for sql in *s, or -1 with what failed in err (and *s
 * NULL). The caller finalizes *s. */
static int
prepare(struct store *st, sqlite3_stmt **s, const char *sql, char *err,
    size_t errlen, const char *what)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK)
		return dberr(st, err, errlen, what);
	return 0;
}

/* Runs a statement that returns no row, once, and finalizes it. */
static int
step_once(struct store *st, sqlite3_stmt *s, char *err, size_t errlen,
    const char *what)
{
	int	rc = sqlite3_step(s);

	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return dberr(st, err, errlen, what);
	return 0;
}

/* Runs a statement kept for more rows: reset and its bindings cleared. */
static int
step_done(struct store *st, sqlite3_stmt *s, char *err, size_t errlen,
    const char *what)
{
	int	rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE)
		return dberr(st, err, errlen, what);
	return 0;
}

/* Steps a query for its one row: 1 with a row to read, 0 with none, -1
 * with what failed in err. The caller finalizes s. */
static int
step_row(struct store *st, sqlite3_stmt *s, char *err, size_t errlen,
    const char *what)
{
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		return 0;
	default:
		return dberr(st, err, errlen, what);
	}
}

/* -1 with what is wrong in err when the store's schema is newer than
 * STORE_SCHEMA (a downgrade). */
static int
schema_check(struct store *st, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc, v = 0;

	if (prepare(st, &s, "SELECT value FROM meta WHERE key='schema_version'",
	    err, errlen, "schema") == -1)
		return -1;
	if ((rc = step_row(st, s, err, errlen, "schema")) == 1)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc == -1)
		return -1;
	if (v > STORE_SCHEMA) {
		seterr(err, errlen, "%s: made by a newer sanctwatch (schema %d; "
		    "this one reads up to %d)", st->path, v, STORE_SCHEMA);
		return -1;
	}
	return 0;
}

struct store *
store_open(const char *dir, char *err, size_t errlen)
{
	struct store	*st = xcalloc(1, sizeof *st);

	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		seterr(err, errlen, "%s: %s", dir, strerror(errno));
		free(st);
		return NULL;
	}
	st->path = xasprintf("%s/sanctwatch.db", dir);
	if (sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		dberr(st, err, errlen, "open");
		store_close(st);
		return NULL;
	}
	sqlite3_busy_timeout(st->db, 10000);
	if (exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;", err, errlen) == -1 ||
	    exec(st, schema, err, errlen) == -1) {
		store_close(st);
		return NULL;
	}
	if (schema_check(st, err, errlen) == -1) {
		store_close(st);
		return NULL;
	}
	/* Columns added after schema version 1; present already on a reopen. */
	sqlite3_exec(st->db, "ALTER TABLE sources ADD COLUMN next_poll INTEGER",
	    NULL, NULL, NULL);
	/* The fetch (history row) whose commit raised an alert: the key of a
	 * digest. NULL for the daemon's own alerts. */
	sqlite3_exec(st->db, "ALTER TABLE alerts ADD COLUMN fetch_seq INTEGER",
	    NULL, NULL, NULL);
	return st;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static void
col_copy(sqlite3_stmt *s, int i, char *out, size_t cap)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	snprintf(out, cap, "%s", t ? (const char *)t : "");
}

int
store_source_state(struct store *st, const char *source,
    struct source_state *ss, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(ss, 0, sizeof *ss);
	if (prepare(st, &s, "SELECT baseline, etag, last_modified,"
	    " body_sha256, record_count, last_attempt, last_success, last_change,"
	    " status, error, held_sha256, held_count, (SELECT max(seq) FROM"
	    " fetches WHERE source=?1 AND result IN ('baseline', 'changed'))"
	    " FROM sources WHERE name=?1", err, errlen, "select source") == -1)
		return -1;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	if ((rc = step_row(st, s, err, errlen, "select source")) == 1) {
		ss->known = sqlite3_column_int(s, 0);
		ss->etag = col_dup(s, 1);
		ss->last_modified = col_dup(s, 2);
		col_copy(s, 3, ss->body_sha256, sizeof ss->body_sha256);
		ss->record_count = sqlite3_column_int64(s, 4);
		ss->last_attempt = sqlite3_column_int64(s, 5);
		ss->last_success = sqlite3_column_int64(s, 6);
		ss->last_change = sqlite3_column_int64(s, 7);
		ss->status = col_dup(s, 8);
		ss->error = col_dup(s, 9);
		col_copy(s, 10, ss->held_sha256, sizeof ss->held_sha256);
		ss->held_count = sqlite3_column_int64(s, 11);
		ss->snapshot_seq = sqlite3_column_int64(s, 12);
	}
	sqlite3_finalize(s);
	return rc == -1 ? -1 : 0;
}

void
source_state_clear(struct source_state *ss)
{
	free(ss->etag);
	free(ss->last_modified);
	free(ss->status);
	free(ss->error);
	memset(ss, 0, sizeof *ss);
}

int
store_load_records(struct store *st, const char *source, struct recset *rs,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (prepare(st, &s, "SELECT id, hash, body FROM records "
	    "WHERE source=? ORDER BY id", err, errlen, "select records") == -1)
		return -1;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		recset_add(rs, (const char *)sqlite3_column_text(s, 0),
		    col_dup(s, 2), (const char *)sqlite3_column_text(s, 1));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		recset_free(rs);
		return dberr(st, err, errlen, "select records");
	}
	/* SQLite's BINARY collation is memcmp: the same order as strcmp. */
	return 0;
}

static void
bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Inside a transaction: the history row and the source's state. */
static int
log_fetch(struct store *st, const struct fetch_log *l, int snapshot,
    sqlite3_int64 *seq, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 ok = !strcmp(l->result, "baseline") ||
			    !strcmp(l->result, "changed") ||
			    !strcmp(l->result, "unchanged") ||
			    !strcmp(l->result, "not-modified");

	if (prepare(st, &s, "INSERT INTO fetches(source, url, time,"
	    " http_status, etag, last_modified, body_sha256, record_count,"
	    " result, error) VALUES(?,?,?,?,?,?,?,?,?,?)", err, errlen,
	    "insert fetch") == -1)
		return -1;
	bind_opt(s, 1, l->source);
	bind_opt(s, 2, l->url);
	sqlite3_bind_int64(s, 3, l->time);
	sqlite3_bind_int64(s, 4, l->http_status);
	bind_opt(s, 5, l->etag);
	bind_opt(s, 6, l->last_modified);
	bind_opt(s, 7, l->body_sha256);
	if (l->record_count >= 0)
		sqlite3_bind_int64(s, 8, l->record_count);
	bind_opt(s, 9, l->result);
	bind_opt(s, 10, l->error);
	if (step_once(st, s, err, errlen, "insert fetch") == -1)
		return -1;
	*seq = sqlite3_last_insert_rowid(st->db);

	if (prepare(st, &s, "INSERT INTO sources(name, format, url,"
	    " last_attempt, status, error) VALUES(?1,?2,?3,?4,?5,?6)"
	    " ON CONFLICT(name) DO UPDATE SET format=?2, url=?3,"
	    " last_attempt=?4, status=?5, error=?6", err, errlen,
	    "update source") == -1)
		return -1;
	bind_opt(s, 1, l->source);
	bind_opt(s, 2, l->format);
	bind_opt(s, 3, l->url);
	sqlite3_bind_int64(s, 4, l->time);
	bind_opt(s, 5, l->result);
	bind_opt(s, 6, l->error);
	if (step_once(st, s, err, errlen, "update source") == -1)
		return -1;
	if (!ok)
		return 0;
	/* An accepted download ends any hold. */
	if (prepare(st, &s, "DELETE FROM held WHERE source=?", err, errlen,
	    "clear held") == -1)
		return -1;
	bind_opt(s, 1, l->source);
	if (step_once(st, s, err, errlen, "clear held") == -1)
		return -1;
	/* Validators are kept only for a download that was accepted. */
	if (prepare(st, &s, "UPDATE sources SET last_success=?2,"
	    " etag=coalesce(?3, CASE WHEN ?6 THEN NULL ELSE etag END),"
	    " last_modified=coalesce(?4, CASE WHEN ?6 THEN NULL ELSE"
	    " last_modified END),"
	    " body_sha256=coalesce(?5, body_sha256), held_sha256=NULL,"
	    " held_count=0 WHERE name=?1", err, errlen, "update source") == -1)
		return -1;
	bind_opt(s, 1, l->source);
	sqlite3_bind_int64(s, 2, l->time);
	bind_opt(s, 3, l->etag);
	bind_opt(s, 4, l->last_modified);
	bind_opt(s, 5, snapshot || !strcmp(l->result, "unchanged") ?
	    l->body_sha256 : NULL);
	sqlite3_bind_int(s, 6, snapshot);
	return step_once(st, s, err, errlen, "update source");
}

int
store_log_fetch(struct store *st, const struct fetch_log *l, char *err,
    size_t errlen)
{
	sqlite3_int64	seq;

	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	return tx_end(st, log_fetch(st, l, 0, &seq, err, errlen), err, errlen);
}

int
store_hold(struct store *st, const char *source, const char *sha256,
    int64_t *count, char *err, size_t errlen)
{
	sqlite3_stmt	*s;

	if (prepare(st, &s, "UPDATE sources SET held_count ="
	    " CASE WHEN held_sha256=?2 THEN held_count+1 ELSE 1 END,"
	    " held_sha256=?2 WHERE name=?1 RETURNING held_count", err, errlen,
	    "hold") == -1)
		return -1;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, sha256, -1, SQLITE_STATIC);
	*count = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
	sqlite3_finalize(s);
	return 0;
}

/* A pin already stored for the line is kept: the first one stands. */
static int
pin_insert(struct store *st, const struct store_pin *p, int64_t now,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s;

	if (prepare(st, &s, "INSERT OR IGNORE INTO suppress_pins(key,"
	    " source, record_id, hash, pinned_at) VALUES(?,?,?,?,?)", err, errlen,
	    "insert pin") == -1)
		return -1;
	sqlite3_bind_text(s, 1, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, p->record_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, p->hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, now);
	return step_once(st, s, err, errlen, "insert pin");
}

static int	alert_insert(struct store *, const struct store_alert *,
		    const char *, int64_t, int64_t, const char *const *, char *,
		    size_t);

/*
 * The text columns of the suppressed table and the fields of struct
 * store_suppressed that hold them, in one order for the insert, the
 * listing and the free. On commit, source (the first) is the fetch's.
 */
#define SUPP_TEXT	"source, record_id, event, name, content_hash, watch," \
			" reviewer, reason, expires, file, alert_id"
static const size_t supp_text[] = {
	offsetof(struct store_suppressed, source),
	offsetof(struct store_suppressed, record_id),
	offsetof(struct store_suppressed, event),
	offsetof(struct store_suppressed, name),
	offsetof(struct store_suppressed, content_hash),
	offsetof(struct store_suppressed, watch),
	offsetof(struct store_suppressed, reviewer),
	offsetof(struct store_suppressed, reason),
	offsetof(struct store_suppressed, expires),
	offsetof(struct store_suppressed, file),
	offsetof(struct store_suppressed, alert_id),
};
#define NSUPP_TEXT	(sizeof supp_text / sizeof *supp_text)
#define SUPP_FIELD(x, k)	(*(char **)((char *)(x) + supp_text[k]))

/* Inside the commit: the matches its suppressions silenced, tied to the
 * fetch (seq) whose snapshot shows them. */
static int
suppressed_insert(struct store *st, const struct store_commit *c,
    sqlite3_int64 seq, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc = 0;

	if (c->nsuppressed == 0)
		return 0;
	/* Not OR IGNORE, which would drop a row missing a field, too. */
	if (prepare(st, &s, "INSERT INTO suppressed(fetch_seq,"
	    " detected, line, " SUPP_TEXT ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
	    " ON CONFLICT DO NOTHING", err, errlen, "insert suppressed") == -1)
		return -1;
	for (size_t i = 0; i < c->nsuppressed && rc == 0; i++) {
		const struct store_suppressed *x = &c->suppressed[i];

		sqlite3_bind_int64(s, 1, seq);
		sqlite3_bind_int64(s, 2, c->log->time);
		sqlite3_bind_int64(s, 3, x->line);
		bind_opt(s, 4, c->log->source);
		for (size_t k = 1; k < NSUPP_TEXT; k++)
			bind_opt(s, 4 + (int)k, *(char *const *)((const char *)x +
			    supp_text[k]));
		rc = step_done(st, s, err, errlen, "insert suppressed");
	}
	sqlite3_finalize(s);
	return rc;
}

static int
commit_body(struct store *st, const struct store_commit *c, char *err,
    size_t errlen)
{
	const char	*src = c->log->source;
	sqlite3_stmt	*put = NULL, *del = NULL, *chg = NULL;
	sqlite3_int64	 seq;
	int		 rc = -1;

	if (log_fetch(st, c->log, 1, &seq, err, errlen) == -1)
		return -1;
	if (prepare(st, &put, "INSERT OR REPLACE INTO records(source,"
	    " id, hash, body) VALUES(?,?,?,?)", err, errlen,
	    "prepare commit") == -1 ||
	    prepare(st, &del, "DELETE FROM records WHERE source=? AND"
	    " id=?", err, errlen, "prepare commit") == -1 ||
	    prepare(st, &chg, "INSERT INTO changes(fetch_seq, source,"
	    " record_id, change, fields, old_hash, new_hash)"
	    " VALUES(?,?,?,?,?,?,?)", err, errlen, "prepare commit") == -1)
		goto out;
	if (c->baseline != NULL) {
		for (size_t i = 0; i < c->baseline->n; i++) {
			const struct recset_entry *e = &c->baseline->v[i];

			sqlite3_bind_text(put, 1, src, -1, SQLITE_STATIC);
			sqlite3_bind_text(put, 2, e->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(put, 3, e->hash, -1, SQLITE_STATIC);
			sqlite3_bind_text(put, 4, e->json, -1, SQLITE_STATIC);
			if (step_done(st, put, err, errlen, "insert record") == -1)
				goto out;
		}
	}
	for (size_t i = 0; i < c->nchanges; i++) {
		const struct store_change *ch = &c->changes[i];

		if (ch->new != NULL) {
			sqlite3_bind_text(put, 1, src, -1, SQLITE_STATIC);
			sqlite3_bind_text(put, 2, ch->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(put, 3, ch->new->hash, -1, SQLITE_STATIC);
			sqlite3_bind_text(put, 4, ch->new->json, -1, SQLITE_STATIC);
			if (step_done(st, put, err, errlen, "upsert record") == -1)
				goto out;
		} else {
			sqlite3_bind_text(del, 1, src, -1, SQLITE_STATIC);
			sqlite3_bind_text(del, 2, ch->id, -1, SQLITE_STATIC);
			if (step_done(st, del, err, errlen, "delete record") == -1)
				goto out;
		}
		sqlite3_bind_int64(chg, 1, seq);
		sqlite3_bind_text(chg, 2, src, -1, SQLITE_STATIC);
		sqlite3_bind_text(chg, 3, ch->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(chg, 4, change_kind_name(ch->kind), -1,
		    SQLITE_STATIC);
		bind_opt(chg, 5, ch->fields);
		bind_opt(chg, 6, ch->old_hash);
		bind_opt(chg, 7, ch->new ? ch->new->hash : NULL);
		if (step_done(st, chg, err, errlen, "insert change") == -1)
			goto out;
	}
	for (size_t i = 0; i < c->nalerts; i++)
		if (alert_insert(st, &c->alerts[i], src, c->log->time, seq,
		    c->channels, err, errlen) == -1)
			goto out;
	for (size_t i = 0; i < c->npins; i++)
		if (pin_insert(st, &c->pins[i], c->log->time, err, errlen) == -1)
			goto out;
	if (suppressed_insert(st, c, seq, err, errlen) == -1)
		goto out;
	{
		sqlite3_stmt *u;

		if (prepare(st, &u, "UPDATE sources SET baseline=1,"
		    " record_count=?2, last_change=CASE WHEN ?3 THEN ?4 ELSE"
		    " last_change END WHERE name=?1", err, errlen,
		    "update source") == -1)
			goto out;
		sqlite3_bind_text(u, 1, src, -1, SQLITE_STATIC);
		sqlite3_bind_int64(u, 2, c->log->record_count);
		sqlite3_bind_int(u, 3, c->nchanges > 0 || c->baseline != NULL);
		sqlite3_bind_int64(u, 4, c->log->time);
		rc = step_once(st, u, err, errlen, "update source");
	}
out:
	sqlite3_finalize(put);
	sqlite3_finalize(del);
	sqlite3_finalize(chg);
	return rc;
}

int
store_commit(struct store *st, const struct store_commit *c, char *err,
    size_t errlen)
{
	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	return tx_end(st, commit_body(st, c, err, errlen), err, errlen);
}

static int
due_query(struct store *st, const char *channel, int64_t now,
    struct store_delivery **out, size_t *n, char *err, size_t errlen)
{
	sqlite3_stmt		*s;
	struct store_delivery	*v = NULL;
	size_t			 cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	/* Oldest first; the rows of one commit on one channel (a digest)
	 * come next to each other. */
	if (prepare(st, &s, "SELECT d.alert_id, d.channel, a.body,"
	    " d.attempts, a.created, a.event, coalesce(a.fetch_seq, 0)"
	    " FROM deliveries d JOIN alerts a ON"
	    " a.id = d.alert_id WHERE d.state='pending' AND d.next_attempt <= ?1"
	    " AND (?2 IS NULL OR d.channel = ?2)"
	    " ORDER BY a.created, coalesce(a.fetch_seq, 0), d.channel,"
	    " d.alert_id", err, errlen, "select deliveries") == -1)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	bind_opt(s, 2, channel);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[*n].alert_id = col_dup(s, 0);
		v[*n].channel = col_dup(s, 1);
		v[*n].body = col_dup(s, 2);
		v[*n].attempts = sqlite3_column_int64(s, 3);
		v[*n].created = sqlite3_column_int64(s, 4);
		v[*n].event = col_dup(s, 5);
		v[*n].fetch_seq = sqlite3_column_int64(s, 6);
		(*n)++;
	}
	sqlite3_finalize(s);
	*out = v;
	if (rc != SQLITE_DONE) {
		store_deliveries_free(v, *n);
		*out = NULL;
		*n = 0;
		return dberr(st, err, errlen, "select deliveries");
	}
	return 0;
}

int
store_due(struct store *st, int64_t now, struct store_delivery **out,
    size_t *n, char *err, size_t errlen)
{
	return due_query(st, NULL, now, out, n, err, errlen);
}

int
store_due_channel(struct store *st, const char *channel, int64_t now,
    struct store_delivery **out, size_t *n, char *err, size_t errlen)
{
	return due_query(st, channel, now, out, n, err, errlen);
}

int
store_next_due(struct store *st, const char *const *channels, int64_t *when,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	json_t		*a = json_array();
	char		*list;
	int		 rc;

	*when = 0;
	for (size_t i = 0; channels && channels[i]; i++)
		json_array_append_new(a, json_string(channels[i]));
	list = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	if (prepare(st, &s, "SELECT min(next_attempt) FROM deliveries"
	    " WHERE state='pending' AND channel IN (SELECT value FROM"
	    " json_each(?))", err, errlen, "select next due") == -1) {
		free(list);
		return -1;
	}
	sqlite3_bind_text(s, 1, list, -1, SQLITE_TRANSIENT);
	free(list);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*when = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return dberr(st, err, errlen, "select next due");
	return 0;
}

/* Inside a transaction: the alert row and one pending delivery per
 * channel; an alert already stored keeps its rows. fetch_seq ties an alert
 * to the poll that raised it (digests); 0 for the daemon's own alerts. */
static int
alert_insert(struct store *st, const struct store_alert *a,
    const char *source, int64_t created, int64_t fetch_seq,
    const char *const *channels, char *err, size_t errlen)
{
	sqlite3_stmt	*al = NULL, *dl = NULL;
	int		 rc = -1;

	if (prepare(st, &al, "INSERT OR IGNORE INTO alerts(id, source,"
	    " record_id, event, created, body, fetch_seq)"
	    " VALUES(?,?,?,?,?,?,?)", err, errlen, "prepare alert") == -1 ||
	    prepare(st, &dl, "INSERT OR IGNORE INTO deliveries("
	    "alert_id, channel, state, next_attempt) VALUES(?,?,'pending',?)",
	    err, errlen, "prepare alert") == -1)
		goto out;
	sqlite3_bind_text(al, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(al, 2, source, -1, SQLITE_STATIC);
	bind_opt(al, 3, a->record_id);
	bind_opt(al, 4, a->event);
	sqlite3_bind_int64(al, 5, created);
	sqlite3_bind_text(al, 6, a->body, -1, SQLITE_STATIC);
	if (fetch_seq > 0)
		sqlite3_bind_int64(al, 7, fetch_seq);
	else
		sqlite3_bind_null(al, 7);
	if (step_done(st, al, err, errlen, "insert alert") == -1)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		rc = 0;		/* already queued once: never twice */
		goto out;
	}
	for (size_t k = 0; channels && channels[k]; k++) {
		sqlite3_bind_text(dl, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(dl, 2, channels[k], -1, SQLITE_STATIC);
		sqlite3_bind_int64(dl, 3, created);
		if (step_done(st, dl, err, errlen, "insert delivery") == -1)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(al);
	sqlite3_finalize(dl);
	return rc;
}

int
store_alert_add(struct store *st, const struct store_alert *a,
    const char *source, int64_t created, const char *const *channels,
    char *err, size_t errlen)
{
	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	return tx_end(st, alert_insert(st, a, source, created, 0, channels, err,
	    errlen), err, errlen);
}

int
store_delivery_dead(struct store *st, const char *alert_id,
    const char *channel, int64_t attempts, const char *error, int64_t now,
    const struct store_alert *meta, const char *const *channels, char *err,
    size_t errlen)
{
	int	rc;

	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	rc = store_delivery_update(st, alert_id, channel, "dead", attempts, now,
	    error, now, err, errlen);
	if (rc == 0 && meta != NULL)
		rc = alert_insert(st, meta, "sanctwatch", now, 0, channels, err,
		    errlen);
	return tx_end(st, rc, err, errlen);
}

int
store_deliveries_update(struct store *st, const char *const *alert_ids,
    size_t n, const char *channel, const char *state, int64_t attempts,
    int64_t next_attempt, const char *error, int64_t now, char *err,
    size_t errlen)
{
	int	rc = 0;

	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = store_delivery_update(st, alert_ids[i], channel, state,
		    attempts, next_attempt, error, now, err, errlen);
	return tx_end(st, rc, err, errlen);
}

int
store_deliveries_dead(struct store *st, const char *const *alert_ids,
    size_t n, const char *channel, int64_t attempts, const char *error,
    int64_t now, const struct store_alert *metas, const char *const *channels,
    char *err, size_t errlen)
{
	int	rc = 0;

	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = store_delivery_update(st, alert_ids[i], channel, "dead",
		    attempts, now, error, now, err, errlen);
		if (rc == 0 && metas != NULL && metas[i].id != NULL)
			rc = alert_insert(st, &metas[i], "sanctwatch", now, 0,
			    channels, err, errlen);
	}
	return tx_end(st, rc, err, errlen);
}

static int
channel_disable_body(struct store *st, const char *channel, const char *url,
    const char *reason, int64_t now, int64_t *ndead, char *err, size_t errlen)
{
	sqlite3_stmt	*s;

	if (prepare(st, &s, "INSERT OR REPLACE INTO channels(name,"
	    " url, disabled_at, reason) VALUES(?,?,?,?)", err, errlen,
	    "disable channel") == -1)
		return -1;
	sqlite3_bind_text(s, 1, channel, -1, SQLITE_STATIC);
	bind_opt(s, 2, url);
	sqlite3_bind_int64(s, 3, now);
	bind_opt(s, 4, reason);
	if (step_once(st, s, err, errlen, "disable channel") == -1)
		return -1;
	if (prepare(st, &s, "UPDATE deliveries SET state='dead',"
	    " last_error=?2 WHERE channel=?1 AND state='pending'", err, errlen,
	    "kill deliveries") == -1)
		return -1;
	sqlite3_bind_text(s, 1, channel, -1, SQLITE_STATIC);
	bind_opt(s, 2, reason);
	if (step_once(st, s, err, errlen, "kill deliveries") == -1)
		return -1;
	*ndead = sqlite3_changes(st->db);
	return 0;
}

int
store_channel_disable(struct store *st, const char *channel, const char *url,
    const char *reason, int64_t now, const struct store_alert *meta,
    const char *const *channels, int64_t *ndead, char *err, size_t errlen)
{
	int	rc;

	*ndead = 0;
	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	rc = channel_disable_body(st, channel, url, reason, now, ndead, err,
	    errlen);
	if (rc == 0 && meta != NULL)
		rc = alert_insert(st, meta, "sanctwatch", now, 0, channels, err,
		    errlen);
	return tx_end(st, rc, err, errlen);
}

int
store_channel_disabled(struct store *st, const char *channel, const char *url,
    char *reason, size_t reasonlen, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 off;

	if (prepare(st, &s, "SELECT reason FROM channels WHERE"
	    " name=?1 AND disabled_at IS NOT NULL AND url IS ?2", err, errlen,
	    "select channel") == -1)
		return -1;
	sqlite3_bind_text(s, 1, channel, -1, SQLITE_STATIC);
	bind_opt(s, 2, url);
	if ((off = step_row(st, s, err, errlen, "select channel")) == 1 &&
	    reason != NULL)
		col_copy(s, 0, reason, reasonlen);
	sqlite3_finalize(s);
	return off;
}

void
store_alert_infos_free(struct store_alert_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < v[i].nd; k++) {
			free(v[i].d[k].channel);
			free(v[i].d[k].state);
			free(v[i].d[k].last_error);
		}
		free(v[i].d);
		free(v[i].id);
		free(v[i].source);
		free(v[i].event);
		free(v[i].record_id);
		free(v[i].body);
	}
	free(v);
}

int
store_alerts_list(struct store *st, const char *id, size_t limit,
    struct store_alert_info **out, size_t *n, char *err, size_t errlen)
{
	sqlite3_stmt		*s = NULL, *ds = NULL;
	struct store_alert_info	*v = NULL;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (prepare(st, &s, "SELECT id, source, event, record_id,"
	    " body, created FROM alerts WHERE ?1 IS NULL OR id=?1"
	    " ORDER BY created DESC, rowid DESC LIMIT ?2", err, errlen,
	    "select alerts") == -1)
		return -1;
	if (prepare(st, &ds, "SELECT channel, state, last_error,"
	    " attempts, next_attempt, delivered_at FROM deliveries WHERE"
	    " alert_id=? ORDER BY channel", err, errlen, "select alerts") == -1) {
		sqlite3_finalize(s);
		return -1;
	}
	bind_opt(s, 1, id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
	v = xcalloc(limit ? limit : 1, sizeof *v);
	while (*n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_alert_info	*a = &v[(*n)++];

		a->id = col_dup(s, 0);
		a->source = col_dup(s, 1);
		a->event = col_dup(s, 2);
		a->record_id = col_dup(s, 3);
		a->body = col_dup(s, 4);
		a->created = sqlite3_column_int64(s, 5);
		sqlite3_bind_text(ds, 1, a->id, -1, SQLITE_STATIC);
		while (sqlite3_step(ds) == SQLITE_ROW) {
			struct store_delivery_info *d;

			a->d = xrealloc(a->d, (a->nd + 1) * sizeof *a->d);
			d = &a->d[a->nd++];
			d->channel = col_dup(ds, 0);
			d->state = col_dup(ds, 1);
			d->last_error = col_dup(ds, 2);
			d->attempts = sqlite3_column_int64(ds, 3);
			d->next_attempt = sqlite3_column_int64(ds, 4);
			d->delivered_at = sqlite3_column_int64(ds, 5);
		}
		sqlite3_reset(ds);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(ds);
	*out = v;
	return 0;
}

void
store_suppressed_free(struct store_suppressed *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < NSUPP_TEXT; k++)
			free(SUPP_FIELD(&v[i], k));
	free(v);
}

int
store_suppressed_list(struct store *st, size_t limit,
    struct store_suppressed **out, size_t *n, char *err, size_t errlen)
{
	sqlite3_stmt		*s;
	struct store_suppressed	*v;
	int			 rc = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if (prepare(st, &s, "SELECT detected, line, " SUPP_TEXT
	    " FROM suppressed ORDER BY detected DESC, fetch_seq DESC, rowid"
	    " LIMIT ?", err, errlen, "select suppressed") == -1)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)limit);
	v = xcalloc(limit ? limit : 1, sizeof *v);
	while (*n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_suppressed	*x = &v[(*n)++];

		x->detected = sqlite3_column_int64(s, 0);
		x->line = sqlite3_column_int64(s, 1);
		for (size_t k = 0; k < NSUPP_TEXT; k++)
			SUPP_FIELD(x, k) = col_dup(s, 2 + (int)k);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		dberr(st, err, errlen, "select suppressed");
		sqlite3_finalize(s);
		store_suppressed_free(v, *n);
		*n = 0;
		return -1;
	}
	sqlite3_finalize(s);
	*out = v;
	return 0;
}

static int
retry_body(struct store *st, const char *alert_id, int64_t now, int64_t *n,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s;

	/* The operator says try again: the channels are enabled too. */
	if (prepare(st, &s, "DELETE FROM channels WHERE name IN"
	    " (SELECT channel FROM deliveries WHERE alert_id=?1 AND state IN"
	    " ('dead','skipped'))", err, errlen, "retry") == -1)
		return -1;
	sqlite3_bind_text(s, 1, alert_id, -1, SQLITE_STATIC);
	if (step_once(st, s, err, errlen, "retry") == -1)
		return -1;
	if (prepare(st, &s, "UPDATE deliveries SET state='pending',"
	    " attempts=0, next_attempt=?2, last_error=NULL WHERE alert_id=?1"
	    " AND state IN ('dead','skipped')", err, errlen, "retry") == -1)
		return -1;
	sqlite3_bind_text(s, 1, alert_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	if (step_once(st, s, err, errlen, "retry") == -1)
		return -1;
	*n = sqlite3_changes(st->db);
	if (*n == 0)
		return 0;
	/* A retried alert starts a fresh lifetime. */
	if (prepare(st, &s, "UPDATE alerts SET created=?2 WHERE id=?1", err,
	    errlen, "retry") == -1)
		return -1;
	sqlite3_bind_text(s, 1, alert_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	return step_once(st, s, err, errlen, "retry");
}

int
store_retry(struct store *st, const char *alert_id, int64_t now, int64_t *n,
    char *err, size_t errlen)
{
	*n = 0;
	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	return tx_end(st, retry_body(st, alert_id, now, n, err, errlen), err,
	    errlen);
}

void
store_deliveries_free(struct store_delivery *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].alert_id);
		free(v[i].channel);
		free(v[i].body);
		free(v[i].event);
	}
	free(v);
}

int
store_delivery_update(struct store *st, const char *alert_id,
    const char *channel, const char *state, int64_t attempts,
    int64_t next_attempt, const char *error, int64_t now, char *err,
    size_t errlen)
{
	sqlite3_stmt	*s;

	if (prepare(st, &s, "UPDATE deliveries SET state=?3,"
	    " attempts=?4, next_attempt=?5, last_error=?6, delivered_at="
	    " CASE WHEN ?3='delivered' THEN ?7 ELSE delivered_at END"
	    " WHERE alert_id=?1 AND channel=?2", err, errlen,
	    "update delivery") == -1)
		return -1;
	sqlite3_bind_text(s, 1, alert_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, attempts);
	sqlite3_bind_int64(s, 5, next_attempt);
	bind_opt(s, 6, error);
	sqlite3_bind_int64(s, 7, now);
	return step_once(st, s, err, errlen, "update delivery");
}

static int
keep_held(struct store *st, const struct store_anomaly *an, int64_t *count,
    char *err, size_t errlen)
{
	const struct fetch_log		*l = an->log;
	const struct watcher_input	*in = an->held;
	sqlite3_stmt			*s = NULL;
	int				 rc = -1;

	if (exec(st, "SAVEPOINT hold", err, errlen) == -1)
		return -1;
	if (prepare(st, &s, "DELETE FROM held WHERE source=?", err, errlen,
	    "clear held") == -1)
		goto out;
	sqlite3_bind_text(s, 1, l->source, -1, SQLITE_STATIC);
	if (step_done(st, s, err, errlen, "clear held") == -1)
		goto out;
	sqlite3_finalize(s);
	if (prepare(st, &s, "INSERT INTO held(source, role, seq, url,"
	    " http_status, etag, last_modified, body) VALUES(?,?,?,?,?,?,?,?)",
	    err, errlen, "insert held") == -1)
		goto out;
	for (size_t i = 0; i <= in->ncompanions; i++) {
		const struct watcher_file *f = i == 0 ? &in->main :
		    &in->companions[i - 1];

		sqlite3_bind_text(s, 1, l->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, f->role, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		bind_opt(s, 4, f->name);
		sqlite3_bind_int64(s, 5, l->http_status);
		bind_opt(s, 6, i == 0 ? l->etag : NULL);
		bind_opt(s, 7, i == 0 ? l->last_modified : NULL);
		sqlite3_bind_blob64(s, 8, f->data ? f->data : "",
		    (sqlite3_uint64)f->len, SQLITE_STATIC);
		if (step_done(st, s, err, errlen, "insert held") == -1)
			goto out;
	}
	sqlite3_finalize(s);
	if (prepare(st, &s, "UPDATE sources SET held_count ="
	    " CASE WHEN held_sha256=?2 THEN held_count+1 ELSE 1 END,"
	    " held_sha256=?2 WHERE name=?1 RETURNING held_count", err, errlen,
	    "hold") == -1)
		goto out;
	sqlite3_bind_text(s, 1, l->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, l->body_sha256, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		dberr(st, err, errlen, "hold");
		goto out;
	}
	*count = sqlite3_column_int64(s, 0);
	rc = 0;
out:
	sqlite3_finalize(s);
	exec(st, rc == 0 ? "RELEASE hold" : "ROLLBACK TO hold", NULL, 0);
	return rc;
}

int
store_anomaly(struct store *st, const struct store_anomaly *an,
    int64_t *held_count, char *err, size_t errlen)
{
	sqlite3_int64	seq;
	int		rc;

	if (held_count != NULL)
		*held_count = 0;
	if (exec(st, "BEGIN IMMEDIATE", err, errlen) == -1)
		return -1;
	rc = log_fetch(st, an->log, 0, &seq, err, errlen);
	if (rc == 0 && an->held != NULL)
		rc = keep_held(st, an, held_count, err, errlen);
	if (rc == 0 && an->alert != NULL)
		rc = alert_insert(st, an->alert, an->log->source, an->log->time,
		    0, an->channels, err, errlen);
	return tx_end(st, rc, err, errlen);
}

int
store_held_load(struct store *st, const char *source, struct store_held *h,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(h, 0, sizeof *h);
	h->http_status = 200;
	if (prepare(st, &s, "SELECT role, url, http_status, etag,"
	    " last_modified, body FROM held WHERE source=? ORDER BY seq", err,
	    errlen, "select held") == -1)
		return -1;
	sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    h->nparts < sizeof h->parts / sizeof *h->parts) {
		struct store_held_part	*p = &h->parts[h->nparts++];
		size_t			 len = (size_t)sqlite3_column_bytes(s, 5);
		const void		*b = sqlite3_column_blob(s, 5);

		p->role = col_dup(s, 0);
		p->url = col_dup(s, 1);
		p->data = xmalloc(len + 1);
		if (len > 0)
			memcpy(p->data, b, len);
		p->data[len] = '\0';
		p->len = len;
		if (h->nparts == 1) {
			h->http_status = sqlite3_column_int(s, 2);
			h->etag = col_dup(s, 3);
			h->last_modified = col_dup(s, 4);
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_held_free(h);
		return dberr(st, err, errlen, "select held");
	}
	return 0;
}

void
store_held_free(struct store_held *h)
{
	for (size_t i = 0; i < h->nparts; i++) {
		free(h->parts[i].role);
		free(h->parts[i].url);
		free(h->parts[i].data);
	}
	free(h->etag);
	free(h->last_modified);
	memset(h, 0, sizeof *h);
}

int
store_next_poll(struct store *st, const char *source, int64_t when,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s;

	if (prepare(st, &s, "UPDATE sources SET next_poll=? WHERE name=?", err,
	    errlen, "update next poll") == -1)
		return -1;
	sqlite3_bind_int64(s, 1, when);
	sqlite3_bind_text(s, 2, source, -1, SQLITE_STATIC);
	return step_once(st, s, err, errlen, "update next poll");
}

static int
query_int(struct store *st, const char *sql, const char *arg, int64_t *out,
    char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	*out = 0;
	if (prepare(st, &s, sql, err, errlen, "select") == -1)
		return -1;
	if (arg != NULL)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	if ((rc = step_row(st, s, err, errlen, "select")) == 1)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == -1 ? -1 : 0;
}

int
store_source_stats(struct store *st, const char *source,
    struct store_source_stats *ss, char *err, size_t errlen)
{
	memset(ss, 0, sizeof *ss);
	if (query_int(st, "SELECT count(*) FROM changes WHERE source=?", source,
	    &ss->changes, err, errlen) == -1 ||
	    query_int(st, "SELECT count(*) FROM fetches WHERE source=? AND"
	    " result='failed'", source, &ss->fetch_errors, err, errlen) == -1 ||
	    query_int(st, "SELECT count(*) FROM fetches WHERE source=? AND"
	    " result IN ('rejected', 'held')", source, &ss->anomalies, err,
	    errlen) == -1 ||
	    query_int(st, "SELECT count(*) FROM suppressed WHERE source=?",
	    source, &ss->suppressed, err, errlen) == -1 ||
	    query_int(st, "SELECT coalesce(next_poll, 0) FROM sources WHERE"
	    " name=?", source, &ss->next_poll, err, errlen) == -1)
		return -1;
	return 0;
}

int
store_channel_counts(struct store *st, struct store_channel_count **out,
    size_t *n, char *err, size_t errlen)
{
	sqlite3_stmt			*s;
	struct store_channel_count	*v = NULL;
	int				 rc;

	*out = NULL;
	*n = 0;
	if (prepare(st, &s, "SELECT channel,"
	    " sum(state='pending'), sum(state='delivered'), sum(state='dead')"
	    " FROM deliveries GROUP BY channel ORDER BY channel", err, errlen,
	    "select deliveries") == -1)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xrealloc(v, (*n + 1) * sizeof *v);
		v[*n].channel = col_dup(s, 0);
		v[*n].pending = sqlite3_column_int64(s, 1);
		v[*n].delivered = sqlite3_column_int64(s, 2);
		v[*n].dead = sqlite3_column_int64(s, 3);
		(*n)++;
	}
	sqlite3_finalize(s);
	*out = v;
	if (rc != SQLITE_DONE) {
		store_channel_counts_free(v, *n);
		*out = NULL;
		*n = 0;
		return dberr(st, err, errlen, "select deliveries");
	}
	return 0;
}

void
store_channel_counts_free(struct store_channel_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].channel);
	free(v);
}

int
store_pin_get(struct store *st, const char *key, char hash[65], char *err,
    size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (prepare(st, &s, "SELECT hash FROM suppress_pins WHERE key=?", err,
	    errlen, "select pin") == -1)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if ((rc = step_row(st, s, err, errlen, "select pin")) == 1)
		col_copy(s, 0, hash, 65);
	sqlite3_finalize(s);
	return rc;
}

int
store_pin_put(struct store *st, const struct store_pin *p, int64_t now,
    char stored[65], char *err, size_t errlen)
{
	if (pin_insert(st, p, now, err, errlen) == -1)
		return -1;
	/* Another writer (`accept` beside the daemon) may have been first. */
	if (store_pin_get(st, p->key, stored, err, errlen) != 1)
		return seterr(err, errlen, "%s: pin %s vanished", st->path,
		    p->key);
	return 0;
}

int
store_record_find(struct store *st, const char *record_source,
    const char *id, char **body, char *err, size_t errlen)
{
	sqlite3_stmt	*s;
	int		 rc;

	*body = NULL;
	/* Snapshots are kept by configured source; a record names its own.
	 * The primary key serves (source IN sources, id); a source named as
	 * its records are comes first. */
	if (prepare(st, &s, "SELECT body FROM records WHERE source IN"
	    " (SELECT name FROM sources) AND id=?2 AND"
	    " json_extract(body, '$.source')=?1 ORDER BY source<>?1, source"
	    " LIMIT 1", err, errlen, "select record") == -1)
		return -1;
	sqlite3_bind_text(s, 1, record_source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	if ((rc = step_row(st, s, err, errlen, "select record")) == 1)
		*body = col_dup(s, 0);
	sqlite3_finalize(s);
	return rc;
}
