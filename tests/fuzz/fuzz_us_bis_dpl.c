/* fuzz_us_bis_dpl.c — libFuzzer harness for the us-bis-dpl watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("us-bis-dpl", data, len);
	return 0;
}
