/* opensanctions.c — OpenSanctions FollowTheMoney JSON lines
 * (entities.ftm.json, targets.nested.json), one entity per line. */
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"
#include "watchers/watcher.h"

extern const struct watcher_ops opensanctions_watcher;

/* FtM schemata that name a party a list can designate; the others
 * (Address, Sanction, Occupancy, Family, Ownership, ...) describe one and
 * are not records of their own. */
static const struct {
	const char	*schema;
	const char	*type;
} os_types[] = {
	{ "Person", "individual" }, { "Organization", "entity" },
	{ "Company", "entity" }, { "LegalEntity", "entity" },
	{ "PublicBody", "entity" }, { "Vessel", "vessel" },
	{ "Airplane", "aircraft" }, { NULL, NULL }
};

static const char *const os_country_props[] = { "country", "nationality",
    "citizenship", "jurisdiction", "mainCountry", "birthCountry",
    "registrationCountry", "flag", NULL };
static const char *const os_alias_props[] = { "name", "alias",
    "previousName", NULL };

/* "last_seen" moves on every export run without any change in the data. */
static void
os_strip_volatile(json_t *v)
{
	const char	*k;
	json_t		*e;
	size_t		 i;

	if (json_is_object(v)) {
		json_object_del(v, "last_seen");
		json_object_foreach(v, k, e)
			os_strip_volatile(e);
	} else if (json_is_array(v))
		json_array_foreach(v, i, e)
			os_strip_volatile(e);
}

static void
os_programs(struct record *r, const json_t *props)
{
	json_t		*v, *s;
	size_t		 i, j;

	json_array_foreach(json_object_get(props, "program"), i, v)
		if (json_is_string(v))
			strvec_push_unique(&r->programs, json_string_value(v));
	/* targets.nested.json embeds the Sanction entities. */
	json_array_foreach(json_object_get(props, "sanctions"), i, s) {
		json_t *p = json_object_get(s, "properties");

		json_array_foreach(json_object_get(p, "program"), j, v)
			if (json_is_string(v))
				strvec_push_unique(&r->programs,
				    json_string_value(v));
	}
}

/* Maps one entity object; 1 when it became a record, 0 when its schema is
 * not a party, -1 with err. Takes the reference to o. */
static int
os_map(json_t *o, struct record *r, const char *fname, size_t line,
    char *err, size_t errlen)
{
	const char	*id = json_string_value(json_object_get(o, "id"));
	const char	*schema = json_string_value(json_object_get(o, "schema"));
	const char	*caption = json_string_value(json_object_get(o,
	    "caption"));
	json_t		*props = json_object_get(o, "properties"), *v;
	struct buf	 rem = { 0 };
	size_t		 i;
	int		 k;

	r->extra = o;
	if (id == NULL || *id == '\0' || schema == NULL || !json_is_object(props))
		return seterr(err, errlen, "%s:%zu: not a FollowTheMoney entity "
		    "(needs id, schema and properties)", fname, line);
	for (k = 0; os_types[k].schema != NULL; k++)
		if (strcmp(os_types[k].schema, schema) == 0)
			break;
	if (os_types[k].schema == NULL)
		return 0;
	r->source = xstrdup(opensanctions_watcher.source);
	r->id = xstrdup(id);
	r->type = xstrdup(os_types[k].type);
	if (caption == NULL || *caption == '\0')
		caption = json_string_value(json_array_get(json_object_get(
		    props, "name"), 0));
	if (caption == NULL || *caption == '\0')
		return seterr(err, errlen, "%s:%zu: entity %s has no name",
		    fname, line, id);
	r->name = xstrdup(caption);
	for (k = 0; os_alias_props[k] != NULL; k++)
		json_array_foreach(json_object_get(props, os_alias_props[k]), i, v)
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), r->name) != 0)
				strvec_push_unique(&r->aliases,
				    json_string_value(v));
	for (k = 0; os_country_props[k] != NULL; k++)
		json_array_foreach(json_object_get(props, os_country_props[k]),
		    i, v) {
			const char *s = json_string_value(v), *code;

			if (s != NULL && (code = country_lookup(s, strlen(s))))
				strvec_push_unique(&r->countries, code);
		}
	os_programs(r, props);
	json_array_foreach(json_object_get(props, "notes"), i, v) {
		if (!json_is_string(v))
			continue;
		if (rem.len > 0)
			buf_addc(&rem, '\n');
		buf_adds(&rem, json_string_value(v));
	}
	if (rem.len > 0)
		r->remarks = xstrdup(buf_cstr(&rem));
	buf_free(&rem);
	/* The whole entity stays in extra, under its own keys. */
	os_strip_volatile(o);
	json_object_del(o, "id");
	json_object_del(o, "caption");
	json_object_set_new(o, "ftm_schema", json_string(schema));
	json_object_del(o, "schema");
	return 1;
}

static int
os_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	const struct watcher_file	*f = &in->main;
	const char			*p = f->data, *end = f->data + f->len;
	struct record			 r;
	size_t				 line = 0, nrec = 0, nent = 0;
	int				 rc = -1;

	record_init(&r);
	if (f->len == 0)
		return seterr(err, errlen, "%s:1: empty file", f->name);
	if (country_init(err, errlen) == -1)
		return -1;
	while (p < end) {
		const char	*nl = memchr(p, '\n', (size_t)(end - p));
		const char	*e = nl ? nl : end, *s = p;
		json_error_t	 je;
		json_t		*o, *op;
		int		 m;

		line++;
		p = nl ? nl + 1 : end;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (s == e)
			continue;
		if (*s != '{') {
			seterr(err, errlen, "%s:%zu: not JSON lines of "
			    "FollowTheMoney entities: %s", f->name, line,
			    line == 1 ? watcher_sniff(f->data, f->len) :
			    "line does not start with '{'");
			goto out;
		}
		if ((o = json_loadb(s, (size_t)(e - s), JSON_REJECT_DUPLICATES,
		    &je)) == NULL) {
			seterr(err, errlen, "%s:%zu: bad JSON at column %d: %s%s",
			    f->name, line, je.column, je.text,
			    nl == NULL ? " (file truncated?)" : "");
			goto out;
		}
		/*
		 * A delta line is a change, not a listing: the record model
		 * holds whole lists and finds changes itself, and a DEL
		 * carries nothing but an id, so deltas are refused.
		 */
		if ((op = json_object_get(o, "op")) != NULL &&
		    json_object_get(o, "entity") != NULL) {
			seterr(err, errlen, "%s:%zu: an OpenSanctions delta file "
			    "(\"op\": \"%s\") is a change set, not a list; "
			    "watch entities.ftm.json or targets.nested.json",
			    f->name, line, json_is_string(op) ?
			    json_string_value(op) : "?");
			json_decref(o);
			goto out;
		}
		nent++;
		if ((m = os_map(o, &r, f->name, line, err, errlen)) == -1)
			goto out;
		if (m == 1) {
			nrec++;
			if (cb(&r, arg) == -1)
				goto out;
		}
		record_reset(&r);
	}
	if (nrec == 0) {
		seterr(err, errlen, "%s: no Person, Organization, Company, "
		    "Vessel or Airplane entities (%zu other entities)", f->name,
		    nent);
		goto out;
	}
	rc = 0;
out:
	record_reset(&r);
	return rc;
}

/* A first line like {"id": ..., "schema": ..., "properties": ...}, or a
 * delta's {"op": ..., "entity": ...} (claimed so that parse can say why it
 * refuses it). Bounded by len. */
static int
os_detect(const char *data, size_t len)
{
	size_t		 i = 0, lim;
	const char	*nl;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i >= len || data[i] != '{')
		return 0;
	nl = memchr(data + i, '\n', len - i);
	lim = nl ? (size_t)(nl - data) - i : len - i;
	if (lim > 65536)
		lim = 65536;
	if (memmem(data + i, lim, "\"schema\"", 8) &&
	    memmem(data + i, lim, "\"properties\"", 12) &&
	    memmem(data + i, lim, "\"id\"", 4))
		return 85;
	if (memmem(data + i, lim, "\"op\"", 4) &&
	    memmem(data + i, lim, "\"entity\"", 8))
		return 70;
	return 0;
}

const struct watcher_ops opensanctions_watcher = {
	.name = "opensanctions",
	.source = "opensanctions",
	.description = "OpenSanctions FollowTheMoney JSON lines "
	    "(entities.ftm.json, targets.nested.json)",
	.detect = os_detect,
	.parse = os_parse,
};
