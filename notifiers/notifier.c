/* notifier.c — the registry of alert channels. */
#include "notifiers/notifier.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"

extern const struct notifier_ops webhook_notifier;
extern const struct notifier_ops email_notifier;
extern const struct notifier_ops desktop_notifier;

/* One line per channel. */
const struct notifier_ops *const notifier_table[] = {
	&webhook_notifier,
	&email_notifier,
	&desktop_notifier,
	NULL
};

static const char *const event_names[] = {
	"added", "removed", "modified", "news", "anomaly", "meta", NULL
};

const struct notifier_ops *
notifier_find(const char *name)
{
	for (size_t i = 0; notifier_table[i] != NULL; i++)
		if (strcmp(notifier_table[i]->name, name) == 0)
			return notifier_table[i];
	return NULL;
}

void
notifier_stop_all(void)
{
	for (size_t i = 0; notifier_table[i] != NULL; i++)
		if (notifier_table[i]->stop != NULL)
			notifier_table[i]->stop();
}

/* Calls fn on each trimmed item of a comma list; stops at a nonzero. */
static int
each_event(const char *list, int (*fn)(const char *, size_t, void *),
    void *arg)
{
	const char	*p = list;

	while (*p) {
		size_t	n;
		int	rc;

		while (*p == ' ' || *p == ',')
			p++;
		n = strcspn(p, ",");
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0 && (rc = fn(p, n, arg)) != 0)
			return rc;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}

static int
event_known_cb(const char *w, size_t n, void *arg)
{
	if (n == 3 && strncmp(w, "all", 3) == 0)
		return 0;
	for (size_t i = 0; event_names[i] != NULL; i++)
		if (strlen(event_names[i]) == n && strncmp(w, event_names[i],
		    n) == 0)
			return 0;
	snprintf(arg, 64, "%.*s", (int)(n > 40 ? 40 : n), w);
	return 1;
}

int
notifier_check_events(const char *events, char *err, size_t errlen)
{
	char	bad[64];

	if (events == NULL)
		return 0;
	if (each_event(events, event_known_cb, bad) != 0)
		return seterr(err, errlen, "unknown event \"%s\" (added, "
		    "removed, modified, news, anomaly, meta, all)", bad);
	return 0;
}

static int
event_match_cb(const char *w, size_t n, void *arg)
{
	const char	*event = arg;

	return (n == 3 && strncmp(w, "all", 3) == 0) ||
	    (strlen(event) == n && strncmp(w, event, n) == 0);
}

int
notifier_wants(const struct notify_conf *nc, const char *event)
{
	if (nc->events == NULL || event == NULL || strcmp(event, "test") == 0)
		return 1;
	return each_event(nc->events, event_match_cb, (void *)(uintptr_t)event)
	    != 0;
}
