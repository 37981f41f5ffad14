/* suppress.c — reviewed false positives: a (watch, source:id) pair that a
 * named reviewer silenced, with a reason and an expiry date, for as long as
 * the record's material content stays what the reviewer saw. A silenced
 * alert that comes back after the record changed is the point: the new
 * alias or passport may be the one that makes it a true match. */
#include "daemon/match.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct supp {
	char	*watch;		/* as match texts: "name: Sadio Camara" */
	char	*rid;		/* "ofac-sdn:42618" */
	char	*source;	/* "ofac-sdn"; the id follows rid's colon */
	char	*reason, *reviewer;
	char	 expires[11];	/* "YYYY-MM-DD" */
	time_t	 until;		/* first second after the expiry day */
	char	 hash[65];	/* "" until given or pinned */
	char	 key[65];	/* names the line's pin in the store */
	size_t	 line;
	int	 given;		/* hash= in the file */
	int	 fresh;		/* pinned at first sight, not saved yet */
};

struct suppressions {
	struct supp	*v;
	size_t		 n, cap;
};

static char *
trimdup(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* "name:Sadio  Camara" and "name: Sadio Camara" are one watch. */
char *
match_watch_canon(const char *s)
{
	const char	*colon = strchr(s, ':');
	struct buf	 b = { 0 };
	int		 sp = 0;

	if (colon == NULL)
		return xstrdup(s);
	for (const char *p = s; p < colon; p++)
		if (!isspace((unsigned char)*p))
			buf_addc(&b, (char)tolower((unsigned char)*p));
	buf_adds(&b, ": ");
	for (const char *p = colon + 1; *p; p++) {
		if (isspace((unsigned char)*p)) {
			sp = b.len > 0 && b.data[b.len - 1] != ' ';
			continue;
		}
		if (sp)
			buf_addc(&b, ' ');
		sp = 0;
		buf_addc(&b, *p);
	}
	{
		char *r = xstrdup(buf_cstr(&b));

		buf_free(&b);
		return r;
	}
}

static int
parse_day(const char *s, time_t *until)
{
	struct tm	tm;
	char		*e;

	memset(&tm, 0, sizeof tm);
	e = strptime(s, "%Y-%m-%d", &tm);
	if (e == NULL || *e != '\0')
		return -1;
	tm.tm_mday++;			/* through the end of that day */
	*until = timegm(&tm);
	return 0;
}

/*
 * The name of a line's pin: its watch, record, reason, reviewer and
 * expiry. Any of them edited is a new review, pinned afresh; the same
 * line read again (a restart, a reload) finds the pin it had.
 */
static void
supp_key(struct supp *s)
{
	char	*t = xasprintf("%s\n%s\n%s\n%s\n%s", s->watch, s->rid,
		    s->reason, s->reviewer, s->expires);

	sha256_hex(t, strlen(t), s->key);
	free(t);
}

static void
supp_clear(struct supp *s)
{
	free(s->watch);
	free(s->rid);
	free(s->source);
	free(s->reason);
	free(s->reviewer);
}

void
match_suppress_free(struct suppressions *ss)
{
	if (ss == NULL)
		return;
	for (size_t i = 0; i < ss->n; i++)
		supp_clear(&ss->v[i]);
	free(ss->v);
	free(ss);
}

size_t
match_suppress_count(const struct suppressions *ss)
{
	return ss ? ss->n : 0;
}

static int
supp_line(struct suppressions *ss, const char *line, size_t len,
    const char *label, size_t lineno, char *err, size_t errlen)
{
	struct supp	 s;
	const char	*p = line, *end = line + len;
	size_t		 field = 0;
	int		 have_exp = 0;

	memset(&s, 0, sizeof s);
	while (p <= end) {
		const char	*bar = memchr(p, '|', (size_t)(end - p));
		const char	*fe = bar ? bar : end;
		char		*f = trimdup(p, (size_t)(fe - p));

		if (field == 0) {
			s.watch = match_watch_canon(f);
			free(f);
		} else if (field == 1)
			s.rid = f;
		else {
			char *eq = strchr(f, '=');

			if (eq == NULL) {
				seterr(err, errlen, "%s:%zu: expected key=value "
				    "after the record id, found \"%s\"", label,
				    lineno, f);
				free(f);
				goto fail;
			}
			*eq++ = '\0';
			if (strcmp(f, "reason") == 0) {
				free(s.reason);
				s.reason = xstrdup(eq);
			} else if (strcmp(f, "reviewer") == 0) {
				free(s.reviewer);
				s.reviewer = xstrdup(eq);
			} else if (strcmp(f, "expires") == 0) {
				if (strlen(eq) != 10 ||
				    parse_day(eq, &s.until) == -1) {
					seterr(err, errlen, "%s:%zu: expires is "
					    "YYYY-MM-DD", label, lineno);
					free(f);
					goto fail;
				}
				memcpy(s.expires, eq, 11);
				have_exp = 1;
			} else if (strcmp(f, "hash") == 0) {
				if (strlen(eq) != 64 || strspn(eq,
				    "0123456789abcdef") != 64) {
					seterr(err, errlen, "%s:%zu: hash is 64 "
					    "lower-case hex digits", label, lineno);
					free(f);
					goto fail;
				}
				memcpy(s.hash, eq, 65);
				s.given = 1;
			} else {
				seterr(err, errlen, "%s:%zu: unknown key \"%s\" "
				    "(reason, reviewer, expires, hash)", label,
				    lineno, f);
				free(f);
				goto fail;
			}
			free(f);
		}
		field++;
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	if (field < 2 || strchr(s.watch, ':') == NULL || s.rid == NULL ||
	    strchr(s.rid, ':') == NULL || s.rid[0] == ':' ||
	    strchr(s.rid, ':')[1] == '\0') {
		seterr(err, errlen, "%s:%zu: expected WATCH | SOURCE:ID | "
		    "reason=... | reviewer=... | expires=YYYY-MM-DD", label,
		    lineno);
		goto fail;
	}
	if (s.reason == NULL || !*s.reason || s.reviewer == NULL ||
	    !*s.reviewer || !have_exp) {
		seterr(err, errlen, "%s:%zu: a suppression needs a reason, a "
		    "reviewer and an expiry date", label, lineno);
		goto fail;
	}
	s.source = xstrndup(s.rid, (size_t)(strchr(s.rid, ':') - s.rid));
	s.line = lineno;
	supp_key(&s);
	if (ss->n == ss->cap) {
		ss->cap = ss->cap ? ss->cap * 2 : 8;
		ss->v = xrealloc(ss->v, ss->cap * sizeof *ss->v);
	}
	ss->v[ss->n++] = s;
	return 0;
fail:
	supp_clear(&s);
	return -1;
}

struct supp_lines {
	struct suppressions	*ss;
	const char		*label;
	char			*err;
	size_t			 errlen;
};

static int
supp_line_cb(const char *line, size_t len, size_t lineno, void *arg)
{
	struct supp_lines	*lc = arg;

	return supp_line(lc->ss, line, len, lc->label, lineno, lc->err,
	    lc->errlen);
}

struct suppressions *
match_suppress_parse(const char *text, size_t len, const char *label,
    char *err, size_t errlen)
{
	struct suppressions	*ss = xcalloc(1, sizeof *ss);
	struct supp_lines	 lc = { ss, label, err, errlen };

	/* No inline comments: a reason may contain " #". */
	if (text_lines(text, len, 0, supp_line_cb, &lc) == -1) {
		match_suppress_free(ss);
		return NULL;
	}
	return ss;
}

struct suppressions *
match_suppress_load(const char *path, char *err, size_t errlen)
{
	struct suppressions	*ss;
	struct mapped		 m;

	if (file_map(path, &m, err, errlen) == -1)
		return NULL;
	ss = match_suppress_parse(m.data, m.len, path, err, errlen);
	file_unmap(&m);
	return ss;
}

void
match_suppress_get(const struct suppressions *ss, size_t i,
    struct suppression *out)
{
	const struct supp	*s = &ss->v[i];

	out->watch = s->watch;
	out->source = s->source;
	out->id = s->rid + strlen(s->source) + 1;
	out->reason = s->reason;
	out->reviewer = s->reviewer;
	out->expires = s->expires;
	out->until = s->until;
	out->hash = s->hash;
	out->key = s->key;
	out->line = s->line;
	out->given = s->given;
	out->fresh = s->fresh;
}

void
match_suppress_pin(struct suppressions *ss, size_t i, const char *hash)
{
	struct supp	*s = &ss->v[i];

	if (s->given || s->hash[0] != '\0')
		return;
	snprintf(s->hash, sizeof s->hash, "%s", hash);
}

void
match_suppress_saved(struct suppressions *ss, size_t i)
{
	ss->v[i].fresh = 0;
}

int
match_suppress_find(struct suppressions *ss, const char *watch_text,
    const char *source, const char *id, const char *content_hash,
    const char *first_hash, time_t now, struct suppression *hit)
{
	char	*w, *rid;
	int	 found = 0;

	if (ss == NULL || ss->n == 0)
		return 0;
	w = match_watch_canon(watch_text);
	rid = xasprintf("%s:%s", source ? source : "", id ? id : "");
	for (size_t i = 0; i < ss->n && !found; i++) {
		struct supp *s = &ss->v[i];

		if (strcmp(s->watch, w) != 0 || strcmp(s->rid, rid) != 0 ||
		    now >= s->until)
			continue;
		if (content_hash != NULL) {
			/* Not in the snapshot when pinned: the record as it
			 * stood before this change is what the line means. */
			if (s->hash[0] == '\0') {
				snprintf(s->hash, sizeof s->hash, "%s",
				    first_hash ? first_hash : content_hash);
				s->fresh = 1;
			}
			if (strcmp(s->hash, content_hash) != 0)
				continue;	/* changed: fires again */
		}
		found = 1;
		if (hit != NULL)
			match_suppress_get(ss, i, hit);
	}
	free(w);
	free(rid);
	return found;
}

int
match_suppressed(struct suppressions *ss, const char *watch_text,
    const char *source, const char *id, const char *content_hash, time_t now,
    const char **why)
{
	struct suppression	hit;

	if (!match_suppress_find(ss, watch_text, source, id, content_hash, NULL,
	    now, &hit))
		return 0;
	if (why != NULL)
		*why = hit.reason;
	return 1;
}
