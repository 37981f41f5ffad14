/* fuzz_uk_ofsi_csv.c — libFuzzer harness for the uk-ofsi-csv watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("uk-ofsi-csv", data, len);
	return 0;
}
