/* bench_xml_rss.c — parses one file with one watcher, dropping the records,
 * and reports the peak resident and the peak anonymous (heap) memory: the
 * file's own mapped pages count in the first but not in the second, which is
 * the memory the parser grows by. Used by bench_xml.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "daemon/util.h"
#include "watchers/watcher.h"

struct bench {
	long	nrec;
	long	peak_anon_kb;
};

static long
rss_anon_kb(void)
{
	FILE	*f = fopen("/proc/self/status", "r");
	char	 line[256];
	long	 kb = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "RssAnon: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Samples every 256 records: cheap, and a record is far smaller than the
 * growth we look for. */
static int
bench_cb(struct record *r, void *arg)
{
	struct bench	*b = arg;
	long		 kb;

	(void)r;
	if (++b->nrec % 256 == 0 && (kb = rss_anon_kb()) > b->peak_anon_kb)
		b->peak_anon_kb = kb;
	return 0;
}

int
main(int argc, char **argv)
{
	const struct watcher_ops	*ops;
	struct watcher_input		 in;
	struct mapped			 m;
	struct bench			 b = { 0, 0 };
	struct rusage			 ru;
	struct timespec			 t0, t1;
	char				 err[SW_ERRLEN];
	long				 kb;

	if (argc != 3 || (ops = watcher_find(argv[1])) == NULL) {
		fprintf(stderr, "usage: bench_xml_rss FORMAT FILE\n");
		return 2;
	}
	if (file_map(argv[2], &m, err, sizeof err) == -1) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	memset(&in, 0, sizeof in);
	in.main = (struct watcher_file){ "main", argv[2], m.data, m.len };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (ops->parse(&in, bench_cb, &b, err, sizeof err) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if ((kb = rss_anon_kb()) > b.peak_anon_kb)
		b.peak_anon_kb = kb;
	getrusage(RUSAGE_SELF, &ru);
	printf("records %ld bytes %zu seconds %.3f peak_rss_kb %ld "
	    "peak_anon_kb %ld\n", b.nrec, m.len, (double)(t1.tv_sec -
	    t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss,
	    b.peak_anon_kb);
	file_unmap(&m);
	return 0;
}
