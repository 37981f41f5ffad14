/* us_bis_dpl.c — the BIS Denied Persons List, dpl.txt: tab-separated, quoted,
 * one row per (name, address) of a denial order, with no id of its own. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/country.h"
#include "watchers/csv.h"
#include "watchers/rowcheck.h"
#include "watchers/watcher.h"

extern const struct watcher_ops us_bis_dpl_watcher;

/* The columns that place a listing: its name and its address. */
enum { DPL_NAME, DPL_STREET, DPL_CITY, DPL_STATE, DPL_COUNTRY, DPL_POSTAL,
    DPL_NKEY };
static const char *const dpl_key_cols[DPL_NKEY] = { "Name",
    "Street_Address", "City", "State", "Country", "Postal_Code" };

/* Dates written MM/DD/YYYY, given in ISO 8601 in the record. */
static const char *const dpl_us_dates[] = { "Effective_Date",
    "Expiration_Date", NULL };

struct dpl {
	const struct watcher_file *f;
	int		 ncols;
	char		*hdr[CSV_MAX_FIELDS];
	char		*key[CSV_MAX_FIELDS];	/* `extra` keys */
	int		 col[DPL_NKEY];
};

static int
dpl_col(const struct dpl *o, const char *name)
{
	return csv_column(o->hdr, o->ncols, name);
}

/* Field i, trimmed, as a new string, or NULL when empty. Caller frees. */
static char *
dpl_get(const struct csv_reader *c, int i)
{
	const char	*s;
	size_t		 n;

	if (i < 0 || (size_t)i >= c->nfields)
		return NULL;
	s = c->field[i];
	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n ? xstrndup(s, n) : NULL;
}

/* Field i for the id: trimmed, runs of white space as one space, ASCII
 * upper case, so that re-spacing or re-casing is not a new listing. */
static void
dpl_key_add(struct buf *b, const struct csv_reader *c, int i)
{
	const char	*s = i >= 0 && (size_t)i < c->nfields ? c->field[i] : "";
	int		 space = 0;
	size_t		 start = b->len;

	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			space = 1;
			continue;
		}
		if (space && b->len > start)
			buf_addc(b, ' ');
		space = 0;
		buf_addc(b, (char)toupper((unsigned char)*s));
	}
	buf_addc(b, '\x1f');
}

static int
dpl_is_state(const char *s)
{
	return s != NULL && rowcheck_us_state(s, strlen(s));
}

/* "10/16/2017" to "2017-10-16"; anything else is kept as written. */
static char *
dpl_iso_date(const char *s)
{
	int	m, d, y, n = 0;

	if (sscanf(s, "%2d/%2d/%4d%n", &m, &d, &y, &n) == 3 &&
	    (size_t)n == strlen(s) && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		return xasprintf("%04d-%02d-%02d", y, m, d);
	return xstrdup(s);
}

static int
dpl_header(struct dpl *o, struct csv_reader *c, char *err, size_t errlen)
{

	o->ncols = (int)c->nfields;
	for (int i = 0; i < o->ncols; i++)
		o->hdr[i] = csv_header_name(c->field[i]);
	for (int k = 0; k < DPL_NKEY; k++)
		o->col[k] = dpl_col(o, dpl_key_cols[k]);
	if (o->col[DPL_NAME] == -1 || o->col[DPL_STREET] == -1 ||
	    o->col[DPL_COUNTRY] == -1 || dpl_col(o, "Effective_Date") == -1)
		return seterr(err, errlen, "%s:%zu: header lacks Name, "
		    "Street_Address, Country or Effective_Date: not a BIS "
		    "Denied Persons List", o->f->name, c->line);
	for (int i = 0; i < o->ncols; i++) {
		if (i == o->col[DPL_NAME] || o->hdr[i][0] == '\0')
			continue;
		o->key[i] = csv_column_key(o->hdr[i], "dpl");
		for (int k = 0; k < i; k++)
			if (o->key[k] != NULL && strcmp(o->key[k], o->key[i]) == 0)
				return seterr(err, errlen, "%s:%zu: column \"%s\" "
				    "appears twice", o->f->name, c->line,
				    o->hdr[i]);
	}
	return 0;
}

/*
 * The file has no id, so one is derived from the fields that place a
 * listing and do not change while it stands: "dpl-" and 16 hex digits of
 * SHA-256 over the name and the five address columns (trimmed, spaces
 * collapsed, upper case; see dpl_key_add). Dates, the action and the
 * Federal Register citations change when an order is renewed or amended,
 * so they are left out: a renewal is a modification. A party at several
 * addresses has one row, and one record, per address.
 */
static int
dpl_row(struct dpl *o, const struct csv_reader *c, struct record *r,
    char *err, size_t errlen)
{
	struct buf	 key = { 0 };
	char		 hex[65], *v, *country, *state;
	const char	*codes[8];
	size_t		 k;

	r->source = xstrdup(us_bis_dpl_watcher.source);
	if ((r->name = dpl_get(c, o->col[DPL_NAME])) == NULL)
		return seterr(err, errlen, "%s:%zu: row has no name",
		    o->f->name, c->line);
	for (int i = 0; i < DPL_NKEY; i++)
		dpl_key_add(&key, c, o->col[i]);
	sha256_hex(key.data, key.len, hex);
	buf_free(&key);
	r->id = xasprintf("dpl-%.16s", hex);

	r->extra = json_object();
	for (int i = 0; i < o->ncols; i++) {
		int	 date = 0;

		if (o->key[i] == NULL || (v = dpl_get(c, i)) == NULL)
			continue;
		for (int d = 0; dpl_us_dates[d] != NULL; d++)
			if (strcasecmp(o->hdr[i], dpl_us_dates[d]) == 0)
				date = 1;
		if (date) {
			char *iso = dpl_iso_date(v);

			free(v);
			v = iso;
		}
		json_object_set_new(r->extra, o->key[i], json_string(v));
		free(v);
	}

	/* The Country column, else a US state in State (or, once, in
	 * Country) means the United States. */
	country = dpl_get(c, o->col[DPL_COUNTRY]);
	state = dpl_get(c, o->col[DPL_STATE]);
	k = country ? country_scan(country, strlen(country), codes, 8) : 0;
	for (size_t i = 0; i < k; i++)
		strvec_push_unique(&r->countries, codes[i]);
	if (k == 0 && (dpl_is_state(state) || dpl_is_state(country)))
		strvec_push_unique(&r->countries, "US");
	free(country);
	free(state);
	return 0;
}

static int
dpl_header_cb(void *o, struct csv_reader *c, char *err, size_t errlen)
{
	if (dpl_header(o, c, err, errlen) == -1)
		return -1;
	return ((struct dpl *)o)->ncols;
}

static int
dpl_row_cb(void *o, const struct csv_reader *c, struct record *r,
    char *err, size_t errlen)
{
	return dpl_row(o, c, r, err, errlen);
}

static const struct rowcheck_ops dpl_rows = {
	'\t', 1, dpl_header_cb, NULL, dpl_row_cb
};

static int
dpl_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	struct dpl	o;
	int		rc;

	memset(&o, 0, sizeof o);
	o.f = &in->main;
	rc = rowcheck_parse(&in->main, &dpl_rows, &o, cb, arg, err, errlen);
	for (int i = 0; i < o.ncols; i++) {
		free(o.hdr[i]);
		free(o.key[i]);
	}
	return rc;
}

static int
dpl_detect(const char *data, size_t len)
{
	static const char q[] = "\"Name\"\t\"Street_Address\"\t";
	static const char u[] = "Name\tStreet_Address\t";

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3, len -= 3;
	if ((len >= sizeof q - 1 && strncasecmp(data, q, sizeof q - 1) == 0) ||
	    (len >= sizeof u - 1 && strncasecmp(data, u, sizeof u - 1) == 0))
		return 90;
	return 0;
}

const struct watcher_ops us_bis_dpl_watcher = {
	.name = "us-bis-dpl",
	.source = "us-bis-dpl",
	.description = "US BIS Denied Persons List, tab-separated dpl.txt",
	.detect = dpl_detect,
	.parse = dpl_parse,
};
