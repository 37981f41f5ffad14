/* fuzz_ca_sema_xml.c — libFuzzer harness for the ca-sema-xml watcher. */
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_watcher("ca-sema-xml", data, len);
	return 0;
}
