/* lists_b.h — shared helpers for the list watchers' unit tests: parse a
 * fixture into a JSON array of records and look records up by id. */
#ifndef SW_TEST_LISTS_B_H
#define SW_TEST_LISTS_B_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/country.h"
#include "watchers/watcher.h"

/* Writes len bytes to a new temporary file; returns its path (the caller
 * unlinks and frees it). */
static __attribute__((unused)) char *
lb_tmp_write(const char *data, size_t len)
{
	char	*path = xstrdup("/tmp/sw-test-XXXXXX");
	int	 fd = mkstemp(path);
	FILE	*f;

	assert_true(fd != -1);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static int
lb_collect_cb(struct record *r, void *arg)
{
	json_array_append_new(arg, record_to_json(r));
	return 0;
}

/* Parses path with format fmt; returns a new array (or NULL with err). Also
 * reports through *detected which format content detection picks. */
static inline json_t *
lb_parse(const char *fmt, const char *path, const char **detected, char *err,
    size_t errlen)
{
	const struct watcher_ops	*ops = watcher_find(fmt), *d;
	struct watcher_input		 in;
	struct mapped			 m;
	json_t				*a = json_array();

	assert_non_null(ops);
	assert_int_equal(file_map(path, &m, err, errlen), 0);
	memset(&in, 0, sizeof in);
	in.main.role = "main";
	in.main.name = path;
	in.main.data = m.data;
	in.main.len = m.len;
	d = watcher_detect(m.data, m.len);
	if (detected != NULL)
		*detected = d ? d->name : "(none)";
	if (ops->parse(&in, lb_collect_cb, a, err, errlen) == -1) {
		json_decref(a);
		a = NULL;
	}
	file_unmap(&m);
	return a;
}

/* lb_parse of a file that must parse, and that content detection must
 * take for fmt too: the new array, or the test fails printing the error. */
static inline json_t *
lb_parse_ok(const char *fmt, const char *path)
{
	char		 err[SW_ERRLEN];
	const char	*det;
	json_t		*a = lb_parse(fmt, path, &det, err, sizeof err);

	if (a == NULL)
		print_error("%s\n", err);
	assert_non_null(a);
	assert_string_equal(det, fmt);
	return a;
}

static inline json_t *
lb_find(const json_t *a, const char *id)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(a, i, v)
		if (strcmp(json_string_value(json_object_get(v, "id")), id) == 0)
			return v;
	return NULL;
}

static inline int
lb_has(const json_t *o, const char *key, const char *s)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(json_object_get(o, key), i, v)
		if (strcmp(json_string_value(v), s) == 0)
			return 1;
	return 0;
}

static inline const char *
lb_str(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* A bad file: rejected with one line naming it. */
static inline void
lb_rejects(const char *fmt, const char *path, const char *needle)
{
	char	 err[SW_ERRLEN] = "";
	json_t	*a = lb_parse(fmt, path, NULL, err, sizeof err);

	if (a != NULL)
		print_error("%s parsed %zu records\n", path, json_array_size(a));
	assert_null(a);
	assert_non_null(strstr(err, path));
	assert_null(strchr(err, '\n'));
	if (strstr(err, needle) == NULL)
		print_error("error \"%s\" lacks \"%s\"\n", err, needle);
	assert_non_null(strstr(err, needle));
}

#endif
