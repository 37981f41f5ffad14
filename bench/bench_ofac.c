/* bench_ofac.c — parse time of the largest real OFAC SDN CSV, with `wc -l`
 * on the same file as the baseline measured in the same run. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "watchers/watcher.h"

extern char **environ;

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
count_cb(struct record *r, void *arg)
{
	(*(size_t *)arg)++;
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
run_wc(const char *path)
{
	char	 a0[] = "wc", a1[] = "-l", *a2 = strdup(path);
	char	*argv[] = { a0, a1, a2, NULL };
	pid_t	 pid;
	int	 st;
	double	 t0 = now_ms();
	posix_spawn_file_actions_t fa;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	if (posix_spawnp(&pid, "wc", &fa, NULL, argv, environ) != 0) {
		free(a2);
		return -1;
	}
	waitpid(pid, &st, 0);
	posix_spawn_file_actions_destroy(&fa);
	free(a2);
	return now_ms() - t0;
}

int
main(int argc, char **argv)
{
	const struct watcher_ops	*ops = watcher_find("ofac-sdn-csv");
	struct watcher_input		 in;
	struct mapped			 m;
	struct rusage			 ru;
	char				 err[SW_ERRLEN];
	enum { RUNS = 15 };
	double				 tp[RUNS], tw[RUNS];
	size_t				 n = 0;

	if (argc != 2 || file_map(argv[1], &m, err, sizeof err) == -1) {
		fprintf(stderr, "usage: bench_ofac SDN.CSV (%s)\n", err);
		return 2;
	}
	memset(&in, 0, sizeof in);
	in.main = (struct watcher_file){ "main", argv[1], m.data, m.len };
	for (int i = 0; i < RUNS; i++) {
		double	t0 = now_ms();

		n = 0;
		if (ops->parse(&in, count_cb, &n, err, sizeof err) == -1) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		tp[i] = now_ms() - t0;
		tw[i] = run_wc(argv[1]);
	}
	qsort(tp, RUNS, sizeof *tp, cmp_double);
	qsort(tw, RUNS, sizeof *tw, cmp_double);
	getrusage(RUSAGE_SELF, &ru);
	printf("ofac-sdn-csv: %s (%zu bytes, %zu records)\n", argv[1], m.len, n);
	printf("  parse median %.2f ms (target < 20 ms), wc -l median %.2f ms, "
	    "ratio %.2fx\n", tp[RUNS / 2], tw[RUNS / 2], tp[RUNS / 2] / tw[RUNS / 2]);
	printf("  peak RSS %ld KiB (file %zu KiB, mapped)\n", ru.ru_maxrss,
	    m.len / 1024);
	file_unmap(&m);
	return 0;
}
