/* fuzz_un_xml.c — libFuzzer harness for the UN consolidated list XML watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("un-xml", data, len);
	return 0;
}
