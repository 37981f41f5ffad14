/* config.h — the parsed configuration file: [sanctwatch], [source NAME],
 * [notify NAME]. Built fresh on each load and swapped whole on reload. */
#ifndef SW_CONFIG_H
#define SW_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "daemon/util.h"
#include "watchers/watcher.h"

struct notifier_ops;

struct source_conf {
	char				*name;
	char				*format;
	char				*url;
	/* Companion files by role, e.g. OFAC's add/alt/comments. */
	char				*companion_url[WATCHER_MAX_COMPANIONS];
	int64_t				 interval;	/* seconds */
	int64_t				 max_bytes;
	int64_t				 timeout;	/* seconds, whole transfer */
	int64_t				 max_shrink;	/* percent */
	int64_t				 min_records;
	int64_t				 confirm_polls;
	const struct watcher_ops	*ops;
	int				 line;
};

struct notify_conf {
	char				*name;
	char				*type;
	char				*url;
	struct strvec			 secrets;	/* whsec_... */
	char				*secret_file;
	int64_t				 timeout;
	int64_t				 retry_min;
	int64_t				 retry_max;
	int64_t				 lifetime;
	char				*events;	/* "all" or a list */
	/* webhook, email: one message per poll commit carrying its alerts */
	int				 digest;
	/* email */
	char				*from;
	char				*to;		/* comma-separated */
	char				*username;
	char				*password_file;
	char				*password;	/* secret: never logged */
	char				*starttls;	/* required|off */
	char				*cacert;
	/* desktop */
	char				*mode;		/* direct|agent */
	const struct notifier_ops	*ops;
	int				 line;
};

struct config {
	char			*path;
	char			*state_dir;
	char			*watchlist;
	char			*suppressions;		/* reviewed false positives */
	char			*user_agent;
	char			*metrics_listen;	/* HOST:PORT or NULL */
	/* The hand-off to `sanctwatch agent` (daemon/agent.c). */
	char			*agent_socket;		/* Unix socket path */
	char			*agent_users;		/* names or uids */
	char			*agent_groups;		/* names or gids */
	uid_t			*agent_uids;		/* agent_users, resolved */
	size_t			 nagent_uids;
	gid_t			*agent_gids;		/* agent_groups, resolved */
	size_t			 nagent_gids;
	struct source_conf	*sources;
	size_t			 nsources;
	struct notify_conf	*notifies;
	size_t			 nnotifies;
};

/* Returns a new config or NULL with "file:line: reason" in err; the caller
 * frees it with config_free(). Relative paths are taken from the config
 * file's directory; secret files are read here. */
struct config	*config_load(const char *path, char *err, size_t errlen);
/* CONFIG_NO_SECRETS: the secret and password files are not read, nor are
 * the channels checked (the desktop agent reads agent_socket from the
 * file; it sends nothing itself and cannot read the daemon's secrets). */
#define CONFIG_NO_SECRETS	0x1
struct config	*config_load_flags(const char *path, int flags, char *err,
		    size_t errlen);
void		 config_free(struct config *);
/* The companion role stored at companion_url[k], or NULL. */
const char	*config_companion_role(size_t k);
/* Prints the option table (key, default, help) for --help and docs. */
void		 config_print_options(void);

#endif
