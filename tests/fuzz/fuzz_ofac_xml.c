/* fuzz_ofac_xml.c — libFuzzer harness for the OFAC sdnList XML watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("ofac-xml", data, len);
	return 0;
}
