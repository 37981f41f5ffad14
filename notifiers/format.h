/* format.h — an alert's JSON turned into text a person can triage from:
 * a subject line, a plain-text body, a short desktop body. */
#ifndef SW_FORMAT_H
#define SW_FORMAT_H

#include <stddef.h>

struct alert_text {
	char	*subject;	/* "New OFAC designation matching Sadio
				   Camara (Mali)" */
	char	*text;		/* plain text, LF line ends, lines <= 76 */
	char	*brief;		/* a few short lines for a desktop popup */
	int	 critical;	/* a watched name matched */
	int	 digest;	/* the alerts of one poll in one message */
};

/* Fills t from an alert body; 0, or -1 with err when it is not an alert
 * object. The caller frees t with alert_text_clear(). */
int	alert_text_build(const char *body, struct alert_text *t, char *err,
	    size_t errlen);
void	alert_text_clear(struct alert_text *);

#endif
