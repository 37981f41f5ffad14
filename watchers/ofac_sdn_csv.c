/* ofac_sdn_csv.c — OFAC's legacy SDN CSV (sdn.csv) with its optional
 * companions add.csv, alt.csv and sdn_comments.csv; the parser is shared
 * with the consolidated (non-SDN) cons_*.csv set, which has the same layout. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"
#include "watchers/csv.h"
#include "watchers/ofac_csv.h"
#include "watchers/watcher.h"

extern const struct watcher_ops ofac_sdn_csv_watcher;

/* sdn.csv columns, as OFAC documents them (dat_spec.txt). */
enum { SDN_ENT_NUM, SDN_NAME, SDN_TYPE, SDN_PROGRAM, SDN_TITLE, SDN_CALL_SIGN,
    SDN_VESS_TYPE, SDN_TONNAGE, SDN_GRT, SDN_VESS_FLAG, SDN_VESS_OWNER,
    SDN_REMARKS, SDN_NCOLS };

/* Companion rows, grouped by ent_num before the main pass. */
struct companion_row {
	long		 ent_num;
	long		 seq;
	char		*a, *b, *c, *d;	/* role-specific columns */
};

struct companion {
	struct companion_row	*v;
	size_t			 n, cap;
};

/* OFAC writes a null as the unquoted text "-0-" followed by a space. */
static const char *
ofac_value(const struct csv_reader *c, size_t i)
{
	const char	*s;

	if (i >= c->nfields)
		return NULL;
	s = c->field[i];
	if (!c->quoted[i]) {
		while (*s == ' ')
			s++;
		if (strncmp(s, "-0-", 3) == 0 && s[3 + strspn(s + 3, " ")] == '\0')
			return NULL;
		if (*s == '\0')
			return NULL;
	}
	return s;
}

static int
parse_long(const char *s, long *out)
{
	char	*end;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	errno = 0;
	*out = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno != 0 || end == s || *end != '\0' || *out <= 0)
		return -1;
	return 0;
}

static int
companion_cmp(const void *a, const void *b)
{
	const struct companion_row	*x = a, *y = b;

	if (x->ent_num != y->ent_num)
		return x->ent_num < y->ent_num ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
companion_free(struct companion *cp)
{
	for (size_t i = 0; i < cp->n; i++) {
		free(cp->v[i].a);
		free(cp->v[i].b);
		free(cp->v[i].c);
		free(cp->v[i].d);
	}
	free(cp->v);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/*
 * Reads a companion file: column 1 is the SDN ent_num, column 2 (except in
 * sdn_comments.csv) the row's own number; up to four more columns are kept.
 */
static int
companion_read(const struct watcher_file *f, size_t ncols, int has_seq,
    struct companion *cp, char *err, size_t errlen)
{
	struct csv_reader	c;
	int			rc;
	long			seq = 0;

	memset(cp, 0, sizeof *cp);
	if (f == NULL)
		return 0;
	if (f->len == 0)
		return seterr(err, errlen, "%s: empty file", f->name);
	csv_open(&c, f->name, f->data, f->len, ',');
	while ((rc = csv_next(&c, err, errlen)) == 1) {
		struct companion_row	*row;
		size_t			 first = has_seq ? 2 : 1;

		if (c.nfields != ncols) {
			rc = seterr(err, errlen, "%s:%zu: expected %zu fields, "
			    "found %zu", f->name, c.line, ncols, c.nfields);
			break;
		}
		if (cp->n == cp->cap) {
			cp->cap = cp->cap ? cp->cap * 2 : 256;
			cp->v = xrealloc(cp->v, cp->cap * sizeof *cp->v);
		}
		row = &cp->v[cp->n];
		memset(row, 0, sizeof *row);
		if (parse_long(ofac_value(&c, 0), &row->ent_num) == -1 ||
		    (has_seq && parse_long(ofac_value(&c, 1), &row->seq) == -1)) {
			rc = seterr(err, errlen, "%s:%zu: bad entity number",
			    f->name, c.line);
			break;
		}
		if (!has_seq)
			row->seq = seq++;
		row->a = dup_or_null(ofac_value(&c, first));
		row->b = dup_or_null(ofac_value(&c, first + 1));
		row->c = dup_or_null(ofac_value(&c, first + 2));
		row->d = dup_or_null(ofac_value(&c, first + 3));
		cp->n++;
	}
	csv_close(&c);
	if (rc == -1) {
		companion_free(cp);
		memset(cp, 0, sizeof *cp);
		return -1;
	}
	qsort(cp->v, cp->n, sizeof *cp->v, companion_cmp);
	return 0;
}

/* The rows of one entity, given a cursor that only moves forward. */
static struct companion_row *
companion_rows(struct companion *cp, size_t *cursor, long ent_num, size_t *n)
{
	size_t	i = *cursor, lo, hi;

	/* ent_num order in sdn.csv is not guaranteed: binary search. */
	lo = 0;
	hi = cp->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp->v[mid].ent_num < ent_num)
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo;
	*n = 0;
	while (i + *n < cp->n && cp->v[i + *n].ent_num == ent_num)
		(*n)++;
	*cursor = i;
	return *n ? &cp->v[i] : NULL;
}

static void
add_country(struct record *r, const char *s, size_t n)
{
	const char	*code;

	while (n > 0 && (*s == ' '))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	if (n == 0)
		return;
	if ((code = country_lookup(s, n)) != NULL)
		strvec_push_unique(&r->countries, code);
}

/*
 * Remarks are "; "-separated facts. Countries come from nationality,
 * citizenship, place of birth (its last comma part) and registration;
 * aliases from a.k.a./f.k.a./n.k.a. 'NAME'.
 */
static void
scan_remarks(struct record *r, const char *rem)
{
	const char	*p = rem, *seg, *end;

	while (*p != '\0') {
		size_t	n;

		seg = p;
		end = strchr(p, ';');
		while (end != NULL && end[1] != ' ' && end[1] != '\0')
			end = strchr(end + 1, ';');
		n = end ? (size_t)(end - seg) : strlen(seg);
		p = end ? end + 1 + (end[1] == ' ') : seg + n;
		if (seg[0] == 'a' && strncmp(seg, "alt. ", 5) == 0) {
			seg += 5;
			n -= 5;
		}
		/* Most facts (DOB, Gender, Passport, ...) are not ours. */
		if (strchr("ncNPaf", seg[0]) == NULL)
			continue;
#define PREFIX(s)	(n > sizeof(s) - 1 && strncmp(seg, s, sizeof(s) - 1) == 0)
		if (PREFIX("nationality "))
			add_country(r, seg + 12, n - 12);
		else if (PREFIX("citizen "))
			add_country(r, seg + 8, n - 8);
		else if (PREFIX("Nationality of Registration "))
			add_country(r, seg + 28, n - 28);
		else if (PREFIX("POB ")) {
			const char *comma = seg + n;

			while (comma > seg + 4 && comma[-1] != ',')
				comma--;
			if (comma == seg + 4)
				add_country(r, seg + 4, n - 4);
			else
				add_country(r, comma, (size_t)(seg + n - comma));
		} else if (PREFIX("a.k.a. '") || PREFIX("f.k.a. '") ||
		    PREFIX("n.k.a. '")) {
			const char *a = seg + 8, *q = seg + n;

			/* The closing quote is the last one in the segment. */
			while (q > a && q[-1] != '\'')
				q--;
			if (q > a + 1)
				strvec_push_owned(&r->aliases,
				    xstrndup(a, (size_t)(q - 1 - a)));
		}
#undef PREFIX
	}
}

static void
split_programs(struct record *r, const char *s)
{
	const char	*p = s, *e;

	/* Several programmes are written "A] [B] [C". */
	for (;;) {
		e = strstr(p, "] [");
		if (e == NULL) {
			if (*p != '\0')
				strvec_push(&r->programs, p);
			break;
		}
		if (e > p)
			strvec_push_owned(&r->programs, xstrndup(p, (size_t)(e - p)));
		p = e + 3;
	}
}

static const char *
sdn_type(const char *t)
{
	if (t == NULL)
		return "entity";
	if (strcmp(t, "individual") == 0 || strcmp(t, "vessel") == 0 ||
	    strcmp(t, "aircraft") == 0)
		return t;
	return NULL;
}

/* Bytes are not NUL-terminated: every scan is bounded by len. */
static int
looks_like_rows(const char *data, size_t len)
{
	size_t	i = 0;

	while (i < len && (data[i] == ' ' || data[i] == '\r' ||
	    data[i] == '\n' || data[i] == 0x1a))
		i++;
	return i < len && data[i] != '<' && data[i] != '{';
}

int
ofac_csv_parse(const struct watcher_input *in, const char *source,
    const char *what, watcher_record_cb cb, void *arg, char *err,
    size_t errlen)
{
	const struct watcher_file	*f = &in->main;
	struct companion		 add, alt, com;
	struct csv_reader		 c;
	struct record			 r;
	struct buf			 rem = { 0 };
	size_t				 add_cur = 0, alt_cur = 0, com_cur = 0;
	size_t				 nrec = 0;
	int				 rc = -1;

	memset(&add, 0, sizeof add);
	memset(&alt, 0, sizeof alt);
	memset(&com, 0, sizeof com);
	record_init(&r);
	csv_open(&c, f->name, f->data, f->len, ',');
	if (!looks_like_rows(f->data, f->len)) {
		seterr(err, errlen, "%s:1: not an %s: %s", f->name,
		    what, watcher_sniff(f->data, f->len));
		goto out;
	}
	if (country_init(err, errlen) == -1)
		goto out;
	if (companion_read(watcher_companion(in, "add"), 6, 1, &add, err,
	    errlen) == -1 ||
	    companion_read(watcher_companion(in, "alt"), 5, 1, &alt, err,
	    errlen) == -1 ||
	    companion_read(watcher_companion(in, "comments"), 2, 0, &com, err,
	    errlen) == -1)
		goto out;

	for (;;) {
		const char		*v, *type;
		long			 ent;
		struct companion_row	*rows;
		size_t			 nrows;
		int			 n = csv_next(&c, err, errlen);

		if (n == -1)
			goto out;
		if (n == 0)
			break;
		if (c.nfields != SDN_NCOLS) {
			seterr(err, errlen, "%s:%zu: expected %d fields, found %zu%s",
			    f->name, c.line, SDN_NCOLS, c.nfields,
			    c.terminated ? "" : " (file truncated?)");
			goto out;
		}
		if (parse_long(ofac_value(&c, SDN_ENT_NUM), &ent) == -1) {
			seterr(err, errlen, "%s:%zu: entity number is not a "
			    "positive integer", f->name, c.line);
			goto out;
		}
		if ((v = ofac_value(&c, SDN_NAME)) == NULL) {
			seterr(err, errlen, "%s:%zu: record %ld has no name",
			    f->name, c.line, ent);
			goto out;
		}
		if ((type = sdn_type(ofac_value(&c, SDN_TYPE))) == NULL) {
			seterr(err, errlen, "%s:%zu: unknown SDN type \"%s\"",
			    f->name, c.line, ofac_value(&c, SDN_TYPE));
			goto out;
		}
		/* A last line cut mid-field is a truncated download. */
		if (!c.terminated && !c.quoted[SDN_REMARKS] &&
		    ofac_value(&c, SDN_REMARKS) != NULL) {
			seterr(err, errlen, "%s:%zu: last line is incomplete "
			    "(file truncated?)", f->name, c.line);
			goto out;
		}
		r.source = xstrdup(source);
		r.id = xasprintf("%ld", ent);
		r.type = xstrdup(type);
		r.name = xstrdup(v);
		if ((v = ofac_value(&c, SDN_PROGRAM)) != NULL)
			split_programs(&r, v);
		record_set_extra(&r, "title", ofac_value(&c, SDN_TITLE));
		record_set_extra(&r, "call_sign", ofac_value(&c, SDN_CALL_SIGN));
		record_set_extra(&r, "vessel_type", ofac_value(&c, SDN_VESS_TYPE));
		record_set_extra(&r, "tonnage", ofac_value(&c, SDN_TONNAGE));
		record_set_extra(&r, "grt", ofac_value(&c, SDN_GRT));
		record_set_extra(&r, "vessel_flag", ofac_value(&c, SDN_VESS_FLAG));
		record_set_extra(&r, "vessel_owner", ofac_value(&c, SDN_VESS_OWNER));

		buf_reset(&rem);
		if ((v = ofac_value(&c, SDN_REMARKS)) != NULL)
			buf_adds(&rem, v);
		rows = companion_rows(&com, &com_cur, ent, &nrows);
		for (size_t i = 0; i < nrows; i++)
			if (rows[i].a != NULL)
				buf_adds(&rem, rows[i].a);
		if (rem.len > 0) {
			r.remarks = xstrdup(buf_cstr(&rem));
			scan_remarks(&r, r.remarks);
		}
		if ((v = ofac_value(&c, SDN_VESS_FLAG)) != NULL)
			add_country(&r, v, strlen(v));

		rows = companion_rows(&alt, &alt_cur, ent, &nrows);
		for (size_t i = 0; i < nrows; i++)
			if (rows[i].b != NULL)
				strvec_push_unique(&r.aliases, rows[i].b);

		rows = companion_rows(&add, &add_cur, ent, &nrows);
		if (nrows > 0) {
			json_t	*addrs = json_array();

			for (size_t i = 0; i < nrows; i++) {
				json_t	*a = json_object();

				if (rows[i].a)
					json_object_set_new(a, "street", json_string(rows[i].a));
				if (rows[i].b)
					json_object_set_new(a, "city", json_string(rows[i].b));
				if (rows[i].c) {
					json_object_set_new(a, "country", json_string(rows[i].c));
					add_country(&r, rows[i].c, strlen(rows[i].c));
				}
				if (rows[i].d)
					json_object_set_new(a, "remarks", json_string(rows[i].d));
				json_array_append_new(addrs, a);
			}
			if (r.extra == NULL)
				r.extra = json_object();
			json_object_set_new(r.extra, "addresses", addrs);
		}

		nrec++;
		if (cb(&r, arg) == -1)
			goto out;
		record_reset(&r);
	}
	if (nrec == 0) {
		seterr(err, errlen, "%s: no records", f->name);
		goto out;
	}
	rc = 0;
out:
	record_reset(&r);
	csv_close(&c);
	buf_free(&rem);
	companion_free(&add);
	companion_free(&alt);
	companion_free(&com);
	return rc;
}

static int
ofac_sdn_csv_parse(const struct watcher_input *in, watcher_record_cb cb,
    void *arg, char *err, size_t errlen)
{
	return ofac_csv_parse(in, ofac_sdn_csv_watcher.source, "OFAC SDN CSV",
	    cb, arg, err, errlen);
}

/* Rows start with a number, a comma and a quoted name. */
int
ofac_csv_detect(const char *data, size_t len)
{
	size_t	i = 0;

	while (i < len && i < 12 && isdigit((unsigned char)data[i]))
		i++;
	if (i == 0 || i + 2 >= len || data[i] != ',' || data[i + 1] != '"')
		return 0;
	/* Twelve columns with "-0- " nulls: sdn.csv or cons_prim.csv. */
	return memmem(data, len < 4096 ? len : 4096, ",-0- ", 5) ? 60 : 30;
}

static const char *const ofac_sdn_csv_companions[] = { "add", "alt",
    "comments", NULL };

const struct watcher_ops ofac_sdn_csv_watcher = {
	.name = "ofac-sdn-csv",
	.source = "ofac-sdn",
	.description = "OFAC SDN list, legacy CSV (sdn.csv, add.csv, alt.csv, "
	    "sdn_comments.csv)",
	.companions = ofac_sdn_csv_companions,
	.detect = ofac_csv_detect,
	.parse = ofac_sdn_csv_parse,
};
