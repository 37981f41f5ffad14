/* fuzz_uk_xml.c — libFuzzer harness for the uk-xml watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("uk-xml", data, len);
	return 0;
}
