/* fuzz_ofac_sdn_csv.c — libFuzzer harness for the OFAC SDN CSV watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("ofac-sdn-csv", data, len);
	return 0;
}
