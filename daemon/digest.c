/* digest.c — the id and body of a digest: all the alerts of one poll
 * commit for one channel in one message, stable across retries. */
#include "daemon/digest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/util.h"

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
digest_id(const char *const *alert_ids, size_t n, char *out)
{
	const char	**v = xcalloc(n ? n : 1, sizeof *v);
	struct buf	  b = { 0 };
	char		  hex[65];

	memcpy(v, alert_ids, n * sizeof *v);
	qsort(v, n, sizeof *v, str_cmp);
	buf_adds(&b, "digest");
	for (size_t i = 0; i < n; i++) {
		buf_addc(&b, '\n');
		buf_adds(&b, v[i]);
	}
	sha256_hex(b.data ? b.data : "", b.len, hex);
	snprintf(out, DIGEST_ID_LEN, "swd_%.32s", hex);
	buf_free(&b);
	free(v);
}

static const char *
alert_key(json_t *a)
{
	const char	*s = json_is_object(a) ?
			    json_string_value(json_object_get(a, "alert_id")) :
			    json_string_value(a);

	return s ? s : "";
}

static int
alert_cmp(const void *a, const void *b)
{
	return strcmp(alert_key(*(json_t *const *)a),
	    alert_key(*(json_t *const *)b));
}

char *
digest_body(const char *id, int64_t fetch_seq, const char *const *bodies,
    size_t n)
{
	json_t		**v = xcalloc(n ? n : 1, sizeof *v);
	json_t		 *arr = json_array(), *o;
	const char	 *source = NULL, *detected = NULL;
	char		 *out;

	for (size_t i = 0; i < n; i++)
		if ((v[i] = json_loads(bodies[i], 0, NULL)) == NULL)
			v[i] = json_string(bodies[i]);
	qsort(v, n, sizeof *v, alert_cmp);
	for (size_t i = 0; i < n; i++) {
		if (json_is_object(v[i])) {
			if (source == NULL)
				source = json_string_value(json_object_get(v[i],
				    "source"));
			if (detected == NULL)
				detected = json_string_value(json_object_get(v[i],
				    "detected_at"));
		}
		json_array_append(arr, v[i]);
	}
	o = json_pack("{s:s,s:s,s:s?,s:I,s:I,s:o,s:s?}", "digest_id", id,
	    "event", "digest", "source", source, "fetch_seq",
	    (json_int_t)fetch_seq, "count", (json_int_t)n, "alerts", arr,
	    "detected_at", detected);
	out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	for (size_t i = 0; i < n; i++)
		json_decref(v[i]);
	free(v);
	return out;
}
