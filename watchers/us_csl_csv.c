/* us_csl_csv.c — the US Trade Consolidated Screening List (CSL) as CSV: one
 * row per listing, from a dozen Commerce, State and Treasury lists. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/country.h"
#include "watchers/csv.h"
#include "watchers/rowcheck.h"
#include "watchers/watcher.h"

extern const struct watcher_ops us_csl_csv_watcher;

struct csl {
	const struct watcher_file *f;
	int		 ncols;
	char		*hdr[CSV_MAX_FIELDS];	/* column names, trimmed */
	char		*key[CSV_MAX_FIELDS];	/* their `extra` keys, or NULL */
	int		 col_id, col_source, col_entnum, col_type, col_programs;
	int		 col_name, col_alt, col_remarks, col_addresses, col_ids;
	int		 col_dob;
	int		 legacy;	/* no _id column: the 2019 layout */
};

/* Columns read into the core fields, or whose values are split into lists
 * ("; "-separated in the file). */
static const char *const csl_lists[] = { "addresses", "citizenships",
    "nationalities", "places_of_birth", "dates_of_birth", NULL };

static int
csl_col(const struct csl *o, const char *name)
{
	return csv_column(o->hdr, o->ncols, name);
}

/* Field i of the row, trimmed of spaces, into a new string, or NULL when
 * empty. Caller frees. */
static char *
csl_get(const struct csv_reader *c, int i)
{
	const char	*s;
	size_t		 n;

	if (i < 0 || (size_t)i >= c->nfields)
		return NULL;
	s = c->field[i];
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' ||
	    s[n - 1] == '\r'))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

/* Calls fn on each trimmed, non-empty "; "-separated part of s. */
static void
csl_split(const char *s, void (*fn)(const char *, size_t, void *), void *arg)
{
	while (s != NULL && *s != '\0') {
		const char	*e = strstr(s, "; ");
		size_t		 n = e ? (size_t)(e - s) : strlen(s);
		const char	*p = s;

		s = e ? e + 2 : s + n;
		while (n > 0 && *p == ' ')
			p++, n--;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == ';'))
			n--;
		if (n > 0)
			fn(p, n, arg);
	}
}

static void
csl_push_cb(const char *s, size_t n, void *sv)
{
	char	*v = xstrndup(s, n);

	strvec_push_unique(sv, v);
	free(v);
}

static void
csl_append_cb(const char *s, size_t n, void *a)
{
	json_array_append_new(a, json_stringn(s, n));
}

static void
csl_country(struct record *r, const char *s, size_t n)
{
	const char	*codes[8];
	size_t		 k;

	while (n > 0 && (*s == ' ' || *s == ','))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	if (n == 0)
		return;
	k = country_scan(s, n, codes, 8);
	for (size_t i = 0; i < k; i++)
		strvec_push_unique(&r->countries, codes[i]);
}

static void
csl_country_cb(const char *s, size_t n, void *r)
{
	csl_country(r, s, n);
}

/* 1 when s[0..n) is a US ZIP code as the lists write it: 3 to 6 digits
 * (leading zeros dropped or doubled), or ZIP+4. */
static int
csl_zip(const char *s, size_t n)
{
	size_t	d = 0;

	while (d < n && isdigit((unsigned char)s[d]))
		d++;
	return d >= 3 && d <= 6 && (d == n || (n - d == 5 && s[d] == '-'));
}

/* An address or a place of birth names its country last: "Moscow, RU",
 * "Damascus, Syria". A US address may stop at "..., TX, 79905" (or, once,
 * "..., 88021, NM"): a state code next to a ZIP code means the US. */
static void
csl_last_part_cb(const char *s, size_t n, void *arg)
{
	struct record	*r = arg;
	const char	*p = s + n, *q;
	size_t		 before = r->countries.n, lp, lq;

	while (p > s && !(p[-1] == ',' && p[0] == ' '))
		p--;
	if (p > s)
		p++;
	csl_country(r, p, (size_t)(s + n - p));
	if (r->countries.n != before || p - s < 4)
		return;
	for (q = p - 2; q > s && !(q[-1] == ',' && q[0] == ' '); q--)
		;
	if (q > s)
		q++;
	lp = (size_t)(s + n - p);
	lq = (size_t)(p - 2 - q);
	if ((csl_zip(p, lp) && rowcheck_us_state(q, lq)) ||
	    (rowcheck_us_state(p, lp) && csl_zip(q, lq)))
		strvec_push_unique(&r->countries, "US");
}

struct csl_ids {
	json_t		*a;
	int		 legacy;
};

/*
 * Identifiers: "type, value[, CC]" now ("Tax ID No., 7744001497, RU"); the
 * 2019 layout wrote "[CC, ]value, type". Values may hold ", " themselves
 * ("Issuer Name, China Telecom Co., Ltd"): only an alpha-2 code at the
 * country's end of the entry is taken for one.
 */
static void
csl_id_cb(const char *s, size_t n, void *arg)
{
	struct csl_ids	*ids = arg;
	char		*e = xstrndup(s, n), *first, *last, *cc = NULL;
	json_t		*o = json_object();

	first = strstr(e, ", ");
	last = NULL;
	for (char *p = e; (p = strstr(p, ", ")) != NULL; p += 2)
		last = p;
	if (first == NULL) {
		json_object_set_new(o, "value", json_string(e));
	} else if (!ids->legacy) {
		*first = '\0';
		json_object_set_new(o, "type", json_string(e));
		if (last != first && strlen(last + 2) == 2 &&
		    isupper((unsigned char)last[2]) &&
		    isupper((unsigned char)last[3]) &&
		    country_lookup(last + 2, 2) != NULL) {
			cc = last + 2;
			*last = '\0';
		}
		json_object_set_new(o, "value", json_string(first + 2));
	} else {
		char	*v = e;

		*last = '\0';
		json_object_set_new(o, "type", json_string(last + 2));
		if (last != first && first - e == 2 &&
		    isupper((unsigned char)e[0]) && isupper((unsigned char)e[1]) &&
		    country_lookup(e, 2) != NULL) {
			*first = '\0';
			cc = e;
			v = first + 2;
		}
		json_object_set_new(o, "value", json_string(v));
	}
	if (cc != NULL)
		json_object_set_new(o, "country", json_string(cc));
	json_array_append_new(ids->a, o);
	free(e);
}

/* The list's abbreviation: "EL" in "Entity List (EL) - Bureau of ...",
 * "NS-MBS" in "(NS-MBS List)"; else the whole name. Caller frees. */
static char *
csl_list_key(const char *source)
{
	const char	*p = strchr(source, '('), *e;

	if (p != NULL) {
		p++;
		for (e = p; *e && *e != ')' && *e != ' '; e++)
			;
		if (e > p && *e != '\0')
			return xstrndup(p, (size_t)(e - p));
	}
	return xstrdup(source);
}

static int
csl_header(struct csl *o, struct csv_reader *c, char *err, size_t errlen)
{

	o->ncols = (int)c->nfields;
	for (int i = 0; i < o->ncols; i++)
		o->hdr[i] = csv_header_name(c->field[i]);
	o->col_id = csl_col(o, "_id");
	o->col_source = csl_col(o, "source");
	o->col_entnum = csl_col(o, "entity_number");
	o->col_type = csl_col(o, "type");
	o->col_programs = csl_col(o, "programs");
	o->col_name = csl_col(o, "name");
	o->col_alt = csl_col(o, "alt_names");
	o->col_remarks = csl_col(o, "remarks");
	o->col_addresses = csl_col(o, "addresses");
	o->col_ids = csl_col(o, "ids");
	o->col_dob = csl_col(o, "dates_of_birth");
	o->legacy = o->col_id == -1;
	if (o->col_source == -1 || o->col_name == -1 ||
	    (o->col_id == -1 && o->col_entnum == -1))
		return seterr(err, errlen, "%s:%zu: header lacks source, name "
		    "or _id: not a Consolidated Screening List CSV", o->f->name,
		    c->line);
	for (int i = 0; i < o->ncols; i++) {
		if (i == o->col_id || i == o->col_type || i == o->col_name ||
		    i == o->col_alt || i == o->col_programs ||
		    i == o->col_remarks || o->hdr[i][0] == '\0')
			continue;
		if (i == o->col_source) {
			o->key[i] = xstrdup("list");
			continue;
		}
		o->key[i] = csv_column_key(o->hdr[i], "csl");
		for (int k = 0; k < i; k++)
			if (o->key[k] != NULL && strcmp(o->key[k], o->key[i]) == 0)
				return seterr(err, errlen, "%s:%zu: column \"%s\" "
				    "appears twice", o->f->name, c->line,
				    o->hdr[i]);
	}
	return 0;
}

/* A row that repeats the header (the 2023 copy starts with two). */
static int
csl_is_header(const struct csl *o, const struct csv_reader *c)
{
	for (int i = 0; i < o->ncols; i++) {
		char	*v = csl_get(c, i);
		int	 same = v != NULL && strcasecmp(v, o->hdr[i]) == 0;

		free(v);
		if (!same)
			return 0;
	}
	return 1;
}

/*
 * The id: "<list>:<_id>", e.g. "SDN:9659", "EL:99ed1b05...". Treasury rows
 * carry OFAC's uid as _id and the same uid appears under two lists (SDN and
 * PLC, SSI and NS-MBS), hence the list prefix. The other lists' _id is a
 * hash trade.gov computes: the 56-digit ones (EL, DPL, UVL, ISN) held from
 * 2023-11 to 2025-06, the 32-digit ones (MEU, DTC) did not, so a re-keyed
 * MEU or DTC entry shows as a removal plus an addition. The 2019 layout has
 * no _id: its OFAC rows use entity_number, the others "<list>:h" and 16 hex
 * digits of SHA-256 over the name, addresses and Federal Register notice.
 */
static char *
csl_id(const struct csl *o, const struct csv_reader *c, const char *list,
    const char *name)
{
	char	*key = csl_list_key(list), *v, *id;

	if ((v = csl_get(c, o->col_id)) != NULL ||
	    (v = csl_get(c, o->col_entnum)) != NULL) {
		id = xasprintf("%s:%s", key, v);
	} else {
		struct buf	 b = { 0 };
		char		*a = csl_get(c, o->col_addresses);
		char		*fr = csl_get(c, csl_col(o,
		    "federal_register_notice"));
		char		 hex[65];

		buf_adds(&b, name);
		buf_addc(&b, '\x1f');
		buf_adds(&b, a ? a : "");
		buf_addc(&b, '\x1f');
		buf_adds(&b, fr ? fr : "");
		sha256_hex(b.data, b.len, hex);
		id = xasprintf("%s:h%.16s", key, hex);
		buf_free(&b);
		free(a);
		free(fr);
	}
	free(v);
	free(key);
	return id;
}

static int
csl_row(struct csl *o, const struct csv_reader *c, struct record *r,
    char *err, size_t errlen)
{
	char		*list = csl_get(c, o->col_source);
	char		*v;
	int		 rc = -1;

	r->source = xstrdup(us_csl_csv_watcher.source);
	if ((r->name = csl_get(c, o->col_name)) == NULL) {
		seterr(err, errlen, "%s:%zu: row has no name", o->f->name,
		    c->line);
		goto out;
	}
	if (list == NULL) {
		seterr(err, errlen, "%s:%zu: row has no source list",
		    o->f->name, c->line);
		goto out;
	}
	r->id = csl_id(o, c, list, r->name);
	if ((v = csl_get(c, o->col_type)) != NULL) {
		if (strcasecmp(v, "Individual") == 0)
			r->type = xstrdup("individual");
		else if (strcasecmp(v, "Entity") == 0)
			r->type = xstrdup("entity");
		else if (strcasecmp(v, "Vessel") == 0)
			r->type = xstrdup("vessel");
		else if (strcasecmp(v, "Aircraft") == 0)
			r->type = xstrdup("aircraft");
		else {
			seterr(err, errlen, "%s:%zu: type \"%.40s\" is not "
			    "Individual, Entity, Vessel or Aircraft",
			    o->f->name, c->line, v);
			free(v);
			goto out;
		}
		free(v);
	}
	v = csl_get(c, o->col_alt);
	csl_split(v, csl_push_cb, &r->aliases);
	free(v);
	for (size_t i = 0; i < r->aliases.n; i++)
		if (strcmp(r->aliases.v[i], r->name) == 0) {
			free(r->aliases.v[i]);
			memmove(&r->aliases.v[i], &r->aliases.v[i + 1],
			    (r->aliases.n - i - 1) * sizeof r->aliases.v[0]);
			r->aliases.n--;
			break;
		}
	v = csl_get(c, o->col_programs);
	csl_split(v, csl_push_cb, &r->programs);
	free(v);
	r->remarks = csl_get(c, o->col_remarks);

	r->extra = json_object();
	for (int i = 0; i < o->ncols; i++) {
		int	 split = 0;

		if (o->key[i] == NULL || (v = csl_get(c, i)) == NULL)
			continue;
		for (int k = 0; csl_lists[k] != NULL; k++)
			if (strcasecmp(o->hdr[i], csl_lists[k]) == 0)
				split = 1;
		if (i == o->col_ids) {
			struct csl_ids ids = { json_array(), o->legacy };

			csl_split(v, csl_id_cb, &ids);
			json_object_set_new(r->extra, o->key[i], ids.a);
		} else if (split) {
			json_t	*a = json_array();

			csl_split(v, csl_append_cb, a);
			json_object_set_new(r->extra, o->key[i], a);
		} else
			json_object_set_new(r->extra, o->key[i], json_string(v));
		if (i == o->col_addresses ||
		    strcasecmp(o->hdr[i], "places_of_birth") == 0)
			csl_split(v, csl_last_part_cb, r);
		else if (strcasecmp(o->hdr[i], "citizenships") == 0 ||
		    strcasecmp(o->hdr[i], "nationalities") == 0 ||
		    strcasecmp(o->hdr[i], "vessel_flag") == 0)
			csl_split(v, csl_country_cb, r);
		free(v);
	}
	rc = 0;
out:
	free(list);
	return rc;
}

static int
csl_header_cb(void *o, struct csv_reader *c, char *err, size_t errlen)
{
	if (csl_header(o, c, err, errlen) == -1)
		return -1;
	return ((struct csl *)o)->ncols;
}

static int
csl_skip_cb(void *o, const struct csv_reader *c)
{
	return csl_is_header(o, c);
}

static int
csl_row_cb(void *o, const struct csv_reader *c, struct record *r,
    char *err, size_t errlen)
{
	return csl_row(o, c, r, err, errlen);
}

static const struct rowcheck_ops csl_rows = {
	',', 0, csl_header_cb, csl_skip_cb, csl_row_cb
};

static int
csl_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	struct csl	o;
	int		rc;

	memset(&o, 0, sizeof o);
	o.f = &in->main;
	rc = rowcheck_parse(&in->main, &csl_rows, &o, cb, arg, err, errlen);
	for (int i = 0; i < o.ncols; i++) {
		free(o.hdr[i]);
		free(o.key[i]);
	}
	return rc;
}

static int
csl_detect(const char *data, size_t len)
{
	size_t		 lim = len < 4096 ? len : 4096;
	const char	*nl;

	if (lim >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3, lim -= 3;
	if ((nl = memchr(data, '\n', lim)) != NULL)
		lim = (size_t)(nl - data);
	if (memmem(data, lim, "entity_number", 13) &&
	    memmem(data, lim, "source_list_url", 15) &&
	    memmem(data, lim, "alt_names", 9))
		return 90;
	return 0;
}

const struct watcher_ops us_csl_csv_watcher = {
	.name = "us-csl-csv",
	.source = "us-csl",
	.description = "US Trade Consolidated Screening List, CSV "
	    "(consolidated.csv: Commerce, State and Treasury export screening "
	    "lists)",
	.detect = csl_detect,
	.parse = csl_parse,
};
