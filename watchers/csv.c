/* csv.c — CSV row reader; fields are copied once into a reused buffer. */
#include "watchers/csv.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "daemon/record.h"

void
csv_open(struct csv_reader *c, const char *name, const char *data, size_t len,
    char sep)
{
	memset(c, 0, sizeof *c);
	c->name = name;
	c->p = data;
	c->end = data + len;
	c->next_line = 1;
	c->sep = sep;
	/* A UTF-8 byte order mark is not part of the first field. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		c->p += 3;
}

void
csv_close(struct csv_reader *c)
{
	buf_free(&c->out);
}

static int
csv_end_field(struct csv_reader *c, int quoted, char *err, size_t errlen)
{
	if (c->nfields == CSV_MAX_FIELDS)
		return seterr(err, errlen, "%s:%zu: more than %d fields",
		    c->name, c->line, CSV_MAX_FIELDS);
	buf_addc(&c->out, '\0');
	c->quoted[c->nfields] = (char)quoted;
	c->nfields++;
	if (c->nfields < CSV_MAX_FIELDS)
		c->off[c->nfields] = c->out.len;
	return 0;
}

int
csv_next(struct csv_reader *c, char *err, size_t errlen)
{
	const char	*p = c->p, *end = c->end;
	int		 quoted = 0;

	/* Skip blank lines and OFAC's end-of-file 0x1A. */
	for (;;) {
		if (p < end && *p == 0x1a && (end - p == 1 ||
		    (end - p == 2 && p[1] == '\n'))) {
			p = end;
			break;
		}
		if (p < end && (*p == '\r' || *p == '\n')) {
			if (*p == '\n')
				c->next_line++;
			p++;
			continue;
		}
		break;
	}
	if (p >= end) {
		c->p = p;
		return 0;
	}
	c->line = c->next_line;
	buf_reset(&c->out);
	c->nfields = 0;
	c->off[0] = 0;
	c->terminated = 0;

	for (;;) {
		/* Start of a field. */
		const char	*s;

		quoted = 0;
		if (p < end && *p == '"') {
			quoted = 1;
			p++;
			for (;;) {
				s = memchr(p, '"', (size_t)(end - p));
				if (s == NULL)
					return seterr(err, errlen,
					    "%s:%zu: unterminated quoted field "
					    "(file truncated?)", c->name, c->line);
				for (const char *q = p; (q = memchr(q, '\n',
				    (size_t)(s - q))) != NULL; q++)
					c->next_line++;
				buf_add(&c->out, p, (size_t)(s - p));
				p = s + 1;
				if (p < end && *p == '"') {
					buf_addc(&c->out, '"');
					p++;
					continue;
				}
				break;
			}
			/* Anything up to the separator after the quote. */
			while (p < end && *p != c->sep && *p != '\r' && *p != '\n') {
				if (*p != ' ')
					return seterr(err, errlen,
					    "%s:%zu: text after closing quote in "
					    "field %zu", c->name, c->line,
					    c->nfields + 1);
				p++;
			}
		} else {
			s = p;
			while (p < end && *p != c->sep && *p != '\r' && *p != '\n')
				p++;
			buf_add(&c->out, s, (size_t)(p - s));
		}
		if (csv_end_field(c, quoted, err, errlen) == -1)
			return -1;
		if (p < end && *p == c->sep) {
			p++;
			continue;
		}
		break;
	}
	if (p < end && *p == '\r')
		p++;
	if (p < end && *p == '\n') {
		p++;
		c->next_line++;
		c->terminated = 1;
	} else if (p < end && *p == 0x1a)
		c->terminated = 1;
	c->p = p;
	for (size_t i = 0; i < c->nfields; i++)
		c->field[i] = c->out.data + c->off[i];
	return 1;
}

int
csv_check_row(const struct csv_reader *c, size_t ncols, char *err,
    size_t errlen)
{
	if (c->nfields != ncols)
		return seterr(err, errlen, "%s:%zu: expected %zu fields, found "
		    "%zu%s", c->name, c->line, ncols, c->nfields,
		    c->terminated ? "" : " (file truncated?)");
	if (!c->terminated && !c->quoted[c->nfields - 1] &&
	    c->field[c->nfields - 1][0] != '\0')
		return seterr(err, errlen, "%s:%zu: last line has no line break "
		    "(file truncated?)", c->name, c->line);
	return 0;
}

char *
csv_header_name(const char *h)
{
	size_t	n;

	while (*h == ' ')
		h++;
	n = strlen(h);
	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\r'))
		n--;
	return xstrndup(h, n);
}

char *
csv_column_key(const char *header, const char *prefix)
{
	char	*out = xstrdup(header), *p;

	for (p = out; *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p)
		    : '_';
	if (prefix != NULL && record_is_core_key(out)) {
		p = xasprintf("%s_%s", prefix, out);
		free(out);
		out = p;
	}
	return out;
}

int
csv_column(char *const *hdr, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcasecmp(hdr[i], name) == 0)
			return i;
	return -1;
}
