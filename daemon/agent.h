/* agent.h — the daemon's side of the desktop hand-off: a Unix stream
 * socket on which `sanctwatch agent`, running in a user's session, takes
 * the alerts of agent-mode desktop channels and acknowledges each. */
#ifndef SW_AGENT_H
#define SW_AGENT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

#include "notifiers/notifier.h"

struct config;
struct event_base;
struct store;
struct store_delivery;
struct strvec;

/*
 * The protocol: one JSON object per line, its "type" says which.
 *
 *   agent:  {"type":"hello","version":1,"channels":["desk"]}
 *           (no "channels": every agent-mode desktop channel)
 *   daemon: {"type":"welcome","version":1,"channels":["desk"]}
 *   daemon: {"type":"alert","delivery":1,"alert_id":"sw_…","channel":"desk",
 *            "event":"added","summary":"…","body":"…","critical":true}
 *   agent:  {"type":"ack","delivery":1}
 *           {"type":"fail","delivery":1,"error":"…"}
 *   daemon: {"type":"idle"}		nothing more is due for now
 *   daemon: {"type":"error","error":"…"}	then it closes
 *
 * A delivery number names one alert sent on one connection. One is in
 * flight per connection, and a row in flight on one connection is not
 * offered on another. Only an ack marks it delivered in the store; a
 * connection lost before the ack leaves it pending and due at once.
 */
#define AGENT_PROTO_VERSION	1
#define AGENT_MAX_LINE		65536	/* longest line either side reads */

/* What the daemon does with the rows an agent takes: daemon.c keeps the
 * rules (events, disabled channels, retry backoff, lifetime). */
struct agent_hooks {
	/* 1 when a due row goes out now; 0 when it was marked skipped or
	 * dead instead. */
	int	(*admit)(struct store_delivery *, struct notify_conf *, void *);
	/* An agent's answer on a row: NOTIFY_OK (ack) or NOTIFY_RETRY. */
	void	(*result)(struct store_delivery *, struct notify_conf *,
		    enum notify_status, const char *error, void *);
	void	*arg;
};

struct agent_server;

/*
 * Serves the socket systemd passed (sd_listen_fds), or else, when the
 * config has an agent-mode desktop channel, binds agent_socket itself
 * (mode 0666: peers are checked by their credentials). *out is NULL when
 * there is nothing to serve. *cfp is read at each use, so a reload is
 * seen. Returns 0, or -1 with err; the caller frees with agent_stop().
 */
/* The address of the Unix socket at path; -1 with err when too long. */
struct sockaddr_un;
int	agent_sockaddr(const char *path, struct sockaddr_un *, char *err,
	    size_t errlen);

int	agent_start(struct event_base *, struct store *, struct config **cfp,
	    const struct agent_hooks *, struct agent_server **out, char *err,
	    size_t errlen);
/* Closes each connection (a row in flight stays pending) and the
 * listener, and removes a socket it bound. Accepts NULL. */
void	agent_stop(struct agent_server *);
/* Offers the due rows to each connected agent with none in flight: after
 * a commit, and on the delivery tick for retries. Accepts NULL. */
void	agent_kick(struct agent_server *);
/* After a reload: drops the agents the allow-list no longer names. */
void	agent_reload(struct agent_server *);

/* Whether a peer may connect: its uid is in agent_users, or its gid or
 * one of its groups in agent_groups. */
int	agent_peer_allowed(const struct config *, uid_t, gid_t,
	    const gid_t *groups, size_t ngroups);
/* The channels a hello asks for, checked against the config: names of
 * agent-mode desktop channels appended to out. 0, or -1 with the reason
 * the agent is told. */
int	agent_hello_channels(const struct config *, const json_t *hello,
	    struct strvec *out, char *err, size_t errlen);
/* The "alert" line (with its newline) for delivery number n of a row,
 * with the summary and body notifiers/format.c makes of it; NULL with err
 * when the row's body is not an alert. The caller frees it. */
char	*agent_alert_line(uint64_t n, const struct store_delivery *,
	    char *err, size_t errlen);

#endif
