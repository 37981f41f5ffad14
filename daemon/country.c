/* country.c — ISO 3166-1 names from iso-codes, folded for lookup, plus the
 * spellings sanctions lists use that ISO does not. */
#include "daemon/country.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "daemon/util.h"

#ifndef ISO_CODES_DIR
#define ISO_CODES_DIR "/usr/share/iso-codes/json"
#endif

/* Spellings seen in OFAC, UN, EU and UK lists, folded as fold_name() does. */
static const struct {
	const char	*name;
	const char	*code;
} country_aliases[] = {
	{ "korea north", "KP" }, { "north korea", "KP" }, { "dprk", "KP" },
	{ "korea dprk", "KP" }, { "korea south", "KR" }, { "south korea", "KR" },
	{ "korea republic of", "KR" }, { "burma", "MM" }, { "russia", "RU" },
	{ "iran", "IR" }, { "syria", "SY" }, { "venezuela", "VE" },
	{ "bolivia", "BO" }, { "tanzania", "TZ" }, { "vietnam", "VN" },
	{ "laos", "LA" }, { "moldova", "MD" }, { "congo democratic republic of the", "CD" },
	{ "democratic republic of the congo", "CD" }, { "drc", "CD" },
	{ "congo republic of the", "CG" }, { "republic of the congo", "CG" },
	{ "congo brazzaville", "CG" }, { "congo kinshasa", "CD" },
	{ "west bank", "PS" }, { "gaza", "PS" }, { "palestine", "PS" },
	{ "palestinian territories", "PS" }, { "macau", "MO" },
	{ "ivory coast", "CI" }, { "turkey", "TR" }, { "czech republic", "CZ" },
	{ "kosovo", "XK" }, { "usa", "US" }, { "united states of america", "US" },
	{ "uk", "GB" }, { "great britain", "GB" }, { "britain", "GB" },
	{ "micronesia federated states of", "FM" }, { "micronesia", "FM" },
	{ "crimea", "UA" }, { "region crimea", "UA" }, { "brunei", "BN" },
	{ "cape verde", "CV" }, { "swaziland", "SZ" }, { "taiwan", "TW" },
	{ "bahamas the", "BS" }, { "gambia the", "GM" }, { "macedonia", "MK" },
	{ "st kitts and nevis", "KN" }, { "st vincent and the grenadines", "VC" },
	{ "st lucia", "LC" }, { "vatican city", "VA" }, { "east timor", "TL" },
	{ "slovak republic", "SK" }, { "kyrgyz republic", "KG" },
	{ "central african republic", "CF" }, { "car", "CF" },
	{ "uae", "AE" }, { "prc", "CN" }, { "lao pdr", "LA" }, { "sint maarten", "SX" },
	{ "holland", "NL" }, { "the netherlands", "NL" },
	{ "federal republic of germany", "DE" }, { "republic of moldova", "MD" },
	{ "russian federation", "RU" }, { "syrian arab republic", "SY" },
	{ "iran islamic republic of", "IR" }, { "islamic republic of iran", "IR" },
	{ "united republic of tanzania", "TZ" }, { "viet nam", "VN" },
	{ "turkiye", "TR" }, { "cote d ivoire", "CI" },
	/* Nationalities as OFSI's ConList.csv writes them. */
	{ "afghan", "AF" }, { "algerian", "DZ" }, { "chinese", "CN" },
	{ "german", "DE" }, { "indonesian", "ID" }, { "iraqi", "IQ" },
	{ "jordanian", "JO" }, { "moroccan", "MA" }, { "russian", "RU" },
	{ "syrian", "SY" }, { "tunisian", "TN" }, { "yemeni", "YE" },
};

/*
 * Demonyms and longer spellings from the UN and OFAC XML country fields.
 * Only country_scan() reads them, so that country_lookup() (and the SDN CSV
 * watcher's remarks scan) keep their results.
 */
static const struct {
	const char	*name;
	const char	*code;
} country_scan_aliases[] = {
	{ "libyan arab jamahiriya", "LY" }, { "rpdc", "KP" },
	{ "hong kong special administrative region", "HK" },
	{ "china hong kong special administrative region", "HK" },
	{ "region gaza", "PS" }, { "afghan", "AF" }, { "algerian", "DZ" },
	{ "german", "DE" }, { "kuwaiti", "KW" }, { "moroccan", "MA" },
	{ "pakistani", "PK" }, { "palestinian", "PS" }, { "saudi arabian", "SA" },
	{ "somali", "SO" }, { "tunisian", "TN" }, { "yemeni", "YE" },
	{ "ethiopian", "ET" }, { "sudanese", "SD" }, { "syrian", "SY" },
	{ "indonesian", "ID" }, { "iraqi", "IQ" }, { "iranian", "IR" },
	{ "egyptian", "EG" }, { "libyan", "LY" }, { "jordanian", "JO" },
};

struct centry {
	char	*key;		/* folded name */
	char	 code[3];
};

static struct centry	*ctab;		/* open addressing, power of two */
static size_t		 ctab_size;
static char		*cnames[26 * 26];	/* short name per code */
static int		 cstate;	/* 0 not loaded, 1 ok, -1 failed */
static char		 cerr[SW_ERRLEN];

/* Folds into out (cap bytes): lower case ASCII, accents dropped, any run of
 * other characters one space, "the " dropped at the start. */
static size_t
fold_name(const char *s, size_t n, char *out, size_t cap)
{
	size_t	 o = 0;
	int	 space = 1;
	char	*mapped = NULL;

	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80) {
			utf8proc_uint8_t *m = NULL;
			char *t = xstrndup(s, n);

			if (utf8proc_map((const utf8proc_uint8_t *)t, 0, &m,
			    UTF8PROC_NULLTERM | UTF8PROC_STABLE |
			    UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
			    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) >= 0)
				mapped = (char *)m;
			free(t);
			if (mapped != NULL) {
				s = mapped;
				n = strlen(mapped);
			}
			break;
		}
	}
	for (size_t i = 0; i < n && o + 1 < cap; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (isalnum(c) || c >= 0x80) {
			out[o++] = (char)tolower(c);
			space = 0;
		} else if (c == '\'' || c == 0xe2) {
			continue;	/* "People's" folds to "peoples" */
		} else if (!space) {
			out[o++] = ' ';
			space = 1;
		}
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	if (o > 4 && strncmp(out, "the ", 4) == 0) {
		memmove(out, out + 4, o - 3);
		o -= 4;
	}
	free(mapped);
	return o;
}

static uint32_t
hash_str(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
ctab_put(const char *name, const char *code)
{
	char		key[256];
	uint32_t	h;

	if (fold_name(name, strlen(name), key, sizeof key) == 0)
		return;
	for (h = hash_str(key) & (ctab_size - 1); ctab[h].key != NULL;
	    h = (h + 1) & (ctab_size - 1))
		if (strcmp(ctab[h].key, key) == 0)
			return;		/* first spelling wins */
	ctab[h].key = xstrdup(key);
	memcpy(ctab[h].code, code, 3);
}

static int
code_index(const char *code)
{
	if (!isupper((unsigned char)code[0]) || !isupper((unsigned char)code[1]) ||
	    code[2] != '\0')
		return -1;
	return (code[0] - 'A') * 26 + (code[1] - 'A');
}

int
country_init(char *err, size_t errlen)
{
	const char	*dir = getenv("SANCTWATCH_ISO_CODES");
	json_t		*root, *list, *e;
	json_error_t	 jerr;
	char		*path;
	size_t		 i;

	if (cstate != 0)
		return cstate == 1 ? 0 : seterr(err, errlen, "%s", cerr);
	cstate = -1;
	path = xasprintf("%s/iso_3166-1.json", dir ? dir : ISO_CODES_DIR);
	root = json_load_file(path, 0, &jerr);
	if (root == NULL) {
		seterr(cerr, sizeof cerr, "%s:%d: %s (is iso-codes installed?)",
		    path, jerr.line, jerr.text);
		free(path);
		return seterr(err, errlen, "%s", cerr);
	}
	free(path);
	list = json_object_get(root, "3166-1");
	ctab_size = 4096;
	ctab = xcalloc(ctab_size, sizeof *ctab);
	json_array_foreach(list, i, e) {
		const char	*code = json_string_value(json_object_get(e, "alpha_2"));
		static const char *const keys[] = { "name", "common_name",
		    "official_name", "alpha_3", NULL };
		int		 ci;

		if (code == NULL || (ci = code_index(code)) == -1)
			continue;
		ctab_put(code, code);
		for (size_t k = 0; keys[k] != NULL; k++) {
			const char *v = json_string_value(json_object_get(e, keys[k]));

			if (v != NULL)
				ctab_put(v, code);
		}
		free(cnames[ci]);
		cnames[ci] = xstrdup(json_string_value(json_object_get(e,
		    json_object_get(e, "common_name") ? "common_name" : "name")));
	}
	json_decref(root);
	for (i = 0; i < sizeof country_aliases / sizeof country_aliases[0]; i++)
		ctab_put(country_aliases[i].name, country_aliases[i].code);
	if (cnames[code_index("XK")] == NULL)
		cnames[code_index("XK")] = xstrdup("Kosovo");
	cstate = 1;
	return 0;
}

const char *
country_lookup(const char *text, size_t len)
{
	char		key[256];
	uint32_t	h;

	if (cstate != 1 && country_init(NULL, 0) == -1)
		return NULL;
	if (len >= sizeof key || fold_name(text, len, key, sizeof key) == 0)
		return NULL;
	for (h = hash_str(key) & (ctab_size - 1); ctab[h].key != NULL;
	    h = (h + 1) & (ctab_size - 1))
		if (strcmp(ctab[h].key, key) == 0)
			return ctab[h].code;
	return NULL;
}

void
country_each_word(void (*fn)(const char *, void *), void *arg)
{
	if (cstate != 1 && country_init(NULL, 0) == -1)
		return;
	for (size_t i = 0; i < ctab_size; i++)
		if (ctab[i].key != NULL && strlen(ctab[i].key) >= 4 &&
		    strchr(ctab[i].key, ' ') == NULL)
			fn(ctab[i].key, arg);
}

const char *
country_name(const char *alpha2)
{
	int	ci;

	if (cstate != 1 && country_init(NULL, 0) == -1)
		return NULL;
	if ((ci = code_index(alpha2)) == -1)
		return NULL;
	return cnames[ci];
}

/* Appends code to codes[*n] unless present or full. */
static void
scan_add(const char *code, const char **codes, size_t max, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(codes[i], code) == 0)
			return;
	if (*n < max)
		codes[(*n)++] = code;
}

/* Lookup that reads a two-letter text as a code only in upper case: the UN
 * writes "na" for "not available", not for Namibia. */
static const char *
scan_lookup(const char *s, size_t n)
{
	while (n > 0 && *s == ' ')
		s++, n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	const char	*code;
	char		 key[256];

	if (n == 2 && (!isupper((unsigned char)s[0]) ||
	    !isupper((unsigned char)s[1])))
		return NULL;
	if ((code = country_lookup(s, n)) != NULL)
		return code;
	if (n >= sizeof key || fold_name(s, n, key, sizeof key) == 0)
		return NULL;
	for (size_t i = 0; i < sizeof country_scan_aliases /
	    sizeof *country_scan_aliases; i++)
		if (strcmp(key, country_scan_aliases[i].name) == 0)
			return country_scan_aliases[i].code;
	return NULL;
}

/* The longest run of whole words (four characters or more, so that
 * "and" or "per" is never read as an alpha-3 code) that names a country. */
static const char *
scan_words(const char *s, size_t n)
{
	size_t	starts[32], ends[32], nw = 0, i = 0;

	while (i < n && nw < 32) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		starts[nw] = i;
		while (i < n && s[i] != ' ')
			i++;
		ends[nw++] = i;
	}
	for (size_t len = nw; len > 0; len--)
		for (size_t a = 0; a + len <= nw; a++) {
			size_t		 from = starts[a], to = ends[a + len - 1];
			const char	*code;

			if (to - from < 4)
				continue;
			if ((code = scan_lookup(s + from, to - from)) != NULL)
				return code;
		}
	return NULL;
}

size_t
country_scan(const char *text, size_t len, const char **codes, size_t max)
{
	const char	*code, *p, *end = text + len;
	size_t		 n = 0;
	char		 clean[256];
	size_t		 o = 0;
	int		 depth = 0;

	if (len == 0 || max == 0)
		return 0;
	if ((code = scan_lookup(text, len)) != NULL) {
		codes[n++] = code;
		return n;
	}
	/* Drop "(...)" asides, then read each '/', ',', ';', ':' or '.'
	 * separated piece on its own. */
	for (p = text; p < end && o + 1 < sizeof clean; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			clean[o++] = *p;
	}
	clean[o] = '\0';
	if ((code = scan_lookup(clean, o)) != NULL) {
		codes[n++] = code;
		return n;
	}
	for (p = clean; *p != '\0';) {
		size_t	 k = strcspn(p, "/,;:.");
		const char *q = p;
		size_t	 m = k;

		while (m > 0 && *q == ' ')
			q++, m--;
		while (m > 0 && q[m - 1] == ' ')
			m--;
		if (m > 0) {
			if ((code = scan_lookup(q, m)) == NULL)
				code = scan_words(q, m);
			if (code != NULL)
				scan_add(code, codes, max, &n);
		}
		p += k;
		if (*p != '\0')
			p++;
	}
	return n;
}
