/* match.c — watchlist parsing and the first matcher: names by folded token
 * sets, countries by ISO code, programmes and ids by value. */
#include "daemon/match.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "daemon/country.h"

struct watch {
	enum watch_kind	 kind;
	char		*text;		/* "kind: value" as shown in alerts */
	char		*value;		/* the value as written */
	struct strvec	 tokens;	/* names: folded tokens, sorted */
	char		 code[3];	/* countries: alpha-2 */
};

struct watchlist {
	struct watch	*v;
	size_t		 n, cap;
};

static const char *const watch_kind_names[] = { "name", "country", "program",
    "id" };

char *
match_fold(const char *s)
{
	utf8proc_uint8_t	*m = NULL;
	char			*out;
	size_t			 o = 0;
	int			 space = 1;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &m, UTF8PROC_NULLTERM |
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
	    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) < 0) {
		/* Not UTF-8: fold ASCII only. */
		m = (utf8proc_uint8_t *)xstrdup(s);
		for (char *p = (char *)m; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	out = xmalloc(strlen((char *)m) + 1);
	for (const utf8proc_uint8_t *p = m; *p; ) {
		utf8proc_int32_t	cp;
		utf8proc_ssize_t	n = utf8proc_iterate(p, -1, &cp);
		utf8proc_category_t	cat;

		if (n <= 0) {
			p++;
			continue;
		}
		cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_PO && (cp == '\'' || cp == 0x2019)) {
			p += n;		/* O'Neill folds to oneill */
			continue;
		}
		if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
		    cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC) {
			memcpy(out + o, p, (size_t)n);
			o += (size_t)n;
			space = 0;
		} else if (!space) {
			out[o++] = ' ';
			space = 1;
		}
		p += n;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	free(m);
	return out;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
tokenize(const char *s, struct strvec *out)
{
	char	*f = match_fold(s), *p, *save = NULL;

	for (p = strtok_r(f, " ", &save); p != NULL; p = strtok_r(NULL, " ", &save))
		strvec_push(out, p);
	free(f);
	qsort(out->v, out->n, sizeof *out->v, str_cmp);
}

static void
watch_clear(struct watch *w)
{
	free(w->text);
	free(w->value);
	strvec_clear(&w->tokens);
}

void
match_free(struct watchlist *wl)
{
	if (wl == NULL)
		return;
	for (size_t i = 0; i < wl->n; i++)
		watch_clear(&wl->v[i]);
	free(wl->v);
	free(wl);
}

size_t
match_count(const struct watchlist *wl)
{
	return wl ? wl->n : 0;
}

static int
watch_add(struct watchlist *wl, const char *line, size_t len,
    const char *label, size_t lineno, char *err, size_t errlen)
{
	struct watch	 w;
	const char	*colon, *v, *e;
	size_t		 k, klen;

	memset(&w, 0, sizeof w);
	colon = memchr(line, ':', len);
	if (colon == NULL)
		return seterr(err, errlen, "%s:%zu: expected KIND: VALUE",
		    label, lineno);
	klen = (size_t)(colon - line);
	while (klen > 0 && isspace((unsigned char)line[klen - 1]))
		klen--;
	for (k = 0; k < sizeof watch_kind_names / sizeof *watch_kind_names; k++)
		if (strlen(watch_kind_names[k]) == klen &&
		    strncasecmp(line, watch_kind_names[k], klen) == 0)
			break;
	if (k == sizeof watch_kind_names / sizeof *watch_kind_names)
		return seterr(err, errlen, "%s:%zu: unknown watch kind \"%.*s\" "
		    "(name, country, program or id)", label, lineno, (int)klen,
		    line);
	v = colon + 1;
	e = line + len;
	while (v < e && isspace((unsigned char)*v))
		v++;
	while (e > v && isspace((unsigned char)e[-1]))
		e--;
	if (v == e)
		return seterr(err, errlen, "%s:%zu: empty %s watch", label,
		    lineno, watch_kind_names[k]);
	w.kind = (enum watch_kind)k;
	w.value = xstrndup(v, (size_t)(e - v));
	switch (w.kind) {
	case WATCH_NAME:
		tokenize(w.value, &w.tokens);
		if (w.tokens.n == 0) {
			watch_clear(&w);
			return seterr(err, errlen, "%s:%zu: name has no letters",
			    label, lineno);
		}
		break;
	case WATCH_COUNTRY: {
		const char	*code = country_lookup(w.value, strlen(w.value));

		if (code == NULL) {
			seterr(err, errlen, "%s:%zu: unknown country \"%s\"",
			    label, lineno, w.value);
			watch_clear(&w);
			return -1;
		}
		memcpy(w.code, code, 3);
		break;
	}
	case WATCH_PROGRAM:
	case WATCH_ID:
		break;
	}
	w.text = xasprintf("%s: %s", watch_kind_names[k], w.value);
	if (wl->n == wl->cap) {
		wl->cap = wl->cap ? wl->cap * 2 : 16;
		wl->v = xrealloc(wl->v, wl->cap * sizeof *wl->v);
	}
	wl->v[wl->n++] = w;
	return 0;
}

struct watchlist *
match_parse(const char *text, size_t len, const char *label, char *err,
    size_t errlen)
{
	struct watchlist	*wl = xcalloc(1, sizeof *wl);
	const char		*p = text, *end = text + len;
	size_t			 lineno = 0;

	if (country_init(err, errlen) == -1) {
		match_free(wl);
		return NULL;
	}
	while (p < end) {
		const char	*nl = memchr(p, '\n', (size_t)(end - p));
		const char	*le = nl ? nl : end, *s = p;

		lineno++;
		p = nl ? nl + 1 : end;
		while (s < le && isspace((unsigned char)*s))
			s++;
		if (s == le || *s == '#')
			continue;
		if (watch_add(wl, s, (size_t)(le - s), label, lineno, err,
		    errlen) == -1) {
			match_free(wl);
			return NULL;
		}
	}
	return wl;
}

struct watchlist *
match_load(const char *path, char *err, size_t errlen)
{
	struct watchlist	*wl;
	struct buf		 b = { 0 };
	char			 chunk[8192];
	size_t			 n;
	FILE			*f;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		seterr(err, errlen, "%s: read error", path);
		if (f != stdin)
			fclose(f);
		buf_free(&b);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	wl = match_parse(b.data ? b.data : "", b.len,
	    strcmp(path, "-") == 0 ? "<stdin>" : path, err, errlen);
	buf_free(&b);
	return wl;
}

static void
matches_add(struct matches *out, const struct watch *w, double score,
    const char *matched, const char *field, const char *reason)
{
	struct match	*m;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->v = xrealloc(out->v, out->cap * sizeof *out->v);
	}
	m = &out->v[out->n++];
	m->watch = xstrdup(w->text);
	m->kind = watch_kind_names[w->kind];
	m->score = score;
	m->matched = xstrdup(matched);
	m->field = xstrdup(field);
	m->reason = xstrdup(reason);
}

/*
 * Every watch token must occur in the candidate. The score is the share of
 * the candidate's tokens the watch covers, so "Sadio Camara" scores 1.0
 * against "CAMARA, Sadio" and less against longer names. A one-token watch
 * only matches a one-token name: a lone given name is not a person.
 */
static double
name_score(const struct watch *w, const char *candidate)
{
	struct strvec	ct = { 0 };
	size_t		i = 0, j = 0, hit = 0;
	double		score = 0.0;

	tokenize(candidate, &ct);
	if (ct.n == 0 || (w->tokens.n == 1 && ct.n > 1))
		goto out;
	while (i < w->tokens.n && j < ct.n) {
		int c = strcmp(w->tokens.v[i], ct.v[j]);

		if (c == 0) {
			hit++;
			i++;
			j++;
		} else if (c < 0)
			i++;
		else
			j++;
	}
	if (hit == w->tokens.n)
		score = (double)hit / (double)ct.n;
out:
	strvec_clear(&ct);
	return score;
}

size_t
match_record(const struct watchlist *wl, const struct record *r,
    struct matches *out)
{
	size_t	before = out->n;
	char	reason[256];

	for (size_t i = 0; wl != NULL && i < wl->n; i++) {
		const struct watch	*w = &wl->v[i];

		switch (w->kind) {
		case WATCH_NAME: {
			double		 best = 0.0, s;
			const char	*bm = NULL, *bf = NULL;

			if (r->name && (s = name_score(w, r->name)) > best) {
				best = s;
				bm = r->name;
				bf = "name";
			}
			for (size_t a = 0; a < r->aliases.n; a++)
				if ((s = name_score(w, r->aliases.v[a])) > best) {
					best = s;
					bm = r->aliases.v[a];
					bf = "aliases";
				}
			if (best >= 0.5) {
				snprintf(reason, sizeof reason, "all words of "
				    "the watched name in the %s%s", bf,
				    best == 1.0 ? " (same words)" : "");
				matches_add(out, w, best, bm, bf, reason);
			}
			break;
		}
		case WATCH_COUNTRY:
			if (strvec_contains(&r->countries, w->code)) {
				const char *cn = country_name(w->code);

				snprintf(reason, sizeof reason, "record touches "
				    "%s (%s)", cn ? cn : w->code, w->code);
				matches_add(out, w, 1.0, w->code, "countries",
				    reason);
			}
			break;
		case WATCH_PROGRAM:
			for (size_t p = 0; p < r->programs.n; p++)
				if (strcasecmp(r->programs.v[p], w->value) == 0) {
					matches_add(out, w, 1.0, r->programs.v[p],
					    "programs", "listed under the programme");
					break;
				}
			break;
		case WATCH_ID: {
			char	*full = xasprintf("%s:%s", r->source ? r->source
			    : "", r->id ? r->id : "");

			if ((r->id && strcmp(w->value, r->id) == 0) ||
			    strcmp(w->value, full) == 0)
				matches_add(out, w, 1.0, full, "id",
				    "the publisher's record id");
			free(full);
			break;
		}
		}
	}
	return out->n - before;
}

void
matches_clear(struct matches *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].watch);
		free(m->v[i].matched);
		free(m->v[i].field);
		free(m->v[i].reason);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

json_t *
matches_to_json(const struct matches *m)
{
	json_t	*a = json_array();

	for (size_t i = 0; i < m->n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:f,s:s,s:s,s:s}",
		    "watch", m->v[i].watch, "kind", m->v[i].kind,
		    "score", m->v[i].score, "matched", m->v[i].matched,
		    "field", m->v[i].field, "reason", m->v[i].reason));
	return a;
}
