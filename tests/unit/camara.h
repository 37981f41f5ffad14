/* camara.h — what the matcher's unit tests share: a watchlist from text,
 * and CAMARA, Sadio as OFAC publishes him (ent 42618). */
#ifndef SW_TEST_CAMARA_H
#define SW_TEST_CAMARA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/match.h"
#include "daemon/record.h"
#include "daemon/util.h"

/* The watchlist of text (labelled w.txt in errors); fails the test when it
 * does not parse. */
static __attribute__((unused)) struct watchlist *
wl_of(const char *text)
{
	char			 err[SW_ERRLEN];
	struct watchlist	*wl = match_parse(text, strlen(text), "w.txt",
	    err, sizeof err);

	if (wl == NULL)
		fail_msg("%s", err);
	return wl;
}

/* CAMARA, Sadio into r: his programme and countries, remarks (NULL for
 * none) and one alias (NULL for none). */
static __attribute__((unused)) void
camara_record(struct record *r, const char *remarks, const char *alias)
{
	record_init(r);
	r->source = xstrdup("ofac-sdn");
	r->id = xstrdup("42618");
	r->type = xstrdup("individual");
	r->name = xstrdup("CAMARA, Sadio");
	strvec_push(&r->programs, "RUSSIA-EO14024");
	strvec_push(&r->countries, "ML");
	strvec_push(&r->countries, "FR");
	if (alias != NULL)
		strvec_push(&r->aliases, alias);
	if (remarks != NULL)
		r->remarks = xstrdup(remarks);
}

#endif
