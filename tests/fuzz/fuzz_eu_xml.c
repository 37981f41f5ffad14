/* fuzz_eu_xml.c — libFuzzer harness for the eu-xml watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("eu-xml", data, len);
	return 0;
}
