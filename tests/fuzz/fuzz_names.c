/* fuzz_names.c — libFuzzer harness for the name matcher (daemon/norm.c,
 * daemon/match.c): a watched name and a listed name, split at the first
 * newline, are scored alone (with the reason) and screened through a
 * watchlist's index. The first byte's low bit says whether the record is
 * a person. Watchlists and list records are both outside input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/match.h"
#include "daemon/record.h"
#include "daemon/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char			*s, *nl, why[1024], err[SW_ERRLEN];
	struct buf		 text = { 0 };
	struct watchlist	*wl;
	struct record		 r;
	struct matches		 m = { 0 };
	int			 person;
	double			 score;

	if (len < 2)
		return 0;
	person = data[0] & 1;
	s = xmalloc(len);
	memcpy(s, data + 1, len - 1);
	s[len - 1] = '\0';
	if ((nl = strchr(s, '\n')) == NULL) {
		free(s);
		return 0;
	}
	*nl = '\0';
	score = match_name_score(s, nl + 1, person, why, sizeof why);
	if (score < 0.0 || score > 1.0)
		abort();
	buf_adds(&text, "name: ");
	buf_adds(&text, s);
	buf_addc(&text, '\n');
	if ((wl = match_parse(text.data, text.len, "fuzz", err,
	    sizeof err)) != NULL) {
		record_init(&r);
		r.type = xstrdup(person ? "individual" : "entity");
		r.name = xstrdup(nl + 1);
		match_record(wl, &r, &m);
		matches_clear(&m);
		record_reset(&r);
		match_free(wl);
	}
	buf_free(&text);
	free(s);
	return 0;
}
