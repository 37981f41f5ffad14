/* match_quality.c — recall and false positives of the name matcher on
 * pairs from real lists (bench/match_pairs.py): positives are names the
 * publisher gives for one record, negatives names of different records.
 * Usage: match_quality PAIRS.TSV [MISSES_OUT]. Prints recall per stratum,
 * per class (match_pairs.py says, from the words alone, whether an alias is
 * a variant of the name or another name) and overall at MATCH_THRESHOLD,
 * the false-positive rate, and the misses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/match.h"
#include "daemon/record.h"
#include "daemon/util.h"

/* The sweep: recall on variants and false positives at each threshold. */
#define NSWEEP	12
static const double sweep[NSWEEP] = { 0.60, 0.65, 0.70, 0.72, 0.75, 0.78,
    0.80, 0.82, 0.85, 0.88, 0.90, 0.93 };

/* Negatives: primary names of two records at random, two sharing a
 * distinctive word, and an original-script name against another record's
 * primary name. */
enum { NEG_RANDOM, NEG_SHARED, NEG_SCRIPT, NEG_N };

struct negclass {
	size_t	n, fp, sw[NSWEEP];
};

struct stratum {
	char	name[64];
	size_t	n, hit;
};

/* The counter for name in v (n used of cap); the last one when full. */
static struct stratum *
stratum_get(struct stratum *v, size_t *n, size_t cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	if (*n == cap)
		return &v[cap - 1];
	snprintf(v[*n].name, sizeof v[*n].name, "%s", name);
	v[*n].n = v[*n].hit = 0;
	return &v[(*n)++];
}

static double
pct(size_t k, size_t n)
{
	return n ? 100.0 * k / n : 0.0;
}

/* A positive pair the scorer matched, to be found through the index. */
struct hitpair {
	char	*watch, *cand;
	int	 person, var;
};

static int
hitpair_cmp(const void *x, const void *y)
{
	const struct hitpair *a = x, *b = y;
	int c = strcmp(a->cand, b->cand);

	return c ? c : a->person - b->person;
}

/*
 * The scorer alone is not what the daemon runs: it screens a record
 * through the index (match.c), which must first find the watch. Every
 * watched name of the matched positive pairs makes one watchlist; each
 * listed name is screened as a record of its kind, and each pair counts
 * when the watch is among the record's matches.
 */
static void
index_recall(struct hitpair *h, size_t n, FILE *mf)
{
	struct buf		 text = { 0 };
	struct watchlist	*wl;
	char			 err[512];
	size_t			 found = 0, vfound = 0, vn = 0, total = 0;

	for (size_t i = 0; i < n; i++)
		if (strpbrk(h[i].watch, "#~\n") == NULL) {
			buf_adds(&text, "name: ");
			buf_adds(&text, h[i].watch);
			buf_addc(&text, '\n');
		}
	wl = match_parse(text.data ? text.data : "", text.len, "pairs", err,
	    sizeof err);
	buf_free(&text);
	if (wl == NULL) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	qsort(h, n, sizeof *h, hitpair_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		struct record	r;
		struct matches	m = { 0 };

		record_init(&r);
		r.type = xstrdup(h[i].person ? "individual" : "entity");
		r.name = xstrdup(h[i].cand);
		match_record(wl, &r, &m);
		for (j = i; j < n && hitpair_cmp(&h[i], &h[j]) == 0; j++) {
			char	*line;
			int	 ok;

			if (strpbrk(h[j].watch, "#~\n") != NULL)
				continue;
			line = xasprintf("name: %s", h[j].watch);
			ok = matches_find(&m, line) != NULL;
			free(line);
			total++;
			found += ok;
			if (!ok && mf != NULL)
				fprintf(mf, "LOST BY THE INDEX\t%s\t%s\t%s\n",
				    h[j].var ? "variant" : "other", h[j].watch,
				    h[j].cand);
			vn += h[j].var;
			vfound += ok && h[j].var;
		}
		matches_clear(&m);
		record_reset(&r);
	}
	match_free(wl);
	printf("through the index, as the daemon screens: %zu of the %zu "
	    "positive pairs the scorer matches (variants: %zu of %zu)\n",
	    found, total, vfound, vn);
}

int
main(int argc, char **argv)
{
	FILE		*f, *mf = NULL;
	char		*line = NULL;
	size_t		 cap = 0, npos = 0, hit = 0, nshown = 0;
	struct negclass	 neg[NEG_N] = { { 0 } };
	struct stratum	 st[64], cl[8];
	size_t		 nst = 0, ncl = 0;
	char		 why[1024];
	size_t		 sw_var[NSWEEP] = { 0 }, nvar = 0;
	struct hitpair	*hp = NULL;
	size_t		 nhp = 0, caphp = 0, held[MATCH_G_N + 1] = { 0 };	/* by guard (match_guards) */

	if (argc < 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: match_quality PAIRS.TSV [MISSES]\n");
		return 2;
	}
	if (argc > 2)
		mf = fopen(argv[2], "w");
	while (getline(&line, &cap, f) > 0) {
		char	*fld[6], *p = line, *save = NULL;
		int	 n = 0, person;
		double	 s;

		line[strcspn(line, "\n")] = '\0';
		for (char *t = strtok_r(p, "\t", &save); t && n < 6;
		    t = strtok_r(NULL, "\t", &save))
			fld[n++] = t;
		if (n != 6)
			continue;
		person = fld[2][0] == '1';
		s = match_name_score(fld[3], fld[4], person, why, sizeof why);
		if (strcmp(fld[0], "neg") == 0) {
			size_t	c = strcmp(fld[5], "random") == 0 ? NEG_RANDOM :
			    strcmp(fld[5], "script") == 0 ? NEG_SCRIPT :
			    NEG_SHARED;

			for (size_t k = 0; k < NSWEEP; k++)
				neg[c].sw[k] += s >= sweep[k];
			neg[c].n++;
			if (s >= MATCH_THRESHOLD) {
				neg[c].fp++;
				if (mf)
					fprintf(mf, "FALSE POSITIVE\t%s\t%s\t%s\t%s\n",
					    fld[5], fld[3], fld[4], why);
			}
			continue;
		}
		{
			struct stratum	*a = stratum_get(st, &nst, 64, fld[1]);
			struct stratum	*c = stratum_get(cl, &ncl, 8, fld[5]);
			int		 var = strcmp(fld[5], "variant") == 0 ||
			    strcmp(fld[5], "partial") == 0 ||
			    strcmp(fld[5], "script") == 0;

			if (var) {
				nvar++;
				for (size_t k = 0; k < NSWEEP; k++)
					sw_var[k] += s >= sweep[k];
			}
			npos++;
			a->n++;
			c->n++;
			if (s >= MATCH_THRESHOLD) {
				hit++;
				a->hit++;
				c->hit++;
				if (nhp == caphp) {
					caphp = caphp ? caphp * 2 : 1024;
					hp = xrealloc(hp, caphp * sizeof *hp);
				}
				hp[nhp].watch = xstrdup(fld[3]);
				hp[nhp].cand = xstrdup(fld[4]);
				hp[nhp].person = person;
				hp[nhp++].var = var;
			} else {
				size_t g = 0;

				while (g < MATCH_G_N &&
				    strstr(why, match_guards[g]) == NULL)
					g++;
				held[g] += var;
				if (mf)
					fprintf(mf, "MISS\t%s\t%s\t%s\t%s\t%.3f\t%s\n",
					    fld[5], fld[1], fld[3], fld[4], s, why);
				if (var && nshown++ < 15)
					printf("  miss %-9s %-24s %.3f  \"%s\" vs "
					    "\"%s\"\n", fld[5], fld[1], s, fld[3],
					    fld[4]);
			}
		}
	}
	free(line);
	fclose(f);
	printf("threshold %.2f\n", MATCH_THRESHOLD);
	for (size_t i = 0; i < nst; i++)
		printf("  recall %-28s %5zu/%5zu = %.4f\n", st[i].name,
		    st[i].hit, st[i].n, st[i].n ? (double)st[i].hit / st[i].n : 0);
	printf("recall (all publisher aliases): %zu/%zu = %.4f\n", hit, npos,
	    npos ? (double)hit / npos : 0);
	{
		size_t vn = 0, vh = 0;

		for (size_t i = 0; i < ncl; i++) {
			printf("  recall class %-21s %5zu/%5zu = %.4f\n",
			    cl[i].name, cl[i].hit, cl[i].n, cl[i].n ?
			    (double)cl[i].hit / cl[i].n : 0);
			if (strcmp(cl[i].name, "variant") == 0 ||
			    strcmp(cl[i].name, "partial") == 0 ||
			    strcmp(cl[i].name, "script") == 0) {
				vn += cl[i].n;
				vh += cl[i].hit;
			}
		}
		printf("recall (variants of the name: classes variant + "
		    "partial + script; target 0.98): %zu/%zu = %.4f\n", vh, vn,
		    vn ? (double)vh / vn : 0);
	}
	printf("variant misses by what held them:");
	for (size_t g = 0; g < MATCH_G_N; g++)
		printf(" %s %zu;", match_guards[g], held[g]);
	printf(" scored under the threshold %zu\n", held[MATCH_G_N]);
	printf("threshold sweep (variant recall / random FP / shared-word FP "
	    "/ original-script FP):\n");
	for (size_t k = 0; k < NSWEEP; k++)
		printf("  %.2f  %.4f  %.4f%%  %.2f%%  %.4f%%\n", sweep[k],
		    nvar ? (double)sw_var[k] / nvar : 0,
		    pct(neg[NEG_RANDOM].sw[k], neg[NEG_RANDOM].n),
		    pct(neg[NEG_SHARED].sw[k], neg[NEG_SHARED].n),
		    pct(neg[NEG_SCRIPT].sw[k], neg[NEG_SCRIPT].n));
	printf("false positives, random pairs (target <= 0.5%%): %zu/%zu = "
	    "%.4f%%\n", neg[NEG_RANDOM].fp, neg[NEG_RANDOM].n,
	    pct(neg[NEG_RANDOM].fp, neg[NEG_RANDOM].n));
	printf("false positives, pairs sharing a distinctive word: %zu/%zu = "
	    "%.4f%%\n", neg[NEG_SHARED].fp, neg[NEG_SHARED].n,
	    pct(neg[NEG_SHARED].fp, neg[NEG_SHARED].n));
	printf("false positives, original-script names against other records: "
	    "%zu/%zu = %.4f%%\n", neg[NEG_SCRIPT].fp, neg[NEG_SCRIPT].n,
	    pct(neg[NEG_SCRIPT].fp, neg[NEG_SCRIPT].n));
	index_recall(hp, nhp, mf);
	for (size_t i = 0; i < nhp; i++) {
		free(hp[i].watch);
		free(hp[i].cand);
	}
	free(hp);
	if (mf)
		fclose(mf);
	return 0;
}
