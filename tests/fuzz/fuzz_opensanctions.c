/* fuzz_opensanctions.c — libFuzzer harness for the opensanctions watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("opensanctions", data, len);
	return 0;
}
