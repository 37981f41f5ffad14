/* screen.c — `sanctwatch screen`: a list file against a watchlist, offline,
 * one JSON line per (record, watch) match. The same matcher the daemon
 * alerts with, so a compliance team can try a watchlist (or tune a
 * threshold) on a downloaded list before the daemon runs with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/cli.h"
#include "daemon/match.h"

#define EXIT_BADINPUT 2

int	cli_screen(int, char **);

struct screen_ctx {
	struct watchlist	*wl;
	struct suppressions	*supp;
	struct buf		 out;
	struct matches		 m;
	size_t			 nrec, nmatch, nsupp;
	time_t			 now;
};

static int
screen_cb(struct record *r, void *arg)
{
	struct screen_ctx	*sc = arg;
	char			 hash[65];

	sc->nrec++;
	matches_clear(&sc->m);
	if (match_record(sc->wl, r, &sc->m) == 0)
		return 0;
	match_content_hash(r, hash);
	for (size_t i = 0; i < sc->m.n; i++) {
		const struct match	*m = &sc->m.v[i];
		json_t			*o;
		char			*s;

		if (match_suppressed(sc->supp, m->watch, r->source, r->id, hash,
		    sc->now, NULL)) {
			sc->nsupp++;
			continue;
		}
		o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:f,s:s,s:s,s:s,s:s}",
		    "source", r->source ? r->source : "",
		    "id", r->id ? r->id : "", "name", r->name ? r->name : "",
		    "watch", m->watch, "kind", m->kind,
		    "score", (double)(long)(m->score * 1000.0 + 0.5) / 1000.0,
		    "matched", m->matched, "field", m->field,
		    "reason", m->reason, "content_hash", hash);
		if (o == NULL)
			continue;	/* not UTF-8: jansson refuses */
		s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		buf_adds(&sc->out, s);
		buf_addc(&sc->out, '\n');
		free(s);
		json_decref(o);
		sc->nmatch++;
	}
	return 0;
}

static void
screen_usage(void)
{
	fprintf(stderr, "usage: sanctwatch screen [--format FMT] --watchlist "
	    "FILE|- [--suppress FILE] [--ROLE FILE ...] LIST\n");
}

int
cli_screen(int argc, char **argv)
{
	const struct watcher_ops	*ops;
	const char			*fmt = NULL, *wpath = NULL, *spath = NULL;
	const char			*roles[2 * WATCHER_MAX_COMPANIONS + 1];
	struct screen_ctx		 sc;
	struct cli_input		 ci;
	char				 err[SW_ERRLEN];
	size_t				 nr = 0;
	int				 i, rc = EXIT_BADINPUT;

	memset(&sc, 0, sizeof sc);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
			break;
		if (i + 1 >= argc) {
			screen_usage();
			return EXIT_BADINPUT;
		}
		if (strcmp(a, "--format") == 0)
			fmt = argv[++i];
		else if (strcmp(a, "--watchlist") == 0)
			wpath = argv[++i];
		else if (strcmp(a, "--suppress") == 0)
			spath = argv[++i];
		else {
			if (nr + 3 > sizeof roles / sizeof *roles) {
				screen_usage();
				return EXIT_BADINPUT;
			}
			roles[nr++] = a + 2;
			roles[nr++] = argv[++i];
		}
	}
	roles[nr] = NULL;
	if (wpath == NULL || argc - i != 1) {
		screen_usage();
		return EXIT_BADINPUT;
	}
	if ((sc.wl = match_load(wpath, err, sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		return EXIT_BADINPUT;
	}
	if (spath != NULL && (sc.supp = match_suppress_load(spath, err,
	    sizeof err)) == NULL) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		match_free(sc.wl);
		return EXIT_BADINPUT;
	}
	if (cli_input_open(&ci, argv[i], fmt, roles, &ops, err,
	    sizeof err) == -1) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		goto out;
	}
	sc.now = time(NULL);
	/* As with parse: nothing is printed unless the whole list is valid. */
	if (ops->parse(&ci.in, screen_cb, &sc, err, sizeof err) == -1) {
		fprintf(stderr, "sanctwatch: %s\n", err);
		cli_input_close(&ci);
		goto out;
	}
	cli_input_close(&ci);
	if (sc.out.len > 0)
		fwrite(sc.out.data, 1, sc.out.len, stdout);
	fprintf(stderr, "sanctwatch: %zu records, %zu watches, %zu matches"
	    "%s%zu suppressed\n", sc.nrec, match_count(sc.wl), sc.nmatch,
	    ", ", sc.nsupp);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	buf_free(&sc.out);
	matches_clear(&sc.m);
	match_suppress_free(sc.supp);
	match_free(sc.wl);
	return rc;
}
