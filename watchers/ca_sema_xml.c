/* ca_sema_xml.c — Canada's consolidated autonomous sanctions list (SEMA and
 * JVCFOR), data-set/record XML with no stable id of its own. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"
#include "watchers/watcher.h"
#include "watchers/xml.h"
#include "watchers/xmlnode.h"

extern const struct watcher_ops ca_sema_xml_watcher;

/* The English half of a bilingual "Burma / Birmanie", trimmed; caller frees. */
static char *
ca_english(const char *s)
{
	const char	*slash = strstr(s, " / ");
	size_t		 n = slash ? (size_t)(slash - s) : strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	return xstrndup(s, n);
}

/*
 * The part of the id that names the regime: the country's ISO code when
 * the Country field is a country, else the acronym in parentheses
 * ("... Regulations (JVCFOR)"), else the English text. Caller frees.
 */
static char *
ca_regime_key(const char *english)
{
	const char	*code = country_lookup(english, strlen(english));
	const char	*open, *close;

	if (code != NULL)
		return xstrdup(code);
	if ((open = strrchr(english, '(')) != NULL &&
	    (close = strchr(open, ')')) != NULL && close > open + 1)
		return xstrndup(open + 1, (size_t)(close - open - 1));
	return xstrdup(english);
}

/* "1, Part 2" -> "1-part-2"; an absent schedule is "-". Caller frees. */
static char *
ca_slug(const char *s)
{
	char	*out, *o;
	int	 dash = 0;

	if (s == NULL)
		return xstrdup("-");
	out = o = xmalloc(strlen(s) + 1);
	for (; *s; s++) {
		if (isalnum((unsigned char)*s)) {
			if (dash && o > out)
				*o++ = '-';
			*o++ = (char)tolower((unsigned char)*s);
			dash = 0;
		} else
			dash = 1;
	}
	*o = '\0';
	if (o == out) {
		free(out);
		return xstrdup("-");
	}
	return out;
}

/*
 * The file has no id, so one is derived from the fields that place a
 * listing in the regulations and do not change while it stands:
 * "<regime>/<schedule>/<item>", e.g. "MM/1/7", "RU/1-part-2/12",
 * "JVCFOR/1/3", "VE/-/40" (regime key from Country, schedule slugged, item
 * verbatim). Names, aliases and dates are left out so that a corrected
 * spelling is a modification, not a removal plus an addition.
 */
static int
ca_map(const xmlNode *rec, struct record *r, const char *fname, int line,
    char *err, size_t errlen)
{
	char		*country = xmlnode_child_text(rec, "Country");
	char		*item = xmlnode_child_text(rec, "Item");
	char		*ent = xmlnode_child_text(rec, "Entity");
	char		*last = xmlnode_child_text(rec, "LastName");
	char		*given = xmlnode_child_text(rec, "GivenName");
	char		*al = xmlnode_child_text(rec, "Aliases");
	char		*sched = xmlnode_child_text(rec, "Schedule");
	char		*eng, *key, *slug;
	const char	*code, *k;
	json_t		*t = xmlnode_tree(rec), *v;
	int		 rc = -1;

	if (!json_is_object(t)) {
		json_decref(t);
		seterr(err, errlen, "%s:%d: empty record", fname, line);
		goto out;
	}
	/* Each field occurs once: keep the extra keys flat. */
	json_object_foreach(t, k, v)
		if (json_is_array(v) && json_array_size(v) == 1 &&
		    json_is_string(json_array_get(v, 0)))
			json_object_set(t, k, json_array_get(v, 0));
	r->extra = t;
	if (country == NULL || item == NULL) {
		seterr(err, errlen, "%s:%d: record without Country or Item",
		    fname, line);
		goto out;
	}
	eng = ca_english(country);
	key = ca_regime_key(eng);
	slug = ca_slug(sched);
	r->source = xstrdup(ca_sema_xml_watcher.source);
	r->id = xasprintf("%s/%s/%s", key, slug, item);
	free(key);
	free(slug);
	if ((code = country_lookup(eng, strlen(eng))) != NULL)
		strvec_push(&r->countries, code);
	strvec_push_owned(&r->programs, eng);
	if (ent != NULL) {
		r->type = xstrdup("entity");
		r->name = xstrdup(ent);
	} else if (last != NULL || given != NULL) {
		r->type = xstrdup("individual");
		r->name = given && last ? xasprintf("%s %s", given, last) :
		    xstrdup(given ? given : last);
	} else {
		seterr(err, errlen, "%s:%d: record %s has neither Entity nor "
		    "LastName/GivenName", fname, line, r->id);
		goto out;
	}
	/* Aliases are one comma-joined text; the raw text stays in extra. */
	for (const char *p = al; p != NULL && *p != '\0';) {
		const char	*c = strstr(p, ", ");
		size_t		 n = c ? (size_t)(c - p) : strlen(p);

		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0) {
			char *a = xstrndup(p, n);

			if (strcmp(a, r->name) != 0)
				strvec_push_unique(&r->aliases, a);
			free(a);
		}
		p = c ? c + 2 : NULL;
	}
	rc = 0;
out:
	free(country);
	free(item);
	free(ent);
	free(last);
	free(given);
	free(al);
	free(sched);
	return rc;
}

/* A child of <data-set>: only records are allowed. */
static int
ca_child_cb(struct xml_in *x, void *arg, char *err, size_t errlen)
{
	struct xmlnode_list	*l = arg;

	if (!xml_is_start(x, "record"))
		return seterr(err, errlen, "%s:%d: unexpected <%s> in "
		    "<data-set>", l->name, xml_line(x), xml_localname(x));
	return xmlnode_list_record(l, ca_map, err, errlen);
}

static int
ca_root(struct xml_in *x, const char *file, char *err, size_t errlen)
{
	if (strcmp(xml_localname(x), "data-set") != 0)
		return seterr(err, errlen, "%s:%d: root element is <%s>, "
		    "not the SEMA <data-set>", file, xml_line(x),
		    xml_localname(x));
	return 0;
}

static int
ca_sema_xml_parse(const struct watcher_input *in, watcher_record_cb cb,
    void *arg, char *err, size_t errlen)
{
	return xmlnode_list_parse(&in->main, ca_root, ca_child_cb, "records",
	    cb, arg, err, errlen);
}

static int
ca_sema_xml_detect(const char *data, size_t len)
{
	size_t	lim = len < 8192 ? len : 8192;

	if (!xml_sniff_root(data, len, "data-set"))
		return 0;
	return memmem(data, lim, "<Country>", 9) &&
	    memmem(data, lim, "<record>", 8) ? 85 : 30;
}

const struct watcher_ops ca_sema_xml_watcher = {
	.name = "ca-sema-xml",
	.source = "ca-sema",
	.description = "Canada consolidated autonomous sanctions list (SEMA, "
	    "JVCFOR), XML",
	.detect = ca_sema_xml_detect,
	.parse = ca_sema_xml_parse,
};
