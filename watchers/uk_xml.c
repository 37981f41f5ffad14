/* uk_xml.c — the FCDO "UK Sanctions List" XML (Designations/Designation),
 * the one list the UK publishes since OFSI's consolidated list closed. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/country.h"
#include "watchers/watcher.h"
#include "watchers/xml.h"
#include "watchers/xmltree.h"

extern const struct watcher_ops uk_xml_watcher;

/*
 * Element names follow the published list as other readers of it use them
 * (no schema was available here): Designations/DateGenerated, Designation/
 * UniqueID, Names/Name/Name1..Name6 + NameType, NonLatinNames/NonLatinName/
 * NameNonLatinScript, RegimeName, IndividualEntityShip, Addresses/Address.
 */
static const char *const uk_country_paths[] = {
	"IndividualDetails/Individual/Nationalities/Nationality",
	"IndividualDetails/Individual/BirthDetails/Location/CountryOfBirth",
	"Addresses/Address/AddressCountry",
	"ShipDetails/Ship/CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip",
	NULL
};

static const struct {
	const char	*path;		/* the number's element */
	const char	*type;
} uk_id_paths[] = {
	{ "IndividualDetails/Individual/PassportDetails/Passport/"
	    "PassportNumber", "passport" },
	{ "IndividualDetails/Individual/NationalIdentifierDetails/"
	    "NationalIdentifier/NationalIdentifierNumber", "national-id" },
	{ "EntityDetails/Entity/BusinessRegistrationNumbers/"
	    "BusinessRegistrationNumber", "registration" },
	{ "ShipDetails/Ship/IMONumbers/IMONumber", "imo" },
	{ NULL, NULL }
};

struct uk_walk {
	struct record	*r;
	json_t		*ids;
	const char	*type;
};

static void
uk_country_cb(const json_t *v, void *arg)
{
	struct uk_walk	*w = arg;
	const char	*s = xmltree_str(v), *code;

	if (s != NULL && (code = country_lookup(s, strlen(s))) != NULL)
		strvec_push_unique(&w->r->countries, code);
}

static void
uk_id_cb(const json_t *v, void *arg)
{
	struct uk_walk	*w = arg;
	const char	*s = xmltree_str(v);
	json_t		*id;

	if (s == NULL)
		return;
	id = json_object();
	json_object_set_new(id, "type", json_string(w->type));
	json_object_set_new(id, "value", json_string(s));
	json_array_append_new(w->ids, id);
}

static void
uk_alias_cb(const json_t *v, void *arg)
{
	struct uk_walk	*w = arg;
	const char	*s = xmltree_text(v, "NameNonLatinScript");

	if (s != NULL && (w->r->name == NULL || strcmp(s, w->r->name) != 0))
		strvec_push_unique(&w->r->aliases, s);
}

/* Name1 (given) .. Name6 (family), space-joined; caller frees or NULL. */
static char *
uk_name(const json_t *n)
{
	struct buf	 b = { 0 };
	char		 key[16], *s;

	for (int i = 1; i <= 6; i++) {
		const char *p;

		snprintf(key, sizeof key, "Name%d", i);
		if ((p = xmltree_text(n, key)) == NULL)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, p);
	}
	s = b.len > 0 ? xstrdup(buf_cstr(&b)) : NULL;
	buf_free(&b);
	return s;
}

/* "dd/mm/yyyy" to ISO "yyyy-mm-dd", or NULL; out[11]. */
static const char *
uk_date(const char *s, char *out)
{
	if (s == NULL || strlen(s) != 10 || s[2] != '/' || s[5] != '/')
		return NULL;
	snprintf(out, 11, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)out[i]))
			return NULL;
	return out;
}

/* Maps one Designation subtree onto r; t becomes r's extra. */
static int
uk_map(json_t *t, struct record *r, const char *fname, int line, char *err,
    size_t errlen)
{
	const char	*id = xmltree_text(t, "UniqueID"), *ies, *s;
	struct uk_walk	 w = { r, NULL, NULL };
	json_t		*a, *v;
	size_t		 i, pick = (size_t)-1;
	char		 d[11], *n;

	r->extra = t;
	if (id == NULL)
		return seterr(err, errlen, "%s:%d: Designation without a "
		    "UniqueID", fname, line);
	r->source = xstrdup(uk_xml_watcher.source);
	r->id = xstrdup(id);
	ies = xmltree_text(t, "IndividualEntityShip");
	if (ies != NULL && strcasecmp(ies, "Individual") == 0)
		r->type = xstrdup("individual");
	else if (ies != NULL && strcasecmp(ies, "Entity") == 0)
		r->type = xstrdup("entity");
	else if (ies != NULL && strcasecmp(ies, "Ship") == 0)
		r->type = xstrdup("vessel");
	else
		return seterr(err, errlen, "%s:%d: Designation %s: "
		    "IndividualEntityShip is \"%s\", not Individual, Entity or "
		    "Ship", fname, line, id, ies ? ies : "");

	/* NameType's case varies in the published file ("Primary name"). */
	a = json_object_get(xmltree_first(t, "Names"), "Name");
	json_array_foreach(a, i, v) {
		s = xmltree_text(v, "NameType");
		if ((n = uk_name(v)) == NULL)
			continue;
		free(n);
		if (pick == (size_t)-1)
			pick = i;
		if (s != NULL && strcasecmp(s, "Primary Name") == 0) {
			pick = i;
			break;
		}
	}
	if (pick == (size_t)-1)
		return seterr(err, errlen, "%s:%d: Designation %s has no name",
		    fname, line, id);
	r->name = uk_name(json_array_get(a, pick));
	json_array_foreach(a, i, v) {
		if (i == pick || (n = uk_name(v)) == NULL)
			continue;
		if (strcmp(n, r->name) != 0)
			strvec_push_unique(&r->aliases, n);
		free(n);
	}
	xmltree_walk(t, "NonLatinNames/NonLatinName", uk_alias_cb, &w);

	json_array_foreach(json_object_get(t, "RegimeName"), i, v)
		if ((s = xmltree_str(v)) != NULL)
			strvec_push_unique(&r->programs, s);
	for (i = 0; uk_country_paths[i] != NULL; i++)
		xmltree_walk(t, uk_country_paths[i], uk_country_cb, &w);
	if ((s = xmltree_text(t, "OtherInformation")) != NULL)
		r->remarks = xstrdup(s);

	w.ids = json_array();
	for (i = 0; uk_id_paths[i].path != NULL; i++) {
		w.type = uk_id_paths[i].type;
		xmltree_walk(t, uk_id_paths[i].path, uk_id_cb, &w);
	}
	if (json_array_size(w.ids) > 0)
		json_object_set_new(t, "identifiers", w.ids);
	else
		json_decref(w.ids);
	if (uk_date(xmltree_text(t, "DateDesignated"), d) != NULL)
		json_object_set_new(t, "date_designated", json_string(d));
	if (uk_date(xmltree_text(t, "LastUpdated"), d) != NULL)
		json_object_set_new(t, "last_updated", json_string(d));
	if ((s = xmltree_text(t, "UNReferenceNumber")) != NULL)
		json_object_set_new(t, "un_id", json_string(s));
	json_object_del(t, "UniqueID");
	json_object_del(t, "OtherInformation");
	return 0;
}

static int
uk_xml_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	const struct watcher_file	*f = &in->main;
	struct xml_in			 x;
	struct record			 r;
	size_t				 nrec = 0;
	int				 rc = -1, n;

	record_init(&r);
	if (xml_open(&x, f, err, errlen) == -1)
		return -1;
	if (country_init(err, errlen) == -1)
		goto out;
	if (xml_root(&x, err, errlen) == -1)
		goto out;
	if (strcmp(xml_localname(&x), "Designations") != 0) {
		seterr(err, errlen, "%s:%d: root element is <%s>, not the UK "
		    "Sanctions List <Designations>", f->name, xml_line(&x),
		    xml_localname(&x));
		goto out;
	}
	while ((n = xml_read(&x, err, errlen)) == 1) {
		json_t	*t;
		int	 line;

		if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT ||
		    xml_depth(&x) != 1)
			continue;
		line = xml_line(&x);
		if ((t = xmltree_read(&x, err, errlen)) == NULL)
			goto out;
		if (strcmp(xml_localname(&x), "Designation") != 0) {
			json_decref(t);	/* DateGenerated: not per record */
			continue;
		}
		if (uk_map(t, &r, f->name, line, err, errlen) == -1)
			goto out;
		nrec++;
		if (cb(&r, arg) == -1)
			goto out;
		record_reset(&r);
	}
	if (n == -1)
		goto out;
	if (nrec == 0) {
		seterr(err, errlen, "%s: no Designation records", f->name);
		goto out;
	}
	rc = 0;
out:
	record_reset(&r);
	xml_close(&x);
	return rc;
}

static int
uk_xml_detect(const char *data, size_t len)
{
	char	root[64];
	size_t	lim = len < 8192 ? len : 8192;

	if (xmltree_sniff_root(data, len, root, sizeof root) == -1 ||
	    strcmp(root, "Designations") != 0)
		return 0;
	return memmem(data, lim, "<Designation>", 13) ||
	    memmem(data, lim, "<DateGenerated>", 15) ? 85 : 55;
}

const struct watcher_ops uk_xml_watcher = {
	.name = "uk-xml",
	.source = "uk",
	.description = "UK Sanctions List (FCDO), XML",
	.detect = uk_xml_detect,
	.parse = uk_xml_parse,
};
