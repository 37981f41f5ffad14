/* notifier.h — the ops table every alert channel implements. */
#ifndef SW_NOTIFIER_H
#define SW_NOTIFIER_H

#include <stddef.h>
#include <stdint.h>

struct event_base;
struct fetcher;
struct notify_conf;

/* One alert as stored in the outbox; borrowed for the call. */
struct alert_msg {
	const char	*id;		/* stable across retries and restarts */
	const char	*body;		/* the alert JSON */
	int64_t		 now;		/* Unix seconds of this attempt */
};

/* What the daemon lends a channel to do its work on the event loop. */
struct notify_env {
	struct fetcher		*fetcher;
	struct event_base	*base;	/* where done callbacks run */
};

enum notify_status {
	NOTIFY_OK,		/* delivered */
	NOTIFY_RETRY,		/* failed; try again later */
	NOTIFY_GONE		/* endpoint says it is gone: stop */
};

/* error is a one-line reason, never containing a secret. retry_after is
 * the delay the peer asked for, or -1. */
typedef void (*notify_done_cb)(enum notify_status, const char *error,
	    long retry_after, void *arg);

struct notifier_ops {
	const char	*name;		/* config `type` */
	/* Takes `digest = yes`: send() then also gets a digest body (event
	 * "digest", see daemon/digest.h) under the digest's id. */
	int		 digest;
	/* Validates a [notify NAME] section; 0 or -1 with err. */
	int		(*check)(const struct notify_conf *, char *err,
			    size_t errlen);
	/* Starts one delivery; done runs exactly once, possibly later from
	 * the loop. Returns -1 with err when it could not start (done is
	 * then not called). */
	int		(*send)(const struct notify_env *,
			    const struct notify_conf *, const struct alert_msg *,
			    notify_done_cb done, void *arg, char *err,
			    size_t errlen);
	/* Optional: ends background work at shutdown (after the loop). */
	void		(*stop)(void);
};

extern const struct notifier_ops *const notifier_table[];
const struct notifier_ops *notifier_find(const char *name);
/* Calls each channel type's stop(); the daemon's last act. */
void	notifier_stop_all(void);
/* Validates an `events` value: "all" or a comma list of added, removed,
 * modified, news, meta. */
int	notifier_check_events(const char *events, char *err, size_t errlen);
/* Whether a channel gets alerts of this event; a "test" always goes. */
int	notifier_wants(const struct notify_conf *, const char *event);

#endif
