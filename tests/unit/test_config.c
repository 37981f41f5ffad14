/* test_config.c — the INI config: defaults, durations, and errors that
 * name file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"

static char path[64];

static struct config *
load(const char *text, char *err)
{
	FILE	*f;
	int	 fd;

	snprintf(path, sizeof path, "/tmp/sw-config-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd != -1);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return config_load(path, err, SW_ERRLEN);
}

static void
test_good(void **state)
{
	char		 err[SW_ERRLEN];
	struct config	*cf = load("[sanctwatch]\nstate_dir = /var/tmp/x\n"
	    "watchlist = w.txt\n\n[source ofac]\nformat = ofac-sdn-csv\n"
	    "url = https://example.org/sdn.csv#part   # the list\n"
	    "interval = 15m\t# a quarter\n"
	    "alt_url = https://example.org/alt.csv\n\n[notify hook]\n"
	    "type = webhook\nurl = https://example.org/h\n"
	    "secret = whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n"
	    "secret = whsec_AAECAw==\n", err);

	if (cf == NULL)
		fail_msg("%s", err);
	assert_string_equal(cf->state_dir, "/var/tmp/x");
	assert_string_equal(cf->watchlist, "/tmp/w.txt");
	assert_int_equal(cf->nsources, 1);
	assert_int_equal(cf->sources[0].interval, 900);
	/* "#" after white space starts a comment; inside a URL it does not. */
	assert_string_equal(cf->sources[0].url, "https://example.org/sdn.csv#part");
	assert_int_equal(cf->sources[0].max_bytes, 200 * 1024 * 1024);
	assert_string_equal(cf->sources[0].companion_url[1],
	    "https://example.org/alt.csv");
	assert_int_equal(cf->notifies[0].secrets.n, 2);
	assert_int_equal(cf->notifies[0].lifetime, 3 * 86400);
	config_free(cf);
	unlink(path);
}

static void
expect_error(const char *text, const char *want)
{
	char		 err[SW_ERRLEN] = "", full[SW_ERRLEN + 80];
	struct config	*cf = load(text, err);

	if (cf != NULL)
		fail_msg("accepted; wanted \"%s\"", want);
	snprintf(full, sizeof full, "%s%s", path, want);
	if (strstr(err, want) == NULL || strncmp(err, path, strlen(path)) != 0)
		fail_msg("error \"%s\" is not \"%s\"", err, full);
	unlink(path);
}

static void
test_errors(void **state)
{
	expect_error("[sanctwatch]\nstate_dri = x\n",
	    ":2: unknown key \"state_dri\" in [sanctwatch]");
	expect_error("[source a]\nformat = ofac-sdn-csv\ninterval = soon\n",
	    ":3: interval: bad value \"soon\"");
	expect_error("[source a]\ninterval = 1s\n",
	    ":2: interval: 1s is out of range");
	expect_error("[sourc a]\nurl = x\n", ":2: unknown section [sourc a]");
	expect_error("[sanctwatch]\nthis line has no equals sign\n",
	    ":2: syntax error");
	expect_error("[source a]\nformat = nope\nurl = https://x/\n",
	    ": [source a]: unknown format \"nope\"");
	expect_error("[source a]\nformat = ofac-sdn-csv\nurl = ftp://x/\n",
	    ": [source a]: url must be an http:// or https:// URL");
	expect_error("[notify h]\ntype = webhook\nurl = https://x/\n",
	    ": [notify h]: secret or secret_file is required");
	expect_error("[notify h]\ntype = webhook\nurl = https://x/\nsecret = nope!\n",
	    ": [notify h]: secret 1 is not whsec_");
	expect_error("[notify h]\ntype = pager\n", ": [notify h]: unknown type");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
