/* outbox.c — meta-alerts: when one channel cannot deliver, the others
 * are told, so an alert is never silently lost. */
#include "daemon/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/util.h"

void
outbox_meta(struct store_alert *out, const char *kind, const char *channel,
    const char *key, const char *reason, const char *original,
    int64_t dropped, int64_t now)
{
	char	*s = xasprintf("meta\n%s\n%s\n%s", kind, channel, key ? key : "");
	char	 hex[65], id[40], iso[32];
	json_t	*o;

	sha256_hex(s, strlen(s), hex);
	free(s);
	snprintf(id, sizeof id, "sw_%.32s", hex);
	time_iso8601(now, iso);
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "alert_id", id,
	    "event", "meta", "source", "sanctwatch", "kind", kind, "channel",
	    channel, "reason", reason ? reason : "", "detected_at", iso);
	if (original != NULL) {
		json_t	*a = json_loads(original, 0, NULL);

		if (a != NULL)
			json_object_set_new(o, "alert", a);
	}
	if (dropped > 0)
		json_object_set_new(o, "dropped", json_integer(dropped));
	memset(out, 0, sizeof *out);
	out->id = xstrdup(id);
	out->event = "meta";
	out->record_id = NULL;
	out->body = json_dumps(o, JSON_COMPACT);
	json_decref(o);
}

void
outbox_meta_free(struct store_alert *a)
{
	if (a == NULL)
		return;
	free(a->id);
	free(a->body);
	memset(a, 0, sizeof *a);
}
