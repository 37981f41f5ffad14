/* eu_xml.c — the EU Financial Sanctions Files XML 1.1 (export/sanctionEntity,
 * namespace http://eu.europa.ec/fpi/fsd/export), one entity at a time. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"
#include "watchers/watcher.h"
#include "watchers/xml.h"
#include "watchers/xmlnode.h"

extern const struct watcher_ops eu_xml_watcher;

#define EU_NS	"http://eu.europa.ec/fpi/fsd/export"

/* Country-bearing children of sanctionEntity (schema 1.1). */
static const char *const eu_country_elems[] = { "citizenship", "address",
    "birthdate", "identification", NULL };

static void
eu_add_country(struct record *r, const xmlNode *n)
{
	const char	*s, *code = NULL;

	/* The code is authoritative; the description is the fallback
	 * for codes outside ISO 3166-1 (the EU writes "00" for unknown). */
	if ((s = xmlnode_attr(n, "countryIso2Code")) != NULL)
		code = country_lookup(s, strlen(s));
	if (code == NULL && (s = xmlnode_attr(n, "countryDescription")) != NULL)
		code = country_lookup(s, strlen(s));
	if (code != NULL)
		strvec_push_unique(&r->countries, code);
}

/* wholeName, or the parts when a publisher left it out; caller frees. */
static char *
eu_alias_name(const xmlNode *a)
{
	const char	*w = xmlnode_attr(a, "wholeName");
	const char	*parts[3];
	struct buf	 b = { 0 };
	char		*s;

	if (w != NULL)
		return xstrdup(w);
	parts[0] = xmlnode_attr(a, "firstName");
	parts[1] = xmlnode_attr(a, "middleName");
	parts[2] = xmlnode_attr(a, "lastName");
	for (int i = 0; i < 3; i++) {
		if (parts[i] == NULL)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, parts[i]);
	}
	s = b.len > 0 ? xstrdup(buf_cstr(&b)) : NULL;
	buf_free(&b);
	return s;
}

static int
eu_names(struct record *r, const xmlNode *e)
{
	xmlNodePtr	 a, pick = NULL;
	char		*n;

	/* The first strong alias is the name; without one, the first. */
	for (a = xmlnode_first(e); a != NULL; a = xmlnode_next(a)) {
		const char *s = xmlnode_attr(a, "strong");

		if (!xmlnode_is(a, "nameAlias") ||
		    (n = eu_alias_name(a)) == NULL)
			continue;
		free(n);
		if (pick == NULL)
			pick = a;
		if (s != NULL && strcmp(s, "true") == 0) {
			pick = a;
			break;
		}
	}
	if (pick == NULL)
		return -1;
	r->name = eu_alias_name(pick);
	for (a = xmlnode_first(e); a != NULL; a = xmlnode_next(a)) {
		if (a == pick || !xmlnode_is(a, "nameAlias") ||
		    (n = eu_alias_name(a)) == NULL)
			continue;
		if (strcmp(n, r->name) != 0)
			strvec_push_unique(&r->aliases, n);
		free(n);
	}
	return 0;
}

static json_t *
eu_identifiers(const xmlNode *e)
{
	json_t	*out = NULL;

	for (xmlNodePtr v = xmlnode_first(e); v != NULL; v = xmlnode_next(v)) {
		const char	*num = xmlnode_attr(v, "number");
		const char	*cc = xmlnode_attr(v, "countryIso2Code");
		const char	*type = xmlnode_attr(v, "identificationTypeCode");
		const char	*code;
		json_t		*id;

		if (!xmlnode_is(v, "identification"))
			continue;
		if (num == NULL)
			num = xmlnode_attr(v, "latinNumber");
		if (num == NULL)
			continue;
		code = cc ? country_lookup(cc, strlen(cc)) : NULL;
		id = json_object();
		json_object_set_new(id, "type", json_string(type ? type :
		    "other"));
		json_object_set_new(id, "value", json_string(num));
		if (code != NULL)
			json_object_set_new(id, "country", json_string(code));
		if (out == NULL)
			out = json_array();
		json_array_append_new(out, id);
	}
	return out;
}

/*
 * Maps one sanctionEntity onto r; every published attribute and child is
 * kept in r's extra.
 */
static int
eu_map(const xmlNode *e, struct record *r, const char *fname, int line,
    char *err, size_t errlen)
{
	const char	*id = xmlnode_attr(e, "logicalId"), *cls, *s;
	json_t		*t, *ids;
	struct buf	 rem = { 0 };
	xmlNodePtr	 c;

	r->extra = t = xmlnode_tree(e);
	if (id == NULL || strspn(id, "0123456789") != strlen(id))
		return seterr(err, errlen, "%s:%d: sanctionEntity without a "
		    "numeric logicalId", fname, line);
	r->source = xstrdup(eu_xml_watcher.source);
	r->id = xstrdup(id);
	c = xmlnode_child(e, "subjectType");
	cls = c != NULL ? xmlnode_attr(c, "classificationCode") : NULL;
	if (cls != NULL && strcmp(cls, "P") == 0)
		r->type = xstrdup("individual");
	else if (cls != NULL && strcmp(cls, "E") == 0)
		r->type = xstrdup("entity");
	else
		return seterr(err, errlen, "%s:%d: sanctionEntity %s: "
		    "subjectType classificationCode is not P or E", fname,
		    line, id);
	if (eu_names(r, e) == -1)
		return seterr(err, errlen, "%s:%d: sanctionEntity %s has no "
		    "nameAlias with a name", fname, line, id);
	for (c = xmlnode_first(e); c != NULL; c = xmlnode_next(c))
		if (xmlnode_is(c, "regulation") &&
		    (s = xmlnode_attr(c, "programme")) != NULL)
			strvec_push_unique(&r->programs, s);
	for (const char *const *n = eu_country_elems; *n != NULL; n++)
		for (c = xmlnode_first(e); c != NULL; c = xmlnode_next(c))
			if (xmlnode_is(c, *n))
				eu_add_country(r, c);
	for (c = xmlnode_first(e); c != NULL; c = xmlnode_next(c)) {
		char	*txt;

		if (!xmlnode_is(c, "remark"))
			continue;
		txt = xmlnode_text(c);
		if (*txt != '\0') {
			if (rem.len > 0)
				buf_addc(&rem, '\n');
			buf_adds(&rem, txt);
		}
		free(txt);
	}
	if (rem.len > 0)
		r->remarks = xstrdup(buf_cstr(&rem));
	buf_free(&rem);
	json_object_del(t, "remark");
	json_object_del(t, "logicalId");
	/* The UN link, under a name the other watchers share. */
	if ((s = xmlnode_attr(e, "unitedNationId")) != NULL) {
		json_object_set_new(t, "un_id", json_string(s));
		json_object_del(t, "unitedNationId");
	}
	if ((ids = eu_identifiers(e)) != NULL)
		json_object_set_new(t, "identifiers", ids);
	return 0;
}

/* A child of <export>: a sanctionEntity, or something outside the schema
 * that is skipped and kept nowhere. */
static int
eu_child_cb(struct xml_in *x, void *arg, char *err, size_t errlen)
{
	if (!xml_is_start(x, "sanctionEntity"))
		return 0;
	return xmlnode_list_record(arg, eu_map, err, errlen);
}

/* <export> in the FSF namespace, with the generationDate FSF 1.1 sets. */
static int
eu_root(struct xml_in *x, const char *file, char *err, size_t errlen)
{
	const xmlChar	*ns = xmlTextReaderConstNamespaceUri(x->r);
	char		*gen;

	if (strcmp(xml_localname(x), "export") != 0 || ns == NULL ||
	    strcmp((const char *)ns, EU_NS) != 0)
		return seterr(err, errlen, "%s:%d: root element is "
		    "<%s>%s%s, not the EU FSF <export> in " EU_NS, file,
		    xml_line(x), xml_localname(x), ns ? " in " : "",
		    ns ? (const char *)ns : "");
	if ((gen = xml_attr(x, "generationDate")) == NULL)
		return seterr(err, errlen, "%s:%d: <export> has no "
		    "generationDate (not an FSF 1.1 file)", file, xml_line(x));
	free(gen);
	return 0;
}

static int
eu_xml_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	return xmlnode_list_parse(&in->main, eu_root, eu_child_cb,
	    "sanctionEntity records", cb, arg, err, errlen);
}

static int
eu_xml_detect(const char *data, size_t len)
{
	size_t	lim = len < 8192 ? len : 8192;

	if (!xml_sniff_root(data, len, "export"))
		return 0;
	return memmem(data, lim, EU_NS, sizeof EU_NS - 1) ? 90 : 20;
}

const struct watcher_ops eu_xml_watcher = {
	.name = "eu-xml",
	.source = "eu",
	.description = "EU Financial Sanctions Files, XML 1.1 "
	    "(xmlFullSanctionsList_1_1)",
	.detect = eu_xml_detect,
	.parse = eu_xml_parse,
};
