/* match_scale.c — the matcher at a bank's scale: a watchlist of N names
 * synthesised from real list names with realistic perturbations (token
 * order, transliteration swaps, a dropped or added word, a typing slip, an
 * honorific), screened against the records OFAC added on one day and
 * against a whole list. Each time is also given as a ratio to a naive
 * all-pairs loop over the same watchlist, measured on a sample in the same
 * run, with how many of the naive loop's matches the index found: on a
 * spread of added records, a spread of the whole list, and the records of
 * the whole list with the most matches (frequent names and short words,
 * where the index has the most to get wrong); the ones it missed are
 * listed.
 * Usage: match_scale OLD.csv NEW.csv ALT.csv N */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "daemon/match.h"
#include "watchers/watcher.h"

#include "bench/bench_recs.h"

static int
load(const char *path, const char *alt, struct recs *rs)
{
	const struct watcher_ops *ops = watcher_find("ofac-sdn-csv");
	struct watcher_input	 in;
	struct mapped		 m, a;
	char			 err[512];
	int			 rc;

	memset(&in, 0, sizeof in);
	if (file_map(path, &m, err, sizeof err) == -1 ||
	    file_map(alt, &a, err, sizeof err) == -1) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	in.main = (struct watcher_file){ "main", path, m.data, m.len };
	in.companions[0] = (struct watcher_file){ "alt", alt, a.data, a.len };
	in.ncompanions = 1;
	rc = ops->parse(&in, keep_cb, rs, err, sizeof err);
	if (rc == -1)
		fprintf(stderr, "%s\n", err);
	file_unmap(&m);
	file_unmap(&a);
	return rc;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* One perturbed spelling of name into b. */
static void
perturb(const char *name, struct buf *b)
{
	static const char *const swaps[][2] = { { "v", "w" }, { "i", "y" },
	    { "ks", "x" }, { "kh", "h" }, { "u", "ou" }, { "e", "ye" },
	    { "ch", "tch" }, { "mm", "m" }, { "ee", "i" }, { "q", "k" } };
	char	*words[32], *copy = xstrdup(name), *save = NULL, *w;
	size_t	 n = 0;
	uint32_t how = rnd(8);

	for (w = strtok_r(copy, " ,", &save); w && n < 32;
	    w = strtok_r(NULL, " ,", &save))
		words[n++] = w;
	if (n > 1 && rnd(2)) {		/* "SURNAME, Given" → any order */
		size_t i = rnd((uint32_t)n), j = rnd((uint32_t)n);
		char *t = words[i];

		words[i] = words[j];
		words[j] = t;
	}
	if (how == 0 && n > 2)		/* drop a word */
		n--;
	if (how == 1)
		buf_adds(b, "Mr ");
	for (size_t i = 0; i < n; i++) {
		char tmp[256];

		snprintf(tmp, sizeof tmp, "%s", words[i]);
		if (how == 2) {		/* a transliteration swap */
			const char *const *sw = swaps[rnd(10)];
			char *p = strcasestr(tmp, sw[0]);

			if (p && strlen(tmp) + strlen(sw[1]) < sizeof tmp - 1) {
				memmove(p + strlen(sw[1]), p + strlen(sw[0]),
				    strlen(p + strlen(sw[0])) + 1);
				memcpy(p, sw[1], strlen(sw[1]));
			}
		} else if (how == 3 && strlen(tmp) > 4 && i == 0) {
			size_t k = 1 + rnd((uint32_t)strlen(tmp) - 2);
			char c = tmp[k];	/* a typing slip */

			tmp[k] = tmp[k + 1];
			tmp[k + 1] = c;
		}
		if (i)
			buf_addc(b, ' ');
		buf_adds(b, tmp);
	}
	if (how == 4)
		buf_adds(b, " Holding");
	free(copy);
}

/* Screens n records; per (may be NULL) gets each record's match count. */
static size_t
screen(const struct watchlist *wl, const struct record *v, size_t n,
    size_t *nm, size_t *per)
{
	struct matches	m = { 0 };

	*nm = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = match_record(wl, &v[i], &m);

		*nm += k;
		if (per != NULL)
			per[i] = k;
		matches_clear(&m);
	}
	return n;
}

/* The sample the naive loop runs on, as pointers into the lists. */
#define NSAMPLE_ADDED	4
#define NSAMPLE_SPREAD	8
#define NSAMPLE_TOP	4
#define NSAMPLE		(NSAMPLE_ADDED + NSAMPLE_SPREAD + NSAMPLE_TOP)

static size_t
pick_sample(const struct recs *added, const struct recs *cur,
    const size_t *per, const struct record **out)
{
	size_t	n = 0;

	for (size_t i = 0; i < NSAMPLE_ADDED && i < added->n; i++)
		out[n++] = &added->v[i * (added->n / NSAMPLE_ADDED)];
	for (size_t i = 0; i < NSAMPLE_SPREAD && i < cur->n; i++)
		out[n++] = &cur->v[i * (cur->n / NSAMPLE_SPREAD) +
		    cur->n / (2 * NSAMPLE_SPREAD)];
	for (size_t t = 0; t < NSAMPLE_TOP; t++) {
		size_t best = (size_t)-1;

		for (size_t i = 0; i < cur->n; i++) {
			int taken = 0;

			for (size_t j = 0; j < n; j++)
				taken |= out[j] == &cur->v[i];
			if (!taken && (best == (size_t)-1 || per[i] > per[best]))
				best = i;
		}
		if (best != (size_t)-1)
			out[n++] = &cur->v[best];
	}
	return n;
}

/* Prints the naive loop's matches that the index did not find (the first
 * ten of the run, all with MATCH_SCALE_LOST set); returns how many. With
 * MATCH_SCALE_DUMP=FILE, every naive match is also written to FILE, one a
 * line, found or lost, to compare two scorers. */
static size_t
report_lost(const struct record *r, const struct matches *naive,
    const struct matches *ix, size_t shown, FILE *dump)
{
	size_t	lost = 0, cap = getenv("MATCH_SCALE_LOST") ? SIZE_MAX : 10;

	for (size_t i = 0; i < naive->n; i++) {
		int found = 0;

		for (size_t j = 0; j < ix->n && !found; j++)
			found = strcmp(naive->v[i].watch, ix->v[j].watch) == 0;
		if (dump != NULL)
			fprintf(dump, "%s\t%s:%s\t%s\t%s\t%.3f\t%s\n",
			    found ? "found" : "lost", r->source, r->id,
			    naive->v[i].matched, naive->v[i].watch,
			    naive->v[i].score, naive->v[i].reason);
		if (found)
			continue;
		if (shown + lost < cap)
			printf("  lost by the index: %s:%s \"%s\" (%s) %s, "
			    "score %.3f\n", r->source, r->id, naive->v[i].matched,
			    r->type ? r->type : "", naive->v[i].watch,
			    naive->v[i].score);
		lost++;
	}
	return lost;
}

int
main(int argc, char **argv)
{
	struct recs		 old = { 0 }, cur = { 0 }, added = { 0 };
	struct buf		 wtext = { 0 }, nb = { 0 };
	struct watchlist	*wl;
	struct strvec		 names = { 0 };
	struct rusage		 ru;
	FILE			*dump = NULL;
	char			 err[512];
	size_t			 n, nm, nsample, naive_m = 0, idx_m = 0;
	size_t			*per, naive_n = 0, nlost = 0;
	const struct record	*sample[NSAMPLE];
	struct matches		 idx[NSAMPLE];
	double			 t0, t_build, t_added, t_all, t_naive;

	if (argc != 5) {
		fprintf(stderr, "usage: match_scale OLD NEW ALT N\n");
		return 2;
	}
	n = strtoul(argv[4], NULL, 10);
	if (load(argv[1], argv[3], &old) == -1 ||
	    load(argv[2], argv[3], &cur) == -1)
		return 1;
	/* the records added between the two versions */
	{
		struct strvec ids = { 0 };

		for (size_t i = 0; i < old.n; i++)
			strvec_push(&ids, old.v[i].id);
		for (size_t i = 0; i < cur.n; i++) {
			int found = 0;

			/* ids are ascending in both: a linear merge would do,
			 * but this runs once */
			for (size_t j = ids.n; j-- > 0 && !found; )
				if (strcmp(ids.v[j], cur.v[i].id) == 0)
					found = 1;
			if (!found) {
				if (added.n == added.cap) {
					added.cap = added.cap ? added.cap * 2 : 64;
					added.v = xrealloc(added.v, added.cap *
					    sizeof *added.v);
				}
				added.v[added.n++] = cur.v[i];
			}
		}
		strvec_clear(&ids);
	}
	for (size_t i = 0; i < old.n; i++) {
		strvec_push(&names, old.v[i].name);
		for (size_t a = 0; a < old.v[i].aliases.n; a++)
			strvec_push(&names, old.v[i].aliases.v[a]);
	}
	/* a tenth of the added names, perturbed, are true hits to find */
	for (size_t i = 0; i < added.n; i += 10)
		strvec_push(&names, added.v[i].name);
	for (size_t i = 0; i < n; i++) {
		const char *nm0 = names.v[rnd((uint32_t)names.n)];

		/* a watchlist line cannot hold " #" (it starts a comment):
		 * vessel names like "M/V ... #2" are left out */
		if (strchr(nm0, '#') != NULL) {
			i--;
			continue;
		}
		buf_reset(&nb);
		perturb(nm0, &nb);
		buf_adds(&wtext, "name: ");
		buf_add(&wtext, nb.data, nb.len);
		buf_addc(&wtext, '\n');
	}
	printf("records: list %zu, added %zu; watch names: %zu from %zu real "
	    "names\n", cur.n, added.n, n, names.n);

	t0 = now();
	wl = match_parse(wtext.data, wtext.len, "synth", err, sizeof err);
	t_build = now() - t0;
	if (wl == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	buf_free(&wtext);

	t0 = now();
	screen(wl, added.v, added.n, &nm, NULL);
	t_added = now() - t0;
	printf("added records: %.3f s, %zu matches\n", t_added, nm);
	per = xcalloc(cur.n ? cur.n : 1, sizeof *per);
	memset(idx, 0, sizeof idx);
	t0 = now();
	screen(wl, cur.v, cur.n, &nm, per);
	t_all = now() - t0;
	printf("whole list: %.3f s, %zu matches\n", t_all, nm);

	/* the naive loop on the sample; its time per record is measured on
	 * the added records alone, like the screen it is compared with */
	nsample = pick_sample(&added, &cur, per, sample);
	for (size_t i = 0; i < nsample; i++) {
		match_record(wl, sample[i], &idx[i]);
		idx_m += idx[i].n;
	}
	match_use_index(wl, 0);
	if (getenv("MATCH_SCALE_DUMP") != NULL &&
	    (dump = fopen(getenv("MATCH_SCALE_DUMP"), "w")) == NULL) {
		perror(getenv("MATCH_SCALE_DUMP"));
		return 1;
	}
	t_naive = 0;
	for (size_t i = 0; i < nsample; i++) {
		struct matches nv = { 0 };

		t0 = now();
		nm = match_record(wl, sample[i], &nv);
		if (i < NSAMPLE_ADDED && i < added.n) {
			t_naive += now() - t0;
			naive_n++;
		}
		naive_m += nm;
		nlost += report_lost(sample[i], &nv, &idx[i], nlost, dump);
		matches_clear(&nv);
		matches_clear(&idx[i]);
	}
	t_naive /= (double)(naive_n ? naive_n : 1);
	if (dump != NULL)
		fclose(dump);
	match_use_index(wl, 1);
	free(per);
	getrusage(RUSAGE_SELF, &ru);

	printf("index build: %.3f s (target < 10 s)\n", t_build);
	printf("screen %zu added records: %.3f s (target < 1 s); naive "
	    "all-pairs estimate %.1f s; speed-up %.0fx\n", added.n, t_added,
	    t_naive * added.n, t_naive * added.n / t_added);
	printf("screen whole list of %zu: %.3f s (target < 30 s); naive "
	    "estimate %.1f s; speed-up %.0fx\n", cur.n, t_all, t_naive * cur.n,
	    t_naive * cur.n / t_all);
	printf("naive sample: %zu records (%zu added, %zu spread over the "
	    "list, %zu with the most matches), %.3f s per added record; the "
	    "index found %zu of the naive loop's %zu matches\n", nsample,
	    naive_n, (size_t)NSAMPLE_SPREAD, nsample - naive_n -
	    NSAMPLE_SPREAD, t_naive, idx_m, naive_m);
	printf("peak memory: %.0f MB (target < 1024 MB)\n", ru.ru_maxrss / 1024.0);

	match_free(wl);
	strvec_clear(&names);
	buf_free(&nb);
	free(added.v);
	for (size_t i = 0; i < old.n; i++)
		record_reset(&old.v[i]);
	for (size_t i = 0; i < cur.n; i++)
		record_reset(&cur.v[i]);
	free(old.v);
	free(cur.v);
	return 0;
}
