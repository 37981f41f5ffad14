/* config.c — table-driven INI parsing (inih) with validation; every error
 * names file:line. */
#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "notifiers/notifier.h"

enum opt_type {
	OPT_STRING,	/* replaces */
	OPT_STRINGS,	/* each line appends */
	OPT_DURATION,	/* 30, 30s, 15m, 6h, 3d */
	OPT_SIZE,	/* 1000, 64K, 100M, 1G */
	OPT_INT,
	OPT_BOOL,	/* yes|no (also true/false, on/off, 1/0); an int */
	OPT_COMPANION	/* <role>_url */
};

enum opt_section {
	SEC_MAIN,
	SEC_SOURCE,
	SEC_NOTIFY
};

/* The one table of options: parsing, defaults, ranges and help follow it. */
static const struct option_def {
	enum opt_section	 section;
	const char		*key;
	enum opt_type		 type;
	size_t			 offset;
	const char		*def;
	int64_t			 min, max;
	const char		*help;
} options[] = {
	{ SEC_MAIN, "state_dir", OPT_STRING, offsetof(struct config, state_dir),
	  NULL, 0, 0, "directory for the SQLite store and temporary downloads "
	  "(default $STATE_DIRECTORY or /var/lib/sanctwatch)" },
	{ SEC_MAIN, "watchlist", OPT_STRING, offsetof(struct config, watchlist),
	  NULL, 0, 0, "watchlist file, one `KIND: VALUE` per line" },
	{ SEC_MAIN, "suppressions", OPT_STRING, offsetof(struct config,
	  suppressions), NULL, 0, 0, "reviewed false positives, one `WATCH | "
	  "SOURCE:ID | reason=... | reviewer=... | expires=YYYY-MM-DD` per "
	  "line" },
	{ SEC_MAIN, "user_agent", OPT_STRING, offsetof(struct config, user_agent),
	  "sanctwatch/0.1 (+sanctions list monitor)", 0, 0,
	  "User-Agent sent with every request" },
	{ SEC_MAIN, "metrics_listen", OPT_STRING, offsetof(struct config,
	  metrics_listen), NULL, 0, 0, "HOST:PORT for a Prometheus /metrics "
	  "endpoint, e.g. 127.0.0.1:9464 (read at start only)" },
	{ SEC_MAIN, "agent_socket", OPT_STRING, offsetof(struct config,
	  agent_socket), "/run/sanctwatch/agent.sock", 0, 0, "Unix socket on "
	  "which the daemon hands agent-mode desktop alerts to `sanctwatch "
	  "agent` (read at start only; a socket passed by systemd is used "
	  "instead)" },
	{ SEC_MAIN, "agent_users", OPT_STRING, offsetof(struct config,
	  agent_users), NULL, 0, 0, "users (names or uids, comma-separated) "
	  "whose `sanctwatch agent` may connect to agent_socket" },
	{ SEC_MAIN, "agent_groups", OPT_STRING, offsetof(struct config,
	  agent_groups), NULL, 0, 0, "groups (names or gids, comma-separated) "
	  "whose members' `sanctwatch agent` may connect to agent_socket" },
	{ SEC_SOURCE, "format", OPT_STRING, offsetof(struct source_conf, format),
	  NULL, 0, 0, "watcher format (see `sanctwatch --help`)" },
	{ SEC_SOURCE, "url", OPT_STRING, offsetof(struct source_conf, url),
	  NULL, 0, 0, "http:// or https:// URL of the list" },
	{ SEC_SOURCE, "add_url", OPT_COMPANION, 0, NULL, 0, 0,
	  "companion file with role `add` (OFAC add.csv)" },
	{ SEC_SOURCE, "alt_url", OPT_COMPANION, 0, NULL, 0, 0,
	  "companion file with role `alt` (OFAC alt.csv)" },
	{ SEC_SOURCE, "comments_url", OPT_COMPANION, 0, NULL, 0, 0,
	  "companion file with role `comments` (OFAC sdn_comments.csv)" },
	{ SEC_SOURCE, "interval", OPT_DURATION, offsetof(struct source_conf,
	  interval), "1h", 10, 7 * 86400, "time between polls" },
	{ SEC_SOURCE, "max_bytes", OPT_SIZE, offsetof(struct source_conf,
	  max_bytes), "200M", 1024, (int64_t)4 << 30, "largest body accepted" },
	{ SEC_SOURCE, "timeout", OPT_DURATION, offsetof(struct source_conf,
	  timeout), "5m", 1, 3600, "limit for one whole download" },
	{ SEC_SOURCE, "max_shrink", OPT_INT, offsetof(struct source_conf,
	  max_shrink), "5", 0, 100, "percent of a list a download may remove "
	  "before it is held as an anomaly" },
	{ SEC_SOURCE, "min_records", OPT_INT, offsetof(struct source_conf,
	  min_records), "1", 0, 100000000, "fewer records than this is an "
	  "anomaly" },
	{ SEC_SOURCE, "confirm_polls", OPT_INT, offsetof(struct source_conf,
	  confirm_polls), "3", 1, 1000, "identical anomalous downloads in a "
	  "row that apply it" },
	{ SEC_NOTIFY, "type", OPT_STRING, offsetof(struct notify_conf, type),
	  NULL, 0, 0, "webhook, email or desktop" },
	{ SEC_NOTIFY, "url", OPT_STRING, offsetof(struct notify_conf, url),
	  NULL, 0, 0, "endpoint URL" },
	{ SEC_NOTIFY, "secret", OPT_STRINGS, offsetof(struct notify_conf,
	  secrets), NULL, 0, 0, "whsec_... signing secret; repeat to rotate" },
	{ SEC_NOTIFY, "secret_file", OPT_STRING, offsetof(struct notify_conf,
	  secret_file), NULL, 0, 0, "file holding the secret(s), one a line; "
	  "relative to $CREDENTIALS_DIRECTORY when set" },
	{ SEC_NOTIFY, "timeout", OPT_DURATION, offsetof(struct notify_conf,
	  timeout), "10s", 1, 600, "limit for one delivery" },
	{ SEC_NOTIFY, "retry_min", OPT_DURATION, offsetof(struct notify_conf,
	  retry_min), "30s", 1, 86400, "first retry delay" },
	{ SEC_NOTIFY, "retry_max", OPT_DURATION, offsetof(struct notify_conf,
	  retry_max), "1h", 1, 7 * 86400, "longest retry delay" },
	{ SEC_NOTIFY, "lifetime", OPT_DURATION, offsetof(struct notify_conf,
	  lifetime), "3d", 60, 90 * 86400, "give up on an alert after this" },
	{ SEC_NOTIFY, "events", OPT_STRING, offsetof(struct notify_conf, events),
	  "all", 0, 0, "events this channel gets, comma-separated: added, "
	  "removed, modified, news, meta (undeliverable alerts, disabled "
	  "channels) or all" },
	{ SEC_NOTIFY, "digest", OPT_BOOL, offsetof(struct notify_conf, digest),
	  "no", 0, 0, "webhook, email: yes sends one message per poll commit "
	  "carrying all the alerts it raised for this channel" },
	{ SEC_NOTIFY, "from", OPT_STRING, offsetof(struct notify_conf, from),
	  NULL, 0, 0, "email: sender address" },
	{ SEC_NOTIFY, "to", OPT_STRING, offsetof(struct notify_conf, to),
	  NULL, 0, 0, "email: recipient addresses, comma-separated" },
	{ SEC_NOTIFY, "username", OPT_STRING, offsetof(struct notify_conf,
	  username), NULL, 0, 0, "email: SMTP AUTH user (needs TLS)" },
	{ SEC_NOTIFY, "password_file", OPT_STRING, offsetof(struct notify_conf,
	  password_file), NULL, 0, 0, "email: file holding the SMTP password; "
	  "relative to $CREDENTIALS_DIRECTORY when set" },
	{ SEC_NOTIFY, "starttls", OPT_STRING, offsetof(struct notify_conf,
	  starttls), "required", 0, 0, "email: required or off (smtp:// only; "
	  "off refuses AUTH)" },
	{ SEC_NOTIFY, "cacert", OPT_STRING, offsetof(struct notify_conf, cacert),
	  NULL, 0, 0, "email: CA certificate file for a private CA" },
	{ SEC_NOTIFY, "mode", OPT_STRING, offsetof(struct notify_conf, mode),
	  "direct", 0, 0, "desktop: direct (the daemon runs in the session) or "
	  "agent (`sanctwatch agent` shows what the daemon queues)" },
};

/* <role>_url keys, in companion_url[] order. */
static const char *const companion_roles[] = { "add", "alt", "comments" };

static const char *const section_names[] = { "sanctwatch", "source", "notify" };

struct load_ctx {
	struct config	*cf;
	const char	*path;
	char		 msg[SW_ERRLEN];
	int		 failed;
};

static int
parse_scaled(const char *v, enum opt_type t, int64_t *out)
{
	char	*end;
	double	 n;

	errno = 0;
	n = strtod(v, &end);
	if (errno != 0 || end == v || n < 0)
		return -1;
	while (*end == ' ')
		end++;
	if (t == OPT_DURATION) {
		switch (*end) {
		case '\0': case 's': break;
		case 'm': n *= 60; break;
		case 'h': n *= 3600; break;
		case 'd': n *= 86400; break;
		default: return -1;
		}
	} else if (t == OPT_SIZE) {
		switch (toupper((unsigned char)*end)) {
		case '\0': case 'B': break;
		case 'K': n *= 1024; break;
		case 'M': n *= 1024 * 1024; break;
		case 'G': n *= 1024.0 * 1024 * 1024; break;
		default: return -1;
		}
	} else if (*end != '\0')
		return -1;
	if (*end != '\0' && end[1] != '\0' && !(t == OPT_SIZE &&
	    toupper((unsigned char)end[1]) == 'B' && end[2] == '\0'))
		return -1;
	if (n > 9.0e15)
		return -1;
	*out = (int64_t)n;
	return 0;
}

static int
set_option(struct load_ctx *lc, void *base, const struct option_def *o,
    const char *value)
{
	char	*p = (char *)base + o->offset;
	int64_t	 n;

	switch (o->type) {
	case OPT_STRING:
		free(*(char **)p);
		*(char **)p = xstrdup(value);
		return 0;
	case OPT_STRINGS:
		strvec_push((struct strvec *)p, value);
		return 0;
	case OPT_DURATION:
	case OPT_SIZE:
	case OPT_INT:
		if (parse_scaled(value, o->type, &n) == -1) {
			snprintf(lc->msg, sizeof lc->msg, "%s: bad value \"%s\"",
			    o->key, value);
			return -1;
		}
		if (n < o->min || n > o->max) {
			snprintf(lc->msg, sizeof lc->msg, "%s: %s is out of range "
			    "(%lld..%lld)", o->key, value, (long long)o->min,
			    (long long)o->max);
			return -1;
		}
		*(int64_t *)p = n;
		return 0;
	case OPT_BOOL:
		if (!strcmp(value, "yes") || !strcmp(value, "true") ||
		    !strcmp(value, "on") || !strcmp(value, "1"))
			*(int *)p = 1;
		else if (!strcmp(value, "no") || !strcmp(value, "false") ||
		    !strcmp(value, "off") || !strcmp(value, "0"))
			*(int *)p = 0;
		else {
			snprintf(lc->msg, sizeof lc->msg, "%s: bad value \"%s\" "
			    "(yes or no)", o->key, value);
			return -1;
		}
		return 0;
	case OPT_COMPANION:
		break;
	}
	return 0;
}

static void
apply_defaults(struct load_ctx *lc, enum opt_section sec, void *base)
{
	for (size_t i = 0; i < sizeof options / sizeof *options; i++)
		if (options[i].section == sec && options[i].def != NULL &&
		    options[i].type != OPT_STRINGS)
			set_option(lc, base, &options[i], options[i].def);
}

/* Splits "source ofac" into kind and name. */
static int
section_kind(const char *section, const char **name)
{
	for (size_t k = 0; k < 3; k++) {
		size_t	n = strlen(section_names[k]);

		if (strncmp(section, section_names[k], n) != 0)
			continue;
		if (k == SEC_MAIN && section[n] == '\0') {
			*name = NULL;
			return (int)k;
		}
		if (k != SEC_MAIN && section[n] == ' ' && section[n + 1] != '\0') {
			*name = section + n + 1;
			return (int)k;
		}
	}
	return -1;
}

static void *
section_object(struct load_ctx *lc, enum opt_section sec, const char *name)
{
	struct config	*cf = lc->cf;

	if (sec == SEC_MAIN)
		return cf;
	if (sec == SEC_SOURCE) {
		if (cf->nsources == 0 ||
		    strcmp(cf->sources[cf->nsources - 1].name, name) != 0) {
			for (size_t i = 0; i < cf->nsources; i++)
				if (strcmp(cf->sources[i].name, name) == 0)
					return NULL;	/* reopened: duplicate */
			cf->sources = xrealloc(cf->sources,
			    (cf->nsources + 1) * sizeof *cf->sources);
			memset(&cf->sources[cf->nsources], 0, sizeof *cf->sources);
			cf->sources[cf->nsources].name = xstrdup(name);
			apply_defaults(lc, SEC_SOURCE, &cf->sources[cf->nsources]);
			cf->nsources++;
		}
		return &cf->sources[cf->nsources - 1];
	}
	if (cf->nnotifies == 0 ||
	    strcmp(cf->notifies[cf->nnotifies - 1].name, name) != 0) {
		for (size_t i = 0; i < cf->nnotifies; i++)
			if (strcmp(cf->notifies[i].name, name) == 0)
				return NULL;
		cf->notifies = xrealloc(cf->notifies,
		    (cf->nnotifies + 1) * sizeof *cf->notifies);
		memset(&cf->notifies[cf->nnotifies], 0, sizeof *cf->notifies);
		cf->notifies[cf->nnotifies].name = xstrdup(name);
		apply_defaults(lc, SEC_NOTIFY, &cf->notifies[cf->nnotifies]);
		cf->nnotifies++;
	}
	return &cf->notifies[cf->nnotifies - 1];
}

/*
 * inih ends a value at " ;" only; the bundled files comment with "#" too,
 * so a "#" after white space ends the value as well (a URL fragment has no
 * space before it). Writes the value into out[cap].
 */
static void
strip_comment(const char *value, char *out, size_t cap)
{
	size_t	n = 0;

	for (const char *p = value; *p != '\0' && n + 1 < cap; p++) {
		if (*p == '#' && p > value && (p[-1] == ' ' || p[-1] == '\t'))
			break;
		out[n++] = *p;
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
}

static int
ini_handler_cb(void *user, const char *section, const char *key,
    const char *raw)
{
	struct load_ctx	*lc = user;
	const char	*name;
	int		 sec = section_kind(section, &name);
	void		*base;
	size_t		 i;
	char		 value[4096];

	if (lc->failed)
		return 1;	/* keep the first error only */
	strip_comment(raw, value, sizeof value);
	if (sec == -1) {
		snprintf(lc->msg, sizeof lc->msg, "unknown section [%s] "
		    "(sanctwatch, source NAME, notify NAME)", section);
		goto fail;
	}
	if ((base = section_object(lc, (enum opt_section)sec, name)) == NULL) {
		snprintf(lc->msg, sizeof lc->msg, "section [%s] appears twice",
		    section);
		goto fail;
	}
	for (i = 0; i < sizeof options / sizeof *options; i++)
		if ((int)options[i].section == sec &&
		    strcmp(options[i].key, key) == 0)
			break;
	if (i == sizeof options / sizeof *options) {
		snprintf(lc->msg, sizeof lc->msg, "unknown key \"%s\" in [%s]",
		    key, section);
		goto fail;
	}
	if (options[i].type == OPT_COMPANION) {
		struct source_conf	*sc = base;
		size_t			 k;

		for (k = 0; k < 2; k++)
			if (strncmp(key, companion_roles[k],
			    strlen(companion_roles[k])) == 0)
				break;
		free(sc->companion_url[k]);
		sc->companion_url[k] = xstrdup(value);
		return 1;
	}
	if (set_option(lc, base, &options[i], value) == -1)
		goto fail;
	return 1;
fail:
	lc->failed = 1;
	return 0;
}

const char *
config_companion_role(size_t k)
{
	return k < 3 ? companion_roles[k] : NULL;
}

static char *
resolve_path(const char *cfpath, const char *p)
{
	char	*dup, *dir, *out;

	if (p[0] == '/')
		return xstrdup(p);
	dup = xstrdup(cfpath);
	dir = dirname(dup);
	out = xasprintf("%s/%s", dir, p);
	free(dup);
	return out;
}

static int
url_ok(const char *url)
{
	return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
}

static int
read_secret_file(const char *cfpath, struct notify_conf *nc, char *err,
    size_t errlen)
{
	const char	*cred = getenv("CREDENTIALS_DIRECTORY");
	char		*path, line[1024];
	FILE		*f;

	/* systemd's LoadCredential= first, else next to the config file. */
	if (nc->secret_file[0] != '/' && cred != NULL)
		path = xasprintf("%s/%s", cred, nc->secret_file);
	else
		path = resolve_path(cfpath, nc->secret_file);
	if ((f = fopen(path, "r")) == NULL) {
		seterr(err, errlen, "[notify %s]: secret_file %s: %s", nc->name,
		    path, strerror(errno));
		free(path);
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] != '\0' && line[0] != '#')
			strvec_push(&nc->secrets, line);
	}
	fclose(f);
	free(path);
	return 0;
}

/* The SMTP password: the file's first line, never logged. */
static int
read_password_file(const char *cfpath, struct notify_conf *nc, char *err,
    size_t errlen)
{
	const char	*cred = getenv("CREDENTIALS_DIRECTORY");
	char		*path, line[1024];
	FILE		*f;

	/* systemd's LoadCredential= first, else next to the config file. */
	if (nc->password_file[0] != '/' && cred != NULL)
		path = xasprintf("%s/%s", cred, nc->password_file);
	else
		path = resolve_path(cfpath, nc->password_file);
	if ((f = fopen(path, "r")) == NULL) {
		seterr(err, errlen, "[notify %s]: password_file %s: %s", nc->name,
		    path, strerror(errno));
		free(path);
		return -1;
	}
	if (fgets(line, sizeof line, f) == NULL)
		line[0] = '\0';
	fclose(f);
	free(path);
	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '\0')
		return seterr(err, errlen, "[notify %s]: password_file is empty",
		    nc->name);
	nc->password = xstrdup(line);
	explicit_bzero(line, sizeof line);
	return 0;
}

/* A user or group name, or a numeric id; -1 when there is none. */
static int
id_lookup(const char *name, int group, unsigned long *id)
{
	struct passwd	*pw;
	struct group	*gr;
	char		*end;

	errno = 0;
	*id = strtoul(name, &end, 10);
	if (isdigit((unsigned char)*name) && *end == '\0' && errno == 0 &&
	    *id < UINT32_MAX)
		return 0;
	if (group) {
		if ((gr = getgrnam(name)) == NULL)
			return -1;
		*id = gr->gr_gid;
	} else {
		if ((pw = getpwnam(name)) == NULL)
			return -1;
		*id = pw->pw_uid;
	}
	return 0;
}

/* agent_users and agent_groups are resolved here, so a misspelt name
 * fails the load (or the reload) instead of locking an agent out. */
static int
resolve_agent_ids(struct config *cf, char *err, size_t errlen)
{
	for (int group = 0; group < 2; group++) {
		const char	*list = group ? cf->agent_groups : cf->agent_users;
		char		*dup, *tok, *save;
		unsigned long	 id;

		if (list == NULL)
			continue;
		dup = xstrdup(list);
		for (tok = strtok_r(dup, ", \t", &save); tok != NULL;
		    tok = strtok_r(NULL, ", \t", &save)) {
			if (id_lookup(tok, group, &id) == -1) {
				seterr(err, errlen, "%s: agent_%s: no %s \"%s\"",
				    cf->path, group ? "groups" : "users", group ?
				    "group" : "user", tok);
				free(dup);
				return -1;
			}
			if (group) {
				cf->agent_gids = xrealloc(cf->agent_gids,
				    (cf->nagent_gids + 1) * sizeof *cf->agent_gids);
				cf->agent_gids[cf->nagent_gids++] = (gid_t)id;
			} else {
				cf->agent_uids = xrealloc(cf->agent_uids,
				    (cf->nagent_uids + 1) * sizeof *cf->agent_uids);
				cf->agent_uids[cf->nagent_uids++] = (uid_t)id;
			}
		}
		free(dup);
	}
	return 0;
}

static int
config_validate(struct config *cf, int flags, char *err, size_t errlen)
{
	const char	*env = getenv("STATE_DIRECTORY");

	if (cf->state_dir == NULL)
		cf->state_dir = xstrdup(env ? env : "/var/lib/sanctwatch");
	else {
		char *p = resolve_path(cf->path, cf->state_dir);

		free(cf->state_dir);
		cf->state_dir = p;
	}
	if (cf->watchlist != NULL) {
		char *p = resolve_path(cf->path, cf->watchlist);

		free(cf->watchlist);
		cf->watchlist = p;
	}
	if (cf->suppressions != NULL) {
		char *p = resolve_path(cf->path, cf->suppressions);

		free(cf->suppressions);
		cf->suppressions = p;
	}
	if (cf->agent_socket != NULL) {
		char *p = resolve_path(cf->path, cf->agent_socket);

		free(cf->agent_socket);
		cf->agent_socket = p;
	}
	if (resolve_agent_ids(cf, err, errlen) == -1)
		return -1;
	for (size_t i = 0; i < cf->nsources; i++) {
		struct source_conf	*sc = &cf->sources[i];

		if (sc->url == NULL || !url_ok(sc->url))
			return seterr(err, errlen, "%s: [source %s]: url must be "
			    "an http:// or https:// URL", cf->path, sc->name);
		if (sc->format == NULL)
			return seterr(err, errlen, "%s: [source %s]: format is "
			    "required", cf->path, sc->name);
		if ((sc->ops = watcher_find(sc->format)) == NULL)
			return seterr(err, errlen, "%s: [source %s]: unknown "
			    "format \"%s\"", cf->path, sc->name, sc->format);
		for (size_t k = 0; k < 3; k++) {
			int	ok = 0;

			if (sc->companion_url[k] == NULL)
				continue;
			for (size_t j = 0; sc->ops->companions &&
			    sc->ops->companions[j]; j++)
				if (strcmp(sc->ops->companions[j],
				    companion_roles[k]) == 0)
					ok = 1;
			if (!ok)
				return seterr(err, errlen, "%s: [source %s]: "
				    "format %s takes no %s_url", cf->path,
				    sc->name, sc->format, companion_roles[k]);
			if (!url_ok(sc->companion_url[k]))
				return seterr(err, errlen, "%s: [source %s]: %s_url "
				    "must be an http(s) URL", cf->path, sc->name,
				    companion_roles[k]);
		}
	}
	for (size_t i = 0; i < cf->nnotifies; i++) {
		struct notify_conf	*nc = &cf->notifies[i];
		char			 e[SW_ERRLEN];

		if (nc->type == NULL)
			return seterr(err, errlen, "%s: [notify %s]: type is "
			    "required", cf->path, nc->name);
		if ((nc->ops = notifier_find(nc->type)) == NULL)
			return seterr(err, errlen, "%s: [notify %s]: unknown type "
			    "\"%s\"", cf->path, nc->name, nc->type);
		if (!(flags & CONFIG_NO_SECRETS) && nc->secret_file != NULL &&
		    read_secret_file(cf->path, nc, err, errlen) == -1)
			return -1;
		if (!(flags & CONFIG_NO_SECRETS) && nc->password_file != NULL &&
		    read_password_file(cf->path, nc, err, errlen) == -1)
			return -1;
		if (nc->cacert != NULL) {
			char *p = resolve_path(cf->path, nc->cacert);

			free(nc->cacert);
			nc->cacert = p;
		}
		if (notifier_check_events(nc->events, e, sizeof e) == -1)
			return seterr(err, errlen, "%s: [notify %s]: events: %s",
			    cf->path, nc->name, e);
		if (nc->retry_max < nc->retry_min)
			return seterr(err, errlen, "%s: [notify %s]: retry_max is "
			    "below retry_min", cf->path, nc->name);
		if (nc->digest && !nc->ops->digest)
			return seterr(err, errlen, "%s: [notify %s]: digest is for "
			    "webhook and email channels", cf->path, nc->name);
		/* Without secrets a channel cannot be judged whole. */
		if (!(flags & CONFIG_NO_SECRETS) && nc->ops->check != NULL &&
		    nc->ops->check(nc, e, sizeof e) == -1)
			return seterr(err, errlen, "%s: [notify %s]: %s",
			    cf->path, nc->name, e);
	}
	return 0;
}

struct config *
config_load(const char *path, char *err, size_t errlen)
{
	return config_load_flags(path, 0, err, errlen);
}

struct config *
config_load_flags(const char *path, int flags, char *err, size_t errlen)
{
	struct load_ctx	 lc;
	struct config	*cf = xcalloc(1, sizeof *cf);
	int		 line;

	memset(&lc, 0, sizeof lc);
	lc.cf = cf;
	lc.path = path;
	cf->path = xstrdup(path);
	apply_defaults(&lc, SEC_MAIN, cf);
	line = ini_parse(path, ini_handler_cb, &lc);
	if (line == -1) {
		seterr(err, errlen, "%s: %s", path, strerror(errno ? errno : ENOENT));
		goto fail;
	}
	if (line == -2) {
		seterr(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	if (line > 0) {
		seterr(err, errlen, "%s:%d: %s", path, line,
		    lc.failed ? lc.msg : "syntax error (expected key = value "
		    "or [section])");
		goto fail;
	}
	if (config_validate(cf, flags, err, errlen) == -1)
		goto fail;
	return cf;
fail:
	config_free(cf);
	return NULL;
}

void
config_free(struct config *cf)
{
	if (cf == NULL)
		return;
	for (size_t i = 0; i < cf->nsources; i++) {
		struct source_conf *sc = &cf->sources[i];

		free(sc->name);
		free(sc->format);
		free(sc->url);
		for (size_t k = 0; k < WATCHER_MAX_COMPANIONS; k++)
			free(sc->companion_url[k]);
	}
	for (size_t i = 0; i < cf->nnotifies; i++) {
		struct notify_conf *nc = &cf->notifies[i];

		free(nc->name);
		free(nc->type);
		free(nc->url);
		strvec_clear(&nc->secrets);
		free(nc->secret_file);
		free(nc->events);
		free(nc->from);
		free(nc->to);
		free(nc->username);
		free(nc->password_file);
		if (nc->password != NULL)
			explicit_bzero(nc->password, strlen(nc->password));
		free(nc->password);
		free(nc->starttls);
		free(nc->cacert);
		free(nc->mode);
	}
	free(cf->sources);
	free(cf->notifies);
	free(cf->path);
	free(cf->state_dir);
	free(cf->watchlist);
	free(cf->suppressions);
	free(cf->user_agent);
	free(cf->metrics_listen);
	free(cf->agent_socket);
	free(cf->agent_users);
	free(cf->agent_groups);
	free(cf->agent_uids);
	free(cf->agent_gids);
	free(cf);
}

void
config_print_options(void)
{
	for (size_t i = 0; i < sizeof options / sizeof *options; i++)
		printf("  [%s%s] %-14s %-8s %s\n", section_names[options[i].section],
		    options[i].section == SEC_MAIN ? "" : " NAME", options[i].key,
		    options[i].def ? options[i].def : "-", options[i].help);
}
