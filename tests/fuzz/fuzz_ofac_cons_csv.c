/* fuzz_ofac_cons_csv.c — libFuzzer harness for the OFAC consolidated (non-SDN) CSV watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("ofac-cons-csv", data, len);
	return 0;
}
