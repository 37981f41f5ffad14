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
/* The English short name for an alpha-2 code, or NULL. */
const char	*country_name(const char *alpha2);

#endif
