/* match_quality.c — recall and false positives of the name matcher on
 * pairs from real lists (bench/match_pairs.py): positives are names the
 * publisher gives for one record, negatives names of different records.
 * Usage: match_quality PAIRS.TSV [MISSES_OUT]. Prints recall per stratum
 * and overall at MATCH_THRESHOLD, the false-positive rate, and the misses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/match.h"

struct stratum {
	char	name[64];
	size_t	n, hit;
};

int
main(int argc, char **argv)
{
	FILE		*f, *mf = NULL;
	char		*line = NULL;
	size_t		 cap = 0, npos = 0, hit = 0, nneg = 0, fp = 0;
	size_t		 nvar = 0, hitvar = 0, nshown = 0;
	struct stratum	 st[64];
	size_t		 nst = 0;
	char		 why[1024];

	if (argc < 2 || (f = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: match_quality PAIRS.TSV [MISSES]\n");
		return 2;
	}
	if (argc > 2)
		mf = fopen(argv[2], "w");
	while (getline(&line, &cap, f) > 0) {
		char	*fld[5], *p = line, *save = NULL;
		int	 n = 0, person;
		double	 s;

		line[strcspn(line, "\n")] = '\0';
		for (char *t = strtok_r(p, "\t", &save); t && n < 5;
		    t = strtok_r(NULL, "\t", &save))
			fld[n++] = t;
		if (n != 5)
			continue;
		person = fld[2][0] == '1';
		s = match_name_score(fld[3], fld[4], person, why, sizeof why);
		if (strcmp(fld[0], "neg") == 0) {
			nneg++;
			if (s >= MATCH_THRESHOLD) {
				fp++;
				if (mf)
					fprintf(mf, "FALSE POSITIVE\t%s\t%s\t%s\n",
					    fld[3], fld[4], why);
			}
			continue;
		}
		{
			size_t	i;
			/* "variant" strata: a spelling of the same name
			 * (aka / good-quality alias / original script), as
			 * opposed to former names and weak nicknames. */
			int var = strstr(fld[1], "-aka") ||
			    strstr(fld[1], "-good") ||
			    strstr(fld[1], "-a.k.a.") ||
			    strstr(fld[1], "-script");

			for (i = 0; i < nst; i++)
				if (strcmp(st[i].name, fld[1]) == 0)
					break;
			if (i == nst && nst < 64) {
				snprintf(st[nst].name, sizeof st[nst].name, "%s",
				    fld[1]);
				st[nst].n = st[nst].hit = 0;
				nst++;
			}
			npos++;
			if (var)
				nvar++;
			if (i < nst)
				st[i].n++;
			if (s >= MATCH_THRESHOLD) {
				hit++;
				if (var)
					hitvar++;
				if (i < nst)
					st[i].hit++;
			} else {
				if (mf)
					fprintf(mf, "MISS\t%s\t%s\t%s\t%.3f\n",
					    fld[1], fld[3], fld[4], s);
				if (nshown++ < 15)
					printf("  miss %-28s %.3f  \"%s\" vs \"%s\"\n",
					    fld[1], s, fld[3], fld[4]);
			}
		}
	}
	free(line);
	fclose(f);
	if (mf)
		fclose(mf);
	printf("threshold %.2f\n", MATCH_THRESHOLD);
	for (size_t i = 0; i < nst; i++)
		printf("  recall %-28s %5zu/%5zu = %.4f\n", st[i].name,
		    st[i].hit, st[i].n, st[i].n ? (double)st[i].hit / st[i].n : 0);
	printf("recall (all publisher aliases): %zu/%zu = %.4f\n", hit, npos,
	    npos ? (double)hit / npos : 0);
	printf("false positives: %zu/%zu = %.4f%%\n", fp, nneg,
	    nneg ? 100.0 * fp / nneg : 0);
	printf("recall (aka/good/script, excluding former names and "
	    "low-quality aliases): %zu/%zu = %.4f\n", hitvar, nvar,
	    nvar ? (double)hitvar / nvar : 0);
	return 0;
}
