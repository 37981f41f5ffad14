/* util.c — allocation wrappers, strvec/buf, logging, hashing and file maps. */
#include "daemon/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		fatalx("out of memory");
	return p;
}

void *
xcalloc(size_t nm, size_t sz)
{
	void	*p = calloc(nm ? nm : 1, sz ? sz : 1);

	if (p == NULL)
		fatalx("out of memory");
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		fatalx("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatalx("out of memory");
	va_end(ap);
	return s;
}

void
strvec_push_owned(struct strvec *sv, char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 4;
		sv->v = xrealloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
}

void
strvec_push(struct strvec *sv, const char *s)
{
	strvec_push_owned(sv, xstrdup(s));
}

int
strvec_contains(const struct strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

void
strvec_push_unique(struct strvec *sv, const char *s)
{
	if (!strvec_contains(sv, s))
		strvec_push(sv, s);
}

void
strvec_clear(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t	cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

char *
buf_cstr(struct buf *b)
{
	buf_add(b, "", 0);
	b->data[b->len] = '\0';
	return b->data;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static int	log_verbosity = 1;
static int	log_sd;

void
log_init(int verbosity, int systemd_prefixes)
{
	log_verbosity = verbosity;
	log_sd = systemd_prefixes;
}

static void
log_vemit(int prio, const char *fmt, va_list ap, const char *suffix)
{
	char	msg[2048];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (log_sd)
		fprintf(stderr, "<%d>%s%s%s\n", prio, msg, suffix ? ": " : "",
		    suffix ? suffix : "");
	else
		fprintf(stderr, "sanctwatch: %s%s%s\n", msg, suffix ? ": " : "",
		    suffix ? suffix : "");
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	log_vemit(LOG_L_WARNING, fmt, ap, strerror(saved));
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vemit(LOG_L_WARNING, fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	if (log_verbosity < 1)
		return;
	va_start(ap, fmt);
	log_vemit(LOG_L_INFO, fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	if (log_verbosity < 2)
		return;
	va_start(ap, fmt);
	log_vemit(LOG_L_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	log_vemit(LOG_L_ERR, fmt, ap, strerror(saved));
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vemit(LOG_L_ERR, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}

int
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int
text_lines(const char *text, size_t len, int inline_comments,
    int (*fn)(const char *, size_t, size_t, void *), void *arg)
{
	const char	*p = text, *end = text + len;
	size_t		 lineno = 0;

	while (p < end) {
		const char	*nl = memchr(p, '\n', (size_t)(end - p));
		const char	*le = nl ? nl : end, *s = p;

		lineno++;
		p = nl ? nl + 1 : end;
		while (s < le && isspace((unsigned char)*s))
			s++;
		if (s == le || *s == '#')
			continue;
		for (const char *q = s + 1; inline_comments && q < le; q++)
			if (*q == '#' && (q[-1] == ' ' || q[-1] == '\t')) {
				le = q;
				break;
			}
		if (fn(s, (size_t)(le - s), lineno, arg) == -1)
			return -1;
	}
	return 0;
}

void
sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char	md[32];
	unsigned int	mdlen = 0;
	static const char hex[] = "0123456789abcdef";

	EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL);
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void
time_iso8601(int64_t t, char out[32])
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
file_map_fd(int fd, const char *name, struct mapped *m, char *err,
    size_t errlen)
{
	struct stat	st;
	void	       *p;

	m->data = "";
	m->len = 0;
	if (fstat(fd, &st) == -1)
		return seterr(err, errlen, "%s: %s", name, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return seterr(err, errlen, "%s: not a regular file", name);
	if (st.st_size == 0)
		return 0;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return seterr(err, errlen, "%s: mmap: %s", name, strerror(errno));
	m->data = p;
	m->len = (size_t)st.st_size;
	return 0;
}

int
file_map(const char *path, struct mapped *m, char *err, size_t errlen)
{
	int	fd, rc;

	m->data = "";
	m->len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return seterr(err, errlen, "%s: %s", path, strerror(errno));
	rc = file_map_fd(fd, path, m, err, errlen);
	close(fd);
	return rc;
}

void
file_unmap(struct mapped *m)
{
	if (m != NULL && m->len > 0)
		munmap((void *)(uintptr_t)m->data, m->len);
	if (m != NULL) {
		m->data = "";
		m->len = 0;
	}
}
