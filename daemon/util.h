/* util.h — allocation wrappers, string vectors, logging, small helpers. */
#ifndef SW_UTIL_H
#define SW_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define SW_ERRLEN 512

/* Allocation wrappers abort on out-of-memory; callers never check NULL. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* A growable array of owned strings. */
struct strvec {
	char	**v;
	size_t	  n;
	size_t	  cap;
};
void	 strvec_push(struct strvec *, const char *);	/* copies */
void	 strvec_push_owned(struct strvec *, char *);	/* takes ownership */
int	 strvec_contains(const struct strvec *, const char *);
void	 strvec_push_unique(struct strvec *, const char *);
void	 strvec_clear(struct strvec *);			/* frees items, keeps struct */

/* Growable byte buffer. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
char	*buf_cstr(struct buf *);	/* NUL-terminates; still owned by buf */
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

/* Logging: stderr, with sd-daemon <N> priority prefixes when log_systemd. */
enum { LOG_L_ERR = 3, LOG_L_WARNING = 4, LOG_L_NOTICE = 5, LOG_L_INFO = 6,
    LOG_L_DEBUG = 7 };
void	 log_init(int verbosity, int systemd_prefixes);
void	 log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
void	 fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Formats into a caller-owned error buffer; returns -1 for `return seterr()`. */
int	 seterr(char *err, size_t errlen, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * Calls fn for each line of a small text file (watchlist, suppressions)
 * that is not blank and does not start with "#"; leading white space is
 * skipped and lines are numbered from 1. With inline_comments, a "#" after
 * white space ends the line too. Stops at the first fn that returns -1.
 */
int	 text_lines(const char *text, size_t len, int inline_comments,
	    int (*fn)(const char *line, size_t len, size_t lineno, void *arg),
	    void *arg);

/* Hex SHA-256 of a byte range into out[65]. */
void	 sha256_hex(const void *, size_t, char out[65]);
/* ISO-8601 UTC ("2024-05-03T12:00:00Z") of a Unix time into out[32]. */
void	 time_iso8601(int64_t, char out[32]);

/* A read-only mapping of a whole file; empty files map to len 0, data "". */
struct mapped {
	const char	*data;
	size_t		 len;
};
int	 file_map(const char *path, struct mapped *, char *err, size_t errlen);
int	 file_map_fd(int fd, const char *name, struct mapped *, char *err,
	    size_t errlen);
void	 file_unmap(struct mapped *);

#endif
