/* uk_xml.c — the FCDO "UK Sanctions List" XML (Designations/Designation),
 * the one list the UK publishes since OFSI's consolidated list closed. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/country.h"
#include "watchers/watcher.h"
#include "watchers/xml.h"
#include "watchers/xmlnode.h"

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
uk_country_cb(const xmlNode *n, void *arg)
{
	struct uk_walk	*w = arg;
	char		*s = xmlnode_text(n);
	const char	*code;

	if (*s != '\0' && (code = country_lookup(s, strlen(s))) != NULL)
		strvec_push_unique(&w->r->countries, code);
	free(s);
}

static void
uk_id_cb(const xmlNode *n, void *arg)
{
	struct uk_walk	*w = arg;
	char		*s = xmlnode_text(n);
	json_t		*id;

	if (*s != '\0') {
		id = json_object();
		json_object_set_new(id, "type", json_string(w->type));
		json_object_set_new(id, "value", json_string(s));
		json_array_append_new(w->ids, id);
	}
	free(s);
}

static void
uk_alias_cb(const xmlNode *n, void *arg)
{
	struct uk_walk	*w = arg;
	char		*s = xmlnode_child_text(n, "NameNonLatinScript");

	if (s != NULL && (w->r->name == NULL || strcmp(s, w->r->name) != 0))
		strvec_push_unique(&w->r->aliases, s);
	free(s);
}

static void
uk_program_cb(const xmlNode *n, void *arg)
{
	struct uk_walk	*w = arg;
	char		*s = xmlnode_text(n);

	if (*s != '\0')
		strvec_push_unique(&w->r->programs, s);
	free(s);
}

/* Name1 (given) .. Name6 (family), space-joined; caller frees or NULL. */
static char *
uk_name(const xmlNode *n)
{
	struct buf	 b = { 0 };
	char		 key[16], *s;

	for (int i = 1; i <= 6; i++) {
		char *p;

		snprintf(key, sizeof key, "Name%d", i);
		if ((p = xmlnode_child_text(n, key)) == NULL)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, p);
		free(p);
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

/* The child's text, if any, under key in t, as an ISO date or verbatim. */
static void
uk_set(json_t *t, const char *key, const xmlNode *n, const char *child,
    int date)
{
	char	*s = xmlnode_child_text(n, child), d[11];

	if (s != NULL && (!date || uk_date(s, d) != NULL))
		json_object_set_new(t, key, json_string(date ? d : s));
	free(s);
}

/* The Name to take as the record's name: the first that says it is the
 * primary name (its case varies: "Primary name"), else the first. */
static const xmlNode *
uk_pick_name(const xmlNode *names)
{
	const xmlNode	*pick = NULL;
	char		*n, *s;

	for (xmlNodePtr v = xmlnode_first(names); v != NULL;
	    v = xmlnode_next(v)) {
		int	primary;

		if (!xmlnode_is(v, "Name") || (n = uk_name(v)) == NULL)
			continue;
		free(n);
		s = xmlnode_child_text(v, "NameType");
		primary = s != NULL && strcasecmp(s, "Primary Name") == 0;
		free(s);
		if (pick == NULL || primary)
			pick = v;
		if (primary)
			break;
	}
	return pick;
}

/* Maps one Designation onto r; every published child is kept in r's
 * extra. */
static int
uk_map(const xmlNode *d, struct record *r, const char *fname, int line,
    char *err, size_t errlen)
{
	char		*id = xmlnode_child_text(d, "UniqueID"), *ies, *n;
	struct uk_walk	 w = { r, NULL, NULL };
	const xmlNode	*names, *pick;
	json_t		*t;
	size_t		 i;
	int		 rc = -1;

	ies = xmlnode_child_text(d, "IndividualEntityShip");
	r->extra = t = xmlnode_tree(d);
	if (id == NULL) {
		seterr(err, errlen, "%s:%d: Designation without a UniqueID",
		    fname, line);
		goto out;
	}
	r->source = xstrdup(uk_xml_watcher.source);
	r->id = xstrdup(id);
	if (ies != NULL && strcasecmp(ies, "Individual") == 0)
		r->type = xstrdup("individual");
	else if (ies != NULL && strcasecmp(ies, "Entity") == 0)
		r->type = xstrdup("entity");
	else if (ies != NULL && strcasecmp(ies, "Ship") == 0)
		r->type = xstrdup("vessel");
	else {
		seterr(err, errlen, "%s:%d: Designation %s: "
		    "IndividualEntityShip is \"%s\", not Individual, Entity or "
		    "Ship", fname, line, id, ies ? ies : "");
		goto out;
	}

	names = xmlnode_child(d, "Names");
	if (names == NULL || (pick = uk_pick_name(names)) == NULL) {
		seterr(err, errlen, "%s:%d: Designation %s has no name",
		    fname, line, id);
		goto out;
	}
	r->name = uk_name(pick);
	for (xmlNodePtr v = xmlnode_first(names); v != NULL;
	    v = xmlnode_next(v)) {
		if (v == pick || !xmlnode_is(v, "Name") ||
		    (n = uk_name(v)) == NULL)
			continue;
		if (strcmp(n, r->name) != 0)
			strvec_push_unique(&r->aliases, n);
		free(n);
	}
	xmlnode_walk(d, "NonLatinNames/NonLatinName", uk_alias_cb, &w);

	xmlnode_walk(d, "RegimeName", uk_program_cb, &w);
	for (i = 0; uk_country_paths[i] != NULL; i++)
		xmlnode_walk(d, uk_country_paths[i], uk_country_cb, &w);
	r->remarks = xmlnode_child_text(d, "OtherInformation");

	w.ids = json_array();
	for (i = 0; uk_id_paths[i].path != NULL; i++) {
		w.type = uk_id_paths[i].type;
		xmlnode_walk(d, uk_id_paths[i].path, uk_id_cb, &w);
	}
	if (json_array_size(w.ids) > 0)
		json_object_set_new(t, "identifiers", w.ids);
	else
		json_decref(w.ids);
	uk_set(t, "date_designated", d, "DateDesignated", 1);
	uk_set(t, "last_updated", d, "LastUpdated", 1);
	uk_set(t, "un_id", d, "UNReferenceNumber", 0);
	json_object_del(t, "UniqueID");
	json_object_del(t, "OtherInformation");
	rc = 0;
out:
	free(id);
	free(ies);
	return rc;
}

/* A child of <Designations>: a Designation, or DateGenerated (not per
 * record), skipped. */
static int
uk_child_cb(struct xml_in *x, void *arg, char *err, size_t errlen)
{
	if (!xml_is_start(x, "Designation"))
		return 0;
	return xmlnode_list_record(arg, uk_map, err, errlen);
}

static int
uk_root(struct xml_in *x, const char *file, char *err, size_t errlen)
{
	if (strcmp(xml_localname(x), "Designations") != 0)
		return seterr(err, errlen, "%s:%d: root element is <%s>, "
		    "not the UK Sanctions List <Designations>", file,
		    xml_line(x), xml_localname(x));
	return 0;
}

static int
uk_xml_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	return xmlnode_list_parse(&in->main, uk_root, uk_child_cb,
	    "Designation records", cb, arg, err, errlen);
}

static int
uk_xml_detect(const char *data, size_t len)
{
	size_t	lim = len < 8192 ? len : 8192;

	if (!xml_sniff_root(data, len, "Designations"))
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
