/* fuzz_us_csl_csv.c — libFuzzer harness for the us-csl-csv watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("us-csl-csv", data, len);
	return 0;
}
