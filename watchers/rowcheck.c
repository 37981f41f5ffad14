/* rowcheck.c — what the row-per-record US lists share: a header-first,
 * whole-file UTF-8 reader, an id map and US state codes. */
#include "watchers/rowcheck.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/country.h"
#include "daemon/util.h"

int
rowcheck_utf8(const char *name, const char *data, size_t len, char *err,
    size_t errlen)
{
	const unsigned char	*s = (const unsigned char *)data;
	size_t			 i = 0, line = 1;

	while (i < len) {
		unsigned	c = s[i], need, min, cp;

		if (c == '\n')
			line++;
		if (c != 0 && c < 0x80) {
			i++;
			continue;
		}
		if (c == 0)
			return seterr(err, errlen, "%s:%zu: NUL byte in a text "
			    "file", name, line);
		if (c >= 0xc2 && c <= 0xdf)
			need = 1, min = 0x80, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, min = 0x800, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, min = 0x10000, cp = c & 0x07;
		else
			goto bad;
		if (len - i <= need)
			goto bad;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += need + 1;
	}
	return 0;
bad:
	return seterr(err, errlen, "%s:%zu: byte 0x%02x is not valid UTF-8",
	    name, line, s[i]);
}

static uint64_t
idmap_hash(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static struct idmap_entry *
idmap_slot(struct idmap_entry *v, size_t cap, const char *id)
{
	size_t	i = (size_t)idmap_hash(id) & (cap - 1);

	while (v[i].id != NULL && strcmp(v[i].id, id) != 0)
		i = (i + 1) & (cap - 1);
	return &v[i];
}

const struct idmap_entry *
idmap_put(struct idmap *m, const char *id, const char *fp, size_t line)
{
	struct idmap_entry	*e;

	if (m->n * 2 >= m->cap) {
		size_t			 ncap = m->cap ? m->cap * 2 : 1024;
		struct idmap_entry	*nv = xcalloc(ncap, sizeof *nv);

		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].id != NULL)
				*idmap_slot(nv, ncap, m->v[i].id) = m->v[i];
		free(m->v);
		m->v = nv;
		m->cap = ncap;
	}
	e = idmap_slot(m->v, m->cap, id);
	if (e->id != NULL)
		return e;
	e->id = xstrdup(id);
	snprintf(e->fp, sizeof e->fp, "%s", fp);
	e->line = line;
	m->n++;
	return NULL;
}

void
idmap_free(struct idmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].id);
	free(m->v);
	memset(m, 0, sizeof *m);
}

int
rowcheck_us_state(const char *s, size_t n)
{
	static const char	states[] = "AL AK AZ AR CA CO CT DE DC FL GA HI "
	    "ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
	    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY";

	if (n != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return 0;
	for (size_t i = 0; i + 1 < sizeof states; i += 3)
		if (states[i] == s[0] && states[i + 1] == s[1])
			return 1;
	return 0;
}


int
rowcheck_open(struct csv_reader *c, const struct watcher_file *f, char sep,
    char *err, size_t errlen)
{
	int	got;

	csv_open(c, f->name, f->data, f->len, sep);
	if (f->len == 0)
		return seterr(err, errlen, "%s:1: empty file", f->name);
	if (rowcheck_utf8(f->name, f->data, f->len, err, errlen) == -1 ||
	    country_init(err, errlen) == -1)
		return -1;
	if ((got = csv_next(c, err, errlen)) != 1)
		return got == 0 ? seterr(err, errlen, "%s:1: no header",
		    f->name) : -1;
	return 0;
}

/* 1 to keep r (its id new, or renamed "<id>-N" with rename), 0 when the
 * row is one already kept, -1 with err for another row under a used id. */
static int
rowcheck_dedup(struct idmap *seen, struct record *r, const char *fp,
    size_t line, int rename, const char *name, char *err, size_t errlen)
{
	const struct idmap_entry	*dup;
	char				*alt = NULL;

	if ((dup = idmap_put(seen, r->id, fp, line)) == NULL)
		return 1;		/* new */
	if (strcmp(dup->fp, fp) == 0)
		return 0;		/* the same row again */
	if (!rename)
		return seterr(err, errlen, "%s:%zu: id %s is already used on "
		    "line %zu", name, line, r->id, dup->line);
	for (int k = 2; ; k++) {
		free(alt);
		alt = xasprintf("%s-%d", r->id, k);
		if ((dup = idmap_put(seen, alt, fp, line)) == NULL)
			break;
		if (strcmp(dup->fp, fp) == 0) {
			free(alt);
			return 0;
		}
	}
	free(r->id);
	r->id = alt;
	return 1;
}

int
rowcheck_parse(const struct watcher_file *f, const struct rowcheck_ops *ops,
    void *o, watcher_record_cb cb, void *arg, char *err, size_t errlen)
{
	struct csv_reader	 c;
	struct record		 r;
	struct idmap		 seen = { 0 };
	size_t			 n = 0;
	int			 rc = -1, got, ncols, keep;
	char			 fp[65];

	record_init(&r);
	if (rowcheck_open(&c, f, ops->sep, err, errlen) == -1 ||
	    (ncols = ops->header(o, &c, err, errlen)) == -1)
		goto out;
	for (;;) {
		if ((got = csv_next(&c, err, errlen)) == -1)
			goto out;
		if (got == 0)
			break;
		if (csv_check_row(&c, (size_t)ncols, err, errlen) == -1)
			goto out;
		if (ops->skip != NULL && ops->skip(o, &c))
			continue;
		if (ops->row(o, &c, &r, err, errlen) == -1)
			goto out;
		sha256_hex(c.out.data, c.out.len, fp);
		keep = rowcheck_dedup(&seen, &r, fp, c.line, ops->rename_dups,
		    f->name, err, errlen);
		if (keep == -1)
			goto out;
		if (keep && cb(&r, arg) == -1)
			goto out;
		record_reset(&r);
		n += keep;
	}
	if (n == 0) {
		seterr(err, errlen, "%s: no rows after the header", f->name);
		goto out;
	}
	rc = 0;
out:
	record_reset(&r);
	csv_close(&c);
	idmap_free(&seen);
	return rc;
}
