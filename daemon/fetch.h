/* fetch.h — HTTP transfers on the daemon's event base: libcurl's multi
 * interface driven by libevent (socket and timer callbacks). */
#ifndef SW_FETCH_H
#define SW_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>
#include <event2/event.h>

struct fetcher;

struct fetch_req {
	const char		*url;
	const char		*etag;		/* If-None-Match, or NULL */
	const char		*last_modified;	/* If-Modified-Since, or NULL */
	const char		*post;		/* POST this body, or NULL: GET */
	size_t			 post_len;
	struct curl_slist	*headers;	/* extra headers; taken over */
	long			 timeout;	/* seconds, whole transfer */
	int64_t			 max_bytes;	/* decoded body cap, 0: none */
	const char		*tmpdir;	/* body to an unlinked file here;
						   NULL keeps it in memory */
	int			 follow;	/* follow redirects (https only) */
};

/* Valid only during the callback. */
struct fetch_result {
	const char	*url;
	int		 ok;		/* transport succeeded (any status) */
	long		 status;	/* HTTP status, 0 when none */
	const char	*error;		/* transport error text when !ok */
	const char	*etag;		/* response ETag or NULL */
	const char	*last_modified;
	long		 retry_after;	/* seconds, -1 when absent */
	int		 body_fd;	/* tmpdir mode: the body, -1 otherwise;
					   closed after the callback */
	const char	*body;		/* memory mode */
	size_t		 body_len;
};

typedef void (*fetch_done_cb)(const struct fetch_result *, void *arg);

struct fetcher	*fetcher_new(struct event_base *, const char *user_agent);
/* Aborts every transfer; each callback runs once with ok = 0. */
void		 fetcher_free(struct fetcher *);
/* Starts a transfer; cb runs exactly once. Returns 0, or -1 with err (cb is then not called). */
int		 fetch_start(struct fetcher *, const struct fetch_req *,
		    fetch_done_cb, void *arg, char *err, size_t errlen);
/*
 * Runs a transfer the caller set up itself (SMTP for the email channel) on
 * the same multi handle. The fetcher takes easy over (it cleans it up) and
 * sets only its private pointer, error buffer, write callback and
 * NOSIGNAL; label names it in errors. cb runs exactly once; status is the
 * server's last response code. Returns 0, or -1 with err (easy is freed).
 */
int		 fetch_start_easy(struct fetcher *, CURL *easy,
		    const char *label, fetch_done_cb, void *arg, char *err,
		    size_t errlen);
size_t		 fetcher_active(const struct fetcher *);

#endif
