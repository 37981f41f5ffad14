/* fuzz_agent_hello.c — libFuzzer harness for the first line a desktop
 * agent sends (daemon/agent.c): any allowed local user can write it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "config/config.h"
#include "daemon/agent.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct config *
fuzz_config(void)
{
	char	 path[] = "/tmp/sw-fuzz-agent-XXXXXX", err[SW_ERRLEN];
	int	 fd = mkstemp(path);
	FILE	*f = fdopen(fd, "w");
	struct config *cf;

	fputs("[notify desk]\ntype = desktop\nmode = agent\n\n"
	    "[notify pop]\ntype = desktop\n", f);
	fclose(f);
	if ((cf = config_load(path, err, sizeof err)) == NULL)
		abort();
	unlink(path);
	return cf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cf;
	struct strvec		 v = { 0 };
	json_t			*o;
	char			 err[SW_ERRLEN];

	if (cf == NULL)
		cf = fuzz_config();
	if ((o = json_loadb((const char *)data, len, 0, NULL)) != NULL) {
		(void)agent_hello_channels(cf, o, &v, err, sizeof err);
		json_decref(o);
	}
	strvec_clear(&v);
	return 0;
}
