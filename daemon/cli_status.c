/* cli_status.c — `sanctwatch status` and `sanctwatch check-config`: what
 * an operator asks of a running daemon, answered from the config and the
 * store (SQLite in WAL mode: readers do not disturb the daemon). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/config.h"
#include "daemon/cli.h"
#include "daemon/match.h"
#include "daemon/store.h"

/* --config FILE, the only option of both commands; -1 on bad usage. */
static int
config_arg(int argc, char **argv, const char *cmd, const char **path)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	*path = SYSCONFDIR "/sanctwatch/sanctwatch.conf";
	while ((ch = getopt_long(argc, argv, "c:", longopts, NULL)) != -1) {
		if (ch != 'c')
			goto usage;
		*path = optarg;
	}
	if (optind == argc)
		return 0;
usage:
	fprintf(stderr, "usage: sanctwatch %s [--config FILE]\n", cmd);
	return -1;
}

/* "2025-05-16T14:47:42Z (3m ago)", or "never" for 0. */
static void
when(int64_t t, int64_t now, char *out, size_t len)
{
	char		iso[32];
	int64_t		d = t > now ? t - now : now - t;
	const char	*unit = "s";

	if (t <= 0) {
		snprintf(out, len, "never");
		return;
	}
	time_iso8601(t, iso);
	if (d >= 2 * 86400) {
		d /= 86400;
		unit = "d";
	} else if (d >= 2 * 3600) {
		d /= 3600;
		unit = "h";
	} else if (d >= 120) {
		d /= 60;
		unit = "m";
	}
	snprintf(out, len, "%s (%s%lld%s%s)", iso, t > now ? "in " : "",
	    (long long)d, unit, t > now ? "" : " ago");
}

int
cli_status(int argc, char **argv)
{
	struct config			*cf;
	struct store			*st = NULL;
	struct store_channel_count	*cc = NULL;
	size_t				 ncc = 0;
	const char			*path;
	char				 err[SW_ERRLEN], buf[96];
	int64_t				 now = (int64_t)time(NULL);
	int				 rc = 1;

	if (config_arg(argc, argv, "status", &path) == -1)
		return 2;
	if ((cf = config_load(path, err, sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		return 1;
	}
	if ((st = store_open(cf->state_dir, err, sizeof err)) == NULL)
		goto fail;
	for (size_t i = 0; i < cf->nsources; i++) {
		struct source_conf		*sc = &cf->sources[i];
		struct source_state		 ss;
		struct store_source_stats	 sst;

		if (store_source_state(st, sc->name, &ss, err, sizeof err) == -1 ||
		    store_source_stats(st, sc->name, &sst, err, sizeof err) == -1)
			goto fail;
		printf("%s (%s, every %llds)\n", sc->name, sc->format,
		    (long long)sc->interval);
		when(ss.last_attempt, now, buf, sizeof buf);
		printf("  last attempt  %s%s%s\n", buf, ss.status ? ": " : "",
		    ss.status ? ss.status : "");
		if (ss.error != NULL)
			printf("  last error    %s\n", ss.error);
		when(ss.last_success, now, buf, sizeof buf);
		printf("  last success  %s\n", buf);
		when(ss.last_change, now, buf, sizeof buf);
		printf("  last change   %s\n", buf);
		if (ss.known)
			printf("  records       %lld\n", (long long)ss.record_count);
		else
			printf("  records       - (no baseline yet)\n");
		if (sst.next_poll > 0)
			when(sst.next_poll, now, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "at the daemon's next start");
		printf("  next poll     %s\n", buf);
		/* Totals since the store began; the suppressed matches
		 * themselves are listed by `alerts --suppressed`. */
		printf("  history       %lld changes, %lld fetch errors, %lld "
		    "anomalies, %lld matches suppressed\n",
		    (long long)sst.changes, (long long)sst.fetch_errors,
		    (long long)sst.anomalies, (long long)sst.suppressed);
		if (ss.held_sha256[0] != '\0')
			printf("  held          a download seen %lld of %lld times; "
			    "apply it with `sanctwatch accept %s`\n",
			    (long long)ss.held_count, (long long)sc->confirm_polls,
			    sc->name);
		source_state_clear(&ss);
	}
	if (store_channel_counts(st, &cc, &ncc, err, sizeof err) == -1)
		goto fail;
	printf("alerts\n");
	for (size_t i = 0; i < cf->nnotifies; i++) {
		int64_t	p = 0, dl = 0, dd = 0;

		for (size_t k = 0; k < ncc; k++)
			if (strcmp(cc[k].channel, cf->notifies[i].name) == 0) {
				p = cc[k].pending;
				dl = cc[k].delivered;
				dd = cc[k].dead;
			}
		printf("  %-14s %lld pending, %lld delivered, %lld dead\n",
		    cf->notifies[i].name, (long long)p, (long long)dl,
		    (long long)dd);
	}
	if (cf->nnotifies == 0)
		printf("  no channels configured\n");
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "sanctwatch: %s\n", err);
out:
	store_channel_counts_free(cc, ncc);
	store_close(st);
	config_free(cf);
	return rc;
}

int
cli_check_config(int argc, char **argv)
{
	struct config		*cf;
	struct watchlist	*wl = NULL;
	struct suppressions	*supp = NULL;
	const char		*path;
	char			 err[SW_ERRLEN];

	if (config_arg(argc, argv, "check-config", &path) == -1)
		return 2;
	if ((cf = config_load(path, err, sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		return 1;
	}
	if (cf->watchlist != NULL && (wl = match_load(cf->watchlist, err,
	    sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		config_free(cf);
		return 1;
	}
	/* Parsed as the daemon would; pinning needs the store and waits for
	 * the daemon's load. */
	if (cf->suppressions != NULL && (supp = match_suppress_load(
	    cf->suppressions, err, sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		match_free(wl);
		config_free(cf);
		return 1;
	}
	/* A line whose watch is not watched silences nothing: most likely a
	 * watch renamed or a typing slip in the line. */
	for (size_t i = 0; wl != NULL && i < match_suppress_count(supp); i++) {
		struct suppression s;

		match_suppress_get(supp, i, &s);
		if (!match_has_watch(wl, s.watch))
			fprintf(stderr, "sanctwatch: %s:%zu: warning: \"%s\" is "
			    "not in the watchlist: the line silences nothing\n",
			    cf->suppressions, s.line, s.watch);
	}
	printf("%s: ok: %zu sources, %zu channels, %zu watches", path,
	    cf->nsources, cf->nnotifies, match_count(wl));
	if (cf->suppressions != NULL)
		printf(", %zu suppressions", match_suppress_count(supp));
	printf("%s\n", cf->watchlist ? "" : " (no watchlist: nothing alerts)");
	match_suppress_free(supp);
	match_free(wl);
	config_free(cf);
	return 0;
}
