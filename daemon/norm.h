/* norm.h — names as comparable tokens: folding, script transliteration,
 * spelling-variant skeletons, phonetic keys, and the token similarity the
 * matcher scores with. */
#ifndef SW_NORM_H
#define SW_NORM_H

#include <stddef.h>
#include <stdint.h>

/* Token classes: common tokens never make a match on their own. */
#define NTOK_LEGAL	0x01	/* LLC, OOO, GMBH: weight near zero */
#define NTOK_GENERIC	0x02	/* TRADING, GROUP, INTERNATIONAL */
#define NTOK_PARTICLE	0x04	/* al, bin, ibn, de, van */
#define NTOK_INITIAL	0x08	/* a single letter */
#define NTOK_COMMON	(NTOK_LEGAL | NTOK_GENERIC | NTOK_PARTICLE | \
			    NTOK_INITIAL)
#define NTOK_FREQUENT	0x10	/* Muhammad, Ali, Ahmad: distinctive but weak */
#define NTOK_SCRIPT	0x20	/* transliterated from Cyrillic or Arabic */
#define NTOK_PATRON	0x40	/* ends like a patronymic (-ovich, -evna) */
#define NTOK_ARABIC	0x80	/* transliterated from Arabic script */
#define NTOK_PAREN	0x100	/* inside parentheses: a qualifier, optional */
#define NTOK_ACRONYM	0x200	/* 4 to 6 letters a-z, not common: may be an
				   acronym (IRGC) */
#define NTOK_PLACE	0x400	/* a country's name or adjective (SYRIA,
				   SYRIAN): says where, not who */
#define NTOK_ABD	0x2000	/* after Abd (al): Abdulaziz's AZIZ */
#define NTOK_TITLE	0x1000	/* Haji, Dr, Mullah: kept to be joined (HAJI
				   HOSSEINI, HAJIHOSSEINI), weighs nothing
				   unpaired */
#define NTOK_NUMBER	0x800	/* digits (7876, 66TH) or a Roman numeral of
				   two letters or more (II, IV): pairs only
				   with the same number */

/* In ntok.gclass: a class of translations[] in norm.c of its own (ARMED,
 * MSLHA), not of generic_classes[]; its words may be distinctive. */
#define NORM_GCLASS_TRANS	0x80

/* Weights (see norm_token_weight in norm.c for why each). */
#define NORM_W_LEGAL	0.02f
#define NORM_W_GENERIC	0.2f
#define NORM_W_PARTICLE	0.05f
#define NORM_W_INITIAL	0.3f
#define NORM_W_FREQUENT	0.5f

struct ntok {
	const char	*fold;	/* folded, transliterated to Latin */
	const char	*skel;	/* after the spelling-variant rules */
	const char	*key;	/* consonant key; "" when too short to trust */
	float		 w;	/* weight in the score */
	uint32_t	 rules;	/* NORM_R_* rules that changed fold into skel */
	/* Hashes and letter sets, so that norm_tok_sim() can tell most
	 * unrelated words apart without comparing strings or computing a
	 * Jaro-Winkler: screening a record against a million watched names
	 * compares tens of millions of word pairs. */
	uint32_t	 hfold, hskel, hkey;
	uint32_t	 hckey;	/* hash of the Arabic class key, 0 if none */
	uint32_t	 mfold, mskel;	/* bit per letter present */
	uint8_t		 lfold, lskel;	/* lengths, capped at 255 */
	uint16_t	 pos;	/* word position in the text */
	uint16_t	 flags;	/* NTOK_* */
	uint8_t		 gclass; /* generic words of one kind, or a word and
				    its translation: same non-zero */
	uint8_t		 family; /* a given name's spellings: same non-zero
				    (name_families in norm.c) */
};

/* A normalised name: one allocation; free() it. */
struct nname {
	size_t		 n;
	size_t		 ndist;	/* tokens that are not NTOK_COMMON */
	uint32_t	 dmask;	/* of the first 32 tokens, bit i: the same */
	size_t		 ninit;	/* tokens of one letter */
	struct ntok	*t;
};

/*
 * Normalises a name: NFKC, case-folded, marks stripped, Cyrillic and Arabic
 * transliterated, punctuation folded; honorifics dropped (unless nothing
 * else is left). Never NULL; the result may have n == 0. Caller free()s.
 * With text != 0 (news), honorifics are kept and positions are counted.
 */
struct nname	*norm_name(const char *s, int text);

/* Token similarity in [0,1]: 1 same word, 0.96 same skeleton
 * (transliteration), 0.93 same consonant key, up to 0.95 × Jaro-Winkler
 * for spelling slips, 0.8 an initial. *why gets a static label. */
double		 norm_tok_sim(const struct ntok *, const struct ntok *,
		    const char **why);

/* Similarity of the one word left unpaired on each side of two names
 * whose other words pair (match.c says when): two different words, the
 * same name spelt further apart than norm_tok_sim() pairs two words alone
 * (GEYE / GAYE, ZULKEPLI / ZULKIFLI), at most 0.95 × Jaro-Winkler; 0 when
 * they are not. */
double		 norm_left_sim(const struct ntok *, const struct ntok *);

/* Whether the second word is the first, a Slavic surname, with a final
 * a: a woman's (PETROVA, PETROV). */
int		 norm_feminine_of(const struct ntok *, const struct ntok *);

/* A word's key for norm_left_sim(): two words it pairs have keys that
 * norm_left_keys_meet() accepts (it tests them first), so that an index
 * can rule out most pairs without the words. 0 for a word it never
 * pairs. */
uint64_t	 norm_left_key(const struct ntok *);
int		 norm_left_keys_meet(uint64_t, uint64_t);

/* The sound key of t (of its skeleton, or with fold of its folded word
 * when that has a j): two words norm_tok_sim() may pair as sound-alike
 * (Kwang/Gwang, Hafez/Hafid, Gebaa/Jebaa) have the same. 0 when the rule
 * never applies. */
size_t		 norm_sound_key(const struct ntok *t, int fold, char *out,
		    size_t cap);

/* The skeleton of t's folded word with each h after b, f, l, m, n, r, v,
 * w or z read as g (Ukrainian h for the Russian g), into out; its length,
 * or 0 when it has no such h or is the skeleton again. */
size_t		 norm_hg_skel(const struct ntok *t, char *out, size_t cap);

/* Similarity of word x to the ny adjacent words y written as one
 * (CHONGCHONGANG / CHONG CHON GANG, Habibullah / Habib Allah): as
 * norm_tok_sim() with the joined word, at most 0.95. */
double		 norm_join_sim(const struct ntok *x, const struct ntok *y,
		    size_t ny, const char **why);

/* Room for the strings of a joined token. */
struct norm_joinbuf {
	char	fold[256];
	char	skel[520];
	char	key[520];
};

/* The ny adjacent tokens y written as one word, as a token *t whose
 * strings live in *jb; with assimilate, an article before a sun letter is
 * written as said (Nasr al Din as Nasraddin, al Din as Addin). -1 when
 * too long. */
int		 norm_join_token(const struct ntok *y, size_t ny,
		    int assimilate, struct ntok *t, struct norm_joinbuf *jb);

/* Whether the run y has an article a sun letter after it may assimilate,
 * so that norm_join_token() makes a second word with assimilate. */
int		 norm_join_assimilates(const struct ntok *y, size_t ny);

/* Whether t is the Arabic article written apart (al, el, ul, il). */
int		 norm_is_article(const struct ntok *t);

/* Describes the rules that differ between two tokens ("ij/iy/y→i, ch/c")
 * into out. */
void		 norm_rules_text(uint32_t rules, char *out, size_t cap);

/* Jaro-Winkler similarity of two byte strings. */
double		 norm_jaro_winkler(const char *, size_t, const char *, size_t);

/* Appends the folded form of s to out (as match_fold()). Caller frees. */
char		*norm_fold(const char *s);

#endif
