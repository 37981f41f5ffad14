/* fixture.h — helpers the list watcher tests share: read an xz fixture into
 * memory, run a watcher over bytes, and check every country spelling. */
#ifndef SW_TEST_FIXTURE_H
#define SW_TEST_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/country.h"
#include "daemon/util.h"
#include "watchers/watcher.h"

/* The decompressed bytes of tests/data/PATH.xz into b (caller frees). */
static __attribute__((unused)) int
fixture_xz(const char *path, struct buf *b)
{
	char	*cmd = xasprintf("xz -dc '%s'", path), chunk[65536];
	FILE	*p = popen(cmd, "r");
	size_t	 n;

	free(cmd);
	if (p == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(b, chunk, n);
	return pclose(p) == 0 ? 0 : -1;
}

struct fixture_out {
	json_t	*records;	/* array of record objects */
};

static __attribute__((unused)) int
fixture_collect_cb(struct record *r, void *arg)
{
	json_array_append_new(((struct fixture_out *)arg)->records,
	    record_to_json(r));
	return 0;
}

/* Runs format over data; returns the records (new reference) or NULL with
 * err. */
static __attribute__((unused)) json_t *
fixture_parse(const char *format, const char *name, const char *data,
    size_t len, char *err, size_t errlen)
{
	const struct watcher_ops	*ops = watcher_find(format);
	struct watcher_input		 in;
	struct fixture_out		 out = { json_array() };

	memset(&in, 0, sizeof in);
	in.main = (struct watcher_file){ "main", name, data, len };
	if (ops == NULL || ops->parse(&in, fixture_collect_cb, &out, err,
	    errlen) == -1) {
		json_decref(out.records);
		return NULL;
	}
	return out.records;
}

/* format refuses text, read as a file named t.xml, with one line that
 * names the file and contains msg. */
static __attribute__((unused)) void
fixture_refuses(const char *format, const char *text, const char *msg)
{
	char	 err[SW_ERRLEN] = "";
	json_t	*recs = fixture_parse(format, "t.xml", text, strlen(text), err,
	    sizeof err);

	assert_null(recs);
	if (strstr(err, msg) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err, msg);
	assert_null(strchr(err, '\n'));
	assert_true(strncmp(err, "t.xml", 5) == 0);
}

/* The record with that id, borrowed, or NULL. */
static __attribute__((unused)) json_t *
fixture_find(json_t *records, const char *id)
{
	size_t	 i;
	json_t	*r;

	json_array_foreach(records, i, r)
		if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0)
			return r;
	return NULL;
}

static __attribute__((unused)) const char *
fixture_str(json_t *r, const char *key)
{
	return json_string_value(json_object_get(r, key));
}

/* Values that name no country, seen in the real files. */
static const char *const fixture_not_countries[] = { "Unknown",
    "None Identified", "na", "USSR (until 1991)", "former Soviet Union",
    NULL };

/* Appends to bad every country-bearing value under v that maps to no code. */
static __attribute__((unused)) void
fixture_countries(json_t *v, const char *key, struct strvec *bad)
{
	static const char *const keys[] = { "country", "nationality",
	    "vessel_flag", "country_of_birth", "country_of_issue", NULL };
	const char	*k, *codes[8];
	json_t		*x;
	size_t		 i;

	if (json_is_object(v)) {
		json_object_foreach(v, k, x)
			fixture_countries(x, k, bad);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			fixture_countries(x, key, bad);
	} else if (json_is_string(v) && key != NULL) {
		const char *s = json_string_value(v);

		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(keys[i], key) == 0)
				break;
		if (keys[i] == NULL)
			return;
		for (i = 0; fixture_not_countries[i] != NULL; i++)
			if (strcmp(fixture_not_countries[i], s) == 0)
				return;
		if (country_scan(s, strlen(s), codes, 8) == 0)
			strvec_push_unique(bad, s);
	}
}

#endif
