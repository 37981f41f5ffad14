/* eu_xml.c — the EU Financial Sanctions Files XML 1.1 (export/sanctionEntity,
 * namespace http://eu.europa.ec/fpi/fsd/export), one entity at a time. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"
#include "watchers/watcher.h"
#include "watchers/xml.h"
#include "watchers/xmltree.h"

extern const struct watcher_ops eu_xml_watcher;

#define EU_NS	"http://eu.europa.ec/fpi/fsd/export"

/* Country-bearing children of sanctionEntity (schema 1.1). */
static const char *const eu_country_elems[] = { "citizenship", "address",
    "birthdate", "identification", NULL };

static void
eu_add_country(struct record *r, const json_t *o)
{
	const char	*s, *code = NULL;

	/* The code is authoritative; the description is the fallback
	 * for codes outside ISO 3166-1 (the EU writes "00" for unknown). */
	if ((s = xmltree_attr(o, "countryIso2Code")) != NULL)
		code = country_lookup(s, strlen(s));
	if (code == NULL && (s = xmltree_attr(o, "countryDescription")) != NULL)
		code = country_lookup(s, strlen(s));
	if (code != NULL)
		strvec_push_unique(&r->countries, code);
}

/* wholeName, or the parts when a publisher left it out; caller frees. */
static char *
eu_alias_name(const json_t *a)
{
	const char	*w = xmltree_attr(a, "wholeName");
	const char	*parts[3];
	struct buf	 b = { 0 };
	char		*s;

	if (w != NULL)
		return xstrdup(w);
	parts[0] = xmltree_attr(a, "firstName");
	parts[1] = xmltree_attr(a, "middleName");
	parts[2] = xmltree_attr(a, "lastName");
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
eu_names(struct record *r, const json_t *t)
{
	json_t	*a = json_object_get(t, "nameAlias"), *v;
	size_t	 i, pick = (size_t)-1;
	char	*n;

	/* The first strong alias is the name; without one, the first. */
	json_array_foreach(a, i, v) {
		const char *s = xmltree_attr(v, "strong");

		if ((n = eu_alias_name(v)) == NULL)
			continue;
		free(n);
		if (pick == (size_t)-1)
			pick = i;
		if (s != NULL && strcmp(s, "true") == 0) {
			pick = i;
			break;
		}
	}
	if (pick == (size_t)-1)
		return -1;
	r->name = eu_alias_name(json_array_get(a, pick));
	json_array_foreach(a, i, v) {
		if (i == pick || (n = eu_alias_name(v)) == NULL)
			continue;
		if (strcmp(n, r->name) != 0)
			strvec_push_unique(&r->aliases, n);
		free(n);
	}
	return 0;
}

static json_t *
eu_identifiers(const json_t *t)
{
	json_t	*a = json_object_get(t, "identification"), *v, *out = NULL;
	size_t	 i;

	json_array_foreach(a, i, v) {
		const char	*num = xmltree_attr(v, "number");
		const char	*cc = xmltree_attr(v, "countryIso2Code");
		const char	*code = cc ? country_lookup(cc, strlen(cc)) : NULL;
		json_t		*id;

		if (num == NULL)
			num = xmltree_attr(v, "latinNumber");
		if (num == NULL)
			continue;
		id = json_object();
		json_object_set_new(id, "type", json_string(
		    xmltree_attr(v, "identificationTypeCode") ?
		    xmltree_attr(v, "identificationTypeCode") : "other"));
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
 * Maps one sanctionEntity subtree onto r; takes the reference to t, which
 * becomes r's extra (every published attribute and child is kept there).
 */
static int
eu_map(json_t *t, struct record *r, const char *fname, int line, char *err,
    size_t errlen)
{
	const char	*id = xmltree_attr(t, "logicalId"), *cls, *s;
	json_t		*st, *a, *v, *ids;
	struct buf	 rem = { 0 };
	size_t		 i;

	r->extra = t;
	if (id == NULL || strspn(id, "0123456789") != strlen(id))
		return seterr(err, errlen, "%s:%d: sanctionEntity without a "
		    "numeric logicalId", fname, line);
	r->source = xstrdup(eu_xml_watcher.source);
	r->id = xstrdup(id);
	st = xmltree_first(t, "subjectType");
	cls = xmltree_attr(st, "classificationCode");
	if (cls != NULL && strcmp(cls, "P") == 0)
		r->type = xstrdup("individual");
	else if (cls != NULL && strcmp(cls, "E") == 0)
		r->type = xstrdup("entity");
	else
		return seterr(err, errlen, "%s:%d: sanctionEntity %s: "
		    "subjectType classificationCode is not P or E", fname,
		    line, id);
	if (eu_names(r, t) == -1)
		return seterr(err, errlen, "%s:%d: sanctionEntity %s has no "
		    "nameAlias with a name", fname, line, id);
	json_array_foreach(json_object_get(t, "regulation"), i, v)
		if ((s = xmltree_attr(v, "programme")) != NULL)
			strvec_push_unique(&r->programs, s);
	for (const char *const *e = eu_country_elems; *e != NULL; e++)
		json_array_foreach(json_object_get(t, *e), i, v)
			eu_add_country(r, v);
	a = json_object_get(t, "remark");
	json_array_foreach(a, i, v) {
		if ((s = xmltree_str(v)) == NULL)
			continue;
		if (rem.len > 0)
			buf_addc(&rem, '\n');
		buf_adds(&rem, s);
	}
	if (rem.len > 0)
		r->remarks = xstrdup(buf_cstr(&rem));
	buf_free(&rem);
	json_object_del(t, "remark");
	json_object_del(t, "logicalId");
	/* The UN link, under a name the other watchers share. */
	if ((s = xmltree_attr(t, "unitedNationId")) != NULL) {
		json_object_set_new(t, "un_id", json_string(s));
		json_object_del(t, "unitedNationId");
	}
	if ((ids = eu_identifiers(t)) != NULL)
		json_object_set_new(t, "identifiers", ids);
	return 0;
}

static int
eu_xml_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	const struct watcher_file	*f = &in->main;
	struct xml_in			 x;
	struct record			 r;
	const xmlChar			*ns;
	size_t				 nrec = 0;
	int				 rc = -1, n;
	char				*gen;

	record_init(&r);
	if (xml_open(&x, f, err, errlen) == -1)
		return -1;
	if (country_init(err, errlen) == -1)
		goto out;
	if (xml_root(&x, err, errlen) == -1)
		goto out;
	ns = xmlTextReaderConstNamespaceUri(x.r);
	if (strcmp(xml_localname(&x), "export") != 0 || ns == NULL ||
	    strcmp((const char *)ns, EU_NS) != 0) {
		seterr(err, errlen, "%s:%d: root element is <%s>%s%s, not the "
		    "EU FSF <export> in " EU_NS, f->name, xml_line(&x),
		    xml_localname(&x), ns ? " in " : "",
		    ns ? (const char *)ns : "");
		goto out;
	}
	if ((gen = xml_attr(&x, "generationDate")) == NULL) {
		seterr(err, errlen, "%s:%d: <export> has no generationDate "
		    "(not an FSF 1.1 file)", f->name, xml_line(&x));
		goto out;
	}
	free(gen);
	while ((n = xml_read(&x, err, errlen)) == 1) {
		json_t	*t;
		int	 line;

		if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT ||
		    xml_depth(&x) != 1)
			continue;
		line = xml_line(&x);
		if (!xml_is_start(&x, "sanctionEntity")) {
			/* Outside the schema: read past it, keep nothing. */
			if ((t = xmltree_read(&x, err, errlen)) == NULL)
				goto out;
			json_decref(t);
			continue;
		}
		if ((t = xmltree_read(&x, err, errlen)) == NULL)
			goto out;
		if (eu_map(t, &r, f->name, line, err, errlen) == -1)
			goto out;
		nrec++;
		if (cb(&r, arg) == -1)
			goto out;
		record_reset(&r);
	}
	if (n == -1)
		goto out;
	if (nrec == 0) {
		seterr(err, errlen, "%s: no sanctionEntity records", f->name);
		goto out;
	}
	rc = 0;
out:
	record_reset(&r);
	xml_close(&x);
	return rc;
}

static int
eu_xml_detect(const char *data, size_t len)
{
	char	root[64];
	size_t	lim = len < 8192 ? len : 8192;

	if (xmltree_sniff_root(data, len, root, sizeof root) == -1 ||
	    strcmp(root, "export") != 0)
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
