/* record.c — record lifetime and its JSON form (the canonical content). */
#include "daemon/record.h"

#include <stdlib.h>
#include <string.h>

void
record_init(struct record *r)
{
	memset(r, 0, sizeof *r);
}

void
record_reset(struct record *r)
{
	free(r->source);
	free(r->id);
	free(r->type);
	free(r->name);
	strvec_clear(&r->aliases);
	strvec_clear(&r->programs);
	strvec_clear(&r->countries);
	free(r->remarks);
	json_decref(r->extra);
	record_init(r);
}

void
record_set_extra(struct record *r, const char *key, const char *val)
{
	if (val == NULL || *val == '\0')
		return;
	if (r->extra == NULL)
		r->extra = json_object();
	json_object_set_new(r->extra, key, json_string(val));
}

static json_t *
strvec_json(const struct strvec *sv)
{
	json_t	*a = json_array();

	for (size_t i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	return a;
}

json_t *
record_to_json(const struct record *r)
{
	json_t	*o = json_object();

	if (r->extra != NULL)
		json_object_update(o, r->extra);
	json_object_set_new(o, "source", json_string(r->source ? r->source : ""));
	json_object_set_new(o, "id", json_string(r->id ? r->id : ""));
	json_object_set_new(o, "type", json_string(r->type ? r->type : "entity"));
	json_object_set_new(o, "name", json_string(r->name ? r->name : ""));
	json_object_set_new(o, "aliases", strvec_json(&r->aliases));
	json_object_set_new(o, "programs", strvec_json(&r->programs));
	json_object_set_new(o, "countries", strvec_json(&r->countries));
	json_object_set_new(o, "remarks",
	    r->remarks ? json_string(r->remarks) : json_null());
	return o;
}

static int
strvec_from_json(struct strvec *sv, const json_t *a)
{
	size_t	 i;
	json_t	*v;

	if (a == NULL)
		return 0;
	if (!json_is_array(a))
		return -1;
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return -1;
		strvec_push(sv, json_string_value(v));
	}
	return 0;
}

static char *
dup_member(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s ? xstrdup(s) : NULL;
}

int
record_is_core_key(const char *key)
{
	static const char *const core[] = { "source", "id", "type", "name",
	    "aliases", "programs", "countries", "remarks", NULL };

	for (size_t i = 0; core[i] != NULL; i++)
		if (strcmp(core[i], key) == 0)
			return 1;
	return 0;
}

int
record_from_json(struct record *r, const json_t *o, char *err, size_t errlen)
{
	const char	*key;
	json_t		*v;

	if (!json_is_object(o))
		return seterr(err, errlen, "record is not a JSON object");
	r->source = dup_member(o, "source");
	r->id = dup_member(o, "id");
	r->type = dup_member(o, "type");
	r->name = dup_member(o, "name");
	r->remarks = dup_member(o, "remarks");
	if (r->id == NULL || r->name == NULL)
		return seterr(err, errlen, "record lacks id or name");
	if (strvec_from_json(&r->aliases, json_object_get(o, "aliases")) == -1 ||
	    strvec_from_json(&r->programs, json_object_get(o, "programs")) == -1 ||
	    strvec_from_json(&r->countries, json_object_get(o, "countries")) == -1)
		return seterr(err, errlen, "record %s: bad array", r->id);
	json_object_foreach((json_t *)(uintptr_t)o, key, v) {
		if (record_is_core_key(key))
			continue;
		if (r->extra == NULL)
			r->extra = json_object();
		json_object_set(r->extra, key, v);
	}
	return 0;
}

int
record_from_text(struct record *r, const char *json)
{
	json_t	*o = json_loads(json, 0, NULL);
	int	 rc;

	rc = o != NULL && record_from_json(r, o, NULL, 0) == 0 ? 0 : -1;
	json_decref(o);
	return rc;
}

char *
json_canonical(const json_t *o)
{
	char	*s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS |
	    JSON_ENSURE_ASCII);

	if (s == NULL)
		fatalx("json_dumps failed");
	return s;
}

char *
record_canonical(const struct record *r)
{
	json_t	*o = record_to_json(r);
	char	*s = json_canonical(o);

	json_decref(o);
	return s;
}
