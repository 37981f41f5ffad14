/* uk_ofsi_csv.c — OFSI's Consolidated List of Financial Sanctions Targets,
 * ConList.csv (Windows-1252, one row per name, rows joined by Group ID). */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/country.h"
#include "watchers/csv.h"
#include "watchers/watcher.h"

extern const struct watcher_ops uk_ofsi_csv_watcher;

/* Where one row sits: the second pass re-reads rows group by group. */
struct ofsi_row {
	long		 gid;
	size_t		 off;
	size_t		 line;
};

struct ofsi {
	const struct watcher_file *f;
	iconv_t		 cd;
	int		 ncols;		/* header columns, after the shift */
	int		 shift;		/* 1 when the header has a blank first cell */
	char		*hdr[CSV_MAX_FIELDS];	/* column names, UTF-8 */
	int		 col_name[6];	/* Name 1 .. Name 6, or -1 */
	int		 col_gid, col_gtype, col_atype, col_regime, col_other;
	int		 col_nonlatin;
};

static int
ofsi_col(const struct ofsi *o, const char *name)
{
	return csv_column(o->hdr, o->ncols, name);
}

/* A field as UTF-8 (caller frees), or NULL with err on a byte that is not
 * Windows-1252 (or, after a UTF-8 byte order mark, not UTF-8). */
static char *
ofsi_utf8(struct ofsi *o, const char *s, size_t line, char *err,
    size_t errlen)
{
	size_t	 n = strlen(s), inleft = n, outleft = n * 3 + 1;
	char	*out, *op, *ip = (char *)(uintptr_t)s;
	size_t	 i;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n)
		return xstrdup(s);
	out = op = xmalloc(outleft);
	iconv(o->cd, NULL, NULL, NULL, NULL);
	if (iconv(o->cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
		free(out);
		seterr(err, errlen, "%s:%zu: byte 0x%02x is not valid "
		    "Windows-1252 text", o->f->name, line,
		    (unsigned char)*ip);
		return NULL;
	}
	*op = '\0';
	return out;
}

/* Field i of the row (header-relative), trimmed, or NULL when empty. */
static const char *
ofsi_raw(const struct csv_reader *c, const struct ofsi *o, int i)
{
	const char	*s;

	if (i < 0 || (size_t)i >= c->nfields)
		return NULL;
	s = c->field[i];
	while (*s == ' ')
		s++;
	return *s ? s : NULL;
}

static int
ofsi_header(struct ofsi *o, struct csv_reader *c, char *err, size_t errlen)
{
	char	key[32];

	o->shift = c->nfields > 1 && c->field[0][0] == '\0';
	o->ncols = (int)c->nfields - o->shift;
	for (int i = 0; i < o->ncols; i++) {
		const char	*h = c->field[i + o->shift];
		size_t		 n = strlen(h);

		while (n > 0 && h[n - 1] == ' ')
			n--;
		o->hdr[i] = xstrndup(h, n);
	}
	for (int i = 0; i < 6; i++) {
		snprintf(key, sizeof key, "Name %d", i + 1);
		o->col_name[i] = ofsi_col(o, key);
	}
	o->col_gid = ofsi_col(o, "Group ID");
	o->col_gtype = ofsi_col(o, "Group Type");
	o->col_atype = ofsi_col(o, "Alias Type");
	o->col_regime = ofsi_col(o, "Regime");
	o->col_other = ofsi_col(o, "Other Information");
	o->col_nonlatin = ofsi_col(o, "Name Non-Latin Script");
	if (o->col_name[5] == -1 || o->col_gid == -1 || o->col_gtype == -1)
		return seterr(err, errlen, "%s:%zu: header lacks Name 6, Group "
		    "Type or Group ID: not an OFSI ConList.csv", o->f->name,
		    c->line);
	return 0;
}

/* Rows carry the header's columns (the edited header's blank first cell
 * has no counterpart), or one more when a row ends with a comma. */
static int
ofsi_check_row(const struct ofsi *o, const struct csv_reader *c, long *gid,
    char *err, size_t errlen)
{
	const char	*s;
	char		*end;

	if (c->nfields != (size_t)o->ncols && !(c->nfields ==
	    (size_t)o->ncols + 1 && c->field[o->ncols][0] == '\0'))
		return seterr(err, errlen, "%s:%zu: expected %d fields, found "
		    "%zu%s", o->f->name, c->line, o->ncols, c->nfields,
		    c->terminated ? "" : " (file truncated?)");
	s = ofsi_raw(c, o, o->col_gid);
	errno = 0;
	*gid = s ? strtol(s, &end, 10) : 0;
	if (s == NULL || errno != 0 || *end != '\0' || *gid <= 0)
		return seterr(err, errlen, "%s:%zu: Group ID is not a positive "
		    "integer", o->f->name, c->line);
	return 0;
}

static int
ofsi_row_cmp(const void *a, const void *b)
{
	const struct ofsi_row	*x = a, *y = b;

	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* "dd/mm/yyyy" with 00 for unknown parts to ISO 8601 at its precision. */
static char *
ofsi_date(const char *s)
{
	int	d, m, y;

	if (s == NULL || sscanf(s, "%2d/%2d/%4d", &d, &m, &y) != 3 ||
	    strlen(s) != 10 || y <= 0)
		return NULL;
	if (m == 0)
		return xasprintf("%04d", y);
	if (d == 0)
		return xasprintf("%04d-%02d", y, m);
	return xasprintf("%04d-%02d-%02d", y, m, d);
}

static void
ofsi_country(struct record *r, const char *s, size_t n)
{
	const char	*code, *paren;

	while (n > 0 && (*s == ' ' || *s == '.' || *s == '-'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ','))
		n--;
	if (n == 0)
		return;
	if ((code = country_lookup(s, n)) == NULL &&
	    (paren = memchr(s, '(', n)) != NULL && paren > s)
		code = country_lookup(s, (size_t)(paren - s));
	if (code != NULL)
		strvec_push_unique(&r->countries, code);
}

/*
 * "1) Saudi Arabia 2) Qatar", "(1) German (2) Moroccan", "(1)-(2) Indonesia"
 * or one country: the numbered markers separate the countries.
 */
static void
ofsi_countries(struct record *r, const char *s)
{
	const char	*p = s, *start = s;

	while (*p) {
		const char	*m = p, *q;

		if (*m == '(')
			m++;
		if ((p != s && p[-1] != ' ' && p[-1] != '-') ||
		    !isdigit((unsigned char)*m)) {
			p++;
			continue;
		}
		for (q = m; isdigit((unsigned char)*q); q++)
			;
		if (*q != ')') {
			p++;
			continue;
		}
		ofsi_country(r, start, (size_t)(p - start));
		start = p = q + 1;
	}
	ofsi_country(r, start, strlen(start));
}

/* Builds one record from the group's rows (idx[0..n)) and hands it on. */
static int
ofsi_group(struct ofsi *o, const struct ofsi_row *idx, size_t n,
    struct record *r, char *err, size_t errlen)
{
	struct csv_reader	 c;
	struct buf		 nb = { 0 };
	json_t			*cols = json_object(), *names = json_array();
	char			*primary = NULL;
	int			 rc = -1;

	r->source = xstrdup(uk_ofsi_csv_watcher.source);
	r->id = xasprintf("%ld", idx[0].gid);
	for (size_t k = 0; k < n; k++) {
		const char	*s;
		char		*v, *nm, *atype = NULL;
		json_t		*no;

		csv_open(&c, o->f->name, o->f->data + idx[k].off,
		    o->f->len - idx[k].off, ',');
		c.next_line = idx[k].line;
		if (csv_next(&c, err, errlen) != 1) {
			csv_close(&c);
			goto out;
		}
		/* Name 1..5 are given names, Name 6 the family name. */
		buf_reset(&nb);
		for (int i = 0; i < 6; i++) {
			if ((s = ofsi_raw(&c, o, o->col_name[i])) == NULL)
				continue;
			if (nb.len > 0)
				buf_addc(&nb, ' ');
			buf_adds(&nb, s);
		}
		if (nb.len == 0) {
			seterr(err, errlen, "%s:%zu: row has no name",
			    o->f->name, c.line);
			csv_close(&c);
			goto out;
		}
		if ((nm = ofsi_utf8(o, buf_cstr(&nb), c.line, err, errlen))
		    == NULL) {
			csv_close(&c);
			goto out;
		}
		if ((s = ofsi_raw(&c, o, o->col_atype)) != NULL &&
		    (atype = ofsi_utf8(o, s, c.line, err, errlen)) == NULL) {
			free(nm);
			csv_close(&c);
			goto out;
		}
		if (primary == NULL && atype != NULL &&
		    (strcasecmp(atype, "Prime Alias") == 0 ||
		    strcasecmp(atype, "Primary name") == 0))
			primary = xstrdup(nm);
		/* Rows repeat a name once per date of birth: keep it once. */
		no = json_object();
		json_object_set_new(no, "name", json_string(nm));
		if (atype != NULL)
			json_object_set_new(no, "alias_type", json_string(atype));
		{
			json_t	*e;
			size_t	 j;
			int	 dup = 0;

			json_array_foreach(names, j, e)
				if (json_equal(e, no))
					dup = 1;
			if (dup)
				json_decref(no);
			else
				json_array_append_new(names, no);
		}
		strvec_push_unique(&r->aliases, nm);
		free(nm);
		free(atype);

		/* Every other column: its distinct values, in row order. */
		for (int i = 0; i < o->ncols; i++) {
			json_t	*a, *e;
			size_t	 j;
			int	 dup = 0;

			if (i == o->col_gid || i == o->col_atype ||
			    (i >= 0 && (i == o->col_name[0] ||
			    i == o->col_name[1] || i == o->col_name[2] ||
			    i == o->col_name[3] || i == o->col_name[4] ||
			    i == o->col_name[5])))
				continue;
			if ((s = ofsi_raw(&c, o, i)) == NULL)
				continue;
			if ((v = ofsi_utf8(o, s, c.line, err, errlen)) == NULL) {
				csv_close(&c);
				goto out;
			}
			if ((a = json_object_get(cols, o->hdr[i])) == NULL) {
				a = json_array();
				json_object_set_new(cols, o->hdr[i], a);
			}
			json_array_foreach(a, j, e)
				if (strcmp(json_string_value(e), v) == 0)
					dup = 1;
			if (!dup)
				json_array_append_new(a, json_string(v));
			free(v);
		}
		csv_close(&c);
	}

	/* The primary name, else the first row's; the others are aliases. */
	r->name = primary ? primary : xstrdup(r->aliases.v[0]);
	primary = NULL;
	for (size_t i = 0; i < r->aliases.n; i++)
		if (strcmp(r->aliases.v[i], r->name) == 0) {
			free(r->aliases.v[i]);
			memmove(&r->aliases.v[i], &r->aliases.v[i + 1],
			    (r->aliases.n - i - 1) * sizeof r->aliases.v[0]);
			r->aliases.n--;
			break;
		}
	{
		const char	*gt = json_string_value(json_array_get(
		    json_object_get(cols, o->hdr[o->col_gtype]), 0));
		json_t		*a, *e;
		size_t		 j;
		const char	*ccols[] = { "Country of Birth", "Nationality",
		    "Country", NULL };
		struct buf	 rem = { 0 };

		if (gt != NULL && strcasecmp(gt, "Individual") == 0)
			r->type = xstrdup("individual");
		else if (gt != NULL && strcasecmp(gt, "Entity") == 0)
			r->type = xstrdup("entity");
		else if (gt != NULL && strcasecmp(gt, "Ship") == 0)
			r->type = xstrdup("vessel");
		else {
			seterr(err, errlen, "%s:%zu: group %ld: Group Type \"%s\""
			    " is not Individual, Entity or Ship", o->f->name,
			    idx[0].line, idx[0].gid, gt ? gt : "");
			goto out;
		}
		if (o->col_regime != -1)
			json_array_foreach(json_object_get(cols,
			    o->hdr[o->col_regime]), j, e)
				strvec_push_unique(&r->programs,
				    json_string_value(e));
		for (int k = 0; ccols[k] != NULL; k++) {
			int ci = ofsi_col(o, ccols[k]);

			if (ci != -1)
				json_array_foreach(json_object_get(cols,
				    o->hdr[ci]), j, e)
					ofsi_countries(r, json_string_value(e));
		}
		if (o->col_nonlatin != -1)
			json_array_foreach(json_object_get(cols,
			    o->hdr[o->col_nonlatin]), j, e)
				if (strcmp(json_string_value(e), r->name) != 0)
					strvec_push_unique(&r->aliases,
					    json_string_value(e));
		if (o->col_other != -1) {
			json_array_foreach(json_object_get(cols,
			    o->hdr[o->col_other]), j, e) {
				if (rem.len > 0)
					buf_addc(&rem, '\n');
				buf_adds(&rem, json_string_value(e));
			}
			json_object_del(cols, o->hdr[o->col_other]);
		}
		if (rem.len > 0)
			r->remarks = xstrdup(buf_cstr(&rem));
		buf_free(&rem);

		r->extra = json_object();
		json_object_set_new(r->extra, "names", names);
		names = NULL;
		{
			const char	*k;
			json_t		*v;

			json_object_foreach(cols, k, v) {
				char *slug = csv_column_key(k, NULL);

				json_object_set(r->extra, slug, v);
				free(slug);
			}
		}
		/* ISO 8601 forms of the dates, at their published precision. */
		if ((a = json_object_get(cols, "DOB")) != NULL) {
			json_t *iso = json_array();

			json_array_foreach(a, j, e) {
				char *d = ofsi_date(json_string_value(e));

				if (d != NULL)
					json_array_append_new(iso, json_string(d));
				free(d);
			}
			json_object_set_new(r->extra, "dates_of_birth", iso);
		}
		if ((a = json_object_get(cols, "Listed On")) != NULL) {
			char *d = ofsi_date(json_string_value(json_array_get(a, 0)));

			if (d != NULL)
				json_object_set_new(r->extra, "listed_on_iso",
				    json_string(d));
			free(d);
		}
	}
	rc = 0;
out:
	free(primary);
	buf_free(&nb);
	json_decref(cols);
	json_decref(names);
	return rc;
}

static int
ofsi_parse(const struct watcher_input *in, watcher_record_cb cb, void *arg,
    char *err, size_t errlen)
{
	const struct watcher_file	*f = &in->main;
	struct ofsi			 o;
	struct csv_reader		 c;
	struct record			 r;
	struct ofsi_row			*idx = NULL;
	size_t				 n = 0, cap = 0;
	int				 rc = -1, got;

	memset(&o, 0, sizeof o);
	o.f = f;
	o.cd = (iconv_t)-1;
	record_init(&r);
	csv_open(&c, f->name, f->data, f->len, ',');
	if (f->len == 0) {
		seterr(err, errlen, "%s:1: empty file", f->name);
		goto out;
	}
	o.cd = iconv_open("UTF-8", f->len >= 3 &&
	    memcmp(f->data, "\xef\xbb\xbf", 3) == 0 ? "UTF-8" : "WINDOWS-1252");
	if (o.cd == (iconv_t)-1) {
		seterr(err, errlen, "%s: cannot convert Windows-1252", f->name);
		goto out;
	}
	if (country_init(err, errlen) == -1)
		goto out;
	if ((got = csv_next(&c, err, errlen)) != 1) {
		if (got == 0)
			seterr(err, errlen, "%s:1: no header", f->name);
		goto out;
	}
	/* The published file starts "Last Updated,<date>"; copies may not. */
	if (c.nfields >= 1 && strcasecmp(c.field[0], "Last Updated") == 0 &&
	    (got = csv_next(&c, err, errlen)) != 1) {
		if (got == 0)
			seterr(err, errlen, "%s:2: no header", f->name);
		goto out;
	}
	if (ofsi_header(&o, &c, err, errlen) == -1)
		goto out;

	/* Pass 1: check every row and note where it is, by Group ID. */
	for (;;) {
		const char	*at = c.p;
		size_t		 line = c.next_line;
		long		 gid = 0;

		if ((got = csv_next(&c, err, errlen)) == -1)
			goto out;
		if (got == 0)
			break;
		if (ofsi_check_row(&o, &c, &gid, err, errlen) == -1)
			goto out;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			idx = xrealloc(idx, cap * sizeof *idx);
		}
		idx[n].gid = gid;
		idx[n].off = (size_t)(at - f->data);
		idx[n].line = line;
		n++;
	}
	if (!c.terminated && c.nfields > 0 && !c.quoted[c.nfields - 1] &&
	    c.field[c.nfields - 1][0] != '\0' && n > 0 &&
	    idx[n - 1].line == c.line) {
		/* The last row's Group ID could be cut short. */
		seterr(err, errlen, "%s:%zu: last line has no line break (file "
		    "truncated?)", f->name, c.line);
		goto out;
	}
	if (n == 0) {
		seterr(err, errlen, "%s: no rows after the header", f->name);
		goto out;
	}
	/* Pass 2: a group's rows are not adjacent in the file. */
	qsort(idx, n, sizeof *idx, ofsi_row_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && idx[j].gid == idx[i].gid)
			j++;
		if (ofsi_group(&o, idx + i, j - i, &r, err, errlen) == -1)
			goto out;
		if (cb(&r, arg) == -1)
			goto out;
		record_reset(&r);
		i = j;
	}
	rc = 0;
out:
	record_reset(&r);
	csv_close(&c);
	free(idx);
	for (int i = 0; i < o.ncols; i++)
		free(o.hdr[i]);
	if (o.cd != (iconv_t)-1)
		iconv_close(o.cd);
	return rc;
}

static int
ofsi_detect(const char *data, size_t len)
{
	size_t	lim = len < 4096 ? len : 4096;

	if (lim >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3, lim -= 3;
	if (lim >= 13 && strncasecmp(data, "Last Updated,", 13) == 0)
		return 90;
	if (memmem(data, lim, "Name 6", 6) && memmem(data, lim, "Group ID", 8))
		return 85;
	return 0;
}

const struct watcher_ops uk_ofsi_csv_watcher = {
	.name = "uk-ofsi-csv",
	.source = "uk-ofsi",
	.description = "UK OFSI Consolidated List of Financial Sanctions "
	    "Targets, ConList.csv (closed January 2026)",
	.detect = ofsi_detect,
	.parse = ofsi_parse,
};
