/* desktop.h — a notification on the user's session bus (libnotify). */
#ifndef SW_DESKTOP_H
#define SW_DESKTOP_H

#include <stddef.h>

struct notify_conf;

/*
 * Shows one notification (app name sanctwatch; urgency critical or
 * normal). Blocks on D-Bus: the daemon calls it only from its worker
 * thread, the agent directly. Returns 0, or -1 with err.
 */
int	desktop_show(const char *summary, const char *body, int critical,
	    char *err, size_t errlen);

/* Whether a channel is a desktop channel with `mode = agent`: the daemon
 * queues its alerts and hands them to `sanctwatch agent` (daemon/agent.c)
 * instead of showing them. */
int	desktop_agent_mode(const struct notify_conf *);

#endif
