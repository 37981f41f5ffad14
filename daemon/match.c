/* match.c — the watchlist and the matcher: names across spellings and
 * scripts (norm.c), countries however a record touches them, programmes,
 * identifiers, and free text for news items; an index so that a record is
 * scored only against watches it could plausibly match, because a bank's
 * watchlist is its customer book and can hold a million names. */
#include "daemon/match.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/country.h"
#include "daemon/norm.h"

#define MAXTOK	32	/* tokens of a name that take part in scoring */

struct watch {
	enum watch_kind	 kind;
	char		*text;		/* "kind: value" as shown in alerts */
	const char	*value;		/* the value as written, inside text */
	struct nname	*nm;		/* names */
	float		 thresh;	/* names: 0 means MATCH_THRESHOLD */
	char		 code[3];	/* countries: alpha-2 */
	uint8_t		 shared;	/* nm is an earlier watch's */
};

/* The lines of memory a watched name of a few words takes with its
 * strings (four words about 370 bytes), for fetching it ahead. */
#define NAME_LINES	6

/* Postings of an open hash: bucket b holds post[start[b] .. start[b+1]). */
struct post {
	uint32_t	check;		/* high half of the key's hash */
	uint32_t	w;		/* watch number */
};

struct index {
	uint32_t	 nb;		/* buckets: see index_build() */
	uint32_t	*start;
	struct post	*post;
};

/* The bucket of a key: its hash's low half scaled to the bucket count (a
 * multiply and a shift where a power of two would be a mask). */
static uint32_t
index_bucket(const struct index *ix, uint64_t h)
{
	return (uint32_t)(((h & 0xffffffffu) * ix->nb) >> 32);
}

/* Per-watch counters of candidates(), kept with the watchlist so that
 * screening a record does not clear a million-entry array. The stamp is
 * the serial of the last token (or run) that reached the watch; a stamp
 * older than the name's first token means the count is stale. One slot is
 * one cache line fetch where three arrays were three. */
struct slot {
	uint32_t	stamp;
	uint8_t		count;
	uint8_t		ndist;		/* the watch's core_dist(), for need */
	uint8_t		got;		/* what the stamp's token added */
};

struct simcache;

/* The score of a group of watches of one name against the record's name
 * being screened (gserial); see name_groups(). */
struct group_score {
	uint32_t	stamp;
	double		score;
};

/* Whether a group's name meets the token candidates() skipped, for the
 * lookup of that token's serial; see watch_meets(). */
struct group_meet {
	uint32_t	serial;
	uint8_t		met;
};

struct scratch {
	struct slot	*slot;
	struct simcache	*simc;		/* see name_compare() */
	uint32_t	 serial;	/* last token serial handed out */
	uint32_t	*touched;
	size_t		 ntouched, cap;
	struct group_score *gs;
	uint32_t	 gserial;
	struct group_meet *gm;
};

struct watchlist {
	struct watch	*v;
	size_t		 n, cap;
	struct index	 ix;
	int		 use_index;
	uint32_t	*names, *countries, *programs;	/* watch numbers */
	size_t		 nnames, ncountries, nprograms;
	uint32_t	*group;		/* by watch: see name_groups() */
	size_t		 ngroups;
	uint64_t	*lkey;		/* by watch, two: see left_keys() */
	struct scratch	*scr;		/* mutable from const match_record() */
};

#define NO_GROUP	UINT32_MAX	/* in group: see name_groups() */

static const char *const watch_kind_names[] = { "name", "country", "program",
    "id" };

char *
match_fold(const char *s)
{
	return norm_fold(s);
}

/* ---- the index ---------------------------------------------------- */

static uint64_t
key_hash(char kind, const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	h = (h ^ (unsigned char)kind) * 1099511628211ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	/* final mix so that low bits (the bucket) depend on every byte */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

/*
 * Index keys, by the kind letter key_hash() is given. A watched name posts
 * keys of its distinctive words; candidates() looks up the same kinds for
 * the record's words, and the index finds a watch when they share one.
 *	s	skeleton, and (4 to 12 letters) the skeleton with a letter
 *		left out: two words one typing slip apart share one of these
 *		(Salim/Salih, Aqsa/Asqa, Dara/Darda), and at a million
 *		watched names a slip in a short word is as common as one in a
 *		long word. A record's word of 7 to 12 letters, not a
 *		frequent given name, also looks up its skeleton with two
 *		letters left out (del2_keys()): it meets a watched word two
 *		letters shorter within it, or one shorter and a letter off
 *		(Digital/Didzhital, Katrangi/Kantraji), which Jaro-Winkler
 *		may pair. Not from six: the four letters left meet most
 *		words of four or five, few of them a pair the scorer makes.
 *		The keys of p and q, and the word itself under s, are made
 *		of each of a word's spellings (spellings()): its skeleton,
 *		its folded word where that differs, and (under s alone) its
 *		skeleton with each h read as g; the keys of a letter left
 *		out, of the skeleton alone (the folded word's cost a tenth
 *		of the screening time, for two names of the benchmarks)
 *	d	a skeleton of 7 to 12 letters with two adjacent letters
 *		left out (adj_keys()), which a record's word looks up as
 *		it is, with a letter left out and with two adjacent letters
 *		left out: a watched word two letters longer, or a letter
 *		longer and a letter off, or two adjacent letters off
 *	k	consonant key
 *	p	the first four letters of a skeleton of six or more, looked
 *		up for a record's word of four letters or more
 *	q	the first four letters of a skeleton of four or five, and
 *		its length m, looked up for a record's word of n letters,
 *		m + 2 <= n <= 2.5m: Jaro-Winkler pairs a word with a
 *		longer one it begins (Katra/Katrangi, Abed/Abedzadeh) up to
 *		that length, and deletion keys only a letter longer
 *	l	class key (ntok.hckey) of a word in Latin letters, looked up
 *		for a record's word from Arabic script: norm_tok_sim() pairs
 *		the two by it alone (فضل / Fazl)
 *	a	class key of a word from Arabic script, looked up for a
 *		record's word in Latin letters
 *	t	the class of a distinctive word of translations[] in norm.c
 *		(ISLAMIC, ISLAMIYYA, الاسلامية): norm_tok_sim() pairs the
 *		words of a class, which share no other key
 *	v	sound keys (norm_sound_key(), see sound_of()): the skeleton
 *		with each letter by its sound class, posted by a word with a
 *		voiced one (Gangpuk as kangpuk); a word without (Kangbuk) is
 *		found by the record's kangpuk under s. Deletion keys cover
 *		one such letter in 4 to 12, not two, nor any in three
 *		letters (Gim/Kim, Tae/Dae). Also a folded word with a j
 *		(Gebaa/Jebaa)
 * Watches of one distinctive word (outside parentheses, core_dist()) post
 * these in upper case: they need one word in common where the others need
 * two, so candidates() must always look them up, while the others can do
 * without the lookups of a record's most frequent word. A run of two or
 * three adjacent words of a watched name, written as one (join_words():
 * NAM CHON GANG for NAMCHONGANG), posts the joined word under kinds of its
 * own, always looked up:
 *	J	skeleton
 *	C	consonant key, with the first letter (a vowel as any vowel)
 *		and the skeleton's length: join_one() pairs by the key only
 *		words that agree on the first and are within two letters, and
 *		a frequent word's key is often a run's (MUHAMMAD HADI as
 *		muhammadadi: mhmd)
 *	X	class key, the run in Latin letters
 *	Y	class key, the run from Arabic script
 * with POST_TWO when the run holds two distinctive words or more. For the
 * other way round (ALHARAMAIN for AL HARAMAIN), the record's runs are
 * looked up as words (s, l, a, either case), and the watched words that
 * may be joined post
 *	N	consonant key as for C
 * A record's word that few watches hold under s (rare_lookup()) meets
 * them for two words, so that their second word may be any spelling.
 * A watched word that may be an acronym (acronym_word()) posts
 *	A	its letters, looked up for the initials of a record's runs
 *		of four to six words (IRGC, ISLAMIC REVOLUTIONARY GUARD CORPS)
 * A name of common words only (TRADING AND TRANSPORT SERVICES COMPANY)
 * matches only a name of the same words, each paired at 0.9 or more
 * (all_common_same()): such a watch posts the skeleton, consonant key,
 * class key, kind of body (g) and stem (p, see common_keys()) of its
 * longest word, in kinds with the high bit set (COMMON_KIND), looked up
 * for every word of a record's name but legal forms. Id watches post r
 * (record id) and i (identifier number). A watch of two distinctive words
 * keeps beside the index the norm_left_key() of each (left_keys()): one
 * word in common and the word left on each side may match it
 * (pair_left()), and candidates() counts the word left for the word the
 * keys lack.
 */
/* a consonant key, three spellings' own, p and two q keys of two, the
 * skeleton's deletions, and class, translation and three sound keys */
#define MAXKEYS		(15 + DEL_MAX)
#define DEL_MIN		4	/* shortest skeleton given deletion keys */
#define DEL_MAX		12	/* longest */
#define DEL2_MIN	7	/* shortest looked up with two left out */
#define DEL2_KEYS	(DEL_MAX * (DEL_MAX - 1) / 2)
#define RUNKEYS		7	/* a run's lookups: 1 + 5 lengths + 1 */
#define POST_TWO	0x80000000u	/* in post.w: counts as two words */
#define COMMON_KIND(c)	((char)((unsigned char)(c) | 0x80))

static size_t
skel_len(const struct ntok *t)
{
	return t->lskel < 255 ? t->lskel : strlen(t->skel);
}

/* Whether t may be an acronym (acronym_run()): four to six letters a-z,
 * not a common word (NTOK_ACRONYM). */
static int
acronym_word(const struct ntok *t)
{
	return (t->flags & NTOK_ACRONYM) != 0;
}

/* The distinctive words of a name that the index counts on meeting: not
 * those in parentheses, which the scorer lets go unpaired for a tenth of
 * their weight (AL-HARAMAIN FOUNDATION (PAKISTAN) is AL-HARAMAIN
 * FOUNDATION (UNION OF THE COMOROS)). */
static size_t
core_dist(const struct nname *nm)
{
	size_t	n = 0;

	for (size_t i = 0; i < nm->n; i++)
		n += !(nm->t[i].flags & (NTOK_COMMON | NTOK_PAREN));
	return n;
}

static uint64_t
key_hash32(char kind, uint32_t v)
{
	return key_hash(kind, (const char *)&v, sizeof v);
}

/* The kind of class key word t posts (look == 0) or looks up (look), or 0:
 * a word from Arabic script and one in Latin letters (not transliterated
 * from any script) meet by it. */
static char
class_kind(const struct ntok *t, int look)
{
	if (t->hckey == 0)
		return 0;
	if (t->flags & NTOK_ARABIC)
		return look ? 'l' : 'a';
	if (!(t->flags & NTOK_SCRIPT))
		return look ? 'a' : 'l';
	return 0;
}

/*
 * A token's sound key (norm_sound_key()), and whether the index needs it.
 * Between 4 and 12 letters, deletion keys join two words one letter of a
 * sound apart (Kwang/Gwang), so the key is needed there only for words
 * that may be two apart: with two letters of a sound class (Kangbuk and
 * Gangpuk), not Ahmad, whose key would only find AHMAD again. A word
 * without voiced letters has its skeleton as its key, and is found under
 * s. A folded word with a j (which the skeleton reads as y) has a key of
 * its own, always posted and looked up (Gebaa/Jebaa).
 */
struct sound {
	char	 key[256], fkey[256];
	size_t	 len, flen;	/* 0: none */
	int	 post;		/* a watched word posts key under v */
	int	 look_v;	/* a record's word looks it up under v */
	int	 look_s;	/* and under s: it may be another's skeleton */
};

static void
sound_of(const struct ntok *t, struct sound *sd)
{
	size_t	ncls = 0, nvoiced = 0;
	int	any;

	sd->post = sd->look_v = sd->look_s = 0;
	sd->flen = norm_sound_key(t, 1, sd->fkey, sizeof sd->fkey);
	sd->len = norm_sound_key(t, 0, sd->key, sizeof sd->key);
	if (sd->len == 0)
		return;
	for (size_t i = 0; i < sd->len; i++) {
		ncls += memchr("ptkfs", sd->key[i], 5) != NULL;
		nvoiced += sd->key[i] != t->skel[i];
	}
	any = sd->len < DEL_MIN || sd->len > DEL_MAX;
	sd->post = nvoiced > 0 && (any || ncls >= 2);
	sd->look_v = ncls > 0 && (any || ncls >= 2);
	sd->look_s = nvoiced > 0 && (any || nvoiced >= 2);
}

/* Whether a record's skeleton of tl letters looks up, under p or q, a
 * watched one of ul letters that begins with the same four. */
static int
prefix_keys_meet(size_t tl, size_t ul)
{
	if (tl < 4 || ul < 4)
		return 0;
	if (ul >= 6)
		return 1;
	return ul + 2 <= tl && 2 * tl <= 5 * ul;
}

/* The key of kind q of skeleton s: its first four letters and its
 * length m (4 or 5). */
static uint64_t
short_key_hash(char kind, const char *s, size_t m)
{
	char	buf[5];

	memcpy(buf, s, 4);
	buf[4] = (char)m;
	return key_hash(kind, buf, sizeof buf);
}

/*
 * The spellings of a token the keys of kinds s, p and q are made of: its
 * skeleton, and its folded word where that differs. A rule of the
 * skeleton may move two spellings apart that Jaro-Winkler on the folded
 * words pairs (Chol, Cholsam as col, colsam, too short for a p key). A
 * word with an h after a consonant also keys, under s alone, its skeleton
 * with that h read as g (norm_hg_skel(): MOZHOVY as mozgovi, MOZGOVOY
 * without a letter). The first nfull have p and q keys, the first alone
 * deletion keys.
 */
struct spell {
	const char	*s;
	size_t		 len;
};

struct spellings {
	struct spell	 v[3];
	size_t		 n, nfull;
	char		 hg[520];
};

static void
spellings(const struct ntok *t, struct spellings *sp, int hg)
{
	size_t	l;

	sp->v[0] = (struct spell){ t->skel, skel_len(t) };
	sp->n = 1;
	if (strcmp(t->fold, t->skel) != 0)
		sp->v[sp->n++] = (struct spell){ t->fold,
		    t->lfold < 255 ? t->lfold : strlen(t->fold) };
	sp->nfull = sp->n;
	if (hg && (l = norm_hg_skel(t, sp->hg, sizeof sp->hg)) > 0 &&
	    (sp->n == 1 || strcmp(sp->hg, t->fold) != 0))
		sp->v[sp->n++] = (struct spell){ sp->hg, l };
}

/* The keys of kinds p, q and s but the word itself that spelling w of sl
 * letters posts or looks up (see tok_keys()); of s only with dels. */
static size_t
spell_keys(const char *w, size_t sl, int look, char kp, char kq, char ks,
    uint64_t *out, int dels)
{
	size_t	n = 0;
	char	del[DEL_MAX];

	if (sl >= 6 || (look && sl >= 4))
		out[n++] = key_hash(kp, w, 4);
	if (!look && (sl == 4 || sl == 5))
		out[n++] = short_key_hash(kq, w, sl);
	for (size_t m = 4; look && m <= 5; m++)
		if (prefix_keys_meet(sl, m))
			out[n++] = short_key_hash(kq, w, m);
	if (dels && sl >= DEL_MIN && sl <= DEL_MAX)
		for (size_t i = 0; i < sl; i++) {
			if (i > 0 && w[i] == w[i - 1])
				continue;	/* the same word again */
			memcpy(del, w, i);
			memcpy(del + i, w + i + 1, sl - i - 1);
			out[n++] = key_hash(ks, del, sl - 1);
		}
	return n;
}

/*
 * The index keys of one token, as a watched name posts them (look == 0) or
 * as a record's word looks them up (look): for each of its spellings, the
 * word, the first four letters (p, q) and the word with each letter left
 * out; its consonant key, its class key, its class of translations and
 * its sound key; see above.
 */
static size_t
tok_keys(const struct ntok *t, int single, int look, uint64_t out[MAXKEYS])
{
	size_t	n = 0;
	char	ks = single ? 'S' : 's', kk = single ? 'K' : 'k';
	char	kp = single ? 'P' : 'p', kv = single ? 'V' : 'v';
	char	kq = single ? 'Q' : 'q';
	char	kc = class_kind(t, look);
	struct spellings sp;
	struct sound sd;

	spellings(t, &sp, 1);
	if (t->key[0] != '\0')
		out[n++] = key_hash(kk, t->key, strlen(t->key));
	for (size_t v = 0, n0 = n; v < sp.n; v++) {
		const char	*w = sp.v[v].s;
		size_t		 sl = sp.v[v].len, n1 = n;

		out[n++] = key_hash(ks, w, sl);
		if (v < sp.nfull)
			n += spell_keys(w, sl, look, kp, kq, ks, out + n,
			    v == 0);
		/* the folded word's keys that its skeleton has already (Kassim
		 * as kasim) are not posted twice: a rare word is one of few
		 * postings (rare_lookup()) */
		for (size_t j = n1; v > 0 && j < n; j++)
			for (size_t q = n0; q < n1; q++)
				if (out[j] == out[q]) {
					out[j--] = out[--n];
					break;
				}
	}
	if (kc != 0)
		out[n++] = key_hash32(single ? (char)toupper((unsigned char)kc) :
		    kc, t->hckey);
	if (t->gclass != 0)
		out[n++] = key_hash32(single ? 'T' : 't', t->gclass);
	sound_of(t, &sd);
	if (look ? sd.look_v : sd.post)
		out[n++] = key_hash(kv, sd.key, sd.len);
	if (look && sd.look_s)
		out[n++] = key_hash(ks, sd.key, sd.len);
	if (sd.flen > 0)
		out[n++] = key_hash(kv, sd.fkey, sd.flen);
	return n;
}

/* Whether a record's word t looks up its skeleton with two letters left
 * out (see above): a frequent given name would meet too many watches by
 * it (Muhammad as Hamad). */
static int
del2_word(const struct ntok *t)
{
	size_t	sl = skel_len(t);

	return sl >= DEL2_MIN && sl <= DEL_MAX &&
	    !(t->flags & (NTOK_FREQUENT | NTOK_COMMON));
}

/* The keys of kind s (S with single) of the skeleton of record's word t
 * with two letters left out, none when del2_word() says so. */
static size_t
del2_keys(const struct ntok *t, int single, uint64_t out[DEL2_KEYS])
{
	size_t	n = 0, sl = skel_len(t), l;
	char	del[DEL_MAX];

	if (!del2_word(t))
		return 0;
	for (size_t i = 0; i < sl; i++) {
		if (i > 0 && t->skel[i] == t->skel[i - 1])
			continue;	/* the same word again */
		for (size_t j = i + 1; j < sl; j++) {
			if (j > i + 1 && t->skel[j] == t->skel[j - 1])
				continue;
			l = 0;
			for (size_t q = 0; q < sl; q++)
				if (q != i && q != j)
					del[l++] = t->skel[q];
			out[n++] = key_hash(single ? 'S' : 's', del, l);
		}
	}
	return n;
}

/* Whether a watched skeleton u of ul letters is one a del2_keys() lookup
 * of record's word t finds: two letters shorter and within it, or one
 * shorter and, but a letter of each, the same (the longest subsequence
 * they share is two letters shorter than t). */
static int
del2_keys_meet(const struct ntok *t, size_t tl, const char *u, size_t ul)
{
	uint8_t	prev[DEL_MAX + 1], cur[DEL_MAX + 1];

	if (!del2_word(t) || (ul + 2 != tl && (ul + 1 != tl || ul < DEL_MIN)))
		return 0;
	memset(prev, 0, sizeof prev);
	for (size_t i = 0; i < tl; i++) {
		cur[0] = 0;
		for (size_t j = 0; j < ul; j++)
			cur[j + 1] = t->skel[i] == u[j] ? prev[j] + 1 :
			    prev[j + 1] > cur[j] ? prev[j + 1] : cur[j];
		memcpy(prev, cur, ul + 1);
	}
	return (size_t)prev[ul] + 2 >= tl;
}

/* Whether x (xl letters) is y (yl letters) with yl - xl adjacent letters
 * left out: what the prefix and the suffix they share leave. */
static int
adj_left_out(const char *x, size_t xl, const char *y, size_t yl)
{
	size_t	p = 0, sfx = 0;

	if (xl > yl)
		return 0;
	while (p < xl && x[p] == y[p])
		p++;
	while (sfx < xl - p && x[xl - 1 - sfx] == y[yl - 1 - sfx])
		sfx++;
	return p + sfx >= xl;
}

/* Whether a record's word t looks up keys of kind d: a frequent given
 * name would meet too many watches by them, as by del2_keys(). */
static int
adj_word(const struct ntok *t)
{
	return !(t->flags & (NTOK_FREQUENT | NTOK_COMMON));
}

/* The skeleton s of sl letters with the two letters from i left out into
 * del; whether they are not the same as from i - 1 (a run aba). */
static int
adj_del(const char *s, size_t sl, size_t i, char *del)
{
	if (i > 0 && s[i - 1] == s[i + 1])
		return 0;
	memcpy(del, s, i);
	memcpy(del + i, s + i + 2, sl - i - 2);
	return 1;
}

/*
 * The keys of kind d (D with single): a watched skeleton of ADJ_MIN to
 * DEL_MAX letters with two adjacent letters left out (look == 0), and
 * what a record's word looks up for them (look): its skeleton, for a
 * watched word two letters longer (BUKHATTALAH for KHATTALAH), with a
 * letter left out, for one a letter longer and a letter off (AMERICAN
 * for AFRICAN), and with two adjacent letters left out, for one of its
 * length two adjacent letters off (Muhammad for Mochammad, DOVHOPOLOV
 * for DOLGOPOLOV). Deletion keys of one letter on either side meet none
 * of these, and Jaro-Winkler pairs them; two letters apart are rarer
 * pairs, and the watch could not post every pair of its letters.
 */
#define ADJ_MIN		7
#define ADJ_KEYS	(2 * DEL_MAX)

static size_t
adj_keys(const struct ntok *t, int single, int look, uint64_t out[ADJ_KEYS])
{
	size_t	n = 0, sl = skel_len(t);
	char	kd = single ? 'D' : 'd', del[DEL_MAX];
	const char *w = t->skel;

	if (!look) {
		if (sl < ADJ_MIN || sl > DEL_MAX)
			return 0;
		for (size_t i = 0; i + 1 < sl; i++)
			if (adj_del(w, sl, i, del))
				out[n++] = key_hash(kd, del, sl - 2);
		return n;
	}
	if (!adj_word(t))
		return 0;
	if (sl + 2 >= ADJ_MIN && sl + 2 <= DEL_MAX)
		out[n++] = key_hash(kd, w, sl);
	if (sl + 1 >= ADJ_MIN && sl + 1 <= DEL_MAX)
		for (size_t i = 0; i < sl; i++) {
			if (i > 0 && w[i] == w[i - 1])
				continue;
			memcpy(del, w, i);
			memcpy(del + i, w + i + 1, sl - i - 1);
			out[n++] = key_hash(kd, del, sl - 1);
		}
	if (sl >= ADJ_MIN && sl <= DEL_MAX)
		for (size_t i = 0; i + 1 < sl; i++)
			if (adj_del(w, sl, i, del))
				out[n++] = key_hash(kd, del, sl - 2);
	return n;
}

/* Whether record's word t (tl letters) looks up a key of kind d that
 * watched skeleton u of ul letters posts. */
static int
adj_keys_meet(const struct ntok *t, size_t tl, const char *u, size_t ul)
{
	char	del[DEL_MAX];

	if (!adj_word(t) || ul < ADJ_MIN || ul > DEL_MAX || ul < tl ||
	    ul > tl + 2)
		return 0;
	if (ul == tl + 2)
		return adj_left_out(t->skel, tl, u, ul);
	for (size_t i = 0; i + 1 < ul; i++)
		if (adj_del(u, ul, i, del) &&
		    adj_left_out(del, ul - 2, t->skel, tl))
			return 1;
	return 0;
}

/* The key of kind C or N: the consonant key of t with its first letter
 * and skeleton length, the length given as sl. */
static uint64_t
join_key_hash(char kind, const struct ntok *t, size_t sl)
{
	char	buf[4 + sizeof ((struct norm_joinbuf *)0)->key];
	size_t	kl = strlen(t->key);

	if (kl > sizeof buf - 3)
		kl = sizeof buf - 3;
	buf[0] = strchr("aeiou", t->fold[0]) != NULL ? '_' : t->fold[0];
	buf[1] = (char)(sl & 0xff);
	buf[2] = (char)(sl >> 8);
	memcpy(buf + 3, t->key, kl);
	return key_hash(kind, buf, 3 + kl);
}

/* Whether join_one() in norm.c may pair a word with the joined run t of
 * the ny words y by consonant key: three consonants, four when three
 * words hold a common one. */
static int
run_key_ok(const struct ntok *t, const struct ntok *y, size_t ny)
{
	size_t	kl = strlen(t->key);
	int	common = 0;

	if (kl == 0)
		return 0;
	kl -= t->key[0] == '_';
	for (size_t i = 0; i < ny; i++)
		common |= (y[i].flags & NTOK_COMMON) != 0;
	return kl >= 3 && !(common && ny >= 3 && kl < 4);
}

/* The joined words a run of ny (2 or 3) adjacent tokens y stands for in
 * join_words(): none if a legal form is among them (D.O.O. RAD is not
 * DARDA), else the words written as one, and again with an article
 * before a sun letter written as said (Nasr al Din / Nasreddine, al Din /
 * Eddine), as norm_join_sim() tries them. Returns how many (0 to 2). */
static size_t
run_join(const struct ntok *y, size_t ny, struct ntok t[2],
    struct norm_joinbuf jb[2])
{
	size_t	n = 0;

	for (size_t i = 0; i < ny; i++)
		if (y[i].flags & NTOK_LEGAL)
			return 0;
	if (norm_join_token(y, ny, 0, &t[n], &jb[n]) == 0)
		n++;
	if (norm_join_assimilates(y, ny) &&
	    norm_join_token(y, ny, 1, &t[n], &jb[n]) == 0)
		n++;
	return n;
}

/* The keys a watched run t of the ny words y posts: what join_one() pairs
 * a word with a joined one by (the same skeleton, the consonant key, the
 * class key across scripts), never a spelling. */
static size_t
run_keys(const struct ntok *t, const struct ntok *y, size_t ny,
    uint64_t out[RUNKEYS])
{
	size_t	n = 0;

	out[n++] = key_hash('J', t->skel, skel_len(t));
	if (run_key_ok(t, y, ny))
		out[n++] = join_key_hash('C', t, skel_len(t));
	if (class_kind(t, 0) != 0)
		out[n++] = key_hash32(class_kind(t, 0) == 'a' ? 'Y' : 'X',
		    t->hckey);
	return n;
}

/* The keys a record's word x looks up for the watched runs it may be the
 * joined word of; 0 when join_words() would not join it. */
static size_t
join_look_keys(const struct ntok *x, uint64_t out[RUNKEYS])
{
	size_t	n = 0, sl = skel_len(x);
	char	kc = class_kind(x, 1);

	if ((x->flags & NTOK_COMMON) || sl < 5)
		return 0;
	out[n++] = key_hash('J', x->skel, sl);
	if (x->key[0] != '\0')
		for (size_t l = sl - 2; l <= sl + 2; l++)
			out[n++] = join_key_hash('C', x, l);
	if (kc != 0)
		out[n++] = key_hash32(kc == 'a' ? 'Y' : 'X', x->hckey);
	return n;
}

/* The keys a record's run t of the ny words y looks up: the watched words
 * it may be written as one for. The N keys are looked up with single
 * (they are posted once, for every watch). */
static size_t
run_look_keys(const struct ntok *t, const struct ntok *y, size_t ny,
    int single, uint64_t out[RUNKEYS])
{
	size_t	n = 0, sl = skel_len(t);
	char	kc = class_kind(t, 1);

	out[n++] = key_hash(single ? 'S' : 's', t->skel, sl);
	if (single && run_key_ok(t, y, ny))
		for (size_t l = sl > 2 ? sl - 2 : 0; l <= sl + 2; l++)
			out[n++] = join_key_hash('N', t, l);
	if (kc != 0)
		out[n++] = key_hash32(single ? (char)toupper((unsigned char)kc) :
		    kc, t->hckey);
	return n;
}

/* Whether join_one() may pair watched word t with a record's joined run
 * by consonant key: the watch posts an N key for it. */
static int
joinable_key(const struct ntok *t)
{
	return !(t->flags & NTOK_COMMON) && skel_len(t) >= 5 &&
	    strlen(t->key) - (t->key[0] == '_') >= 3;
}

/*
 * The keys of a word of a name of common words only, as the watch posts
 * them (look == 0) or a record's word looks them up; see above. The stem
 * keys (p) follow norm_tok_sim()'s rule for a generic word and a form of
 * it, which pairs words of four letters or more alike in the first four,
 * and in the fifth unless one has four: TRUST LOGISTICS LLC is TRUST
 * LOGISTIC and M-FINANCE LLC is M FINANS (OFAC), though LOGISTIKS and
 * LOGISTIC, FINANCE and FINANS share no other key. A watched word posts
 * its first five letters, and its first four with a mark (the record's
 * word may have four); a record's word looks up its first four, and its
 * first five or its four with the mark.
 */
#define COMMON_KEYS	6

static size_t
common_keys(const struct ntok *t, int look, uint64_t out[COMMON_KEYS])
{
	size_t	n = 0, sl = skel_len(t);
	char	kc = class_kind(t, look), stem[5];

	out[n++] = key_hash(COMMON_KIND('s'), t->skel, skel_len(t));
	if (t->key[0] != '\0')
		out[n++] = key_hash(COMMON_KIND('k'), t->key, strlen(t->key));
	if (kc != 0)
		out[n++] = key_hash32(COMMON_KIND(kc), t->hckey);
	if (t->gclass != 0)
		out[n++] = key_hash32(COMMON_KIND('g'), t->gclass);
	if (sl < 4)
		return n;
	memcpy(stem, t->skel, 4);
	stem[4] = '*';			/* four letters of a longer word */
	if (look || sl == 4)
		out[n++] = key_hash(COMMON_KIND('p'), stem, 4);
	if (sl > 4 && !look)
		out[n++] = key_hash(COMMON_KIND('p'), stem, 5);
	if (sl == 4 && look)
		out[n++] = key_hash(COMMON_KIND('p'), stem, 5);
	if (sl > 4)
		out[n++] = key_hash(COMMON_KIND('p'), t->skel, 5);
	return n;
}

/* Whether skeletons a and b share a key of tok_keys(): the same, or one is
 * the other with a letter left out, or both are the same word with a
 * letter left out, each where deletion keys are made. */
static int
skel_keys_meet(const char *a, size_t la, const char *b, size_t lb)
{
	size_t	p = 0, sfx = 0, end;

	if (la < lb) {
		const char *t = a;
		size_t tl = la;

		a = b, la = lb, b = t, lb = tl;
	}
	if (la - lb > 1 || (la != lb && (la < DEL_MIN || la > DEL_MAX)))
		return la == lb && memcmp(a, b, la) == 0;
	while (p < lb && a[p] == b[p])
		p++;
	if (p == la)
		return 1;		/* the same */
	if (la < DEL_MIN || la > DEL_MAX)
		return 0;
	while (sfx < lb - p && a[la - 1 - sfx] == b[lb - 1 - sfx])
		sfx++;
	if (la != lb)
		return p + sfx >= lb;	/* b is a without one letter */
	/* Same length: a without a[i] is b without b[j]. With i <= j the
	 * letters between are shifted by one; the longest prefix and suffix
	 * leave the shortest stretch to check, either way round. */
	end = la - 1 - sfx;
	if (memcmp(a + p + 1, b + p, end - p) == 0 ||
	    memcmp(b + p + 1, a + p, end - p) == 0)
		return 1;
	return 0;
}

/* Whether spellings x and y share a key of kind s: the same, or with a
 * letter left out of one or both, where deletion keys are made and the
 * spelling has them (xd, yd). */
static int
s_keys_meet(const char *x, size_t xl, int xd, const char *y, size_t yl,
    int yd)
{
	int	xr = xd && xl >= DEL_MIN && xl <= DEL_MAX;
	int	yr = yd && yl >= DEL_MIN && yl <= DEL_MAX;

	if (xl == yl && memcmp(x, y, xl) == 0)
		return 1;
	if (xr && yr)
		return skel_keys_meet(x, xl, y, yl);
	if (xr && yl + 1 == xl)
		return adj_left_out(y, yl, x, xl);
	if (yr && xl + 1 == yl)
		return adj_left_out(x, xl, y, yl);
	return 0;
}

/* A record's token as tok_keys_meet() compares it with many watches. */
struct meet {
	const struct ntok *t;
	size_t		 tl;
	char		 kc;		/* class key kind looked up, or 0 */
	struct spellings sp;
	int		 hg;		/* a watched word's hg spelling may meet */
	struct sound	 sd;
};

static void
meet_init(struct meet *m, const struct ntok *t)
{
	m->t = t;
	m->tl = skel_len(t);
	m->kc = class_kind(t, 1);
	spellings(t, &m->sp, 1);
	/* a watched word's h read as g is a spelling with a g (the
	 * skeleton keeps one of gg, gh), which t has none of, nor its sound
	 * key (g as k): not worth making for each watch */
	m->hg = ((t->mskel | t->mfold) & (1u << ('g' - 'a'))) ||
	    m->sp.n > m->sp.nfull;
	sound_of(t, &m->sd);
}

/* Whether token m->t shares an index key of the lower-case kinds with a
 * distinctive word of watched name w: what a lookup of its keys would
 * say, without the lookup. */
static int
tok_keys_meet(const struct meet *m, const struct nname *w)
{
	const struct ntok	*t = m->t;
	const struct spellings	*ts = &m->sp;
	size_t			 tl = m->tl;

	for (size_t i = 0; i < w->n; i++) {
		const struct ntok *u = &w->t[i];
		struct spellings us;

		if (u->flags & NTOK_COMMON)
			continue;
		if (t->key[0] != '\0' && u->hkey == t->hkey &&
		    strcmp(u->key, t->key) == 0)
			return 1;
		spellings(u, &us, m->hg);
		for (size_t a = 0; a < us.n; a++) {
			const char *y = us.v[a].s;
			size_t yl = us.v[a].len;
			int yf = a < us.nfull;

			for (size_t b = 0; b < ts->n; b++) {
				const char *x = ts->v[b].s;
				size_t xl = ts->v[b].len;
				int xf = b < ts->nfull;

				if (xf && yf && prefix_keys_meet(xl, yl) &&
				    memcmp(y, x, 4) == 0)
					return 1;
				if (s_keys_meet(x, xl, b == 0, y, yl, a == 0))
					return 1;
			}
			if ((a == 0 || yl + 2 == tl) &&
			    del2_keys_meet(t, tl, y, yl))
				return 1;
			if (m->sd.look_s && s_keys_meet(m->sd.key, m->sd.len,
			    0, y, yl, yf))
				return 1;
		}
		if (adj_keys_meet(t, tl, u->skel, us.v[0].len))
			return 1;
		if (m->kc != 0 && u->hckey == t->hckey &&
		    class_kind(u, 0) == m->kc)
			return 1;
		if (t->gclass != 0 && u->gclass == t->gclass)
			return 1;
		/* the sound keys under v: the skeleton's where the word posts
		 * or looks it up, the folded word's always, either against
		 * either (Hag as hak, Haj with its j as hak) */
		{
			struct sound	 sd;
			const char	*x[2] = { NULL, NULL }, *y[2] = { NULL, NULL };
			size_t		 xl[2] = { 0, 0 }, yl[2] = { 0, 0 };

			sound_of(u, &sd);
			if (m->sd.look_v)
				x[0] = m->sd.key, xl[0] = m->sd.len;
			if (m->sd.flen > 0)
				x[1] = m->sd.fkey, xl[1] = m->sd.flen;
			if (sd.post)
				y[0] = sd.key, yl[0] = sd.len;
			if (sd.flen > 0)
				y[1] = sd.fkey, yl[1] = sd.flen;
			for (size_t a = 0; a < 2; a++)
				for (size_t b = 0; b < 2; b++)
					if (x[a] != NULL && y[b] != NULL &&
					    xl[a] == yl[b] &&
					    memcmp(x[a], y[b], xl[a]) == 0)
						return 1;
		}
	}
	return 0;
}

static char *
id_norm(const char *s)
{
	char	*o = xmalloc(strlen(s) + 1), *q = o;

	for (; *s; s++)
		if (isalnum((unsigned char)*s))
			*q++ = (char)toupper((unsigned char)*s);
	*q = '\0';
	return o;
}

/* A record-id watch is "source:id" (ofac-sdn:42618); any other id watch
 * is an identifier number, written with or without a label ("IMO
 * 9187629", "Passport DA0004031"). Returns the key text; caller frees. */
static char *
id_watch_key(const char *v, char *kind)
{
	const char	*colon = strchr(v, ':'), *p;

	if (colon != NULL && colon > v && strchr(colon, ' ') == NULL) {
		char *s = xstrdup(v);

		for (char *q = s; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		*kind = 'r';
		return s;
	}
	*kind = 'i';
	/* Drop leading words without digits when a later word has one. */
	p = v;
	for (;;) {
		const char *sp = strpbrk(p, " :");
		int digit = 0;

		if (sp == NULL)
			break;
		for (const char *q = p; q < sp; q++)
			if (isdigit((unsigned char)*q))
				digit = 1;
		if (digit || strpbrk(sp, "0123456789") == NULL)
			break;
		p = sp + 1;
	}
	return id_norm(p);
}

/* The keys of watched runs, made in the first pass over the keys and read
 * back in the other two: joining a run's words costs more than all the
 * other keys of its name. A watch of a name an earlier watch holds (see
 * name_groups()) reads back that watch's keys, even in the first pass: a
 * bank's book names many customers alike, and their runs are the same. */
struct runkeys {
	uint64_t	*h;		/* the keys, watch by watch */
	uint8_t		*two;		/* key by key: POST_TWO */
	uint32_t	*at;		/* by watch: its first key in h */
	uint16_t	*nw;		/* by watch: how many */
	uint32_t	*first;		/* by group: its first watch */
	size_t		 n, cap;
	int		 kept;		/* read back */
};

static void
runkeys_add(struct runkeys *rk, uint64_t h, int two)
{
	if (rk->n == rk->cap) {
		rk->cap = rk->cap ? rk->cap * 2 : 4096;
		rk->h = xrealloc(rk->h, rk->cap * sizeof *rk->h);
		rk->two = xrealloc(rk->two, rk->cap * sizeof *rk->two);
	}
	rk->h[rk->n] = h;
	rk->two[rk->n++] = (uint8_t)two;
}

/* Calls fn(h, w, arg) for each index key of watched name nm: its
 * distinctive words', and its runs', even of common words only: the
 * scorer pairs ABDULLAH with ABD AL (a run of particles) as with any.
 * Watch same (w itself, or an earlier watch of the same name) has the
 * run keys. */
static void
name_keys(const struct nname *nm, uint32_t w, uint32_t same,
    struct runkeys *rk, void (*fn)(uint64_t, uint32_t, void *), void *arg)
{
	size_t	nt = nm->n < MAXTOK ? nm->n : MAXTOK, n0 = rk->n;
	int	single = core_dist(nm) <= 1;

	for (size_t t = 0; t < nm->n; t++) {
		uint64_t	k[MAXKEYS];
		size_t		nk;

		if (nm->t[t].flags & NTOK_COMMON)
			continue;
		nk = tok_keys(&nm->t[t], single, 0, k);
		if (joinable_key(&nm->t[t]))
			k[nk++] = join_key_hash('N', &nm->t[t],
			    skel_len(&nm->t[t]));
		if (acronym_word(&nm->t[t]))
			fn(key_hash('A', nm->t[t].fold, nm->t[t].lfold), w, arg);
		for (size_t j = 0; j < nk; j++)
			fn(k[j], w, arg);
		nk = adj_keys(&nm->t[t], single, 0, k);
		for (size_t j = 0; j < nk; j++)
			fn(k[j], w, arg);
	}
	if (nm->ndist == 0) {
		const struct ntok	*b = NULL;
		uint64_t		 k[COMMON_KEYS];
		size_t			 nk;

		for (size_t t = 0; t < nm->n; t++)
			if (!(nm->t[t].flags & NTOK_LEGAL) && (b == NULL ||
			    skel_len(&nm->t[t]) > skel_len(b)))
				b = &nm->t[t];
		nk = b != NULL ? common_keys(b, 0, k) : 0;
		for (size_t j = 0; j < nk; j++)
			fn(k[j], w, arg);
	}
	if (rk->kept || same != w) {
		size_t at = rk->at[same];

		for (size_t q = at; q < at + rk->nw[same]; q++)
			fn(rk->h[q], w | (rk->two[q] ? POST_TWO : 0), arg);
		return;
	}
	for (size_t len = 2; len <= 3; len++)
		for (size_t i = 0; i + len <= nt; i++) {
			struct norm_joinbuf	jb[2];
			struct ntok		jt[2];
			uint64_t		k[RUNKEYS];
			size_t			nd = 0, nj, nk;

			for (size_t q = i; q < i + len; q++)
				nd += !(nm->t[q].flags & NTOK_COMMON);
			nj = run_join(&nm->t[i], len, jt, jb);
			for (size_t j = 0; j < nj; j++) {
				nk = run_keys(&jt[j], &nm->t[i], len, k);
				for (size_t q = 0; q < nk; q++) {
					runkeys_add(rk, k[q], nd >= 2);
					fn(k[q], w | (nd >= 2 ? POST_TWO : 0),
					    arg);
				}
			}
		}
	rk->at[w] = (uint32_t)n0;
	rk->nw[w] = (uint16_t)(rk->n - n0);
}

/* The watch that has the run keys of watch i: i, or the first watch of
 * its name. */
static uint32_t
runkeys_same(const struct watchlist *wl, const struct runkeys *rk, size_t i)
{
	return wl->group[i] == NO_GROUP ? (uint32_t)i : rk->first[wl->group[i]];
}

/*
 * What index_keys() reads of a watch lies anywhere in hundreds of MB when
 * an earlier watch has it: the run keys of a name an earlier watch holds,
 * the normalised name of a text an earlier watch was written as (see
 * struct name_texts). Waiting for them was a tenth of the build, so they
 * are fetched ahead: where the run keys are 2 * KEYS_AHEAD watches early,
 * the keys and the first lines of the name (where one of a few words
 * ends) KEYS_AHEAD watches early.
 */
#define KEYS_AHEAD	8

static void
index_keys_ahead(const struct watchlist *wl, const struct runkeys *rk,
    size_t i)
{
	const struct watch	*w;
	uint32_t		 s;

	if (i + 2 * KEYS_AHEAD < wl->n) {
		s = runkeys_same(wl, rk, i + 2 * KEYS_AHEAD);
		__builtin_prefetch(&rk->at[s]);
		__builtin_prefetch(&rk->nw[s]);
	}
	if (i + KEYS_AHEAD >= wl->n)
		return;
	w = &wl->v[i + KEYS_AHEAD];
	if (w->kind != WATCH_NAME)
		return;
	for (size_t l = 0; l < NAME_LINES; l++)
		__builtin_prefetch((const char *)w->nm + 64 * l);
	if (rk->h != NULL) {
		s = runkeys_same(wl, rk, i + KEYS_AHEAD);
		__builtin_prefetch(&rk->h[rk->at[s]]);
		__builtin_prefetch(&rk->two[rk->at[s]]);
	}
}

/* Calls fn(h, w, arg) for each index key of each watch. */
static void
index_keys(const struct watchlist *wl, struct runkeys *rk,
    void (*fn)(uint64_t, uint32_t, void *), void *arg)
{
	for (size_t i = 0; i < wl->n; i++) {
		const struct watch *w = &wl->v[i];

		index_keys_ahead(wl, rk, i);
		if (w->kind == WATCH_NAME)
			name_keys(w->nm, (uint32_t)i, runkeys_same(wl, rk, i),
			    rk, fn, arg);
		else if (w->kind == WATCH_ID) {
			char	 kind, *key = id_watch_key(w->value, &kind);

			if (*key)
				fn(key_hash(kind, key, strlen(key)),
				    (uint32_t)i, arg);
			free(key);
		}
	}
	rk->kept = 1;
}

static void
index_count_cb(uint64_t h, uint32_t w, void *arg)
{
	size_t *n = arg;

	(void)h;
	(void)w;
	(*n)++;
}

/*
 * Each key of the second and third pass touches a bucket, and in the third
 * a posting, anywhere in a few hundred MB: met one at a time, these misses
 * were most of the two passes. So keys wait in a queue: a key's bucket is
 * fetched as it comes in, FILL_AHEAD keys later its posting is taken (in
 * the order the keys came, so that each lands where it did) and fetched,
 * and FILL_AHEAD keys after that it is written. The second pass counts the
 * bucket sizes where the third takes a posting.
 */
#define FILL_AHEAD	16

struct fill {
	struct index	*ix;
	int		 sizes;		/* the second pass */
	size_t		 n;		/* keys come in */
	struct fill_key {
		uint32_t	 b, check, w;
		uint32_t	 at;	/* the posting taken */
	} q[2 * FILL_AHEAD];		/* key k at k % (2 * FILL_AHEAD) */
};

static void
fill_take(struct fill *f, size_t k)
{
	struct index	*ix = f->ix;
	struct fill_key	*q = &f->q[k % (2 * FILL_AHEAD)];

	if (f->sizes) {
		ix->start[q->b + 1]++;
		return;
	}
	/* start[b] is the next free slot of bucket b until the fill ends */
	q->at = ix->start[q->b]++;
	__builtin_prefetch(&ix->post[q->at], 1);
}

static void
fill_write(struct fill *f, size_t k)
{
	struct fill_key	*q = &f->q[k % (2 * FILL_AHEAD)];

	if (f->sizes)
		return;
	f->ix->post[q->at].check = q->check;
	f->ix->post[q->at].w = q->w;
}

static void
index_fill_cb(uint64_t h, uint32_t w, void *arg)
{
	struct fill	*f = arg;
	struct fill_key	*q = &f->q[f->n % (2 * FILL_AHEAD)];

	if (f->n >= 2 * FILL_AHEAD)
		fill_write(f, f->n - 2 * FILL_AHEAD);	/* q's last key */
	if (f->n >= FILL_AHEAD)
		fill_take(f, f->n - FILL_AHEAD);
	q->b = index_bucket(f->ix, h);
	q->check = (uint32_t)(h >> 32);
	q->w = w;
	__builtin_prefetch(&f->ix->start[q->b + (f->sizes ? 1 : 0)], 1);
	f->n++;
}

/* Takes and writes the keys still queued. */
static void
fill_end(struct fill *f)
{
	for (size_t k = f->n > FILL_AHEAD ? f->n - FILL_AHEAD : 0; k < f->n;
	    k++)
		fill_take(f, k);
	for (size_t k = f->n > 2 * FILL_AHEAD ? f->n - 2 * FILL_AHEAD : 0;
	    k < f->n; k++)
		fill_write(f, k);
}

/*
 * The keys are made three times (count, bucket sizes, fill) rather than
 * kept: with deletion keys a million watched names have tens of millions
 * of them, and keeping them doubled the peak memory. Only the runs' keys
 * are kept (struct runkeys).
 *
 * A bucket holds INDEX_LOAD postings on average. A lookup reads its
 * bucket's postings in a line or two of memory whether they are one or
 * four, while the bucket array shrinks to a byte a posting; and the count
 * is not rounded to a power of two, so that the memory grows with the
 * postings rather than doubling at a power of two of them.
 */
#define INDEX_LOAD	4

/* Whether name nm has two distinctive words among those scored, *x and
 * *y, and no more. */
static int
two_words(const struct nname *nm, size_t *x, size_t *y)
{
	uint32_t rest = nm->dmask & (nm->dmask - 1);	/* all but the first */

	if (nm->dmask == 0 || rest == 0 || (rest & (rest - 1)) != 0)
		return 0;
	*x = (size_t)__builtin_ctz(nm->dmask);
	*y = (size_t)__builtin_ctz(rest);
	return 1;
}

/*
 * A watch of two distinctive words may match a name of two by one word in
 * common and the word left on each side (pair_left()), which no index key
 * meets: candidates() finds the watch by the one, and tests the keys of
 * its two words (norm_left_key(), 0 for a watch of more or fewer words)
 * against the name's other.
 */
static void
left_keys(struct watchlist *wl)
{
	free(wl->lkey);
	wl->lkey = xcalloc(wl->n ? wl->n * 2 : 1, sizeof *wl->lkey);
	for (size_t w = 0; w < wl->n; w++) {
		const struct nname *nm = wl->v[w].nm;
		size_t		 x, y;

		if (nm != NULL && two_words(nm, &x, &y)) {
			wl->lkey[2 * w] = norm_left_key(&nm->t[x]);
			wl->lkey[2 * w + 1] = norm_left_key(&nm->t[y]);
		}
	}
}

static void
index_build(struct watchlist *wl)
{
	struct index	*ix = &wl->ix;
	struct runkeys	 rk;
	struct fill	 f;
	size_t		 nb, np = 0;

	free(ix->start);
	free(ix->post);
	memset(ix, 0, sizeof *ix);
	memset(&rk, 0, sizeof rk);
	rk.at = xcalloc(wl->n ? wl->n : 1, sizeof *rk.at);
	rk.nw = xcalloc(wl->n ? wl->n : 1, sizeof *rk.nw);
	rk.first = xmalloc((wl->ngroups ? wl->ngroups : 1) * sizeof *rk.first);
	for (size_t i = wl->n; i-- > 0; )
		if (wl->group[i] != NO_GROUP)
			rk.first[wl->group[i]] = (uint32_t)i;
	index_keys(wl, &rk, index_count_cb, &np);
	nb = np / INDEX_LOAD > 0 ? np / INDEX_LOAD : 1;
	ix->nb = (uint32_t)nb;
	ix->start = xcalloc(nb + 1, sizeof *ix->start);
	ix->post = xmalloc((np ? np : 1) * sizeof *ix->post);
	memset(&f, 0, sizeof f);
	f.ix = ix;
	f.sizes = 1;
	index_keys(wl, &rk, index_fill_cb, &f);
	fill_end(&f);
	/* start[b + 1] counts bucket b: shift so start[b] counts it, fill
	 * from the prefix sums, and the filled start[b] ends bucket b, which
	 * is where bucket b + 1 starts. */
	for (size_t b = 0; b < nb; b++)
		ix->start[b] = ix->start[b + 1];
	ix->start[nb] = 0;
	{
		uint32_t sum = 0;

		for (size_t b = 0; b < nb; b++) {
			uint32_t c = ix->start[b];

			ix->start[b] = sum;
			sum += c;
		}
		ix->start[nb] = sum;
	}
	f.sizes = 0;
	f.n = 0;
	index_keys(wl, &rk, index_fill_cb, &f);
	fill_end(&f);
	memmove(ix->start + 1, ix->start, nb * sizeof *ix->start);
	ix->start[0] = 0;
	free(rk.h);
	free(rk.two);
	free(rk.at);
	free(rk.nw);
	free(rk.first);
	left_keys(wl);
}

/* Calls fn for each watch posted under hash h. */
#define INDEX_FOREACH(ix, h, wv)					\
	for (uint32_t _b = index_bucket((ix), (h)),			\
	    _i = (ix)->start[_b], _e = (ix)->start[_b + 1],		\
	    _c = (uint32_t)((h) >> 32), wv = 0; _i < _e; _i++)		\
		if ((ix)->post[_i].check == _c &&			\
		    ((wv = (ix)->post[_i].w), 1))

/* ---- the watchlist ------------------------------------------------ */

static void
watch_clear(struct watch *w)
{
	free(w->text);
	if (!w->shared)
		free(w->nm);
}

void
match_free(struct watchlist *wl)
{
	if (wl == NULL)
		return;
	for (size_t i = 0; i < wl->n; i++)
		watch_clear(&wl->v[i]);
	free(wl->v);
	free(wl->ix.start);
	free(wl->ix.post);
	free(wl->names);
	free(wl->countries);
	free(wl->programs);
	free(wl->group);
	free(wl->lkey);
	if (wl->scr != NULL) {
		free(wl->scr->gm);
		free(wl->scr->slot);
		free(wl->scr->simc);
		free(wl->scr->touched);
		free(wl->scr->gs);
		free(wl->scr);
	}
	free(wl);
}

size_t
match_count(const struct watchlist *wl)
{
	return wl ? wl->n : 0;
}

void
match_use_index(struct watchlist *wl, int on)
{
	wl->use_index = on;
}

/*
 * The name watches read so far by their text: a bank's book names many
 * customers alike, and a watch written as an earlier one shares that
 * one's normalised name rather than normalising the same text again.
 */
struct name_texts {
	uint32_t	*v;		/* watch numbers; UINT32_MAX is free */
	size_t		 n, cap;	/* cap a power of two, over 2n */
};

/* The slot of the watch named value, or the free slot for it. */
static uint32_t *
name_texts_slot(const struct name_texts *nt, const struct watchlist *wl,
    const char *value)
{
	size_t	b = key_hash('t', value, strlen(value)) & (nt->cap - 1);

	for (; nt->v[b] != UINT32_MAX; b = (b + 1) & (nt->cap - 1))
		if (strcmp(wl->v[nt->v[b]].value, value) == 0)
			break;
	return &nt->v[b];
}

static void
name_texts_grow(struct name_texts *nt, const struct watchlist *wl)
{
	uint32_t	*old = nt->v;
	size_t		 ocap = nt->cap;

	nt->cap = ocap ? ocap * 2 : 1024;
	nt->v = xmalloc(nt->cap * sizeof *nt->v);
	memset(nt->v, 0xff, nt->cap * sizeof *nt->v);
	for (size_t i = 0; i < ocap; i++)
		if (old[i] != UINT32_MAX)
			*name_texts_slot(nt, wl, wl->v[old[i]].value) = old[i];
	free(old);
}

static int
watch_add(struct watchlist *wl, struct name_texts *nt, const char *line,
    size_t len, const char *label, size_t lineno, char *err, size_t errlen)
{
	uint32_t	*same;
	struct watch	 w;
	const char	*colon, *v, *e, *tilde;
	size_t		 k, klen;

	memset(&w, 0, sizeof w);
	colon = memchr(line, ':', len);
	if (colon == NULL)
		return seterr(err, errlen, "%s:%zu: expected KIND: VALUE",
		    label, lineno);
	klen = (size_t)(colon - line);
	while (klen > 0 && isspace((unsigned char)line[klen - 1]))
		klen--;
	for (k = 0; k < sizeof watch_kind_names / sizeof *watch_kind_names; k++)
		if (strlen(watch_kind_names[k]) == klen &&
		    strncasecmp(line, watch_kind_names[k], klen) == 0)
			break;
	if (k == sizeof watch_kind_names / sizeof *watch_kind_names)
		return seterr(err, errlen, "%s:%zu: unknown watch kind \"%.*s\" "
		    "(name, country, program or id)", label, lineno, (int)klen,
		    line);
	v = colon + 1;
	e = line + len;
	while (v < e && isspace((unsigned char)*v))
		v++;
	while (e > v && isspace((unsigned char)e[-1]))
		e--;
	w.kind = (enum watch_kind)k;
	/* "name: Sadio Camara ~0.9": a threshold of its own. */
	if (w.kind == WATCH_NAME && e > v &&
	    (tilde = memrchr(v, '~', (size_t)(e - v))) != NULL) {
		char	*end, num[32];
		double	 t;
		size_t	 nl = (size_t)(e - tilde - 1);

		if (nl == 0 || nl >= sizeof num)
			goto badthr;
		memcpy(num, tilde + 1, nl);
		num[nl] = '\0';
		errno = 0;
		t = strtod(num, &end);
		if (errno || *end != '\0' || !(t > 0.0 && t <= 1.0)) {
badthr:
			return seterr(err, errlen, "%s:%zu: a threshold is ~N "
			    "with 0 < N <= 1", label, lineno);
		}
		w.thresh = (float)t;
		e = tilde;
		while (e > v && isspace((unsigned char)e[-1]))
			e--;
	}
	if (v == e)
		return seterr(err, errlen, "%s:%zu: empty %s watch", label,
		    lineno, watch_kind_names[k]);
	w.text = xasprintf("%s: %.*s", watch_kind_names[k], (int)(e - v), v);
	w.value = w.text + strlen(watch_kind_names[k]) + 2;
	switch (w.kind) {
	case WATCH_NAME:
		if (2 * nt->n >= nt->cap)
			name_texts_grow(nt, wl);
		same = name_texts_slot(nt, wl, w.value);
		if (*same != UINT32_MAX) {
			w.nm = wl->v[*same].nm;
			w.shared = 1;
			break;
		}
		w.nm = norm_name(w.value, 0);
		if (w.nm->n == 0) {
			watch_clear(&w);
			return seterr(err, errlen, "%s:%zu: name has no letters",
			    label, lineno);
		}
		*same = (uint32_t)wl->n;
		nt->n++;
		break;
	case WATCH_COUNTRY: {
		const char	*code = country_lookup(w.value, strlen(w.value));

		if (code == NULL) {
			seterr(err, errlen, "%s:%zu: unknown country \"%s\"",
			    label, lineno, w.value);
			watch_clear(&w);
			return -1;
		}
		memcpy(w.code, code, 3);
		break;
	}
	case WATCH_PROGRAM:
	case WATCH_ID:
		break;
	}
	if (wl->n == wl->cap) {
		wl->cap = wl->cap ? wl->cap * 2 : 16;
		wl->v = xrealloc(wl->v, wl->cap * sizeof *wl->v);
	}
	wl->v[wl->n++] = w;
	return 0;
}

static void
u32_push(uint32_t **v, size_t *n, uint32_t x)
{
	if ((*n & (*n - 1)) == 0 || *n == 0)	/* grow at powers of two */
		*v = xrealloc(*v, (*n ? *n * 2 : 8) * sizeof **v);
	(*v)[(*n)++] = x;
}

/* Whether watches a and b are the same name (words, and the scripts they
 * came from) with the same threshold: name_compare() scores them alike. */
static int
watch_same_name(const struct watch *a, const struct watch *b)
{
	if (a->thresh != b->thresh || a->nm->n != b->nm->n)
		return 0;
	if (a->nm == b->nm)
		return 1;		/* written alike */
	for (size_t i = 0; i < a->nm->n; i++)
		if (a->nm->t[i].hfold != b->nm->t[i].hfold ||
		    a->nm->t[i].flags != b->nm->t[i].flags ||
		    strcmp(a->nm->t[i].fold, b->nm->t[i].fold) != 0)
			return 0;
	return 1;
}

/*
 * Numbers the names that more than one watch holds (the same words from
 * the same scripts, the same threshold): a bank's book names many
 * customers alike, and match_names() scores such a name once per record
 * name, and candidates() checks it once against a skipped token. Other
 * watches get NO_GROUP. The groups are an array apart from the watches,
 * which lie anywhere in a few hundred MB.
 */
static void
name_groups(struct watchlist *wl)
{
	size_t		 cap = 16;
	uint32_t	*tab;

	wl->ngroups = 0;
	wl->group = xmalloc((wl->n ? wl->n : 1) * sizeof *wl->group);
	memset(wl->group, 0xff, (wl->n ? wl->n : 1) * sizeof *wl->group);
	while (cap < 2 * wl->nnames)
		cap *= 2;
	tab = xmalloc(cap * sizeof *tab);
	memset(tab, 0xff, cap * sizeof *tab);
	for (size_t i = 0; i < wl->nnames; i++) {
		struct watch	*w = &wl->v[wl->names[i]];
		uint32_t	 h = 2166136261u, *wg = &wl->group[wl->names[i]];
		size_t		 b;

		for (size_t t = 0; t < w->nm->n; t++)
			h = ((h ^ w->nm->t[t].hfold) * 16777619u ^
			    w->nm->t[t].flags) * 16777619u;
		for (b = h & (cap - 1); tab[b] != UINT32_MAX;
		    b = (b + 1) & (cap - 1)) {
			uint32_t *fg = &wl->group[tab[b]];

			if (!watch_same_name(&wl->v[tab[b]], w))
				continue;
			if (*fg == NO_GROUP)
				*fg = (uint32_t)wl->ngroups++;
			*wg = *fg;
			break;
		}
		if (tab[b] == UINT32_MAX)
			tab[b] = wl->names[i];
	}
	free(tab);
}

struct watch_lines {
	struct watchlist	*wl;
	struct name_texts	 names;
	const char		*label;
	char			*err;
	size_t			 errlen;
};

static int
watch_line_cb(const char *line, size_t len, size_t lineno, void *arg)
{
	struct watch_lines	*lc = arg;

	return watch_add(lc->wl, &lc->names, line, len, lc->label, lineno,
	    lc->err, lc->errlen);
}

struct watchlist *
match_parse(const char *text, size_t len, const char *label, char *err,
    size_t errlen)
{
	struct watchlist	*wl = xcalloc(1, sizeof *wl);
	struct watch_lines	 lc;
	int			 rc;

	wl->use_index = 1;
	if (country_init(err, errlen) == -1) {
		match_free(wl);
		return NULL;
	}
	memset(&lc, 0, sizeof lc);
	lc.wl = wl;
	lc.label = label;
	lc.err = err;
	lc.errlen = errlen;
	rc = text_lines(text, len, 1, watch_line_cb, &lc);
	free(lc.names.v);
	if (rc == -1) {
		match_free(wl);
		return NULL;
	}
	for (size_t i = 0; i < wl->n; i++)
		switch (wl->v[i].kind) {
		case WATCH_NAME:
			u32_push(&wl->names, &wl->nnames, (uint32_t)i);
			break;
		case WATCH_COUNTRY:
			u32_push(&wl->countries, &wl->ncountries, (uint32_t)i);
			break;
		case WATCH_PROGRAM:
			u32_push(&wl->programs, &wl->nprograms, (uint32_t)i);
			break;
		case WATCH_ID:
			break;
		}
	name_groups(wl);
	index_build(wl);
	return wl;
}

struct watchlist *
match_load(const char *path, char *err, size_t errlen)
{
	struct watchlist	*wl;
	struct buf		 b = { 0 };
	char			 chunk[65536];
	size_t			 n;
	FILE			*f;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		seterr(err, errlen, "%s: read error", path);
		if (f != stdin)
			fclose(f);
		buf_free(&b);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	wl = match_parse(b.data ? b.data : "", b.len,
	    strcmp(path, "-") == 0 ? "<stdin>" : path, err, errlen);
	buf_free(&b);
	return wl;
}

static void
matches_add(struct matches *out, const struct watch *w, double score,
    const char *matched, const char *field, const char *reason)
{
	struct match	*m;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->v = xrealloc(out->v, out->cap * sizeof *out->v);
	}
	m = &out->v[out->n++];
	m->watch = xstrdup(w->text);
	m->kind = watch_kind_names[w->kind];
	m->score = score;
	m->matched = xstrdup(matched);
	m->field = xstrdup(field);
	m->reason = xstrdup(reason);
}

/* ---- names ---------------------------------------------------------

How names are scored. Both names are normalised into tokens (norm.c), each
with a weight: 1 for an ordinary word, 0.5 for the most frequent given
names and for numbers, 0.3 for an initial, 0.2 for generic business
words, 0.05 for particles (al, bin, de) and titles (Haji, Dr), 0.02 for
legal forms (LLC, OOO). Tokens are
paired greedily, best similarity first (norm_tok_sim: 1 same word, 0.96
transliteration, 0.93 consonant key, ≤0.95 spelling, 0.8 initial; pairs
under 0.8 are not paired), and two adjacent tokens may pair with one
(Abdul Rahman / Abdulrahman). With q the weighted mean similarity of the
pairs and cov the share of each side's weight that is paired (an unpaired
title counting nothing, a qualifier in parentheses a tenth, and in a
company's name business words that differ and country words less, as
name_compare() says):

	score = q × (1 − β × (1 − max(cov))) − α × (1 − min(cov))

with β = 1 and α = 0.15, or β = 0.5 and α = 0.1 when at least two
distinctive words agree (k, the paired weight of words that are not legal
forms, generic words, particles or initials, is 2 or more). So with one
distinctive word in common the shorter name must be fully present and
each extra word of the longer costs (Almaz Trading LLC is not ALMAS MOBIN
TRADING LLC); a partial name (Vitaly Perfilyev for PERFILEV, Vitalij
Viktorovic) costs only its missing patronymic, about 0.03; and when two
names agree on two words or more, a word on each side that the other
lacks (a second surname, a middle name) costs half. Tuned on
the quality benchmark (bench/match_quality.c): a larger β or α loses
spelling variants, a smaller one fires on relatives sharing a surname and
a given name. When the only
distinctive words in common are frequent given names, the score is capped
under the threshold unless neither side has a word left over but one
of them said again. Guards: no
pair of two non-common tokens, no match (a shared "TRADING" or "LLC" never
fires alone); for a person, a name of one distinctive word never matches a
name of two or more (a lone given name is not the person), nor a name
with Abu or Abd (Khalid is not ABU KHALID; see name_compare()); nor does a
vessel's name of one word (the tanker DANIEL is not JOSE DANIEL MEDINA).
*/

/* Whether a name is a company's: it has a legal form of three letters or
 * more (LLC, GMBH; not SA or AB, which are also name words) or a generic
 * business word (AIRLINES, TRADING), but not GENERAL, which is also a rank
 * (Général Ali Darassa). */
static int
names_company(const struct nname *n)
{
	for (size_t i = 0; i < n->n; i++) {
		const struct ntok *t = &n->t[i];

		if ((t->flags & NTOK_LEGAL) && t->lfold >= 3)
			return 1;
		if ((t->flags & NTOK_GENERIC) && strcmp(t->fold, "general") != 0)
			return 1;
	}
	return 0;
}

struct pairing {
	int	a[MAXTOK];	/* index in B paired with A's token, or -1 */
	int	a2[MAXTOK];	/* last B token of a joined run, or -1 */
	int	b[MAXTOK];
	double	s[MAXTOK];
	const char *why[MAXTOK];
};

/* The weight of name X's words into *t (an unpaired qualifier in
 * parentheses counts a tenth), of its unpaired business words into *g
 * and of its unpaired country words into *pl; px[i] is the word X's word
 * i is paired with, or -1. */
static void
side_weights(const struct nname *X, const int *px, size_t n, double *t,
    double *g, double *pl)
{
	*t = *g = *pl = 0.0;
	for (size_t i = 0; i < n; i++) {
		uint16_t f = X->t[i].flags;

		*t += X->t[i].w * (px[i] < 0 && (f & NTOK_TITLE) ? 0.0 :
		    px[i] < 0 && (f & NTOK_PAREN) ? 0.1 : 1.0);
		/* a word is a country's or a business word, never both
		 * discounts (score_bound() counts the least of either) */
		if (px[i] < 0 && (f & (NTOK_PLACE | NTOK_PAREN)) == NTOK_PLACE)
			*pl += X->t[i].w;
		else if (px[i] < 0 && (f & (NTOK_GENERIC | NTOK_PAREN)) ==
		    NTOK_GENERIC)
			*g += X->t[i].w;
	}
}

/* Whether a distinctive word of three letters or more of name A (the
 * watch's or the listed one's) is left unpaired, a qualifier in
 * parentheses aside; pa[i] is the word A's word i is paired with, or -1. */
static int
words_left(const struct nname *A, const int *pa, size_t na)
{
	for (size_t i = 0; i < na; i++)
		if (pa[i] < 0 && A->t[i].lfold >= 3 &&
		    !(A->t[i].flags & (NTOK_COMMON | NTOK_PAREN)))
			return 1;
	return 0;
}

/* Whether name X has Abu (the father of, in a kunya) unpaired; px as in
 * words_left(). */
static int
abu_left(const struct nname *X, const int *px, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (px[i] < 0 && (strcmp(X->t[i].fold, "abu") == 0 ||
		    strcmp(X->t[i].fold, "abou") == 0))
			return 1;
	return 0;
}

/* Whether a word after Abd (Abdulaziz's AZIZ, NTOK_ABD) pairs with one
 * that is not, or the other way round. */
static int
abd_apart(const struct nname *A, const struct nname *B,
    const struct pairing *pr, size_t na)
{
	for (size_t i = 0; i < na; i++)
		if (pr->a[i] >= 0 && pr->a2[i] < 0 &&
		    ((A->t[i].flags ^ B->t[pr->a[i]].flags) & NTOK_ABD))
			return 1;
	return 0;
}

/* Whether every word of name X left unpaired that weighs something is
 * a paired word of X said again; px as in words_left(). */
static int
repeats_left(const struct nname *X, const int *px, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int again = 0;

		if (px[i] >= 0 || (X->t[i].flags & NTOK_TITLE))
			continue;
		for (size_t j = 0; j < n && !again; j++)
			again = px[j] >= 0 && strcmp(X->t[j].skel,
			    X->t[i].skel) == 0;
		if (!again)
			return 0;
	}
	return 1;
}

static void
explain_pairs(const struct nname *A, const struct nname *B,
    const struct pairing *pr, size_t na, size_t nb, double score,
    const char *note, struct buf *out)
{
	size_t	nvar = 0, nmiss = 0;
	char	tmp[256], rules[160];

	for (size_t i = 0; i < na; i++) {
		const struct ntok *ta = &A->t[i], *tb;

		if (pr->a[i] < 0)
			continue;
		tb = &B->t[pr->a[i]];
		if (strcmp(pr->why[i], "same word") == 0) {
			if (!((ta->flags ^ tb->flags) & NTOK_SCRIPT))
				continue;
			snprintf(tmp, sizeof tmp, "%s%s=%s (original script)",
			    nvar++ ? "; " : "", ta->fold, tb->fold);
		} else if (pr->a2[i] >= 0) {
			struct buf run = { 0 };

			for (int j = pr->a[i]; j <= pr->a2[i]; j++) {
				if (j > pr->a[i])
					buf_addc(&run, ' ');
				buf_adds(&run, B->t[j].fold);
			}
			snprintf(tmp, sizeof tmp, "%s%s~%s (%s)", nvar++ ? "; " :
			    "", ta->fold, buf_cstr(&run), pr->why[i]);
			buf_free(&run);
		} else if (i + 1 < na && pr->a[i + 1] == pr->a[i]) {
			/* a run of A's words joined into one of B's */
			struct buf run = { 0 };
			const char *why = pr->why[i];

			for (; i + 1 < na && pr->a[i + 1] == pr->a[i]; i++) {
				buf_adds(&run, A->t[i].fold);
				buf_addc(&run, ' ');
			}
			buf_adds(&run, A->t[i].fold);
			snprintf(tmp, sizeof tmp, "%s%s~%s (%s)", nvar++ ? "; " :
			    "", buf_cstr(&run), tb->fold, why);
			buf_free(&run);
		} else if (strcmp(pr->why[i], "transliteration") == 0) {
			/* the rules only one side needed, else those both
			 * did (TECHNO and TEKHNO both become TEKNO) */
			norm_rules_text((ta->rules ^ tb->rules) ? ta->rules ^
			    tb->rules : ta->rules | tb->rules, rules,
			    sizeof rules);
			snprintf(tmp, sizeof tmp, "%s%s~%s (transliteration %s)",
			    nvar++ ? "; " : "", ta->fold, tb->fold,
			    rules[0] ? rules : "variant");
		} else
			snprintf(tmp, sizeof tmp, "%s%s~%s (%s %.2f)",
			    nvar++ ? "; " : "", ta->fold, tb->fold, pr->why[i],
			    pr->s[i]);
		buf_adds(out, tmp);
	}
	if (nvar == 0)
		buf_adds(out, "same words");
	for (size_t i = 0; i < na; i++)
		if (pr->a[i] < 0 &&
		    !(A->t[i].flags & (NTOK_LEGAL | NTOK_TITLE))) {
			buf_adds(out, nmiss++ ? ", " : "; watched word not found: ");
			buf_adds(out, A->t[i].fold);
		}
	nmiss = 0;
	for (size_t j = 0; j < nb; j++)
		if (pr->b[j] < 0 &&
		    !(B->t[j].flags & (NTOK_LEGAL | NTOK_TITLE))) {
			buf_adds(out, nmiss++ ? ", " : "; extra words: ");
			buf_adds(out, B->t[j].fold);
		}
	snprintf(tmp, sizeof tmp, "; %sscore %.3f", note, score);
	buf_adds(out, tmp);
}

const char *const match_guards[MATCH_G_N] = {
	[MATCH_G_LONE] = "a lone name is not a full name",
	[MATCH_G_COMMON] = "only common words in common",
	[MATCH_G_FREQUENT] = "only frequent given names in common",
	[MATCH_G_NUMBERS] = "numbers differ",
	[MATCH_G_NOWORD] = "no word in common",
	[MATCH_G_COMPANY] = "a company is not a person",
	[MATCH_G_ALIKE] = "one word alike and another not found",
	[MATCH_G_ABU] = "Abu or Abd makes another name",
};

/* A guard that refused the pair: its reason into why (may be NULL); 0. */
static double
guard(struct buf *why, const char *reason)
{
	if (why != NULL)
		buf_adds(why, reason);
	return 0.0;
}

/*
 * Word similarities of one candidate name against the words of its
 * watches, by watched word. A million watched names are tens of thousands
 * of real names spelt a few ways, so the candidates of one name share most
 * of their words, and a word's row of similarities is computed once per
 * name rather than once per watch. A similarity depends on the two folded
 * words (skeleton and key derive from them) and on the script each came
 * from: the same folded word from Latin letters and from Cyrillic or Arabic
 * meets an Arabic one differently (the class key, norm_tok_sim()).
 */
#define SIMC_SLOTS	8192	/* a power of two */

#define SIMC_SCRIPT	(NTOK_SCRIPT | NTOK_ARABIC)

struct simc_slot {
	uint32_t	 gen;
	uint32_t	 hfold, hskel;
	uint16_t	 lfold;
	uint16_t	 script;	/* flags & SIMC_SCRIPT */
	uint32_t	 row;		/* row number: sim/why at row * nb */
};

/*
 * What score_bound() needs of one watched word against the candidate, the
 * pairs it may take (see there): all of it depends on the word and the
 * candidate only, and is kept with the word's similarities. Bit j stands
 * for the candidate's word j (MAXTOK is 32).
 */
struct bound_row {
	uint32_t	 pair;		/* words like it, or in a run with it */
	uint32_t	 close;		/* words at similarity 0.95 or more */
};

struct simcache {
	const struct nname *B;		/* the candidate name */
	uint32_t	 gen;
	size_t		 nrows;
	struct simc_slot slot[SIMC_SLOTS];
	double		 sim[SIMC_SLOTS / 2 * MAXTOK];
	const char	*why[SIMC_SLOTS / 2 * MAXTOK];
	struct bound_row bound[SIMC_SLOTS / 2];
};

static void
simcache_reset(struct simcache *sc, const struct nname *B)
{
	sc->B = B;
	sc->nrows = 0;
	if (++sc->gen == 0) {
		memset(sc->slot, 0, sizeof sc->slot);
		sc->gen = 1;
	}
}

static void	bound_row(const struct ntok *, const struct nname *, size_t,
		    const double *, struct bound_row *);

/* The row number of watched word a's similarities with each of B's words
 * and of its bound_row, SIZE_MAX when the cache is full (the caller
 * computes them). */
static size_t
simcache_row(struct simcache *sc, const struct ntok *a, size_t nb)
{
	size_t		 h = a->hfold & (SIMC_SLOTS - 1);
	struct simc_slot *sl;

	for (;; h = (h + 1) & (SIMC_SLOTS - 1)) {
		sl = &sc->slot[h];
		if (sl->gen != sc->gen)
			break;
		/* two 32-bit hashes and the length: distinct words of one
		 * candidate's watches agree on all three about once in 2^64 */
		if (sl->hfold == a->hfold && sl->hskel == a->hskel &&
		    sl->lfold == a->lfold &&
		    sl->script == (a->flags & SIMC_SCRIPT))
			return sl->row;
	}
	if (sc->nrows + 1 > SIMC_SLOTS / 2 ||
	    (sc->nrows + 1) * nb > SIMC_SLOTS / 2 * MAXTOK)
		return SIZE_MAX;
	sl->gen = sc->gen;
	sl->hfold = a->hfold;
	sl->hskel = a->hskel;
	sl->lfold = a->lfold;
	sl->script = a->flags & SIMC_SCRIPT;
	sl->row = (uint32_t)sc->nrows++;
	for (size_t j = 0; j < nb; j++)
		sc->sim[sl->row * nb + j] = norm_tok_sim(a, &sc->B->t[j],
		    &sc->why[sl->row * nb + j]);
	bound_row(a, sc->B, nb, &sc->sim[sl->row * nb], &sc->bound[sl->row]);
	return sl->row;
}

/*
 * One word on one side written as two or three adjacent words on the other
 * (Abdul Rahman / Abdulrahman, CHONG CHON GANG / CHONGCHONGANG, Habib
 * Allah / Habibullah, with the joined word's own spelling variants). Runs
 * before the word-by-word pairing, and takes a run only when the joined
 * word is closer than any single word, so that KODOKAI pairs with KODO KAI
 * rather than with KODO alone.
 */
/* Letter-mask bits of consonants that no spelling rule adds or drops
 * (not h, j, v, w, y); see letter_mask() in norm.c. */
#define JOIN_CONSONANTS	(~(uint32_t)((1u << 0) | (1u << 4) | (1u << 8) |	\
			    (1u << 14) | (1u << 20) | (1u << ('h' - 'a')) |	\
			    (1u << ('j' - 'a')) | (1u << ('v' - 'a')) |		\
			    (1u << ('w' - 'a')) | (1u << ('y' - 'a'))))

/*
 * A short word spelt out in initials on the other side: ZR and Z-R, PB
 * SADR and P.B. SADR, MDS and M D S. Returns the length of the run of
 * free one-letter words of Y (py[k] < 0, or py NULL) that spells x,
 * the first to start at *at or after (its start in *at), or 0.
 */
static size_t
spelt_run(const struct ntok *x, const struct nname *Y, size_t ny,
    const int *py, size_t *at)
{
	const struct ntok	*y = Y->t;
	size_t			 l = x->lfold;

	if (l < 2 || l > 5 || l > ny || Y->ninit < l)
		return 0;
	for (size_t j = *at; j + l <= ny; j++) {
		size_t q = 0;

		while (q < l && (py == NULL || py[j + q] < 0) &&
		    y[j + q].lfold == 1 &&
		    y[j + q].fold[0] == x->fold[q])
			q++;
		if (q == l) {
			*at = j;
			return l;
		}
	}
	return 0;
}

/*
 * The initials of the run of y's words from j, up to six: a particle after
 * the first word is skipped (AL-QAIDA IN THE ARABIAN PENINSULA is AQAP),
 * a word of one letter, not from a-z or paired already (py[k] >= 0; py
 * may be NULL) ends it. end[q] is the index after the word of ini[q].
 * Returns how many.
 */
static size_t
run_initials(const struct ntok *y, size_t ny, size_t j, const int *py,
    char ini[6], size_t end[6])
{
	size_t	q = 0;

	for (size_t k = j; k < ny && q < 6 && (py == NULL || py[k] < 0); k++) {
		if (q > 0 && (y[k].flags & NTOK_PARTICLE))
			continue;
		if (y[k].lfold < 2 || y[k].fold[0] < 'a' || y[k].fold[0] > 'z')
			break;
		ini[q] = y[k].fold[0];
		end[q++] = k + 1;
	}
	return q;
}

/*
 * An acronym of a run of the other name's words: IRGC for ISLAMIC
 * REVOLUTIONARY GUARD CORPS, HIAST for HIGHER INSTITUTE OF APPLIED SCIENCE
 * AND TECHNOLOGY (a particle inside the run is skipped). Four to six
 * letters: three begin too many runs of words. Returns the length of the
 * run of words of y run_initials() reads, the first to start at *at or
 * after (its start in *at), or 0.
 */
static size_t
acronym_run(const struct ntok *x, const struct ntok *y, size_t ny,
    const int *py, size_t *at)
{
	size_t	l = x->lfold, end[6];
	char	ini[6];

	if (l > ny || !acronym_word(x))
		return 0;
	for (size_t j = *at; j + l <= ny; j++)
		if (run_initials(y, ny, j, py, ini, end) >= l &&
		    memcmp(ini, x->fold, l) == 0) {
			*at = j;
			return end[l - 1] - j;
		}
	return 0;
}

/* Whether word x may be joined from words of the other name. */
static int
joinable(const struct ntok *x)
{
	return !(x->flags & NTOK_COMMON) && skel_len(x) >= 5;
}

/*
 * Whether y's words j to j + len - 1 may be x written apart: free (py[q] <
 * 0; py NULL takes every word as free), no legal form or number among them
 * (D.O.O. RAD is not DARDA, SONG II not SONGI), and x's consonants, an
 * article of the run but its last word left out if it may be assimilated
 * (Nasr al Din/Nasreddine, al Din/Eddine), unless one side was Arabic
 * script. Most runs fail here, before a skeleton is made.
 */
static int
join_run(const struct ntok *x, const struct ntok *y, size_t j, size_t len,
    const int *py)
{
	uint32_t	m = 0, mart = 0;

	for (size_t q = j; q < j + len; q++) {
		if ((py != NULL && py[q] >= 0) ||
		    (y[q].flags & (NTOK_LEGAL | NTOK_NUMBER)))
			return 0;
		m |= y[q].mskel;
		if (q + 1 == j + len || !norm_is_article(&y[q]))
			mart |= y[q].mskel;
	}
	return ((m ^ x->mskel) & JOIN_CONSONANTS) == 0 ||
	    ((mart ^ x->mskel) & JOIN_CONSONANTS) == 0 ||
	    ((x->flags ^ y[j].flags) & NTOK_ARABIC);
}

static void
join_words(const struct nname *A, const struct nname *B, size_t na,
    size_t nb, int person, double sim[MAXTOK][MAXTOK], struct pairing *pr)
{
	for (int side = 0; side < 2; side++) {
		const struct nname *X = side ? B : A, *Y = side ? A : B;
		size_t nx = side ? nb : na, ny = side ? na : nb;
		int *px = side ? pr->b : pr->a, *py = side ? pr->a : pr->b;

		for (size_t i = 0; i < nx; i++) {
			double		 best = 0.0, js;
			const char	*w;
			size_t		 bj = 0, blen = 0;
			int		 itself = 0;

			/* a word the other name has as it is spells no run
			 * of it (HTTS HANSEATIC TRADE TRUST, both ways) */
			for (size_t j = 0; j < ny && !itself; j++)
				itself = (side ? sim[j][i] : sim[i][j]) >= 1.0;
			if (itself)
				continue;
			if (px[i] < 0 && (blen = spelt_run(&X->t[i], Y, ny,
			    py, &bj)) > 0) {
				best = 0.95;
				w = "initials";
				goto pair;
			}
			/* a watched acronym against a listed entity only: the
			 * list says what the record is, a watchlist does not
			 * (AQSA is AL-QARAWI Saleh bin Abdullah's initials) */
			if (!person && side == 0 && px[i] < 0 &&
			    (blen = acronym_run(&X->t[i], Y->t, ny, py, &bj)) > 0) {
				best = 0.9;
				w = "acronym";
				goto pair;
			}
			if (px[i] >= 0 || !joinable(&X->t[i]))
				continue;
			for (size_t j = 0; j < ny; j++) {
				double sv = side ? sim[j][i] : sim[i][j];

				if (sv > best)
					best = sv;
			}
			if (best >= 0.95)
				continue;
			best = best > 0.85 ? best : 0.85;
			for (size_t len = 2; len <= 3; len++)
				for (size_t j = 0; j + len <= ny; j++) {
					if (!join_run(&X->t[i], Y->t, j, len,
					    py))
						continue;
					js = norm_join_sim(&X->t[i], &Y->t[j],
					    len, &w);
					/* the longer run on a tie: JALAL AL DIN */
					if (js > best + 1e-9 || (blen > 0 &&
					    js > best - 1e-9)) {
						best = js;
						bj = j;
						blen = len;
					}
				}
			if (blen == 0)
				continue;
			w = "joined words";
pair:
			px[i] = (int)bj;
			for (size_t q = bj; q < bj + blen; q++)
				py[q] = (int)i;
			if (side == 0) {
				pr->a2[i] = (int)(bj + blen - 1);
				pr->s[i] = best;
				pr->why[i] = w;
			} else {
				/* record the pair on A's side */
				for (size_t q = bj; q < bj + blen; q++) {
					pr->a[q] = (int)i;
					pr->s[q] = best;
					pr->why[q] = w;
				}
			}
		}
	}
}

/* Whether name X has a number (7876, 71st) left unpaired. */
static int
unpaired_numbers(const struct nname *X, const int *paired, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (paired[i] < 0 && (X->t[i].flags & NTOK_NUMBER))
			return 1;
	return 0;
}

/* A name of common words only (DES INTERNATIONAL, I AND S HOLDING) matches
 * only itself: two or more words, each paired closely, none left over but
 * legal forms and particles (I&S HOLDING). */
static int
all_common_same(const struct nname *A, const struct nname *B,
    const struct pairing *pr, size_t na, size_t nb)
{
	size_t	n = 0;

	for (size_t i = 0; i < na; i++) {
		if (pr->a[i] < 0 && (A->t[i].flags &
		    (NTOK_LEGAL | NTOK_PARTICLE)))
			continue;
		if (pr->a[i] < 0 || pr->s[i] < 0.9)
			return 0;
		n++;
	}
	for (size_t j = 0; j < nb; j++)
		if (!(B->t[j].flags & (NTOK_LEGAL | NTOK_PARTICLE)) &&
		    pr->b[j] < 0)
			return 0;
	return n >= 2;
}

/* The bits of words at to at + len - 1. */
static uint32_t
word_bits(size_t at, size_t len)
{
	return (uint32_t)((((uint64_t)1 << len) - 1) << at);
}

/* The weight of X's words that may pair (bits c; *p) and of those that
 * cannot (*u), each of these at the least name_compare() may count it: a
 * title nothing, a qualifier in parentheses a tenth, and in a name that is
 * not a person's a business word a quarter and a country's word a fifth. */
static void
bound_weights(const struct nname *X, uint32_t c, size_t n, int person,
    double *p, double *u)
{
	*p = *u = 0.0;
	for (size_t i = 0; i < n; i++) {
		uint16_t	f = X->t[i].flags;
		double		w = X->t[i].w;

		if (c & (1u << i))
			*p += w;
		else if (!(f & NTOK_TITLE))
			*u += w * ((f & NTOK_PAREN) ? 0.1 : person ? 1.0 :
			    (f & NTOK_PLACE) ? 0.2 : (f & NTOK_GENERIC) ?
			    0.25 : 1.0);
	}
}

/* The words of Y in the runs that join_words() may pair word x with,
 * every word taken as free. */
static uint32_t
bound_joins(const struct ntok *x, const struct nname *Y, size_t ny)
{
	uint32_t	m = 0;

	if (!joinable(x))
		return 0;
	for (size_t len = 2; len <= 3; len++)
		for (size_t j = 0; j + len <= ny; j++)
			if (join_run(x, Y->t, j, len, NULL))
				m |= word_bits(j, len);
	return m;
}

/* The words of Y in every run that spells x in initials or as an acronym:
 * the pairing may take any of them when an earlier one is used (ZR ZR
 * and Z R Z R). */
static uint32_t
runs_bits(const struct ntok *x, const struct nname *Y, size_t ny)
{
	uint32_t	m = 0;
	size_t		at, l;

	for (at = 0; (l = spelt_run(x, Y, ny, NULL, &at)) > 0; at++)
		m |= word_bits(at, l);
	for (at = 0; (l = acronym_run(x, Y->t, ny, NULL, &at)) > 0; at++)
		m |= word_bits(at, l);
	return m;
}

/* Watched word a's part of score_bound() against candidate B, whose
 * similarities to it are sim: the words it spells out in initials or as
 * an acronym (spelt_run(), acronym_run()), those like it, and those it
 * may be joined from unless one is as good as the same word (join_words()
 * does not look further then). */
static void
bound_row(const struct ntok *a, const struct nname *B, size_t nb,
    const double *sim, struct bound_row *br)
{
	double	best = 0.0;

	br->close = 0;
	br->pair = runs_bits(a, B, nb);
	for (size_t j = 0; j < nb; j++) {
		if (sim[j] >= 0.8)
			br->pair |= 1u << j;
		if (sim[j] >= 0.95)
			br->close |= 1u << j;
		if (sim[j] > best)
			best = sim[j];
	}
	if (best < 0.95)
		br->pair |= bound_joins(a, B, nb);
}

/* X's distinctive words not in the bits c: how many, up to two, and the
 * first in *u. */
static size_t
bound_unpaired(const struct nname *X, uint32_t c, size_t *u)
{
	uint32_t m = X->dmask & ~c;

	if (m == 0)
		return 0;
	*u = (size_t)__builtin_ctz(m);
	return (m & (m - 1)) == 0 ? 1 : 2;
}

/*
 * pair_left() in the bound: a word that may pair with nothing else may
 * pair as the word left, when X has it alone unpaired (ux) and Y at most
 * one: then it, and each word of Y it may pair with, count as paired.
 */
static void
bound_left(const struct nname *X, const struct nname *Y, size_t ux,
    size_t ny, uint32_t *cx, uint32_t *cy)
{
	uint32_t m = 0;

	for (size_t j = 0; j < ny; j++)
		if (norm_left_sim(&X->t[ux], &Y->t[j]) > 0.0)
			m |= 1u << j;
	if (m != 0) {
		*cx |= 1u << ux;
		*cy |= m;
	}
}

/*
 * An upper bound of name_compare(): each word counted as paired when some
 * word of the other name is like it (similarity 0.8 or more), it is
 * spelt out in initials or as an acronym, or it may be in a joined run
 * (the runs join_words() may take, not every word with the consonants of
 * a word of the other name: that let most candidates through), every pair
 * taken as exact, and the most lenient of the constants. Most candidates
 * the index finds fail it, and are not paired at all. A's side of it is
 * in br, a row for each of A's words, which the similarity cache keeps.
 */
static double
score_bound(const struct nname *A, const struct nname *B, size_t na,
    size_t nb, int person, const struct bound_row *br)
{
	uint32_t	ca = 0, cb = 0, close = 0, m;
	double		pa, ua, pb, ub, xa, xb;
	size_t		at, l, ua1 = 0, ub1 = 0, kua, kub;

	for (size_t i = 0; i < na; i++) {
		if (br[i].pair != 0) {
			ca |= 1u << i;
			cb |= br[i].pair;
		}
		close |= br[i].close;
	}
	/* B's words spelt out in A's initials, or joined from A's words */
	for (size_t j = 0; j < nb; j++) {
		for (at = 0; (l = spelt_run(&B->t[j], A, na, NULL, &at)) > 0;
		    at++) {
			cb |= 1u << j;
			ca |= word_bits(at, l);
		}
		if (!(close & (1u << j)) &&
		    (m = bound_joins(&B->t[j], A, na)) != 0) {
			cb |= 1u << j;
			ca |= m;
		}
	}
	kua = bound_unpaired(A, ca, &ua1);
	kub = bound_unpaired(B, cb, &ub1);
	if (kua == 1 && kub <= 1)
		bound_left(A, B, ua1, nb, &ca, &cb);
	if (kub == 1 && kua <= 1)
		bound_left(B, A, ub1, na, &cb, &ca);
	bound_weights(A, ca, na, person, &pa, &ua);
	bound_weights(B, cb, nb, person, &pb, &ub);
	if (pa <= 0 || pb <= 0)
		return 0.0;
	xa = pa / (pa + ua);
	xb = pb / (pb + ub);
	return 1.0 - 0.5 * (1.0 - (xa > xb ? xa : xb)) -
	    0.1 * (1.0 - (xa < xb ? xa : xb));
}

/* X's one distinctive word unpaired (px), or -1 when none or more. */
static int
one_left(const struct nname *X, const int *px, size_t n)
{
	int	u = -1;

	for (size_t i = 0; i < n; i++)
		if (px[i] < 0 && !(X->t[i].flags & NTOK_COMMON)) {
			if (u >= 0)
				return -1;
			u = (int)i;
		}
	return u;
}

/*
 * When one distinctive word is left on each side, and of the words paired
 * one is the same or a transliteration (0.95 or more: the same consonants
 * let JIN, ZHONGDA be ZHANG, Jian) and no frequent given name, the two
 * left pair if norm_left_sim() says they are one word
 * (Haroun GEYE / HAROUN GAYE; ZULKEPLI / ZULKIFLI, MARZUKI): the name
 * is otherwise the same, and one word more or less alike is a spelling,
 * not another man. The words may be two brothers' (TAY ZA, HTOO HTET
 * and HTOO HTWE): measured on the quality bench, this finds 16 more
 * variants, and no false match more on the customer book.
 */
static void
pair_left(const struct nname *A, const struct nname *B, size_t na,
    size_t nb, struct pairing *pr)
{
	int	ua = one_left(A, pr->a, na), ub = one_left(B, pr->b, nb);
	int	same = 0;
	double	s;

	if (ua < 0 || ub < 0)
		return;
	for (size_t i = 0; i < na; i++)
		if (pr->a[i] >= 0 && pr->s[i] >= 0.95 &&
		    !((A->t[i].flags | B->t[pr->a[i]].flags) &
		    (NTOK_COMMON | NTOK_FREQUENT)))
			same = 1;
	if (!same || (s = norm_left_sim(&A->t[ua], &B->t[ub])) <= 0.0)
		return;
	pr->a[ua] = ub;
	pr->b[ub] = ua;
	pr->s[ua] = s;
	pr->why[ua] = "spelling, the word left";
}

/* Scores watch name A against candidate B; see the comment above. sc (may
 * be NULL) caches word similarities against B. */
static double
name_compare(const struct nname *A, const struct nname *B, int kind,
    double floor, struct buf *why, struct simcache *sc)
{
	int		person = kind == MATCH_PERSON;
	size_t		na = A->n < MAXTOK ? A->n : MAXTOK;
	size_t		nb = B->n < MAXTOK ? B->n : MAXTOK;
	double		sim[MAXTOK][MAXTOK];
	const char	*sw[MAXTOK][MAXTOK];
	size_t		row[MAXTOK];	/* in sc, or SIZE_MAX */
	struct bound_row br[MAXTOK];
	struct pairing	pr;
	double		ta, tb, ma = 0, mb = 0, num = 0, k = 0, q, ca, cb;
	double		ga, gb;		/* unpaired business words */
	double		pa, pb;		/* unpaired country words */
	int		nonplace = 0;	/* a pair not of a country's word */
	double		s, alpha, beta;
	int		strong = 0, shared[MAXTOK] = { 0 }, lone = -1;
	int		nfreq = 0;	/* frequent given names paired */
	int		same = 0;	/* of them the same word */
	int		samex = 0;	/* the same, not a country's */
	size_t		longest = 0;	/* letters of the longest paired word */
	int		 ka, kb;	/* Abu unpaired in A, in B */
	int		 noteg = -1;	/* a guard that lowered the score */
	const char	*notex = "";	/* and how */
	char		 note[96];

	if (na == 0 || nb == 0)
		return guard(why, "no words");
	/* A lone name against a full one: no match, unless the lone word is
	 * the full name written as one (Hidayatullah / هدايت الله), which
	 * the pairing below must show. */
	if (kind != MATCH_ENTITY && (A->ndist == 1 || B->ndist == 1) &&
	    (A->ndist >= 2 || B->ndist >= 2)) {
		const struct nname *L = A->ndist == 1 ? A : B;
		const struct nname *F = A->ndist == 1 ? B : A;
		uint32_t	 fm = 0;
		uint16_t	 fl = 0;

		lone = -1;
		for (size_t i = 0; i < L->n && i < MAXTOK; i++)
			if (!(L->t[i].flags & NTOK_COMMON))
				lone = (int)i;
		if (lone < 0 || skel_len(&L->t[lone]) < 6)
			return guard(why, match_guards[MATCH_G_LONE]);
		/* the words joined have no consonant the lone word lacks */
		for (size_t j = 0; j < F->n && j < MAXTOK; j++)
			if (!(F->t[j].flags & NTOK_COMMON)) {
				fm |= F->t[j].mskel;
				fl |= F->t[j].flags;
			}
		if (!((fl | L->t[lone].flags) & NTOK_ARABIC) &&
		    (fm & ~L->t[lone].mskel & JOIN_CONSONANTS) != 0)
			return guard(why, match_guards[MATCH_G_LONE]);
	}
	/* the bound first, from the cached rows: the similarities are
	 * copied only for the few candidates it lets through */
	for (size_t i = 0; i < na; i++) {
		row[i] = sc ? simcache_row(sc, &A->t[i], nb) : SIZE_MAX;
		if (row[i] != SIZE_MAX) {
			if (floor > 0.0)
				br[i] = sc->bound[row[i]];
			continue;
		}
		for (size_t j = 0; j < nb; j++)
			sim[i][j] = norm_tok_sim(&A->t[i], &B->t[j],
			    &sw[i][j]);
		if (floor > 0.0)
			bound_row(&A->t[i], B, nb, sim[i], &br[i]);
	}
	if (floor > 0.0 && score_bound(A, B, na, nb, person, br) < floor)
		return guard(why, "cannot reach the threshold");
	for (size_t i = 0; i < na; i++) {
		pr.a[i] = pr.a2[i] = -1;
		if (row[i] != SIZE_MAX) {
			memcpy(sim[i], &sc->sim[row[i] * nb],
			    nb * sizeof sim[i][0]);
			memcpy(sw[i], &sc->why[row[i] * nb],
			    nb * sizeof sw[i][0]);
		}
	}
	for (size_t j = 0; j < nb; j++)
		pr.b[j] = -1;
	/* A man's surname and a woman's are two people (PETROV, Ivan and
	 * PETROVA, Yelena): a person's words do not pair with their feminine
	 * forms, though a company's name may hold a man's in the genitive
	 * (FOND IMENI AKHMATA KADYROVA) */
	for (size_t i = 0; person && i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (sim[i][j] > 0.0 && sim[i][j] < 1.0 &&
			    (norm_feminine_of(&A->t[i], &B->t[j]) ||
			    norm_feminine_of(&B->t[j], &A->t[i])))
				sim[i][j] = 0.0;
	join_words(A, B, na, nb, person, sim, &pr);
	for (;;) {
		double	best = 0.0, bw = 0.0;
		int	bi = -1, bj = -1;

		/* best similarity first; on a tie, the weightier pair (an
		 * initial A takes AZIZ before the article AL) */
		for (size_t i = 0; i < na; i++) {
			if (pr.a[i] >= 0)
				continue;
			for (size_t j = 0; j < nb; j++)
				if (pr.b[j] < 0 && (sim[i][j] > best ||
				    (sim[i][j] == best && best > 0.0 &&
				    A->t[i].w + B->t[j].w > bw))) {
					best = sim[i][j];
					bw = A->t[i].w + B->t[j].w;
					bi = (int)i;
					bj = (int)j;
				}
		}
		if (bi < 0 || best < 0.8)
			break;
		pr.a[bi] = bj;
		pr.b[bj] = bi;
		pr.s[bi] = best;
		pr.why[bi] = sw[bi][bj];
	}
	/* A person's initial stands for a word only when the name has no
	 * other word left over: in ALEXANDER M. ROVEGNO the M is no
	 * MIKHEYEV, since ROVEGNO, the surname, is not found. */
	for (size_t i = 0; person && i < na; i++) {
		int j = pr.a[i];

		/* an initial paired with a word by the greedy pass (0.8),
		 * not one of a run spelt out (P.B. SADR) */
		if (j < 0 || pr.a2[i] >= 0 || pr.s[i] > 0.8 ||
		    !((A->t[i].flags | B->t[j].flags) & NTOK_INITIAL) ||
		    (A->t[i].flags & B->t[j].flags & NTOK_INITIAL))
			continue;
		if ((A->t[i].flags & NTOK_INITIAL) ? words_left(A, pr.a,
		    na) : words_left(B, pr.b, nb)) {
			pr.a[i] = -1;
			pr.b[j] = -1;
		}
	}
	pair_left(A, B, na, nb, &pr);
	if (lone >= 0) {
		const struct nname *F = A->ndist == 1 ? B : A;
		const int *pf = A->ndist == 1 ? pr.b : pr.a;
		size_t nf = A->ndist == 1 ? nb : na;

		for (size_t j = 0; j < nf; j++)
			if (!(F->t[j].flags & NTOK_COMMON) && pf[j] != lone)
				return guard(why, match_guards[MATCH_G_LONE]);
	}
	/* A qualifier in parentheses (IRGC; BRANCH LOCATED IN ALBU KAMAL)
	 * counts when it matches, and little when it does not. */
	side_weights(A, pr.a, na, &ta, &ga, &pa);
	side_weights(B, pr.b, nb, &tb, &gb, &pb);
	/* A word of B joined from several of A's counts its weight once. */
	for (size_t i = 0; i < na; i++)
		if (pr.a[i] >= 0)
			shared[pr.a[i]]++;
	for (size_t i = 0; i < na; i++) {
		double	wb;
		int	jb;

		if (pr.a[i] < 0)
			continue;
		ma += A->t[i].w;
		wb = B->t[pr.a[i]].w / shared[pr.a[i]];
		for (int j = pr.a[i] + 1; j <= pr.a2[i]; j++)
			wb += B->t[j].w;
		num += pr.s[i] * (A->t[i].w + wb);
		/* a joined run (AL HARAMAIN / ALHARAMAIN) is as distinctive
		 * as its most distinctive word */
		jb = pr.a[i];
		for (int j = pr.a[i] + 1; j <= pr.a2[i]; j++)
			if (B->t[j].w > B->t[jb].w)
				jb = j;
		if (!(A->t[i].flags & NTOK_COMMON) &&
		    !(B->t[jb].flags & NTOK_COMMON)) {
			if ((A->t[i].flags | B->t[jb].flags) & NTOK_FREQUENT) {
				strong |= 1;
				nfreq++;
			} else
				strong |= 2;
			k += A->t[i].w < B->t[jb].w ? A->t[i].w : B->t[jb].w;
			if (!((A->t[i].flags | B->t[jb].flags) & NTOK_PLACE))
				nonplace = 1;
			if (A->t[i].lfold > longest)
				longest = A->t[i].lfold;
			/* the same word (or words joined), or a frequent
			 * name in any of its spellings (Muhammad, Mohammad) */
			if (pr.s[i] >= 0.95 || (pr.s[i] >= 0.93 &&
			    (A->t[i].flags & B->t[jb].flags & NTOK_FREQUENT)))
				same++;
			if ((pr.s[i] >= 0.95 || (pr.s[i] >= 0.93 &&
			    A->t[i].lfold >= 8)) &&
			    !(A->t[i].flags & NTOK_PLACE))
				samex++;
		}
	}
	for (size_t j = 0; j < nb; j++)
		if (pr.b[j] >= 0)
			mb += B->t[j].w;
	/* Joined pairs on B's side were counted per A token; fix B's sum. */
	if (ma <= 0 || mb <= 0)
		return guard(why, match_guards[MATCH_G_NOWORD]);
	/* A watched company (a legal form, a business word: AL NASER
	 * AIRLINES, AVOMAIR LTD.) is a person only by two of the person's
	 * words; one says nothing (Mullah Nasir, ABU 'AMMAR) */
	if (person && k < 1.99 && names_company(A))
		return guard(why, match_guards[MATCH_G_COMPANY]);
	if (!strong) {
		if (!all_common_same(A, B, &pr, na, nb))
			return guard(why, match_guards[MATCH_G_COMMON]);
		strong = 2;	/* not a frequent given name: no cap */
	}
	/* Abu (the father of) and Abd (the servant of) make another name:
	 * Khalid is not ABU KHALID nor KHALID, Abu, Nasser not ABDELNASSER.
	 * Lists drop them in aliases of one person (AL-SHEIBANI, Mustafa
	 * and Abu Mustafa; HAQQANI, Aziz and Abdul Aziz), so this holds for
	 * a lone name, and where both differ: ABDULAZIZ BIN AHMED AL SAUD
	 * is not 'AZIZ, Sa'ud Abu. */
	ka = person && abu_left(A, pr.a, na);
	kb = person && abu_left(B, pr.b, nb);
	if ((ka != kb && (ka ? B : A)->ndist == 1) ||
	    ((A->ndist == 1 || B->ndist == 1 || ka != kb) &&
	    abd_apart(A, B, &pr, na)))
		return guard(why, match_guards[MATCH_G_ABU]);
	/* One distinctive word in common, and only alike, while a watched
	 * word is missing (SAMMY SMITH is not SMOOTH, DINA ZHU not DENA), or
	 * a listed word when the word alike is short: six letters collide
	 * by chance (Soraya, SARAYA AL-ASHTAR), eleven seldom (ZEYNABIYYUN,
	 * ZAYNABIYOUN BRIGADE) */
	if (k < 1.99 && same == 0 && (words_left(A, pr.a, na) ||
	    (longest < 7 && words_left(B, pr.b, nb))))
		return guard(why, match_guards[MATCH_G_ALIKE]);
	/* Companies that share a distinctive word, the same (or, of eight
	 * letters or more, the same consonants: AL-HARAMEIN, AL-HARAMAIN),
	 * and differ in business words (SUNTAC GROUP, SUNTAC INTERNATIONAL
	 * TRADING; MAHAN AIRWAYS, MAHAN TRAVEL; WAGNER GROUP, PRIVATE
	 * MILITARY COMPANY 'WAGNER') are one company described two ways,
	 * or affiliates a designation also concerns: the words that differ
	 * count a quarter; half when the watch reads as no company (MEHDI
	 * BAHRAMI is not MEHDI GROUP). Not when the word in common is a
	 * country's (CENTRAL and COMMERCIAL BANK OF SYRIA are two banks). */
	if (!person && samex > 0) {
		double d = names_company(A) ? 0.75 : 0.5;

		ta -= d * ga;
		tb -= d * gb;
	}
	/* A company's country (KOREA DAESONG BANK, TAESONG BANK) says
	 * where, not who: when a word that is not a country's pairs, an
	 * unpaired country word counts a fifth. */
	if (!person && nonplace) {
		ta -= 0.8 * pa;
		tb -= 0.8 * pb;
	}
	q = num / (ma + mb);
	if (q > 1.0)
		q = 1.0;
	ca = ma / ta;
	cb = mb / tb;
	if (ca > 1.0)
		ca = 1.0;
	if (cb > 1.0)
		cb = 1.0;
	beta = k > 1.99 ? 0.5 : 1.0;
	alpha = k > 1.99 ? 0.1 : 0.15;
	s = q * (1.0 - beta * (1.0 - (ca > cb ? ca : cb))) -
	    alpha * (1.0 - (ca < cb ? ca : cb));
	/* Numbers on both sides that differ are different units: FU YUAN YU
	 * 7876 is not FU YUAN YU 8641 */
	if (unpaired_numbers(A, pr.a, na) && unpaired_numbers(B, pr.b, nb)) {
		s *= 0.5;
		noteg = MATCH_G_NUMBERS;
		notex = ": halved; ";
	}
	/* Only one or two frequent given names in common (Muhammad Ali): a
	 * match only when nothing else is left over but a name said twice
	 * (MOHAMED OMAR MOHAMED, the father's name the man's own). */
	if (!(strong & 2) && nfreq < 3 &&
	    ((ca < 0.999 && !repeats_left(A, pr.a, na)) ||
	    (cb < 0.999 && !repeats_left(B, pr.b, nb))) && s > 0.8) {
		s = 0.8;
		noteg = MATCH_G_FREQUENT;
		notex = ": at most 0.80; ";
	}
	if (s < 0)
		s = 0;
	if (why != NULL) {
		snprintf(note, sizeof note, "%s%s", noteg >= 0 ?
		    match_guards[noteg] : "", notex);
		explain_pairs(A, B, &pr, na, nb, s, note, why);
	}
	return s;
}

double
match_name_score(const char *w, const char *c, int kind, char *why,
    size_t whylen)
{
	struct nname	*a = norm_name(w, 0), *b = norm_name(c, 0);
	struct buf	 e = { 0 };
	double		 s = name_compare(a, b, kind, 0.0, why ? &e : NULL, NULL);

	if (why != NULL)
		snprintf(why, whylen, "%s", e.data ? buf_cstr(&e) : "");
	buf_free(&e);
	free(a);
	free(b);
	return s;
}

static struct scratch *
scratch_get(const struct watchlist *wl)
{
	struct scratch	*s = wl->scr;

	if (s == NULL) {
		s = xcalloc(1, sizeof *s);
		s->slot = xcalloc(wl->n + 1, sizeof *s->slot);
		s->simc = xcalloc(1, sizeof *s->simc);
		s->gs = xcalloc(wl->ngroups ? wl->ngroups : 1, sizeof *s->gs);
		s->gm = xcalloc(wl->ngroups ? wl->ngroups : 1, sizeof *s->gm);
		for (size_t i = 0; i < wl->n; i++)
			if (wl->v[i].kind == WATCH_NAME) {
				size_t nd = core_dist(wl->v[i].nm);

				s->slot[i].ndist = (uint8_t)(nd > 255 ? 255 :
				    nd);
			}
		((struct watchlist *)(uintptr_t)wl)->scr = s;
	}
	return s;
}

/* The postings a lookup of the token's lower-case tok_keys() would walk. */
static size_t
tok_cost(const struct index *ix, const struct ntok *t)
{
	uint64_t	k[MAXKEYS + ADJ_KEYS];
	size_t		nk = tok_keys(t, 0, 1, k), c = 0;

	nk += adj_keys(t, 0, 1, k + nk);
	for (size_t j = 0; j < nk; j++) {
		uint32_t b = index_bucket(ix, k[j]);

		c += ix->start[b + 1] - ix->start[b];
	}
	return c;
}

/* Counts, for each watch posted under one of the keys k, the token or run
 * of this serial once, with the most words it meets the watch for: wt
 * (a record's run of two distinctive words stands for two), or two for a
 * watched run of two (POST_TWO). base is the serial of the name's first
 * lookup. */
static void
keys_lookup(const struct watchlist *wl, struct scratch *s, uint32_t base,
    uint32_t serial, const uint64_t *k, size_t nk, unsigned wt)
{
	const struct index *ix = &wl->ix;

	for (size_t j = 0; j < nk; j++) {
		INDEX_FOREACH(ix, k[j], p) {
			uint32_t	 w = p & ~POST_TWO;
			unsigned	 pw = (p & POST_TWO) ? 2 : wt;
			struct slot	*sl = &s->slot[w];

			/* the slots lie anywhere in a few MB: fetch the one
			 * eight postings on (_i, _e: INDEX_FOREACH's cursor
			 * and end) while this one is counted */
			if (_i + 8 < _e)
				__builtin_prefetch(&s->slot[ix->post[_i + 8].w &
				    ~POST_TWO]);

			if (sl->stamp == serial) {
				if (pw > sl->got) {
					sl->count += pw - sl->got;
					sl->got = (uint8_t)pw;
				}
				continue;
			}
			if (sl->stamp < base) {
				sl->count = 0;
				if (s->ntouched == s->cap) {
					s->cap = s->cap ? s->cap * 2 : 256;
					s->touched = xrealloc(s->touched,
					    s->cap * sizeof *s->touched);
				}
				s->touched[s->ntouched++] = w;
			}
			sl->stamp = serial;
			sl->got = (uint8_t)pw;
			if (sl->count < 250)
				sl->count += pw;
		}
	}
}

static void
tok_lookup(const struct watchlist *wl, struct scratch *s, uint32_t base,
    uint32_t serial, const struct ntok *t, int single)
{
	uint64_t	k[MAXKEYS], k2[DEL2_KEYS];

	keys_lookup(wl, s, base, serial, k, tok_keys(t, single, 1, k), 1);
	keys_lookup(wl, s, base, serial, k2, del2_keys(t, single, k2), 1);
	keys_lookup(wl, s, base, serial, k, adj_keys(t, single, 1, k), 1);
}

/* Looks up the watched runs token t may be the joined word of. */
static void
join_lookup(const struct watchlist *wl, struct scratch *s, uint32_t base,
    uint32_t serial, const struct ntok *t)
{
	uint64_t	k[RUNKEYS];

	keys_lookup(wl, s, base, serial, k, join_look_keys(t, k), 1);
}

/*
 * A word few watched names hold (RARE_POSTINGS or fewer under its exact
 * skeleton) meets those watches for two words: a watch whose second word
 * is two letters off (TOKHTAKHUNOV, Alinkhan for TOKHTAKHUNOV, Alimzhan),
 * which no key reaches, is scored all the same, and at a rare word that
 * costs little.
 */
#define RARE_POSTINGS	32
static void
rare_lookup(const struct watchlist *wl, struct scratch *s, uint32_t base,
    uint32_t serial, const struct ntok *t)
{
	uint64_t	h = key_hash('s', t->skel, skel_len(t));
	size_t		n = 0;

	INDEX_FOREACH(&wl->ix, h, p) {
		(void)p;
		if (++n > RARE_POSTINGS)
			return;
	}
	if (n > 0)
		keys_lookup(wl, s, base, serial, &h, 1, 2);
}

/* Looks up, each under a serial of its own, the watched words that are
 * an acronym of a run of the name's words (acronym_run): IRGC for ISLAMIC
 * REVOLUTIONARY GUARD CORPS. (A watched long name against a listed
 * acronym is not looked up: lists give the long name too.) */
static void
acronym_lookup(const struct watchlist *wl, struct scratch *s, uint32_t base,
    const struct nname *c)
{
	size_t		n = c->n < MAXTOK ? c->n : MAXTOK, end[6], q;
	char		ini[6];
	uint64_t	h;

	for (size_t j = 0; j < n; j++) {
		q = run_initials(c->t, n, j, NULL, ini, end);
		for (size_t l = 4; l <= q; l++) {
			h = key_hash('A', ini, l);
			keys_lookup(wl, s, base, ++s->serial, &h, 1, 1);
		}
	}
}

/* Looks up, each under a serial of its own, the watched words the name's
 * runs of two and three words may be written as one for; a run of two
 * distinctive words or more meets a watch for two. */
static void
runs_lookup(const struct watchlist *wl, struct scratch *s, uint32_t base,
    const struct nname *c)
{
	size_t	nt = c->n < MAXTOK ? c->n : MAXTOK;

	for (size_t len = 2; len <= 3; len++)
		for (size_t i = 0; i + len <= nt; i++) {
			struct norm_joinbuf	jb[2];
			struct ntok		jt[2];
			uint64_t		k[RUNKEYS];
			size_t			nd = 0, nj;

			for (size_t q = i; q < i + len; q++)
				nd += !(c->t[q].flags & NTOK_COMMON);
			nj = run_join(&c->t[i], len, jt, jb);
			if (nj == 0)
				continue;
			s->serial++;
			for (size_t j = 0; j < nj; j++)
				for (int single = 0; single < 2; single++)
					keys_lookup(wl, s, base, s->serial, k,
					    run_look_keys(&jt[j], &c->t[i], len,
					    single, k), nd >= 2 ? 2 : 1);
		}
}

/* tok_keys_meet() for watch w, once for its group (the same words have
 * the same keys): the check reads the watch and its name, two reads
 * anywhere in a few hundred MB, and a skipped frequent word meets many
 * watches of a few names. serial is the skipped token's. */
static int
watch_meets(const struct watchlist *wl, struct scratch *s,
    const struct meet *m, uint32_t w, uint32_t serial)
{
	struct group_meet *gm;

	if (wl->group[w] == NO_GROUP)
		return tok_keys_meet(m, wl->v[w].nm);
	gm = &s->gm[wl->group[w]];
	if (gm->serial != serial) {
		gm->serial = serial;
		gm->met = (uint8_t)tok_keys_meet(m, wl->v[w].nm);
	}
	return gm->met;
}

/* Whether watch w may pair its word left with word t of a name of two
 * words, the other met in common (pair_left()); kt is t's norm_left_key(). */
static int
left_meets(const struct watchlist *wl, uint32_t w, const struct ntok *t,
    uint64_t kt)
{
	const struct nname *W = wl->v[w].nm;
	size_t		 u[2];

	/* the keys kept beside the index first: most watches end here,
	 * without a read of their words */
	if (!norm_left_keys_meet(wl->lkey[2 * w], kt) &&
	    !norm_left_keys_meet(wl->lkey[2 * w + 1], kt))
		return 0;
	if (!two_words(W, &u[0], &u[1]))
		return 0;
	return norm_left_sim(&W->t[u[0]], t) > 0.0 ||
	    norm_left_sim(&W->t[u[1]], t) > 0.0;
}

/*
 * Watches whose index keys meet at least need(w) of the name's distinctive
 * tokens (core_dist(): not in parentheses): with need_all, every such
 * token of the watch (news); otherwise min(2, its tokens, the name's). A
 * word met as two or three of the other name's written as one counts for
 * the distinctive words among them (KOREA NAMCHONGANG TRADING meets NAM
 * CHON GANG twice).
 *
 * Frequent words (Muhammad, Ali, Ahmad) have posting lists of tens of
 * thousands of watches, and walking them was most of the lookup time. A
 * watch of two distinctive words or more needs two of the name's tokens,
 * so at least one of them is among the tokens other than the costliest:
 * when that token's postings outnumber the others' several times, the
 * lookups skip its lower-case keys, and only the watches found through the
 * others are checked against it directly (tok_keys_meet). Watches of one
 * distinctive word need one token and have keys of their own, looked up
 * for every token, and so are joined runs, which may count for two. The
 * candidates are the same as with every lookup made.
 */
static size_t
candidates(const struct watchlist *wl, const struct nname *c, int need_all)
{
	struct scratch	*s = scratch_get(wl);
	size_t		 n = 0, skip = (size_t)-1, maxcost = 0, rest = 0;
	size_t		 cdist = core_dist(c);
	uint32_t	 base, skip_serial = 0;
	struct meet	 m;
	size_t		 lx = 0, ly = 0;	/* the name's two words */
	uint32_t	 sx = 0, sy = 0;	/* and their serials */
	uint64_t	 kx = 0, ky = 0;	/* and norm_left_key()s */
	int		 two = !need_all && two_words(c, &lx, &ly);

	if (s->serial > UINT32_MAX - 1 - 4 * c->n) {
		for (size_t i = 0; i < wl->n; i++)
			s->slot[i].stamp = 0;
		for (size_t g = 0; g < wl->ngroups; g++)
			s->gm[g].serial = 0;
		s->serial = 0;
	}
	base = s->serial + 1;
	s->ntouched = 0;
	if (cdist >= 2) {
		for (size_t t = 0; t < c->n; t++) {
			size_t cost;

			if (c->t[t].flags & NTOK_COMMON)
				continue;
			cost = tok_cost(&wl->ix, &c->t[t]);
			rest += cost;
			if (cost >= maxcost) {
				maxcost = cost;
				skip = t;
			}
		}
		rest -= maxcost;
		if (maxcost < 4 * rest)
			skip = (size_t)-1;
	}
	/* A name of two words, one of them no frequent name and the other
	 * a word that may be left (pair_left()): a watch may match it by the
	 * one alone, and must be found by it, however costly. */
	if (two) {
		kx = norm_left_key(&c->t[lx]);
		ky = norm_left_key(&c->t[ly]);
		if ((skip == lx && ky != 0 &&
		    !(c->t[lx].flags & NTOK_FREQUENT)) ||
		    (skip == ly && kx != 0 &&
		    !(c->t[ly].flags & NTOK_FREQUENT)))
			skip = (size_t)-1;
	}
	/* News scoring (news_name) pairs words one to one, and needs a
	 * distinctive word. */
	if (!need_all) {
		runs_lookup(wl, s, base, c);
		acronym_lookup(wl, s, base, c);
		for (size_t t = 0; t < c->n; t++) {
			uint64_t k[COMMON_KEYS];

			if (c->t[t].flags & NTOK_LEGAL)
				continue;
			keys_lookup(wl, s, base, ++s->serial, k,
			    common_keys(&c->t[t], 1, k), 1);
		}
	}
	/* A name of common words only needs no word in common with a watch
	 * (need is 0), but a word it shares must be found: what it calls
	 * common a watch may spell as its own (LOGISTIK INTERNEYSHNL SERVIS
	 * OOO, TEKNOLOGIYA 5 OOO for LOGISTIC INTERNATIONAL SERVIS, TECHNOLOGY
	 * 5 CO). Such names are few, and so are these lookups. */
	for (size_t t = 0; t < c->n; t++) {
		if (t == skip || (c->t[t].flags & (cdist == 0 && !need_all ?
		    NTOK_LEGAL : NTOK_COMMON)))
			continue;
		s->serial++;
		if (two && t == lx)
			sx = s->serial;
		if (two && t == ly)
			sy = s->serial;
		tok_lookup(wl, s, base, s->serial, &c->t[t], 1);
		tok_lookup(wl, s, base, s->serial, &c->t[t], 0);
		if (!need_all) {
			join_lookup(wl, s, base, s->serial, &c->t[t]);
			rare_lookup(wl, s, base, s->serial, &c->t[t]);
		}
	}
	/* The skipped token last, so that a stamp of its serial says it met
	 * the watch already (a lower-case key would add nothing). Its
	 * deletion keys may be costly while its skeleton is rare, and a rare
	 * word meets for two (ASMA of ASMA MONEY EXCHANGERS, whose
	 * EXCHANGERS is CHANGERS of the watch), which tok_keys_meet() does
	 * not say: that lookup is a bucket of a few postings. */
	if (skip != (size_t)-1) {
		meet_init(&m, &c->t[skip]);
		skip_serial = ++s->serial;
		tok_lookup(wl, s, base, skip_serial, &c->t[skip], 1);
		if (!need_all) {
			join_lookup(wl, s, base, skip_serial, &c->t[skip]);
			rare_lookup(wl, s, base, skip_serial, &c->t[skip]);
		}
	}
	for (size_t i = 0; i < s->ntouched; i++) {
		uint32_t	w = s->touched[i];
		struct slot	*sl = &s->slot[w];
		size_t		need = sl->ndist;

		if (!need_all) {
			if (need > 2)
				need = 2;
			if (need > cdist)
				need = cdist;
		}
		if (sl->count < need && skip != (size_t)-1 &&
		    sl->ndist >= 2 && sl->count + 1u >= need &&
		    sl->stamp != skip_serial &&
		    watch_meets(wl, s, &m, w, skip_serial))
			sl->count++;
		/* one word short: met by one of a name of two, the other
		 * may pair as the word left (pair_left()) */
		if (two && sl->count == 1 && need == 2 && sl->ndist == 2 &&
		    ((sl->stamp == sx && ky != 0 &&
		    !(c->t[lx].flags & NTOK_FREQUENT) &&
		    left_meets(wl, w, &c->t[ly], ky)) ||
		    (sl->stamp == sy && kx != 0 &&
		    !(c->t[ly].flags & NTOK_FREQUENT) &&
		    left_meets(wl, w, &c->t[lx], kx))))
			sl->count++;
		if (sl->count >= need)
			s->touched[n++] = w;
	}
	s->ntouched = n;
	return n;
}

struct hit {
	uint32_t	 w;
	double		 score;
	size_t		 name;		/* 0 the name, 1.. aliases */
	char		*why;
};

struct hits {
	struct hit	*v;
	size_t		 n, cap;
};

static void
hits_offer(struct hits *h, uint32_t w, double score, size_t name,
    struct buf *why)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].w == w) {
			if (score > h->v[i].score) {
				free(h->v[i].why);
				h->v[i].why = xstrdup(buf_cstr(why));
				h->v[i].score = score;
				h->v[i].name = name;
			}
			return;
		}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 8;
		h->v = xrealloc(h->v, h->cap * sizeof *h->v);
	}
	h->v[h->n++] = (struct hit){ w, score, name, xstrdup(buf_cstr(why)) };
}

static double
thresh_of(const struct watch *w)
{
	return w->thresh > 0 ? w->thresh : MATCH_THRESHOLD;
}

/* A name that passed: watch w on the record's name (k == 0) or alias k. */
struct nhit {
	uint32_t	w;
	uint32_t	k;
	uint32_t	seq;		/* order found */
	double		score;
};

/* By watch, best score first, then the earliest name. */
static int
nhit_cmp_watch(const void *x, const void *y)
{
	const struct nhit *a = x, *b = y;

	if (a->w != b->w)
		return a->w < b->w ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

static int
nhit_cmp_seq(const void *x, const void *y)
{
	const struct nhit *a = x, *b = y;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Whether two normalised names have the same words in the same order. */
static int
nname_same(const struct nname *a, const struct nname *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->t[i].hfold != b->t[i].hfold ||
		    strcmp(a->t[i].fold, b->t[i].fold) != 0)
			return 0;
	return 1;
}

/*
 * Each distinct name of the record is scored once against each of its
 * candidate watches; a watch is reported once, for its best-scoring name,
 * in the order watches were first found. The explanation is built only for
 * that one: at a million watches a record can pass hundreds, and the
 * others' explanations were most of the work of a passing match.
 */
static void
match_names(const struct watchlist *wl, const struct record *r,
    struct matches *out)
{
	size_t		 nn = 1 + r->aliases.n, nh = 0, hcap = 0, nbest = 0;
	int		 kind = r->type == NULL ? MATCH_ENTITY :
	    strcmp(r->type, "individual") == 0 ? MATCH_PERSON :
	    strcmp(r->type, "vessel") == 0 ? MATCH_VESSEL : MATCH_ENTITY;
	struct nname	**cn;
	struct nhit	*hv = NULL;
	struct buf	 why = { 0 };
	struct scratch	*scr;
	struct simcache	*sc;
	char		 head[64];

	if (wl->nnames == 0)
		return;
	scr = scratch_get(wl);
	sc = scr->simc;
	cn = xcalloc(nn, sizeof *cn);
	for (size_t k = 0; k < nn; k++) {
		const char	*cand = k == 0 ? r->name : r->aliases.v[k - 1];
		size_t		 nc;
		const uint32_t	*cv;
		int		 dup = 0;

		if (cand == NULL)
			continue;
		cn[k] = norm_name(cand, 0);
		for (size_t j = 0; j < k && !dup; j++)
			dup = cn[j] != NULL && nname_same(cn[j], cn[k]);
		if (dup)
			continue;
		simcache_reset(sc, cn[k]);
		if (++scr->gserial == 0) {
			for (size_t g = 0; g < wl->ngroups; g++)
				scr->gs[g].stamp = 0;
			scr->gserial = 1;
		}
		if (wl->use_index) {
			nc = candidates(wl, cn[k], 0);
			cv = wl->scr->touched;
		} else {
			nc = wl->nnames;
			cv = wl->names;
		}
		for (size_t i = 0; i < nc; i++) {
			const struct watch *w = &wl->v[cv[i]];
			struct group_score *g = NULL;
			double s;

			/* The watches are scattered over a few hundred MB:
			 * fetch the watch and its group two steps ahead, its
			 * name and its group's score one step ahead of the
			 * compare that reads them. */
			if (i + 16 < nc) {
				__builtin_prefetch(&wl->v[cv[i + 16]]);
				__builtin_prefetch(&wl->group[cv[i + 16]]);
			}
			if (i + 8 < nc) {
				const struct nname *pn = wl->v[cv[i + 8]].nm;
				uint32_t pg = wl->group[cv[i + 8]];

				for (size_t l = 0; l < NAME_LINES; l++)
					__builtin_prefetch((const char *)pn +
					    64 * l);
				if (pg != NO_GROUP)
					__builtin_prefetch(&scr->gs[pg]);
			}
			/* Watches of one name score alike (the naive loop,
			 * the reference, scores each). */
			if (wl->group[cv[i]] != NO_GROUP && wl->use_index)
				g = &scr->gs[wl->group[cv[i]]];
			if (g != NULL && g->stamp == scr->gserial)
				s = g->score;
			else {
				s = name_compare(w->nm, cn[k], kind,
				    thresh_of(w), NULL, sc);
				if (g != NULL) {
					g->stamp = scr->gserial;
					g->score = s;
				}
			}

			if (s + 1e-9 < thresh_of(w))
				continue;
			if (nh == hcap) {
				hcap = hcap ? hcap * 2 : 16;
				hv = xrealloc(hv, hcap * sizeof *hv);
			}
			hv[nh] = (struct nhit){ cv[i], (uint32_t)k,
			    (uint32_t)nh, s };
			nh++;
		}
	}
	if (nh > 1) {
		qsort(hv, nh, sizeof *hv, nhit_cmp_watch);
		for (size_t i = 0; i < nh; i++) {
			uint32_t first = hv[i].seq;
			size_t j;

			for (j = i + 1; j < nh && hv[j].w == hv[i].w; j++)
				if (hv[j].seq < first)
					first = hv[j].seq;
			hv[nbest] = hv[i];
			hv[nbest++].seq = first;
			i = j - 1;
		}
		qsort(hv, nbest, sizeof *hv, nhit_cmp_seq);
	} else
		nbest = nh;
	for (size_t i = 0; i < nbest; i++) {
		const struct watch *w = &wl->v[hv[i].w];
		size_t k = hv[i].k;
		const char *m = k == 0 ? r->name : r->aliases.v[k - 1];
		char *reason;

		buf_reset(&why);
		name_compare(w->nm, cn[k], kind, 0.0, &why, NULL);
		snprintf(head, sizeof head, "%s matched (threshold %.2f): ",
		    k == 0 ? "name" : "alias", thresh_of(w));
		reason = xasprintf("%s%s", head, buf_cstr(&why));
		matches_add(out, w, hv[i].score, m, k == 0 ? "name" :
		    "aliases", reason);
		free(reason);
	}
	for (size_t k = 0; k < nn; k++)
		free(cn[k]);
	free(cn);
	free(hv);
	buf_free(&why);
}

/* ---- countries ---------------------------------------------------- */

/* Programmes tied to a country: a designation under them touches it even
 * when no address or nationality is given. OFAC tags, then UN regimes. */
static const struct {
	const char	*program;
	const char	*codes;		/* one or two alpha-2, space-separated */
} program_countries[] = {
	{ "BALKANS", "RS" }, { "BALKANS-EO14033", "RS" }, { "BELARUS", "BY" },
	{ "BELARUS-EO14038", "BY" }, { "BURMA-EO14014", "MM" },
	{ "BURUNDI", "BI" }, { "CAR", "CF" }, { "CUBA", "CU" },
	{ "CYBER2", "" }, { "DPRK", "KP" }, { "DPRK2", "KP" }, { "DPRK3", "KP" },
	{ "DPRK4", "KP" }, { "DPRK-NKSPEA", "KP" }, { "NKSPEA", "KP" },
	{ "DRCONGO", "CD" }, { "ETHIOPIA-EO14046", "ET" },
	{ "HK-EO13936", "HK" }, { "HRIT-IR", "IR" }, { "HRIT-SY", "SY" },
	{ "IFSR", "IR" }, { "IRAN", "IR" }, { "IRAN-CON-ARMS-EO", "IR" },
	{ "IRAN-EO13846", "IR" }, { "IRAN-EO13871", "IR" },
	{ "IRAN-EO13876", "IR" }, { "IRAN-EO13902", "IR" },
	{ "IRAN-HR", "IR" }, { "IRAN-TRA", "IR" }, { "IRGC", "IR" },
	{ "ISA", "IR" }, { "IRAQ2", "IQ" }, { "IRAQ3", "IQ" },
	{ "LEBANON", "LB" }, { "LIBYA2", "LY" }, { "LIBYA3", "LY" },
	{ "MALI-EO13882", "ML" }, { "NICARAGUA", "NI" },
	{ "NICARAGUA-NHRAA", "NI" }, { "RUSSIA-EO14024", "RU" },
	{ "SOMALIA", "SO" }, { "SOUTH SUDAN", "SS" }, { "SUDAN", "SD" },
	{ "SUDAN-EO14098", "SD" }, { "DARFUR", "SD" }, { "SYRIA", "SY" },
	{ "SYRIA-EO13894", "SY" }, { "SYRIA-CAESAR", "SY" },
	{ "UKRAINE-EO13660", "UA" }, { "UKRAINE-EO13661", "UA RU" },
	{ "UKRAINE-EO13662", "RU" }, { "UKRAINE-EO13685", "UA" },
	{ "UKRAINE-EO14065", "UA" }, { "VENEZUELA", "VE" },
	{ "VENEZUELA-EO13850", "VE" }, { "VENEZUELA-EO13884", "VE" },
	{ "YEMEN", "YE" }, { "ZIMBABWE", "ZW" }, { "WESTERN BALKANS", "RS" },
	{ "AFGHANISTAN", "AF" }, { "HAITI", "HT" }, { "GUINEA-BISSAU", "GW" },
	{ "ERITREA", "ER" }, { "CENTRAL AFRICAN REPUBLIC", "CF" },
	{ "DEMOCRATIC REPUBLIC OF THE CONGO", "CD" }, { "MALI", "ML" },
	{ "LIBYA", "LY" }, { "IRAQ", "IQ" }, { "DPRK (UN)", "KP" },
	/* the UN's UN_LIST_TYPE: Guinea-Bissau is GB there, and the 1988
	 * list is of the Taliban in Afghanistan */
	{ "DRC", "CD" }, { "SOUTHSUDAN", "SS" }, { "GB", "GW" },
	{ "TALIBAN", "AF" },
	/* OFAC tags of acts and orders aimed at one country */
	{ "CAATSA - RUSSIA", "RU" }, { "CAATSA - IRAN", "IR" },
	{ "IFCA", "IR" }, { "MAGNIT", "RU" }, { "PEESA", "RU" },
	{ "PEESA-EO14039", "RU" }, { "RUSSIA-EO14065", "UA RU" },
	{ "BPI-RUSSIA-EO14024", "RU" }, { "SSIDES", "UA RU" },
	{ "FSE-SY", "SY" }, { "FSE-IR", "IR" }, { "UHRPA", "CN" },
	{ "WEST-BANK-EO14115", "PS" }, { "NS-PLC", "PS" },
};

/*
 * The country codes a programme name is tied to, or NULL: the table above,
 * else a programme named after its country, as the UK names its regimes
 * ("Russia", "Democratic People's Republic of Korea", "Iran (Nuclear)") and
 * the EU codes them (RUS, PRK: ISO alpha-3). Never a two-letter code: the
 * EU's HR is human rights, not Croatia.
 */
static const char *
program_codes(const char *prog)
{
	const char	*c, *paren;
	size_t		 len = strlen(prog);

	for (size_t i = 0; i < sizeof program_countries /
	    sizeof *program_countries; i++)
		if (strcasecmp(program_countries[i].program, prog) == 0)
			return program_countries[i].codes;
	if (len < 3)
		return NULL;
	if (len == 3 && !(isupper((unsigned char)prog[0]) &&
	    isupper((unsigned char)prog[1]) && isupper((unsigned char)prog[2])))
		return NULL;
	if ((c = country_lookup(prog, len)) != NULL)
		return c;
	if ((paren = strstr(prog, " (")) != NULL && paren - prog > 3)
		return country_lookup(prog, (size_t)(paren - prog));
	return NULL;
}

static int
codes_contain(const char *codes, const char *code)
{
	for (const char *p = codes; *p; p += (p[2] == ' ') ? 3 : 2)
		if (p[0] == code[0] && p[1] == code[1])
			return 1;
	return 0;
}

/* Which published fact places the record in the country: a remarks
 * segment (nationality, citizen, POB, registration), an address, the
 * vessel flag. Writes the field name and a description. */
static int
country_where(const struct record *r, const char *code, const char **field,
    char *desc, size_t desclen)
{
	static const struct {
		const char *prefix, *what;
	} facts[] = {
		{ "nationality ", "nationality" },
		{ "citizen ", "citizenship" },
		{ "Nationality of Registration ", "registration" },
		{ "POB ", "place of birth" },
		{ "Registration Country ", "registration" },
	};
	const char	*v;
	json_t		*a;

	if (r->extra && (v = json_string_value(json_object_get(r->extra,
	    "vessel_flag"))) != NULL) {
		const char *c = country_lookup(v, strlen(v));

		if (c && strcmp(c, code) == 0) {
			*field = "vessel_flag";
			snprintf(desc, desclen, "vessel flag %s", v);
			return 1;
		}
	}
	if (r->remarks != NULL) {
		const char *p = r->remarks;

		while (*p) {
			const char *end = strstr(p, "; ");
			size_t n = end ? (size_t)(end - p) : strlen(p);
			const char *seg = p;

			p = end ? end + 2 : p + n;
			if (strncmp(seg, "alt. ", 5) == 0) {
				seg += 5;
				n -= 5;
			}
			for (size_t i = 0; i < sizeof facts / sizeof *facts; i++) {
				size_t pl = strlen(facts[i].prefix);
				const char *s, *c;
				size_t sl;

				if (n <= pl || strncmp(seg, facts[i].prefix, pl) != 0)
					continue;
				s = seg + pl;
				sl = n - pl;
				/* POB: the last comma part is the country */
				for (const char *q = seg + n; q > s; q--)
					if (q[-1] == ',') {
						sl = (size_t)(seg + n - q);
						s = q;
						break;
					}
				while (sl && *s == ' ')
					s++, sl--;
				while (sl && (s[sl - 1] == ' ' || s[sl - 1] == '.'))
					sl--;
				c = country_lookup(s, sl);
				if (c && strcmp(c, code) == 0) {
					*field = "remarks";
					snprintf(desc, desclen, "%s %.*s",
					    facts[i].what, (int)sl, s);
					return 1;
				}
			}
		}
	}
	if (r->extra && json_is_array(a = json_object_get(r->extra,
	    "addresses"))) {
		size_t	i;
		json_t	*o;

		json_array_foreach(a, i, o) {
			const char *c;

			if ((v = json_string_value(json_object_get(o,
			    "country"))) == NULL)
				continue;
			c = country_lookup(v, strlen(v));
			if (c && strcmp(c, code) == 0) {
				*field = "addresses";
				snprintf(desc, desclen, "address in %s", v);
				return 1;
			}
		}
	}
	if (strvec_contains(&r->countries, code)) {
		*field = "countries";
		snprintf(desc, desclen, "%s", code);
		return 1;
	}
	for (size_t i = 0; i < r->programs.n; i++) {
		const char *codes = program_codes(r->programs.v[i]);

		if (codes && codes_contain(codes, code)) {
			*field = "programs";
			snprintf(desc, desclen, "programme %s is tied to the "
			    "country", r->programs.v[i]);
			return 1;
		}
	}
	return 0;
}

static void
match_countries(const struct watchlist *wl, const struct record *r,
    struct matches *out)
{
	char	desc[200], reason[300];

	for (size_t i = 0; i < wl->ncountries; i++) {
		const struct watch	*w = &wl->v[wl->countries[i]];
		const char		*field, *cn = country_name(w->code);

		if (!country_where(r, w->code, &field, desc, sizeof desc))
			continue;
		snprintf(reason, sizeof reason, "record touches %s (%s): %s",
		    cn ? cn : w->code, w->code, desc);
		matches_add(out, w, 1.0, desc, field, reason);
	}
}

static void
match_programs(const struct watchlist *wl, const struct record *r,
    struct matches *out)
{
	for (size_t i = 0; i < wl->nprograms; i++) {
		const struct watch *w = &wl->v[wl->programs[i]];

		for (size_t p = 0; p < r->programs.n; p++)
			if (strcasecmp(r->programs.v[p], w->value) == 0) {
				matches_add(out, w, 1.0, r->programs.v[p],
				    "programs", "listed under the programme");
				break;
			}
	}
}

/* ---- identifiers -------------------------------------------------- */

struct ident {
	char	*norm;		/* upper-case letters and digits */
	char	*label;		/* "Passport", "IMO", "extra.call_sign" */
	char	*raw;
};

struct idents {
	struct ident	*v;
	size_t		 n, cap;
};

static void
idents_add(struct idents *ids, const char *raw, size_t len,
    const char *label, size_t lablen)
{
	char	*r = xstrndup(raw, len), *n = id_norm(r);
	int	 digit = 0;

	for (char *p = n; *p; p++)
		if (isdigit((unsigned char)*p))
			digit = 1;
	if (!digit || strlen(n) < 5) {
		free(r);
		free(n);
		return;
	}
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 16;
		ids->v = xrealloc(ids->v, ids->cap * sizeof *ids->v);
	}
	ids->v[ids->n++] = (struct ident){ n, xstrndup(label, lablen), r };
}

/* Identifier-like words in one text: runs of letters, digits and the
 * separators numbers are written with; the label is the segment's text
 * before the first one ("Passport", "IMO", "Tax ID No."). */
static void
idents_scan(struct idents *ids, const char *text, const char *label)
{
	const char *p = text;

	while (*p) {
		const char *end = strstr(p, "; "), *seg = p, *q;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *lab_end = NULL;

		p = end ? end + 2 : p + n;
		q = seg;
		while (q < seg + n) {
			const char *s;
			int digit = 0;

			while (q < seg + n && !isalnum((unsigned char)*q))
				q++;
			s = q;
			while (q < seg + n && (isalnum((unsigned char)*q) ||
			    ((*q == '-' || *q == '/' || *q == '.') &&
			    q + 1 < seg + n && isalnum((unsigned char)q[1]))))
				digit |= isdigit((unsigned char)*q++) != 0;
			if (q == s)
				continue;
			if (digit) {
				if (lab_end == NULL)
					lab_end = s;
				if (label != NULL)
					idents_add(ids, s, (size_t)(q - s), label,
					    strlen(label));
				else {
					const char *le = lab_end;

					while (le > seg && le[-1] == ' ')
						le--;
					idents_add(ids, s, (size_t)(q - s), seg,
					    (size_t)(le - seg));
				}
			}
		}
	}
}

static void
idents_extra(struct idents *ids, json_t *v, const char *key)
{
	const char	*k;
	json_t		*x;
	size_t		 i;

	if (json_is_string(v))
		idents_scan(ids, json_string_value(v), key);
	else if (json_is_object(v)) {
		json_object_foreach(v, k, x)
			idents_extra(ids, x, k);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			idents_extra(ids, x, key);
	}
}

static void
idents_free(struct idents *ids)
{
	for (size_t i = 0; i < ids->n; i++) {
		free(ids->v[i].norm);
		free(ids->v[i].label);
		free(ids->v[i].raw);
	}
	free(ids->v);
	memset(ids, 0, sizeof *ids);
}

static void
record_idents(const struct record *r, struct idents *ids)
{
	if (r->remarks != NULL)
		idents_scan(ids, r->remarks, NULL);
	if (r->extra != NULL)
		idents_extra(ids, r->extra, "extra");
}

static int
idx_seen(const uint32_t *v, size_t n, uint32_t w)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == w)
			return 1;
	return 0;
}

static void
match_ids(const struct watchlist *wl, const struct record *r,
    struct matches *out)
{
	struct idents	 ids = { 0 };
	uint32_t	*seen = NULL;
	size_t		 nseen = 0;
	char		*full, *lower, reason[300];

	full = xasprintf("%s:%s", r->source ? r->source : "", r->id ? r->id :
	    "");
	lower = xstrdup(full);
	for (char *q = lower; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	{
		uint64_t h = key_hash('r', lower, strlen(lower));

		INDEX_FOREACH(&wl->ix, h, w) {
			if (idx_seen(seen, nseen, w))
				continue;
			u32_push(&seen, &nseen, w);
			matches_add(out, &wl->v[w], 1.0, full, "id",
			    "the publisher's record id");
		}
	}
	if (r->id != NULL) {
		char *n = id_norm(r->id);
		uint64_t h = key_hash('i', n, strlen(n));

		INDEX_FOREACH(&wl->ix, h, w) {
			if (idx_seen(seen, nseen, w))
				continue;
			u32_push(&seen, &nseen, w);
			matches_add(out, &wl->v[w], 1.0, full, "id",
			    "the publisher's record id");
		}
		free(n);
	}
	record_idents(r, &ids);
	for (size_t i = 0; i < ids.n; i++) {
		uint64_t h = key_hash('i', ids.v[i].norm, strlen(ids.v[i].norm));

		INDEX_FOREACH(&wl->ix, h, w) {
			if (idx_seen(seen, nseen, w))
				continue;
			u32_push(&seen, &nseen, w);
			snprintf(reason, sizeof reason, "identifier in %s: %s%s%s",
			    strncmp(ids.v[i].label, "extra", 5) == 0 ||
			    !*ids.v[i].label ? "the record" : "remarks",
			    ids.v[i].label, *ids.v[i].label ? " " : "",
			    ids.v[i].raw);
			matches_add(out, &wl->v[w], 1.0, ids.v[i].raw,
			    r->remarks && strstr(r->remarks, ids.v[i].raw) ?
			    "remarks" : "extra", reason);
		}
	}
	idents_free(&ids);
	free(seen);
	free(full);
	free(lower);
}

/* ---- news ----------------------------------------------------------- */

/* Names, short forms and demonyms that news text uses for a country, and
 * upper-case abbreviations matched only as whole words. */
static const struct {
	const char	code[3];
	const char	*names;		/* '|'-separated, folded */
	const char	*abbrevs;	/* '|'-separated, exact case */
} news_countries[] = {
	{ "AF", "afghanistan|afghan|afghans", "" },
	{ "BY", "belarus|belarusian|belarusians|byelorussia", "" },
	{ "BI", "burundi|burundian|burundians", "" },
	{ "CF", "central african republic|central african", "CAR" },
	{ "CD", "democratic republic of the congo|dr congo|congolese|congo kinshasa", "DRC|DRCongo" },
	{ "CN", "china|chinese|prc", "PRC" },
	{ "CU", "cuba|cuban|cubans", "" },
	{ "ER", "eritrea|eritrean|eritreans", "" },
	{ "ET", "ethiopia|ethiopian|ethiopians", "" },
	{ "GN", "guinea|guinean|guineans", "" },
	{ "GW", "guinea bissau|bissau guinean", "" },
	{ "HT", "haiti|haitian|haitians", "" },
	{ "HK", "hong kong", "" },
	{ "IR", "iran|iranian|iranians|persian", "" },
	{ "IQ", "iraq|iraqi|iraqis", "" },
	{ "KP", "north korea|north korean|north koreans|dprk|democratic people s republic of korea", "DPRK" },
	{ "LB", "lebanon|lebanese", "" },
	{ "LY", "libya|libyan|libyans", "" },
	{ "ML", "mali|malian|malians", "" },
	{ "MM", "burma|myanmar|burmese", "" },
	{ "NI", "nicaragua|nicaraguan|nicaraguans", "" },
	{ "RU", "russia|russian|russians|russian federation", "" },
	{ "SO", "somalia|somali|somalis", "" },
	{ "SS", "south sudan|south sudanese", "" },
	{ "SD", "sudan|sudanese", "" },
	{ "SY", "syria|syrian|syrians", "" },
	{ "UA", "ukraine|ukrainian|ukrainians", "" },
	{ "VE", "venezuela|venezuelan|venezuelans", "" },
	{ "YE", "yemen|yemeni|yemenis", "" },
	{ "ZW", "zimbabwe|zimbabwean|zimbabweans", "" },
	{ "AE", "united arab emirates|emirati|emiratis", "UAE" },
	{ "TR", "turkey|turkiye|turkish", "" },
	{ "CN", "chinese", "" },
	{ "US", "united states|american|americans", "USA|U.S." },
	{ "GB", "united kingdom|britain|british", "UK" },
	{ "NE", "niger|nigerien|nigeriens", "" },
	{ "BF", "burkina faso|burkinabe", "" },
	{ "NG", "nigeria|nigerian|nigerians", "" },
	{ "PK", "pakistan|pakistani|pakistanis", "" },
	{ "IL", "israel|israeli|israelis", "" },
	{ "PS", "palestine|palestinian|palestinians|gaza|west bank", "" },
	{ "KR", "south korea|south korean", "ROK" },
	{ "MD", "moldova|moldovan|moldovans", "" },
	{ "GE", "georgia|georgian|georgians", "" },
	{ "AM", "armenia|armenian|armenians", "" },
	{ "AZ", "azerbaijan|azerbaijani|azerbaijanis", "" },
	{ "KZ", "kazakhstan|kazakh|kazakhstani", "" },
	{ "RS", "serbia|serbian|serbians", "" },
	{ "BA", "bosnia and herzegovina|bosnia|bosnian", "BiH" },
	{ "TM", "turkmenistan|turkmen", "" },
	{ "UZ", "uzbekistan|uzbek|uzbeks", "" },
	{ "CH", "switzerland|swiss", "" },
	{ "DE", "germany|german|germans", "" },
	{ "FR", "france|french", "" },
	{ "CY", "cyprus|cypriot|cypriots", "" },
	{ "IN", "india|indian|indians", "" },
	{ "SA", "saudi arabia|saudi|saudis", "KSA" },
	{ "EG", "egypt|egyptian|egyptians", "" },
	{ "MX", "mexico|mexican|mexicans", "" },
	{ "CO", "colombia|colombian|colombians", "" },
};

/* Two-letter codes that are English words in capitals too. */
static const char *const word_codes[] = { "AM", "AS", "AT", "BE", "BY",
    "DO", "GO", "ID", "IN", "IS", "IT", "ME", "MY", "NO", "OR", "SO", "TO",
    "AN", "HE", "HI", "OK", "ON", "UP", "US", "WE", "PE", "PR", "TV", "AI",
    "CV", "MD", "ST", NULL };

static int
in_word_codes(const char *code)
{
	for (size_t i = 0; word_codes[i] != NULL; i++)
		if (strcmp(word_codes[i], code) == 0)
			return 1;
	return 0;
}

/* Whether needle occurs in hay as a whole word with exactly this case. */
static int
has_word(const char *hay, const char *needle, size_t nl)
{
	const char	*p = hay;

	while ((p = memmem(p, strlen(p), needle, nl)) != NULL) {
		if ((p == hay || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[nl]))
			return 1;
		p++;
	}
	return 0;
}

/* Whether folded phrase (space-separated words) is in folded text. */
static int
has_phrase(const char *ftext, const char *phrase, size_t pl)
{
	const char *p = ftext;

	while ((p = memmem(p, strlen(p), phrase, pl)) != NULL) {
		if ((p == ftext || p[-1] == ' ') && (p[pl] == ' ' ||
		    p[pl] == '\0'))
			return 1;
		p++;
	}
	return 0;
}

static int
news_country(const char *code, const char *raw, const char *ftext,
    char *found, size_t foundlen)
{
	const char *cn = country_name(code);

	if (cn != NULL) {
		char *f = norm_fold(cn);
		int hit = *f && has_phrase(ftext, f, strlen(f));

		if (hit)
			snprintf(found, foundlen, "%s", cn);
		free(f);
		if (hit)
			return 1;
	}
	for (size_t i = 0; i < sizeof news_countries / sizeof *news_countries;
	    i++) {
		if (strcmp(news_countries[i].code, code) != 0)
			continue;
		for (int pass = 0; pass < 2; pass++) {
			const char *s = pass ? news_countries[i].abbrevs :
			    news_countries[i].names;

			while (*s) {
				const char *e = strchr(s, '|');
				size_t l = e ? (size_t)(e - s) : strlen(s);

				if (l > 0 && (pass ? has_word(raw, s, l) :
				    has_phrase(ftext, s, l))) {
					snprintf(found, foundlen, "%.*s", (int)l, s);
					return 1;
				}
				s += l + (e != NULL);
			}
		}
	}
	if (!in_word_codes(code) && has_word(raw, code, 2)) {
		snprintf(found, foundlen, "%s", code);
		return 1;
	}
	return 0;
}

/* A watched name in free text: every distinctive watched word occurs (same
 * normalisation and variants as for names) within a window a little wider
 * than the name, in any order. The score is the mean word similarity. */
static double
news_name(const struct nname *A, const struct nname *T, struct buf *why)
{
	int	 minpos = 1 << 30, maxpos = -1;
	double	 sum = 0.0;
	size_t	 n = 0;

	if (A->ndist == 0)
		return 0.0;
	for (size_t i = 0; i < A->n; i++) {
		double		 best = 0.0, s;
		const char	*bw = NULL, *w;
		size_t		 bj = 0;

		if (A->t[i].flags & NTOK_COMMON)
			continue;
		for (size_t j = 0; j < T->n; j++)
			if ((s = norm_tok_sim(&A->t[i], &T->t[j], &w)) > best) {
				best = s;
				bw = w;
				bj = j;
			}
		if (best < 0.88)
			return 0.0;
		if (T->t[bj].pos < minpos)
			minpos = T->t[bj].pos;
		if (T->t[bj].pos > maxpos)
			maxpos = T->t[bj].pos;
		sum += best;
		if (why != NULL) {
			char tmp[200];

			snprintf(tmp, sizeof tmp, "%s%s", n ? ", " : "",
			    T->t[bj].fold);
			buf_adds(why, tmp);
			if (strcmp(bw, "same word") != 0) {
				snprintf(tmp, sizeof tmp, " (~%s, %s)",
				    A->t[i].fold, bw);
				buf_adds(why, tmp);
			}
		}
		n++;
	}
	if (maxpos - minpos > (int)A->ndist + 2)
		return 0.0;
	return sum / (double)n;
}

static void
match_news(const struct watchlist *wl, const struct record *r,
    struct matches *out)
{
	const char	*texts[2], *fields[2] = { "title", "summary" };
	struct hits	 h = { 0 };
	struct buf	 why = { 0 };
	char		 found[128], reason[400];
	int		 cdone[256] = { 0 };

	texts[0] = r->name;
	texts[1] = r->extra ? json_string_value(json_object_get(r->extra,
	    "summary")) : NULL;
	for (size_t f = 0; f < 2; f++) {
		struct nname	*T;
		char		*ftext;
		size_t		 nc;
		const uint32_t	*cv;

		if (texts[f] == NULL || *texts[f] == '\0')
			continue;
		T = norm_name(texts[f], 1);
		if (wl->nnames > 0) {
			if (wl->use_index) {
				nc = candidates(wl, T, 1);
				cv = wl->scr->touched;
			} else {
				nc = wl->nnames;
				cv = wl->names;
			}
			for (size_t i = 0; i < nc; i++) {
				const struct watch *w = &wl->v[cv[i]];
				double s;

				buf_reset(&why);
				buf_adds(&why, "");
				s = news_name(w->nm, T, &why);
				if (s + 1e-9 >= thresh_of(w))
					hits_offer(&h, cv[i], s, f, &why);
			}
		}
		ftext = norm_fold(texts[f]);
		for (size_t i = 0; i < wl->ncountries && i < 256; i++) {
			const struct watch *w = &wl->v[wl->countries[i]];

			if (cdone[i] || !news_country(w->code, texts[f], ftext,
			    found, sizeof found))
				continue;
			cdone[i] = 1;
			snprintf(reason, sizeof reason, "the %s mentions %s "
			    "(%s)", fields[f], found, country_name(w->code) ?
			    country_name(w->code) : w->code);
			matches_add(out, w, 1.0, found, fields[f], reason);
		}
		free(ftext);
		free(T);
	}
	for (size_t i = 0; i < h.n; i++) {
		const struct watch *w = &wl->v[h.v[i].w];

		snprintf(reason, sizeof reason, "the %s mentions the watched "
		    "name: %s; score %.3f", fields[h.v[i].name], h.v[i].why,
		    h.v[i].score);
		matches_add(out, w, h.v[i].score, h.v[i].why,
		    fields[h.v[i].name], reason);
		free(h.v[i].why);
	}
	free(h.v);
	buf_free(&why);
}

size_t
match_record(const struct watchlist *wl, const struct record *r,
    struct matches *out)
{
	size_t	before = out->n;

	if (wl == NULL || wl->n == 0)
		return 0;
	if (r->type != NULL && strcmp(r->type, "news") == 0) {
		match_news(wl, r, out);
		return out->n - before;
	}
	match_names(wl, r, out);
	match_countries(wl, r, out);
	match_programs(wl, r, out);
	match_ids(wl, r, out);
	return out->n - before;
}

void
matches_clear(struct matches *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].watch);
		free(m->v[i].matched);
		free(m->v[i].field);
		free(m->v[i].reason);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

const struct match *
matches_find(const struct matches *m, const char *w)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].watch, w) == 0)
			return &m->v[i];
	return NULL;
}

json_t *
matches_to_json(const struct matches *m)
{
	json_t	*a = json_array();

	for (size_t i = 0; i < m->n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:f,s:s,s:s,s:s}",
		    "watch", m->v[i].watch, "kind", m->v[i].kind,
		    "score", round(m->v[i].score * 1000.0) / 1000.0,
		    "matched", m->v[i].matched,
		    "field", m->v[i].field, "reason", m->v[i].reason));
	return a;
}

int
match_has_watch(const struct watchlist *wl, const char *canon)
{
	int	found = 0;

	for (size_t i = 0; wl != NULL && i < wl->n && !found; i++) {
		char *c = match_watch_canon(wl->v[i].text);

		found = strcmp(c, canon) == 0;
		free(c);
	}
	return found;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static json_t *
sorted_folded(const struct strvec *v, int fold)
{
	struct strvec	s = { 0 };
	json_t		*a = json_array();

	for (size_t i = 0; i < v->n; i++)
		strvec_push_owned(&s, fold ? norm_fold(v->v[i]) :
		    xstrdup(v->v[i]));
	if (s.n > 1)
		qsort(s.v, s.n, sizeof *s.v, cmp_str);
	for (size_t i = 0; i < s.n; i++)
		if (i == 0 || strcmp(s.v[i], s.v[i - 1]) != 0)
			json_array_append_new(a, json_string(s.v[i]));
	strvec_clear(&s);
	return a;
}

void
match_content_hash(const struct record *r, char out[65])
{
	struct idents	 ids = { 0 };
	struct strvec	 iv = { 0 };
	json_t		*o;
	char		*name = norm_fold(r->name ? r->name : ""), *s;

	record_idents(r, &ids);
	for (size_t i = 0; i < ids.n; i++)
		strvec_push(&iv, ids.v[i].norm);
	o = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}", "type", r->type ? r->type :
	    "", "name", name, "aliases", sorted_folded(&r->aliases, 1),
	    "programs", sorted_folded(&r->programs, 1),
	    "countries", sorted_folded(&r->countries, 0),
	    "ids", sorted_folded(&iv, 0));
	if (r->type != NULL && strcmp(r->type, "news") == 0 && r->extra) {
		const char *sum = json_string_value(json_object_get(r->extra,
		    "summary"));

		if (sum != NULL)
			json_object_set_new(o, "summary",
			    json_string_nocheck(sum));
	}
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	sha256_hex(s, strlen(s), out);
	free(s);
	json_decref(o);
	strvec_clear(&iv);
	idents_free(&ids);
	free(name);
}
