/* ofac_xml.c — OFAC's legacy `sdnList` XML (SDN.XML and CONSOLIDATED.XML),
 * in the old tempuri.org namespace or the Sanctions List Service one. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/country.h"
#include "watchers/watcher.h"
#include "watchers/xml.h"
#include "watchers/xmlnode.h"

extern const struct watcher_ops ofac_xml_watcher;

/* The namespaces OFAC has published this schema under; none is accepted
 * too, since the elements are matched on local names. */
static const char *const ofac_xml_namespaces[] = {
	"http://tempuri.org/sdnList.xsd",
	"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/"
	    "exports/XML",
	NULL
};

/* List elements of an sdnEntry: the extra key their items go under. */
static const struct {
	const char	*list;
	const char	*key;
} ofac_lists[] = {
	{ "idList", "ids" },
	{ "akaList", "akas" },
	{ "addressList", "addresses" },
	{ "nationalityList", "nationalities" },
	{ "citizenshipList", "citizenships" },
	{ "dateOfBirthList", "dates_of_birth" },
	{ "placeOfBirthList", "places_of_birth" },
};

/* vesselInfo children, keyed as the SDN CSV watcher keys them. */
static const struct {
	const char	*elem;
	const char	*key;
} ofac_vessel[] = {
	{ "callSign", "call_sign" }, { "vesselType", "vessel_type" },
	{ "vesselFlag", "vessel_flag" }, { "vesselOwner", "vessel_owner" },
	{ "tonnage", "tonnage" }, { "grossRegisteredTonnage", "grt" },
};

/* Programmes of the non-SDN lists: NS-PLC, NS-MBS..., FSE-*, the Part 561
 * list, NS-CMIC (CMIC-EO13959). */
static int
nonsdn_program(const char *p, size_t n)
{
	static const char *const pre[] = { "NS-", "FSE-", "561", "CMIC-",
	    NULL };

	for (size_t i = 0; pre[i] != NULL; i++)
		if (n >= strlen(pre[i]) && memcmp(p, pre[i], strlen(pre[i])) == 0)
			return 1;
	return 0;
}

/*
 * SDN.XML and CONSOLIDATED.XML share schema and namespace. An SDN entry
 * always has an SDN programme (it may add NS-PLC: "SDGT", "NS-PLC"), so an
 * entry whose programmes are all non-SDN ones marks the consolidated list.
 * This is a raw byte scan of each <programList> before the real parse, since
 * records are emitted as they are read. Without such an entry (e.g. an
 * SSI-only file) the file name decides: a name starting with "cons" is
 * consolidated. Else SDN.
 */
static const char *
ofac_xml_source(const struct watcher_file *f)
{
	const char	*p = f->data, *end = f->data + f->len, *base;

	while ((p = memmem(p, (size_t)(end - p), "<programList>", 13)) != NULL) {
		const char	*le = memmem(p, (size_t)(end - p),
		    "</programList>", 14);
		int		 all = 1, any = 0;

		if (le == NULL)
			break;
		for (p += 13; (p = memmem(p, (size_t)(le - p), "<program>", 9))
		    != NULL; p += 9) {
			any = 1;
			if (!nonsdn_program(p + 9, (size_t)(le - p - 9)))
				all = 0;
		}
		if (any && all)
			return "ofac-cons";
		p = le + 14;
	}
	base = strrchr(f->name, '/');
	base = base ? base + 1 : f->name;
	if (strncasecmp(base, "cons", 4) == 0)
		return "ofac-cons";
	return "ofac-sdn";
}

/* A place of birth names its country last: "Tehran, Iran". */
static void
add_pob_country(struct record *r, const char *pob)
{
	const char	*comma = strrchr(pob, ',');

	xmlnode_add_countries(r, comma ? comma + 1 + strspn(comma + 1, " ") :
	    pob);
}

static void
extra_set(struct record *r, const char *key, json_t *v)
{
	if (r->extra == NULL)
		r->extra = json_object();
	json_object_set_new(r->extra, key, v);
}

/* "LASTNAME, FirstName", as sdn.csv and alt.csv write names. */
static char *
ofac_name(const xmlNode *n)
{
	char	*last = xmlnode_child_text(n, "lastName");
	char	*first = xmlnode_child_text(n, "firstName");
	char	*s;

	if (last != NULL && first != NULL)
		s = xasprintf("%s, %s", last, first);
	else if (last != NULL)
		s = xstrdup(last);
	else
		s = first ? xstrdup(first) : NULL;
	free(last);
	free(first);
	return s;
}

/* One item of a list element into the record: extra, aliases, countries. */
static void
list_item(struct record *r, const char *key, const xmlNode *item)
{
	json_t		*o = xmlnode_object(item);
	const char	*s;

	if (o == NULL)
		return;
	if (strcmp(key, "ids") == 0) {
		xmlnode_rename(o, "id_type", "type");
		xmlnode_rename(o, "id_number", "value");
		xmlnode_rename(o, "id_country", "country");
	} else if (strcmp(key, "akas") == 0) {
		char	*name = ofac_name(item);

		if (name != NULL) {
			strvec_push_unique(&r->aliases, name);
			free(name);
		}
	} else if (strcmp(key, "places_of_birth") == 0) {
		if ((s = json_string_value(json_object_get(o, "place_of_birth"))))
			add_pob_country(r, s);
	} else if (strcmp(key, "dates_of_birth") != 0) {
		/* addresses, nationalities, citizenships */
		if ((s = json_string_value(json_object_get(o, "country"))))
			xmlnode_add_countries(r, s);
	}
	if (r->extra == NULL)
		r->extra = json_object();
	xmlnode_append(r->extra, key, o);
}

static int
positive_int(const char *s)
{
	char	*end;
	long	 v;

	if (s == NULL || !isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && v > 0;
}

/* Fills r from one sdnEntry; -1 with err on a record the schema forbids. */
static int
ofac_entry(const char *file, const char *source, const xmlNode *e,
    struct record *r, char *err, size_t errlen)
{
	char	 key[128];
	char	*s;
	size_t	 i;

	r->source = xstrdup(source);
	if ((r->id = xmlnode_child_text(e, "uid")) == NULL ||
	    !positive_int(r->id))
		return seterr(err, errlen, "%s:%d: sdnEntry without a numeric "
		    "uid", file, xmlnode_line(e));
	if ((r->name = ofac_name(e)) == NULL)
		return seterr(err, errlen, "%s:%d: sdnEntry %s has no name",
		    file, xmlnode_line(e), r->id);
	if ((s = xmlnode_child_text(e, "sdnType")) == NULL)
		return seterr(err, errlen, "%s:%d: sdnEntry %s has no sdnType",
		    file, xmlnode_line(e), r->id);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(s, "individual") != 0 && strcmp(s, "entity") != 0 &&
	    strcmp(s, "vessel") != 0 && strcmp(s, "aircraft") != 0) {
		seterr(err, errlen, "%s:%d: sdnEntry %s: unknown sdnType \"%s\"",
		    file, xmlnode_line(e), r->id, s);
		free(s);
		return -1;
	}
	r->type = s;

	for (xmlNodePtr c = xmlnode_first(e); c != NULL; c = xmlnode_next(c)) {
		const char	*name = (const char *)c->name;

		if (xmlnode_is(c, "uid") || xmlnode_is(c, "firstName") ||
		    xmlnode_is(c, "lastName") || xmlnode_is(c, "sdnType"))
			continue;
		if (xmlnode_is(c, "remarks")) {
			s = xmlnode_text(c);
			if (*s != '\0' && r->remarks == NULL)
				r->remarks = s;
			else
				free(s);
			continue;
		}
		if (xmlnode_is(c, "programList")) {
			for (xmlNodePtr p = xmlnode_first(c); p != NULL;
			    p = xmlnode_next(p)) {
				s = xmlnode_text(p);
				if (*s != '\0')
					strvec_push_unique(&r->programs, s);
				free(s);
			}
			continue;
		}
		if (xmlnode_is(c, "vesselInfo")) {
			for (xmlNodePtr v = xmlnode_first(c); v != NULL;
			    v = xmlnode_next(v)) {
				const char *k = NULL;

				for (i = 0; i < sizeof ofac_vessel /
				    sizeof *ofac_vessel; i++)
					if (xmlnode_is(v, ofac_vessel[i].elem))
						k = ofac_vessel[i].key;
				if (k == NULL) {
					xmlnode_key((const char *)v->name, key,
					    sizeof key);
					k = key;
				}
				s = xmlnode_text(v);
				record_set_extra(r, k, s);
				if (xmlnode_is(v, "vesselFlag") && *s != '\0')
					xmlnode_add_countries(r, s);
				free(s);
			}
			continue;
		}
		for (i = 0; i < sizeof ofac_lists / sizeof *ofac_lists; i++)
			if (strcmp(name, ofac_lists[i].list) == 0)
				break;
		if (i < sizeof ofac_lists / sizeof *ofac_lists) {
			for (xmlNodePtr it = xmlnode_first(c); it != NULL;
			    it = xmlnode_next(it))
				list_item(r, ofac_lists[i].key, it);
			continue;
		}
		/* title, and whatever OFAC adds later: kept, so the diff sees it */
		xmlnode_key(name, key, sizeof key);
		if (xmlnode_has_children(c)) {
			json_t	*o = xmlnode_object(c);

			if (o != NULL)
				extra_set(r, key, o);
		} else {
			s = xmlnode_text(c);
			record_set_extra(r, key, s);
			free(s);
		}
	}
	return 0;
}

/* publshInformation: the count to check against; -1 when it is absent. */
static int
ofac_publish(const char *file, const xmlNode *n, long *count, char *err,
    size_t errlen)
{
	char	*s = xmlnode_child_text(n, "Record_Count");
	char	*end;

	*count = -1;
	if (s == NULL)
		return 0;
	errno = 0;
	*count = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *count < 0) {
		seterr(err, errlen, "%s:%d: Record_Count \"%s\" is not a number",
		    file, xmlnode_line(n), s);
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

struct ofac_parse {
	struct xmlnode_list	 l;
	const char		*source;
	long			 count;		/* Record_Count, or -1 */
	int			 seen_pub;
};

static int
ofac_child_cb(struct xml_in *x, void *arg, char *err, size_t errlen)
{
	struct ofac_parse	*p = arg;
	xmlNodePtr		 node;

	if (xml_is_start(x, "sdnEntry")) {
		if (xmlnode_expand(x, &node, err, errlen) == -1 ||
		    ofac_entry(p->l.name, p->source, node, &p->l.r, err,
		    errlen) == -1)
			return -1;
		return xmlnode_list_emit(&p->l);
	}
	if (xml_is_start(x, "publshInformation")) {
		if (xmlnode_expand(x, &node, err, errlen) == -1 ||
		    ofac_publish(p->l.name, node, &p->count, err, errlen) == -1)
			return -1;
		p->seen_pub = 1;
	}
	return 0;
}

static int
ofac_xml_parse(const struct watcher_input *in, watcher_record_cb cb,
    void *arg, char *err, size_t errlen)
{
	const struct watcher_file	*f = &in->main;
	struct ofac_parse		 p = { .count = -1 };
	struct xml_in			*x = &p.l.x;
	const char			*ns;
	int				 rc = -1, known = 0;

	if (xmlnode_list_open(&p.l, f, cb, arg, err, errlen) == -1)
		goto out;
	if (!xml_is_start(x, "sdnList")) {
		seterr(err, errlen, "%s:%d: not an OFAC sdnList XML: root "
		    "element is <%s>", f->name, xml_line(x), xml_localname(x));
		goto out;
	}
	ns = (const char *)xmlTextReaderConstNamespaceUri(x->r);
	for (size_t i = 0; ns != NULL && ofac_xml_namespaces[i] != NULL; i++)
		if (strcmp(ns, ofac_xml_namespaces[i]) == 0)
			known = 1;
	if (ns != NULL && !known) {
		seterr(err, errlen, "%s:%d: sdnList in unknown namespace \"%s\"",
		    f->name, xml_line(x), ns);
		goto out;
	}
	p.source = ofac_xml_source(f);
	if (xmlnode_list_run(&p.l, ofac_child_cb, &p, NULL, err, errlen) == -1)
		goto out;
	if (!p.seen_pub) {
		seterr(err, errlen, "%s: no publshInformation (not a complete "
		    "OFAC list?)", f->name);
		goto out;
	}
	if (p.l.nrec == 0) {
		seterr(err, errlen, "%s: no sdnEntry records", f->name);
		goto out;
	}
	if (p.count >= 0 && p.count != p.l.nrec) {
		seterr(err, errlen, "%s: Record_Count says %ld records but the "
		    "file holds %ld", f->name, p.count, p.l.nrec);
		goto out;
	}
	rc = 0;
out:
	xmlnode_list_close(&p.l);
	return rc;
}

/* The root element `sdnList` shows within the first few hundred bytes. */
static int
ofac_xml_detect(const char *data, size_t len)
{
	size_t	n = len < 4096 ? len : 4096;

	if (memmem(data, n, "<sdnList", 8) != NULL)
		return 90;
	if (memmem(data, n, ":sdnList", 8) != NULL &&
	    memmem(data, n, "publshInformation", 17) != NULL)
		return 80;
	return 0;
}

const struct watcher_ops ofac_xml_watcher = {
	.name = "ofac-xml",
	.source = "ofac-sdn",	/* "ofac-cons" for CONSOLIDATED.XML */
	.description = "OFAC SDN.XML and CONSOLIDATED.XML (legacy sdnList "
	    "schema, tempuri.org or Sanctions List Service namespace)",
	.detect = ofac_xml_detect,
	.parse = ofac_xml_parse,
};
