/* un_xml.c — the UN Security Council consolidated list (consolidated.xml,
 * CONSOLIDATED_LIST of INDIVIDUAL and ENTITY records). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"
#include "watchers/watcher.h"
#include "watchers/xml.h"
#include "watchers/xmlnode.h"

extern const struct watcher_ops un_xml_watcher;

static const char *const un_name_parts[] = { "FIRST_NAME", "SECOND_NAME",
    "THIRD_NAME", "FOURTH_NAME", NULL };

/* Elements whose country-bearing children feed `countries`. */
static const char *const un_places[] = { "INDIVIDUAL_ADDRESS",
    "ENTITY_ADDRESS", "INDIVIDUAL_PLACE_OF_BIRTH", NULL };

/* "FIRST SECOND THIRD FOURTH", each part trimmed (the files pad them). */
static char *
un_name(const xmlNode *rec)
{
	struct buf	b = { 0 };

	for (size_t i = 0; un_name_parts[i] != NULL; i++) {
		char	*s = xmlnode_child_text(rec, un_name_parts[i]);

		if (s == NULL)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, s);
		free(s);
	}
	if (b.len == 0)
		return NULL;
	buf_cstr(&b);
	return b.data;
}

static int
in_list(const xmlNode *n, const char *const *names)
{
	for (size_t i = 0; names[i] != NULL; i++)
		if (xmlnode_is(n, names[i]))
			return 1;
	return 0;
}

/* A child that only wraps <VALUE> items (NATIONALITY, TITLE, ...). */
static int
only_values(const xmlNode *n)
{
	xmlNodePtr	c = xmlnode_first(n);

	if (c == NULL)
		return 0;
	for (; c != NULL; c = xmlnode_next(c))
		if (!xmlnode_is(c, "VALUE") || xmlnode_has_children(c))
			return 0;
	return 1;
}

/*
 * One ALIAS_NAME may hold several names: "Abdul Rehman; Abd Ur-Rehman;
 * Abdur Rahman", or an original-script name with its Latin forms in
 * parentheses, "أبو شيماء (Abu-Shaima; Abu- Shayma)". Each is an alias of
 * its own; a name matches one alias, not a list of them.
 */
static void
un_alias_add(struct record *r, const char *v)
{
	const char	*p = v;

	if (strchr(v, ';') == NULL) {
		strvec_push_unique(&r->aliases, v);
		return;
	}
	while (*p) {
		size_t	 n = strcspn(p, ";()");
		char	*a = xstrndup(p, n);
		char	*b = a, *e = a + strlen(a);

		while (*b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		*e = '\0';
		if (*b != '\0')
			strvec_push_unique(&r->aliases, b);
		free(a);
		p += n;
		if (*p)
			p++;
	}
}

/*
 * Fills r from one INDIVIDUAL or ENTITY. Every published child is kept in
 * extra under its snake_case name (repeatable ones as arrays), so the
 * content, not VERSIONNUM, tells whether a record changed.
 */
static int
un_record(const xmlNode *rec, struct record *r, const char *file, int line,
    char *err, size_t errlen)
{
	int	 individual = xmlnode_is(rec, "INDIVIDUAL");
	char	 key[128];
	char	*s;

	r->source = xstrdup(un_xml_watcher.source);
	r->type = xstrdup(individual ? "individual" : "entity");
	if ((r->id = xmlnode_child_text(rec, "DATAID")) == NULL)
		return seterr(err, errlen, "%s:%d: %s without DATAID", file,
		    xmlnode_line(rec), (const char *)rec->name);
	for (const char *p = r->id; *p; p++)
		if (!isdigit((unsigned char)*p))
			return seterr(err, errlen, "%s:%d: DATAID \"%s\" is "
			    "not a number", file, xmlnode_line(rec), r->id);
	if ((r->name = un_name(rec)) == NULL)
		return seterr(err, errlen, "%s:%d: %s %s has no name", file,
		    xmlnode_line(rec), (const char *)rec->name, r->id);
	r->extra = json_object();

	for (xmlNodePtr c = xmlnode_first(rec); c != NULL; c = xmlnode_next(c)) {
		xmlnode_key((const char *)c->name, key, sizeof key);
		if (xmlnode_is(c, "DATAID"))
			continue;
		if (xmlnode_is(c, "COMMENTS1")) {
			s = xmlnode_text(c);
			if (*s != '\0' && r->remarks == NULL)
				r->remarks = s;
			else
				free(s);
			continue;
		}
		if (xmlnode_is(c, "UN_LIST_TYPE") ||
		    xmlnode_is(c, "REFERENCE_NUMBER")) {
			s = xmlnode_text(c);
			if (*s != '\0')
				strvec_push_unique(&r->programs, s);
			free(s);
			continue;
		}
		if (xmlnode_is(c, "NAME_ORIGINAL_SCRIPT")) {
			s = xmlnode_text(c);
			if (*s != '\0') {
				strvec_push_unique(&r->aliases, s);
				record_set_extra(r, key, s);
			}
			free(s);
			continue;
		}
		if (!xmlnode_has_children(c)) {
			s = xmlnode_text(c);
			record_set_extra(r, key, s);
			free(s);
			continue;
		}
		if (only_values(c)) {
			for (xmlNodePtr v = xmlnode_first(c); v != NULL;
			    v = xmlnode_next(v)) {
				s = xmlnode_text(v);
				if (*s != '\0') {
					if (xmlnode_is(c, "NATIONALITY"))
						xmlnode_add_countries(r, s);
					xmlnode_append(r->extra, key,
					    json_string(s));
				}
				free(s);
			}
			continue;
		}
		/* Repeatable groups: aliases, addresses, dates and places of
		 * birth, documents. Empty placeholders are left out. */
		{
			json_t		*o = xmlnode_object(c);
			const char	*v;

			if (o == NULL)
				continue;
			if (xmlnode_is(c, "INDIVIDUAL_ALIAS") ||
			    xmlnode_is(c, "ENTITY_ALIAS")) {
				if ((v = json_string_value(json_object_get(o,
				    "alias_name"))) != NULL)
					un_alias_add(r, v);
				xmlnode_add_countries(r, json_string_value(
				    json_object_get(o, "country_of_birth")));
			} else if (in_list(c, un_places)) {
				xmlnode_add_countries(r, json_string_value(
				    json_object_get(o, "country")));
			} else if (xmlnode_is(c, "INDIVIDUAL_DOCUMENT")) {
				xmlnode_rename(o, "type_of_document", "type");
				xmlnode_rename(o, "number", "value");
				xmlnode_rename(o, "issuing_country", "country");
				xmlnode_append(r->extra, "ids", o);
				continue;
			}
			xmlnode_append(r->extra, key, o);
		}
	}
	if (json_object_size(r->extra) == 0) {
		json_decref(r->extra);
		r->extra = NULL;
	}
	return 0;
}

struct un_parse {
	struct xmlnode_list	l;
	int			groups;	/* INDIVIDUALS, ENTITIES seen */
};

/* A child of INDIVIDUALS or ENTITIES: an INDIVIDUAL or ENTITY record. */
static int
un_record_cb(struct xml_in *x, void *arg, char *err, size_t errlen)
{
	struct un_parse	*p = arg;

	if (!xml_is_start(x, "INDIVIDUAL") && !xml_is_start(x, "ENTITY"))
		return 0;
	return xmlnode_list_record(&p->l, un_record, err, errlen);
}

/* A child of the root: the record groups are read, the rest skipped. */
static int
un_group_cb(struct xml_in *x, void *arg, char *err, size_t errlen)
{
	struct un_parse	*p = arg;

	if (!xml_is_start(x, "INDIVIDUALS") && !xml_is_start(x, "ENTITIES"))
		return 0;
	p->groups++;
	return xml_each_child(x, un_record_cb, p, err, errlen);
}

static int
un_xml_parse(const struct watcher_input *in, watcher_record_cb cb,
    void *arg, char *err, size_t errlen)
{
	const struct watcher_file	*f = &in->main;
	struct un_parse			 p = { .groups = 0 };
	struct xml_in			*x = &p.l.x;
	int				 rc = -1;

	if (xmlnode_list_open(&p.l, f, cb, arg, err, errlen) == -1)
		goto out;
	if (!xml_is_start(x, "CONSOLIDATED_LIST") ||
	    xmlTextReaderConstNamespaceUri(x->r) != NULL) {
		seterr(err, errlen, "%s:%d: not a UN consolidated list: root "
		    "element is <%s>%s", f->name, xml_line(x),
		    xml_localname(x), xmlTextReaderConstNamespaceUri(x->r) ?
		    " in a namespace" : "");
		goto out;
	}
	if (xmlnode_list_run(&p.l, un_group_cb, &p, NULL, err, errlen) == -1)
		goto out;
	if (p.groups == 0) {
		seterr(err, errlen, "%s: no INDIVIDUALS or ENTITIES (not a "
		    "complete UN list?)", f->name);
		goto out;
	}
	if (p.l.nrec == 0) {
		seterr(err, errlen, "%s: no INDIVIDUAL or ENTITY records",
		    f->name);
		goto out;
	}
	rc = 0;
out:
	xmlnode_list_close(&p.l);
	return rc;
}

static int
un_xml_detect(const char *data, size_t len)
{
	size_t	n = len < 4096 ? len : 4096;

	return memmem(data, n, "<CONSOLIDATED_LIST", 18) != NULL ? 90 : 0;
}

const struct watcher_ops un_xml_watcher = {
	.name = "un-xml",
	.source = "un",
	.description = "UN Security Council consolidated list XML "
	    "(scsanctions.un.org consolidated.xml)",
	.detect = un_xml_detect,
	.parse = un_xml_parse,
};
