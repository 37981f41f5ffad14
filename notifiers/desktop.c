/* desktop.c — desktop notifications through libnotify. D-Bus calls block,
 * so they run on one worker thread; results come back to the event loop
 * through a pipe, and done callbacks run on the loop thread. */
#include "notifiers/desktop.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <libnotify/notify.h>

#include "config/config.h"
#include "daemon/util.h"
#include "notifiers/format.h"
#include "notifiers/notifier.h"

struct desktop_job {
	char			*summary;
	char			*body;
	int			 critical;
	notify_done_cb		 done;
	void			*arg;
	int			 ok;
	char			 error[256];
	struct desktop_job	*next;
};

/* The one worker; libnotify is used from this thread only (and from the
 * agent, which has no worker). */
static struct {
	int			 started;
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct desktop_job	*head, *tail;
	int			 stop;
	int			 pipe[2];	/* worker → loop: finished jobs */
	struct event		*ev;
} w = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER,
    .pipe = { -1, -1 } };

int
desktop_show(const char *summary, const char *body, int critical, char *err,
    size_t errlen)
{
	NotifyNotification	*n;
	GError			*gerr = NULL;
	gchar			*markup;
	int			 rc = 0;

	if (!notify_is_initted() && !notify_init("sanctwatch"))
		return seterr(err, errlen, "libnotify: cannot initialise "
		    "(no session bus?)");
	/* The body may be read as markup: a name with "&" stays a name. */
	markup = g_markup_escape_text(body, -1);
	n = notify_notification_new(summary, markup, "dialog-warning");
	g_free(markup);
	notify_notification_set_app_name(n, "sanctwatch");
	notify_notification_set_urgency(n, critical ? NOTIFY_URGENCY_CRITICAL :
	    NOTIFY_URGENCY_NORMAL);
	notify_notification_set_category(n, "sanctwatch.alert");
	if (!notify_notification_show(n, &gerr)) {
		seterr(err, errlen, "desktop notification: %s", gerr ?
		    gerr->message : "failed");
		g_clear_error(&gerr);
		rc = -1;
	}
	g_object_unref(n);
	return rc;
}

static void
job_free(struct desktop_job *j)
{
	free(j->summary);
	free(j->body);
	free(j);
}

static void *
worker_main(void *arg)
{
	for (;;) {
		struct desktop_job	*j;
		ssize_t			 wr;

		pthread_mutex_lock(&w.mu);
		while (w.head == NULL && !w.stop)
			pthread_cond_wait(&w.cv, &w.mu);
		if (w.head == NULL) {
			pthread_mutex_unlock(&w.mu);
			break;
		}
		j = w.head;
		w.head = j->next;
		if (w.head == NULL)
			w.tail = NULL;
		pthread_mutex_unlock(&w.mu);

		j->ok = desktop_show(j->summary, j->body, j->critical, j->error,
		    sizeof j->error) == 0;
		do
			wr = write(w.pipe[1], &j, sizeof j);
		while (wr == -1 && errno == EINTR);
	}
	if (notify_is_initted())
		notify_uninit();
	return NULL;
}

/* The loop side of the pipe: each finished job's done runs here. */
static void
results_cb(evutil_socket_t fd, short what, void *arg)
{
	struct desktop_job	*j;

	while (read(fd, &j, sizeof j) == (ssize_t)sizeof j) {
		j->done(j->ok ? NOTIFY_OK : NOTIFY_RETRY, j->ok ? NULL :
		    j->error, -1, j->arg);
		job_free(j);
	}
}

static int
worker_start(struct event_base *base, char *err, size_t errlen)
{
	if (w.started)
		return 0;
	if (pipe2(w.pipe, O_CLOEXEC) == -1)
		return seterr(err, errlen, "pipe: %s", strerror(errno));
	/* Reads never block the loop; writes stay blocking (a pointer is
	 * far below PIPE_BUF, so each arrives whole). */
	fcntl(w.pipe[0], F_SETFL, O_NONBLOCK);
	w.ev = event_new(base, w.pipe[0], EV_READ | EV_PERSIST, results_cb,
	    NULL);
	event_add(w.ev, NULL);
	w.stop = 0;
	if (pthread_create(&w.thread, NULL, worker_main, NULL) != 0) {
		event_free(w.ev);
		close(w.pipe[0]);
		close(w.pipe[1]);
		w.pipe[0] = w.pipe[1] = -1;
		return seterr(err, errlen, "cannot start the desktop worker");
	}
	w.started = 1;
	return 0;
}

static void
desktop_stop(void)
{
	struct desktop_job	*j;

	if (!w.started)
		return;
	pthread_mutex_lock(&w.mu);
	w.stop = 1;
	/* Jobs not yet shown are dropped: their rows stay pending. */
	while ((j = w.head) != NULL) {
		w.head = j->next;
		j->ok = 0;
		snprintf(j->error, sizeof j->error, "aborted: shutting down");
		j->done(NOTIFY_RETRY, j->error, -1, j->arg);
		job_free(j);
	}
	w.tail = NULL;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.mu);
	pthread_join(w.thread, NULL);
	results_cb(w.pipe[0], EV_READ, NULL);
	event_free(w.ev);
	close(w.pipe[0]);
	close(w.pipe[1]);
	w.pipe[0] = w.pipe[1] = -1;
	w.started = 0;
}

int
desktop_agent_mode(const struct notify_conf *nc)
{
	return strcmp(nc->type, "desktop") == 0 && nc->mode != NULL &&
	    strcmp(nc->mode, "agent") == 0;
}

static int
desktop_check(const struct notify_conf *nc, char *err, size_t errlen)
{
	if (strcmp(nc->mode, "direct") != 0 && strcmp(nc->mode, "agent") != 0)
		return seterr(err, errlen, "mode must be direct or agent");
	if (nc->url != NULL || nc->secrets.n > 0)
		return seterr(err, errlen, "a desktop channel takes no url or "
		    "secret");
	return 0;
}

static int
desktop_send(const struct notify_env *env, const struct notify_conf *nc,
    const struct alert_msg *a, notify_done_cb done, void *arg, char *err,
    size_t errlen)
{
	struct alert_text	 t;
	struct desktop_job	*j;

	if (worker_start(env->base, err, errlen) == -1)
		return -1;
	if (alert_text_build(a->body, &t, err, errlen) == -1)
		return -1;
	j = xcalloc(1, sizeof *j);
	j->summary = t.subject;
	j->body = t.brief;
	j->critical = t.critical;
	t.subject = t.brief = NULL;
	alert_text_clear(&t);
	j->done = done;
	j->arg = arg;
	pthread_mutex_lock(&w.mu);
	if (w.tail)
		w.tail->next = j;
	else
		w.head = j;
	w.tail = j;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.mu);
	return 0;
}

const struct notifier_ops desktop_notifier = {
	.name = "desktop",
	.check = desktop_check,
	.send = desktop_send,
	.stop = desktop_stop,
};
