/* fuzz_feed.c — libFuzzer harness for the RSS/RDF/Atom feed watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("feed", data, len);
	return 0;
}
