/* fetch.c — curl multi on libevent, as in curl's hiperfifo example: curl
 * tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and when to
 * wake it (CURLMOPT_TIMERFUNCTION); libevent tells curl what happened. */
#include "daemon/fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon/util.h"

struct transfer {
	struct fetcher		*f;
	CURL			*easy;
	struct curl_slist	*headers;
	fetch_done_cb		 cb;
	void			*arg;
	char			*url;
	int			 fd;		/* body file, or -1 */
	struct buf		 mem;
	int64_t			 got;
	int64_t			 max_bytes;
	int			 too_big;
	int			 write_failed;
	char			 errbuf[CURL_ERROR_SIZE];
	struct transfer		*next, *prev;
};

struct fetcher {
	struct event_base	*base;
	CURLM			*multi;
	struct event		*timer;
	char			*user_agent;
	struct transfer		*transfers;
	size_t			 ntransfers;
};

struct sockev {
	struct fetcher	*f;
	struct event	*ev;
};

static void	check_done(struct fetcher *);

static void
sock_event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fetcher	*f = arg;
	int		 action = 0, running;

	if (what & EV_READ)
		action |= CURL_CSELECT_IN;
	if (what & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(f->multi, fd, action, &running);
	check_done(f);
}

static void
timer_event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fetcher	*f = arg;
	int		 running;

	curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(f);
}

/* CURLMOPT_TIMERFUNCTION: only (re)arms our timer; curl is called from it. */
static int
multi_timer_cb(CURLM *multi, long timeout_ms, void *arg)
{
	struct fetcher	*f = arg;
	struct timeval	 tv;

	if (timeout_ms < 0) {
		evtimer_del(f->timer);
		return 0;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	evtimer_add(f->timer, &tv);
	return 0;
}

/* CURLMOPT_SOCKETFUNCTION: mirrors curl's interest in a socket. */
static int
multi_socket_cb(CURL *easy, curl_socket_t s, int what, void *arg,
    void *sockp)
{
	struct fetcher	*f = arg;
	struct sockev	*se = sockp;
	short		 kind;

	if (what == CURL_POLL_REMOVE) {
		if (se != NULL) {
			event_free(se->ev);
			free(se);
		}
		curl_multi_assign(f->multi, s, NULL);
		return 0;
	}
	kind = EV_PERSIST | ((what & CURL_POLL_IN) ? EV_READ : 0) |
	    ((what & CURL_POLL_OUT) ? EV_WRITE : 0);
	if (se == NULL) {
		se = xcalloc(1, sizeof *se);
		se->f = f;
		curl_multi_assign(f->multi, s, se);
	} else
		event_free(se->ev);
	se->ev = event_new(f->base, s, kind, sock_event_cb, f);
	event_add(se->ev, NULL);
	return 0;
}

struct fetcher *
fetcher_new(struct event_base *base, const char *user_agent)
{
	struct fetcher	*f = xcalloc(1, sizeof *f);

	f->base = base;
	f->user_agent = xstrdup(user_agent ? user_agent : "sanctwatch");
	if ((f->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	f->timer = evtimer_new(base, timer_event_cb, f);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, multi_socket_cb);
	curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, multi_timer_cb);
	curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
	return f;
}

static void
transfer_free(struct transfer *t)
{
	struct fetcher	*f = t->f;

	if (t->prev)
		t->prev->next = t->next;
	else
		f->transfers = t->next;
	if (t->next)
		t->next->prev = t->prev;
	f->ntransfers--;
	curl_multi_remove_handle(f->multi, t->easy);
	curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	if (t->fd != -1)
		close(t->fd);
	buf_free(&t->mem);
	free(t->url);
	free(t);
}

void
fetcher_free(struct fetcher *f)
{
	struct fetch_result	r;

	if (f == NULL)
		return;
	/* Each owner hears once that its transfer is gone. */
	while (f->transfers != NULL) {
		struct transfer	*t = f->transfers;

		memset(&r, 0, sizeof r);
		r.url = t->url;
		r.error = "aborted: shutting down";
		r.body_fd = -1;
		r.retry_after = -1;
		t->cb(&r, t->arg);
		transfer_free(t);
	}
	curl_multi_cleanup(f->multi);
	event_free(f->timer);
	free(f->user_agent);
	free(f);
}

size_t
fetcher_active(const struct fetcher *f)
{
	return f->ntransfers;
}

/* CURLOPT_WRITEFUNCTION: appends to the body, enforcing the decoded cap. */
static size_t
write_cb(char *p, size_t sz, size_t n, void *arg)
{
	struct transfer	*t = arg;
	size_t		 len = sz * n, off = 0;

	if (t->max_bytes > 0 && t->got + (int64_t)len > t->max_bytes) {
		t->too_big = 1;
		return 0;
	}
	t->got += (int64_t)len;
	if (t->fd == -1) {
		buf_add(&t->mem, p, len);
		return len;
	}
	while (off < len) {
		ssize_t w = write(t->fd, p + off, len - off);

		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			t->write_failed = errno ? errno : EIO;
			return 0;
		}
		off += (size_t)w;
	}
	return len;
}

static const char *
header_value(CURL *easy, const char *name)
{
	struct curl_header	*h;

	if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return h->value;
}

static void
finish(struct transfer *t, CURLcode code)
{
	struct fetch_result	 r;
	const char		*ra;
	char			*redir = NULL;
	char			 err[CURL_ERROR_SIZE + 1100];

	memset(&r, 0, sizeof r);
	r.url = t->url;
	r.body_fd = -1;
	r.retry_after = -1;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &r.status);
	/* Over the cap by Content-Length (CURLOPT_MAXFILESIZE) or by the
	 * decoded bytes counted in write_cb: one message for both. */
	if (t->too_big || code == CURLE_FILESIZE_EXCEEDED) {
		snprintf(err, sizeof err, "body larger than %lld bytes (max_bytes)",
		    (long long)t->max_bytes);
		r.error = err;
	} else if (t->write_failed) {
		snprintf(err, sizeof err, "writing body: %s",
		    strerror(t->write_failed));
		r.error = err;
	} else if (code == CURLE_UNSUPPORTED_PROTOCOL &&
	    curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &redir) ==
	    CURLE_OK && redir != NULL && strcmp(redir, t->url) != 0) {
		snprintf(err, sizeof err, "redirect to %s refused (only https, "
		    "at most 5)", redir);
		r.error = err;
	} else if (code != CURLE_OK) {
		snprintf(err, sizeof err, "%s", t->errbuf[0] ? t->errbuf :
		    curl_easy_strerror(code));
		r.error = err;
	} else
		r.ok = 1;
	if (r.ok) {
		r.etag = header_value(t->easy, "ETag");
		r.last_modified = header_value(t->easy, "Last-Modified");
		if ((ra = header_value(t->easy, "Retry-After")) != NULL) {
			char	*end;

			/* delay-seconds, or an HTTP-date (RFC 9110 10.2.3) */
			r.retry_after = strtol(ra, &end, 10);
			if (end == ra || *end != '\0') {
				time_t	when = curl_getdate(ra, NULL);

				r.retry_after = when > time(NULL) ?
				    (long)(when - time(NULL)) : -1;
			}
		}
		if (t->fd != -1) {
			r.body_fd = t->fd;
			lseek(t->fd, 0, SEEK_SET);
		} else
			r.body = t->mem.data ? buf_cstr(&t->mem) : "";
		r.body_len = (size_t)t->got;
	}
	t->cb(&r, t->arg);
	transfer_free(t);
}

static void
check_done(struct fetcher *f)
{
	CURLMsg	*m;
	int	 left;

	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		struct transfer	*t = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
		finish(t, m->data.result);
	}
}

int
fetch_start(struct fetcher *f, const struct fetch_req *req, fetch_done_cb cb,
    void *arg, char *err, size_t errlen)
{
	struct transfer	*t = xcalloc(1, sizeof *t);
	char		*h;

	t->f = f;
	t->cb = cb;
	t->arg = arg;
	t->fd = -1;
	t->url = xstrdup(req->url);
	t->max_bytes = req->max_bytes;
	t->headers = req->headers;
	if (req->tmpdir != NULL) {
		char	*tmpl = xasprintf("%s/.download-XXXXXX", req->tmpdir);

		t->fd = mkostemp(tmpl, O_CLOEXEC);
		if (t->fd == -1) {
			seterr(err, errlen, "%s: %s", tmpl, strerror(errno));
			free(tmpl);
			curl_slist_free_all(t->headers);
			free(t->url);
			free(t);
			return -1;
		}
		/* Unlinked at once: nothing is left behind on any path. */
		unlink(tmpl);
		free(tmpl);
	}
	if (req->etag != NULL) {
		h = xasprintf("If-None-Match: %s", req->etag);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (req->last_modified != NULL) {
		h = xasprintf("If-Modified-Since: %s", req->last_modified);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	t->easy = curl_easy_init();
	curl_easy_setopt(t->easy, CURLOPT_URL, req->url);
	curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(t->easy, CURLOPT_USERAGENT, f->user_agent);
	curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
	curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(t->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(t->easy, CURLOPT_TIMEOUT, req->timeout > 0 ?
	    req->timeout : 300L);
	curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(t->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(t->easy, CURLOPT_LOW_SPEED_TIME, 60L);
	/* Certificate checks stay on: CURLOPT_SSL_VERIFY* are never touched. */
	if (req->max_bytes > 0)
		curl_easy_setopt(t->easy, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)req->max_bytes);
	if (req->follow) {
		curl_easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(t->easy, CURLOPT_MAXREDIRS, 5L);
		curl_easy_setopt(t->easy, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	}
	if (req->post != NULL) {
		curl_easy_setopt(t->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)req->post_len);
		curl_easy_setopt(t->easy, CURLOPT_COPYPOSTFIELDS, req->post);
	}
	t->next = f->transfers;
	if (f->transfers)
		f->transfers->prev = t;
	f->transfers = t;
	f->ntransfers++;
	if (curl_multi_add_handle(f->multi, t->easy) != CURLM_OK) {
		transfer_free(t);
		return seterr(err, errlen, "%s: cannot start transfer", req->url);
	}
	return 0;
}

int
fetch_start_easy(struct fetcher *f, CURL *easy, const char *label,
    fetch_done_cb cb, void *arg, char *err, size_t errlen)
{
	struct transfer	*t = xcalloc(1, sizeof *t);

	t->f = f;
	t->cb = cb;
	t->arg = arg;
	t->fd = -1;
	t->url = xstrdup(label);
	t->max_bytes = 1 << 16;
	t->easy = easy;
	curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	t->next = f->transfers;
	if (f->transfers)
		f->transfers->prev = t;
	f->transfers = t;
	f->ntransfers++;
	if (curl_multi_add_handle(f->multi, easy) != CURLM_OK) {
		transfer_free(t);
		return seterr(err, errlen, "%s: cannot start transfer", label);
	}
	return 0;
}
