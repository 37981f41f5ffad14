/* fuzz.h — the body every parser harness shares: feed the bytes to one
 * watcher and drop the records. Built by tests/fuzz/run.sh (libFuzzer). */
#ifndef SW_FUZZ_H
#define SW_FUZZ_H

#include <stdint.h>
#include <stdlib.h>

#include "watchers/watcher.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
fuzz_drop_cb(struct record *r, void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

static inline void
fuzz_watcher(const char *format, const uint8_t *data, size_t len)
{
	const struct watcher_ops	*ops = watcher_find(format);
	struct watcher_input		 in = { { "main", "fuzz", NULL, 0 },
	    { { 0 } }, 0, NULL };
	char				 err[SW_ERRLEN];
	char				*copy;

	if (ops == NULL)
		abort();
	/* A private copy so that reads past len are caught by ASan. */
	copy = malloc(len ? len : 1);
	if (len)
		__builtin_memcpy(copy, data, len);
	in.main.data = copy;
	in.main.len = len;
	(void)ops->detect(copy, len);
	(void)ops->parse(&in, fuzz_drop_cb, NULL, err, sizeof err);
	free(copy);
}

#endif
