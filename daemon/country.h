/* country.h — country names and list spellings to ISO 3166-1 alpha-2. */
#ifndef SW_COUNTRY_H
#define SW_COUNTRY_H

#include <stddef.h>

/*
 * Loads Debian's iso-codes table once (ISO_CODES_DIR, or $SANCTWATCH_ISO_CODES)
 * plus the built-in alias table for list spellings ("Korea, North", "Burma").
 * Returns 0, or -1 with err; later calls return the first result.
 */
int		 country_init(char *err, size_t errlen);
/* The alpha-2 code for a name or code in text[0..len), or NULL. Case,
 * accents, punctuation and a leading "the" do not matter. Static storage. */
const char	*country_lookup(const char *text, size_t len);
/*
 * The codes a free-text country field names, into codes[0..max): the whole
 * text first, else its pieces ("Sudan/South Sudan", "Bahrain (citizenship
 * revoked)", "Kuwaiti citizenship withdrawn in 2002"). Returns how many.
 */
size_t		 country_scan(const char *text, size_t len, const char **codes,
		    size_t max);
/* Calls fn for each name and list spelling of a country that is one word
 * of four letters or more ("syria", "syrian", "iran"), folded to lower
 * case. Nothing when the table cannot be loaded. */
void		 country_each_word(void (*fn)(const char *, void *), void *arg);
/* The English short name for an alpha-2 code, or NULL. */
const char	*country_name(const char *alpha2);

#endif
