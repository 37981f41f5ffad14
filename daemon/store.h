/* store.h — the SQLite state: one snapshot per source, fetch history,
 * changes, alerts and their per-channel deliveries (the outbox). */
#ifndef SW_STORE_H
#define SW_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "daemon/diff.h"

struct store;

struct source_state {
	int	 known;		/* a baseline has been stored */
	char	*etag;
	char	*last_modified;
	char	 body_sha256[65];
	int64_t	 record_count;
	int64_t	 last_attempt;
	int64_t	 last_success;
	int64_t	 last_change;
	char	*status;
	char	*error;
	/* A held (anomalous) download and how often it was seen in a row. */
	char	 held_sha256[65];
	int64_t	 held_count;
	int64_t	 snapshot_seq;	/* history row of the snapshot's last change */
};

/* One row of fetch history; also updates the source's state. */
struct fetch_log {
	const char	*source;
	const char	*format;
	const char	*url;
	int64_t		 time;
	long		 http_status;
	const char	*etag;
	const char	*last_modified;
	const char	*body_sha256;
	int64_t		 record_count;	/* -1 when not parsed */
	const char	*result;	/* baseline|changed|unchanged|
					   not-modified|rejected|failed|held */
	const char	*error;
};

struct store_change {
	enum change_kind		 kind;
	const char			*id;
	const char			*old_hash;	/* NULL when added */
	const struct recset_entry	*new;		/* NULL when removed */
	char				*fields;	/* JSON array, owned */
};

struct store_alert {
	char		*id;
	const char	*event;
	const char	*record_id;
	char		*body;		/* owned */
};

/* The content hash a suppression line without hash= is pinned to. */
struct store_pin {
	const char	*key;		/* the line's (struct suppression) */
	const char	*source;	/* the record's source and id */
	const char	*record_id;
	const char	*hash;
};

/*
 * A match a suppression silenced, kept for the audit (`alerts
 * --suppressed`). Strings are owned: free an array with
 * store_suppressed_free(). On commit, source and detected come from the
 * fetch log and may be left unset.
 */
struct store_suppressed {
	char	*source;
	char	*record_id;
	char	*event;		/* added|removed|modified|news */
	char	*name;		/* the record's; may be NULL */
	char	*content_hash;	/* of the record the silenced alert carried */
	char	*watch;
	char	*reviewer;
	char	*reason;
	char	*expires;	/* YYYY-MM-DD */
	char	*file;		/* the suppressions file and line */
	int64_t	 line;
	char	*alert_id;	/* the alert of the other matches; NULL: none */
	int64_t	 detected;
};
void	 store_suppressed_free(struct store_suppressed *, size_t);

struct store_commit {
	const struct fetch_log		*log;
	const struct recset		*baseline;	/* first fetch: all */
	struct store_change		*changes;
	size_t				 nchanges;
	struct store_alert		*alerts;
	size_t				 nalerts;
	const struct store_pin		*pins;		/* first-sight pins */
	size_t				 npins;
	const struct store_suppressed	*suppressed;	/* silenced matches */
	size_t				 nsuppressed;
	const char *const		*channels;	/* NULL-ended */
};

struct store_delivery {
	char	*alert_id;
	char	*channel;
	char	*body;
	int64_t	 attempts;
	int64_t	 created;
	char	*event;		/* added|removed|modified|news|meta */
	int64_t	 fetch_seq;	/* the commit that raised it; 0: none */
};

/* One channel's delivery of an alert, for `sanctwatch alerts`. */
struct store_delivery_info {
	char	*channel;
	char	*state;		/* pending|delivered|dead|skipped */
	char	*last_error;
	int64_t	 attempts;
	int64_t	 next_attempt;
	int64_t	 delivered_at;
};

struct store_alert_info {
	char				*id;
	char				*source;
	char				*event;
	char				*record_id;
	char				*body;
	int64_t				 created;
	struct store_delivery_info	*d;
	size_t				 nd;
};

/* Opens (creating) DIR/sanctwatch.db; NULL with err. */
struct store	*store_open(const char *dir, char *err, size_t errlen);
void		 store_close(struct store *);

int	 store_source_state(struct store *, const char *source,
	    struct source_state *, char *err, size_t errlen);
void	 source_state_clear(struct source_state *);
/* Loads a source's snapshot, sorted by id. */
int	 store_load_records(struct store *, const char *source,
	    struct recset *, char *err, size_t errlen);
/* Records a fetch that changes no snapshot (failed, rejected, unchanged). */
int	 store_log_fetch(struct store *, const struct fetch_log *,
	    char *err, size_t errlen);
/* Marks a held download (anomaly) seen once more; returns the count. */
int	 store_hold(struct store *, const char *source, const char *sha256,
	    int64_t *count, char *err, size_t errlen);
/* A download that changes no snapshot but raises an `anomaly` alert: held
 * (parsed, but failed the guard; its bytes are kept for `accept`) or
 * rejected (unparseable). */
struct store_anomaly {
	const struct fetch_log		*log;
	const struct watcher_input	*held;		/* NULL: nothing kept */
	const struct store_alert	*alert;		/* NULL: none */
	const char *const		*channels;	/* NULL-ended */
};

/* The fetch row, the held bytes (replacing any earlier ones; *held_count
 * says how many polls in a row brought these bytes) and the alert with a
 * delivery per channel, in one transaction. An alert id already present
 * is not delivered again. */
int	 store_anomaly(struct store *, const struct store_anomaly *,
	    int64_t *held_count, char *err, size_t errlen);

/* The held download of a source, parts in fetch order (main first). */
struct store_held_part {
	char	*role;
	char	*url;
	char	*data;		/* NUL-terminated copy */
	size_t	 len;
};
struct store_held {
	struct store_held_part	 parts[1 + WATCHER_MAX_COMPANIONS];
	size_t			 nparts;	/* 0: nothing held */
	long			 http_status;
	char			*etag;
	char			*last_modified;
};
/* Fills h (nparts 0 when nothing is held); free with store_held_free(). */
int	 store_held_load(struct store *, const char *source,
	    struct store_held *h, char *err, size_t errlen);
void	 store_held_free(struct store_held *);

/* The snapshot, its changes, the fetch row, the alerts with one
 * delivery row per channel, the suppressions pinned at first sight and the
 * matches they silenced, in one transaction. Alerts already present (same
 * id) are not added twice, nor is a pin replaced. */
int	 store_commit(struct store *, const struct store_commit *,
	    char *err, size_t errlen);

/* Pending deliveries due at `now` (all pending when now is INT64_MAX),
 * oldest first. The caller frees them with store_deliveries_free(). */
int	 store_due(struct store *, int64_t now, struct store_delivery **,
	    size_t *, char *err, size_t errlen);
void	 store_deliveries_free(struct store_delivery *, size_t);
/* state: "delivered", "pending" or "dead". */
int	 store_delivery_update(struct store *, const char *alert_id,
	    const char *channel, const char *state, int64_t attempts,
	    int64_t next_attempt, const char *error, int64_t now,
	    char *err, size_t errlen);

/* When the daemon will poll a source next (for `status`). */
int	 store_next_poll(struct store *, const char *source, int64_t when,
	    char *err, size_t errlen);

/* Counters of one source, from its history. */
struct store_source_stats {
	int64_t	 changes;	/* record changes committed */
	int64_t	 fetch_errors;	/* downloads that failed in transport */
	int64_t	 anomalies;	/* downloads rejected or held */
	int64_t	 suppressed;	/* matches a suppression silenced */
	int64_t	 next_poll;	/* Unix time, 0 when unknown */
};
int	 store_source_stats(struct store *, const char *source,
	    struct store_source_stats *, char *err, size_t errlen);

/* Deliveries per channel and state; free with store_channel_counts_free. */
struct store_channel_count {
	char	*channel;
	int64_t	 pending, delivered, dead;
};
int	 store_channel_counts(struct store *, struct store_channel_count **,
	    size_t *, char *err, size_t errlen);
void	 store_channel_counts_free(struct store_channel_count *, size_t);

/* Pending deliveries of one channel due at `now` (the desktop agent). */
int	 store_due_channel(struct store *, const char *channel, int64_t now,
	    struct store_delivery **, size_t *, char *err, size_t errlen);
/* The earliest next_attempt of a pending delivery on one of channels
 * (NULL-ended); 0 when none. */
int	 store_next_due(struct store *, const char *const *channels,
	    int64_t *when, char *err, size_t errlen);

/* Adds an alert made by the daemon itself (a meta-alert) with a pending
 * delivery per channel in channels (NULL-ended); an existing id is kept. */
int	 store_alert_add(struct store *, const struct store_alert *,
	    const char *source, int64_t created, const char *const *channels,
	    char *err, size_t errlen);
/* Dead-letters one delivery and queues meta (may be NULL) on channels, in
 * one transaction. */
int	 store_delivery_dead(struct store *, const char *alert_id,
	    const char *channel, int64_t attempts, const char *error,
	    int64_t now, const struct store_alert *meta,
	    const char *const *channels, char *err, size_t errlen);
/* The same for the deliveries of several alerts on one channel (a
 * digest), in one transaction: a digest's alerts never part ways. */
int	 store_deliveries_update(struct store *, const char *const *alert_ids,
	    size_t n, const char *channel, const char *state, int64_t attempts,
	    int64_t next_attempt, const char *error, int64_t now, char *err,
	    size_t errlen);
/* Dead-letters the deliveries of n alerts on one channel and queues
 * metas[i] (skipped when metas is NULL or metas[i].id is NULL) on
 * channels, in one transaction. */
int	 store_deliveries_dead(struct store *, const char *const *alert_ids,
	    size_t n, const char *channel, int64_t attempts, const char *error,
	    int64_t now, const struct store_alert *metas,
	    const char *const *channels, char *err, size_t errlen);
/* Disables a channel whose endpoint said it is gone: records it with the
 * URL, kills its pending deliveries and queues meta on channels, in one
 * transaction. *ndead is the number of deliveries given up. */
int	 store_channel_disable(struct store *, const char *channel,
	    const char *url, const char *reason, int64_t now,
	    const struct store_alert *meta, const char *const *channels,
	    int64_t *ndead, char *err, size_t errlen);
/* 1 when the channel was disabled for this URL (a new URL enables it
 * again), 0 otherwise, -1 on error; reason (may be NULL) gets why. */
int	 store_channel_disabled(struct store *, const char *channel,
	    const char *url, char *reason, size_t reasonlen, char *err,
	    size_t errlen);
/* The newest alerts (at most limit; one alert when id is set), each with
 * its deliveries. Free with store_alert_infos_free(). */
int	 store_alerts_list(struct store *, const char *id, size_t limit,
	    struct store_alert_info **, size_t *, char *err, size_t errlen);
void	 store_alert_infos_free(struct store_alert_info *, size_t);
/* The newest suppressed matches (at most limit): the newest download
 * first, the matches of one download in the order they were seen. Free
 * with store_suppressed_free(). */
int	 store_suppressed_list(struct store *, size_t limit,
	    struct store_suppressed **, size_t *, char *err, size_t errlen);
/* Re-queues the dead (and skipped) deliveries of an alert and enables
 * their channels again; *n is how many. */
int	 store_retry(struct store *, const char *alert_id, int64_t now,
	    int64_t *n, char *err, size_t errlen);

/* A suppression line's stored pin into hash[65]: 1 when there is one, 0
 * when not, -1 on error. */
int	 store_pin_get(struct store *, const char *key, char hash[65],
	    char *err, size_t errlen);
/* Stores a pin unless the line has one; stored[65] gets the one kept. */
int	 store_pin_put(struct store *, const struct store_pin *, int64_t now,
	    char stored[65], char *err, size_t errlen);
/* The snapshot's text of a record by the record's own source (which may
 * differ from the configured source's name) and id: 1 with *body (the
 * caller frees it), 0 when no snapshot holds it, -1 on error. */
int	 store_record_find(struct store *, const char *record_source,
	    const char *id, char **body, char *err, size_t errlen);

#endif
