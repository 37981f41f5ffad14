/* email.h — the RFC 5322 message of an alert, exported for tests. */
#ifndef SW_EMAIL_H
#define SW_EMAIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Builds the message (CRLF line ends) for an alert body: Date, From, To,
 * Subject (RFC 2047 when not ASCII), Message-ID derived from the alert id,
 * a plain-text UTF-8 body. Returns a new string the caller frees, or NULL
 * with err when the body is not an alert.
 */
char	*email_message(const char *from, const char *to, const char *alert_id,
	    const char *body, int64_t now, char *err, size_t errlen);
/* The bare address of "Name <a@b>" or "a@b"; caller frees. */
char	*email_address(const char *);

#endif
