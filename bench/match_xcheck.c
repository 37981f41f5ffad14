/* match_xcheck.c — the index against the naive loop on every record of a
 * real list, screened against a watchlist of that list's names: each name
 * and alias (original script too, where the list gives it), each with one
 * space or hyphen left out (NAMCHONGANG for NAM CHON GANG) and with its
 * first long Latin word split in two (NAM CHONGANG). The scale bench
 * checks a sample of sixteen records; this one checks them all, where the
 * scorer pairs words without a shared spelling (joined words, Arabic script
 * against Latin). Lists the matches the index lost, with the scorer's
 * reasons, and any it found that the naive loop did not.
 * Usage: match_xcheck WATCHER FILE [STEP] (every STEP-th record) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/match.h"
#include "watchers/watcher.h"

#include "bench/bench_recs.h"

/* A watchlist line cannot hold " #" (it starts a comment) or a newline. */
static void
watch_line(struct buf *b, const char *name)
{
	if (strchr(name, '#') != NULL || strchr(name, '\n') != NULL)
		return;
	buf_adds(b, "name: ");
	buf_adds(b, name);
	buf_addc(b, '\n');
}

/* The name, and its joined and split variants. */
static void
watch_lines(struct buf *b, const char *name)
{
	size_t	 len = strlen(name), nj = 0, i, w;
	char	*v = xmalloc(len + 2);

	watch_line(b, name);
	for (i = 0; name[i] != '\0' && nj < 2; i++)
		if (name[i] == ' ' || name[i] == '-') {
			memcpy(v, name, i);
			memcpy(v + i, name + i + 1, len - i);
			watch_line(b, v);
			nj++;
		}
	for (i = 0; name[i] != '\0'; i = w) {
		for (w = i; name[w] != '\0' && name[w] != ' ' &&
		    name[w] != ','; w++)
			;
		if (w - i >= 10 && (unsigned char)name[i] < 0x80) {
			size_t h = i + (w - i) / 2;

			memcpy(v, name, h);
			v[h] = ' ';
			memcpy(v + h + 1, name + h, len - h + 1);
			watch_line(b, v);
			break;
		}
		if (name[w] != '\0')
			w++;
	}
	free(v);
}

int
main(int argc, char **argv)
{
	const struct watcher_ops *ops;
	struct watcher_input	 in;
	struct mapped		 m;
	struct recs		 rs = { 0 };
	struct buf		 text = { 0 };
	struct watchlist	*wl;
	char			 err[512];
	size_t			 step = 1, nix = 0, nnaive = 0, lost = 0, extra = 0;
	size_t			 lost_jw = 0;
	double			 tix = 0, tnaive = 0, t0;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: match_xcheck WATCHER FILE [STEP]\n");
		return 2;
	}
	if (argc == 4 && (step = strtoul(argv[3], NULL, 10)) == 0)
		step = 1;
	if ((ops = watcher_find(argv[1])) == NULL) {
		fprintf(stderr, "%s: no such watcher\n", argv[1]);
		return 2;
	}
	if (file_map(argv[2], &m, err, sizeof err) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	memset(&in, 0, sizeof in);
	in.main = (struct watcher_file){ "main", argv[2], m.data, m.len };
	if (ops->parse(&in, keep_cb, &rs, err, sizeof err) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	file_unmap(&m);
	for (size_t i = 0; i < rs.n; i++) {
		if (rs.v[i].name != NULL)
			watch_lines(&text, rs.v[i].name);
		for (size_t a = 0; a < rs.v[i].aliases.n; a++)
			watch_lines(&text, rs.v[i].aliases.v[a]);
	}
	wl = match_parse(text.data ? text.data : "", text.len, "xcheck", err,
	    sizeof err);
	buf_free(&text);
	if (wl == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("records: %zu (every %zu screened); watch names: %zu\n", rs.n,
	    step, match_count(wl));
	for (size_t i = 0; i < rs.n; i += step) {
		const struct record	*r = &rs.v[i];
		struct matches		 a = { 0 }, b = { 0 };

		match_use_index(wl, 1);
		t0 = now();
		nix += match_record(wl, r, &a);
		tix += now() - t0;
		match_use_index(wl, 0);
		t0 = now();
		nnaive += match_record(wl, r, &b);
		tnaive += now() - t0;
		for (size_t j = 0; j < b.n; j++)
			if (matches_find(&a, b.v[j].watch) == NULL) {
				printf("  lost by the index: %s:%s \"%s\" %s, "
				    "%s\n", r->source, r->id, b.v[j].matched,
				    b.v[j].watch, b.v[j].reason);
				lost++;
				lost_jw += strstr(b.v[j].reason, "(spelling") !=
				    NULL || strstr(b.v[j].reason, "(initial") !=
				    NULL;
			}
		for (size_t j = 0; j < a.n; j++)
			if (matches_find(&b, a.v[j].watch) == NULL) {
				printf("  found by the index alone: %s:%s "
				    "\"%s\" %s\n", r->source, r->id,
				    a.v[j].matched, a.v[j].watch);
				extra++;
			}
		matches_clear(&a);
		matches_clear(&b);
	}
	printf("the index found %zu of the naive loop's %zu matches (%zu lost, "
	    "%zu its own); index %.2f s, naive loop %.2f s\n", nix - extra,
	    nnaive, lost, extra, tix, tnaive);
	/* spelling slips are indexed one letter apart (deletion keys), and
	 * an initial against a word not at all */
	printf("of the lost, %zu pair a word by spelling (Jaro-Winkler) or as "
	    "an initial\n", lost_jw);
	match_free(wl);
	for (size_t i = 0; i < rs.n; i++)
		record_reset(&rs.v[i]);
	free(rs.v);
	return 0;
}
