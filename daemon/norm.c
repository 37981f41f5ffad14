/* norm.c — name normalisation for matching. Lists publish one person under
 * several Latin spellings of a Cyrillic or Arabic original (Perfilev,
 * Perfilyev, Perfiliev; Mohammed, Muhammad) and sometimes the original
 * script itself; this file reduces all of them to tokens that compare equal
 * or nearly so, and remembers which rule made them equal so that an alert
 * can say why. */
#include "daemon/norm.h"
#include "daemon/country.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "daemon/util.h"

/* Spelling-variant rules, applied in this order to each Latin token. */
enum {
	NORM_R_DJ = 1u << 0,	/* dzh/dj/zh → j, Belarusian dzi/dze */
	NORM_R_TCH = 1u << 1,	/* tch/tsch/-itj → ch, sch/sj- → sh, -auna */
	NORM_R_PH = 1u << 2,	/* ph → f */
	NORM_R_K = 1u << 3,	/* q/ck → k */
	NORM_R_X = 1u << 4,	/* x → ks */
	NORM_R_W = 1u << 5,	/* w → v */
	NORM_R_KH = 1u << 6,	/* kh → h */
	NORM_R_GH = 1u << 7,	/* gh → g, th → t, dh → d */
	NORM_R_OU = 1u << 8,	/* ou → u */
	NORM_R_EE = 1u << 9,	/* ee → i, oo → u */
	NORM_R_J = 1u << 10,	/* j → i (Sergej, Jurij) */
	NORM_R_YE = 1u << 11,	/* ye/ie → e */
	NORM_R_Y = 1u << 12,	/* y → i (ii/iy/ij/y) */
	NORM_R_CH = 1u << 13,	/* ch → c (-vich/-vitch/-vic) */
	NORM_R_DOUBLE = 1u << 14, /* doubled letters */
	NORM_R_AL = 1u << 15,	/* el-/ul- → al- */
	NORM_R_AH = 1u << 16,	/* final -ah → -a */
	NORM_R_ABD = 1u << 17,	/* Abdul/Abdel/Abd al → Abd */
	NORM_R_SCRIPT = 1u << 18, /* from Cyrillic or Arabic script */
	NORM_R_AE = 1u << 19,	/* ae → ai (Wael/Wail, Ismael/Ismail) */
	NORM_R_TECH = 1u << 20,	/* tech/tekh → tek */
	NORM_R_CHE = 1u << 21	/* French final -che → sh */
};

static const char *const rule_labels[] = {
	"dzh/dj/zh→j, dzi→di", "tch/tsch/-itj/-auna", "ph→f", "q/ck/hard c→k",
	"x→ks", "w→v", "kh→h", "gh/th/dh→g/t/d", "ou→u", "ee/oo→i/u",
	"j→i", "ye/ie→e", "ij/iy/y→i", "-vich/-vitch/-vic", "double letters",
	"al-/el-", "-ah→-a", "Abdul/Abd al", "original script", "ae→ai",
	"tech/tekh→tek", "French -che→sh"
};

static const char *const honorifics[] = {
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir",
	"dame", "lord", "lady", "sheikh", "shaikh", "shaykh", "sheik",
	"cheikh", "hajji", "haji", "hadji", "hajj", "alhaji", "alhaj", "mullah",
	"mulla", "mollah", "maulana", "maulvi", "mawlawi", "mawlavi", "qari",
	"maulawi", "moulavi", "moulvi", "mowlawi", "mawlana",
	"hon", "rev", "gen", "col", "colonel", "maj", "capt", "captain", "lt",
	"brig", "brigadier", "admiral", "sgt", "cmdr", "commander",
	/* generations: IVANOV JR., Sergey */
	"jr", "snr", "sr", NULL
};

static const char *const legal_words[] = {
	"llc", "ltd", "limited", "ooo", "oao", "zao", "pao", "ao", "jsc",
	"ojsc", "cjsc", "pjsc", "tov", "corp", "corporation", "inc",
	"incorporated", "co", "company", "gmbh", "ag", "sa", "sas", "sarl",
	"srl", "spa", "bv", "nv", "plc", "lp", "llp", "fze", "fzco", "fzc",
	"additional",	/* ODO, the Belarusian additional liability company */
	"fz", "fzllc", "kg", "ab", "oy", "sdn", "bhd", "pte", "pvt", "pty",
	"kft", "zrt", "doo", "ead", "eood", "sro", "zoo", "cie", "lda",
	"ltda", "tic", "sti", "as", "liability", "joint", "stock",
	"obshchestvo", "ogranichennoi", "ogranichennoy", "otvetstvennostyu",
	"aktsionernoe", "zakrytoe", "otkrytoe", "publichnoe", "sherkat",
	"sirketi", "tcaret", "ticaret", "llp", "pllc", "ug", "se",
	/* the same forms in other spellings and languages: Russian
	 * (otkrytoye aktsionernoye obshchestvo), Ukrainian and Belarusian
	 * (tovarystvo z obmezhenoyu vidpovidalnistyu, tavarystva z
	 * abmezhavanay adkaznastsyu), Persian (sherkate), Spanish (sociedad
	 * anonima de capital variable), German (e.V.), the Gulf (WLL, SAOC) */
	"otkrytoye", "aktsionernoye", "zakrytoye", "publichnoye",
	"obschestvo", "obshestvo", "otvestvennostyu", "otvetstvennostiu",
	"otvetstvennostju", "ogranichennoj", "tovarystvo", "tovarystva",
	"tavarystva", "obmezhenoyu", "vidpovidalnistyu", "abmezhavanay",
	"adkaznastsyu", "pao", "nao", "fgup", "gup", "mup", "ip", "odo",
	"chup", "uchrezhdenie", "sherkate", "shirkat", "sirket", "sociedad",
	"anonima", "cv", "rl", "sapi", "sab", "sc", "eirl", "ev", "gbr",
	"ohg", "wll", "saoc", "saog", "bsc", "qsc", "kscc", "pjs", "dmcc",
	"ood", "dd", "jdoo", "closed", "open", "public", "private",
	"limitada", "lc", "pc", "tbk", "pt", "cc", "nl", "sal", "sae",
	"saic", "sak", "ca", "sl", "slu", "njsc", "nak", "jscb", "cjscb",
	"ojscb", "pjscb", "sasu", "eurl", "anonim",
	/* Persian: sherkat-e sahami-e aam, a public company */
	"sahami", "aam",
	/* Russian and Belarusian forms in other cases and spellings
	 * (nepublichnoe aktsionernoe obshchestvo, dochernee aktsionernoe
	 * obshchestvo otkrytogo tipa, adkrytaye aktsyyanernaye tavarystva) */
	"nepublichnoe", "nepublichnoye", "obshchestva", "aktsionernogo",
	"otkrytogo", "zakrytogo", "tipa", "dochernee", "adkrytaye",
	"zakrytaye", "aktsyyanernaye", NULL
};

/* Generic business words; those that name one kind with others, in
 * generic_classes[] below, are generic too and not repeated here. */
static const char *const generic_words[] = {
	"global", "import", "export", "imports", "exports", "logistics",
	"development", "general", "solutions", "systems",
	"national", "petroleum", "oil", "gas", "energy", "marine", "maritime",
	"navigation", "production", "resources", "mining", "agency",
	"partners", "finance", "financial", "ventures", "products", "supply",
	"equipment", "chemical", "chemicals", "transport", "line", "lines",
	"ship", "shipping", "tanker", "vessel", "united", "first", "world",
	/* the same words as they appear translated or transliterated in
	 * list names (Persian sanaye, Russian elektronika, Turkish grup) */
	"kompaniya", "kompaniyasi", "compania", "compagnie", "transportation",
	"research", "nauchno", "issledovatelskii", "proizvodstvennoe",
	"unitarnoe", "unitary", "gosudarstvennoe", "state", "federal",
	"federalnoe", "trust", "scientific", "properties", "property", "real",
	"estate", "resort", "hotel", "hotels", "money", "credit", "pharm",
	"pharma", "pharmaceutical", "pharmaceuticals", "science", "sciences",
	"technical", "laboratory", "media", "shop", "store", "stores",
	"market", "supermarket", "studio", "travel", "tours", "tourism",
	"agro", "auto", "motors", "medical", "logistic", "cargo",
	/* Russian words in other cases and spellings */
	"proizvodstvennaya", "proizvodstvennoye", "unitarnaye",
	"spetsializirovannyi", "zastroishchik", "firm", "firma",
	"vneshneekonomicheskoe", "nii", "remittance", "remittances", "freight",
	/* Turkish and Persian (denizcilik, maritime; gemi, ship; naft, oil;
	 * tose'e, development) */
	"denizcilik", "gemi", "naft", "tose", "tosee", "toseh", "ithalat",
	"ihracat", "gozari", "attistibas", "gorno", "gornaya", "gornyi",
	"forwarding", "payments", "payment", "innovations", "innovation",
	"boutique", "security", "madrasa", "madrassa", "madrasah",
	"madrassah", NULL
};

/*
 * Generic words that name the same kind of body: publishers call one
 * charity AL-SALAH SOCIETY and AL-SALAH ASSOCIATION, one airline AIR
 * BUTEMBO and BUTEMBO AIRLINES, and translate STICHTING (Dutch) or
 * FORENINGEN (Danish) as FOUNDATION. Two words of one class pair as a
 * near match instead of each counting as missing. Classes, '|'-separated.
 */
static const char *const generic_classes[] = {
	"society|association|foundation|organization|organisation|committee|"
	    "charity|charitable|institute|institut|instituto|stichting|"
	    "foreningen|verein|asbl|"
	    "establishment|est|institution|muassasa|muassasat|moassese|"
	    "stiftelse|forening|fundacion|fondation|stiftung|fond|fonds|vakfi|"
	    "fund|jamia|jamiat|jamiyat|jamiyah|jamaat|khayriyya|khayriyyah|"
	    "khairia|kheiriyeh|relief|welfare|obedinenie|obyedinenie|"
	    "obyedineniye|obedineniye|dzemijetul|dzemilijati",
	"air|airlines|airline|airways|aviation|aircompany|aviakompaniya|"
	    "havacilik|havayollari|wings",
	"trading|trade|traders|commercial|commerce|torgovyi|torgovaya|tijarat|"
	    "tejarat|treyding|treiding",
	"industries|industrial|industry|factory|factories|manufacturing|"
	    "sanaye|sanayeh|sanayi|sanat|sanaat|promyshlennost|zavod|plant|"
	    "kombinat",
	"center|centre|academy|tsentr|markaz|merkezi",
	"electronics|electronic|elektronika|elektronik|elektroniki",
	"bank|bankasi|banka|banco|banque|cb|kb|akb",
	"holding|holdings|kholding|kholdingovaya",
	"group|grup|gruppa|grupo|groupe|gruppe|goruh",
	"international|intl|mezhdunarodnaya|mezhdunarodnyi|internacional|"
	    "internationale",
	"technology|technologies|tech|tekhnologii|tekhnologiya|tekh|"
	    "teknoloji",
	"services|service|servis|servisi|uslugi|servicios|hizmetleri|hizmet",
	"investment|investments|invest|investitsii|investitsionnaya|"
	    "inversiones|ic|"
	    "sarmayegozari|yatirim|yatirimlari",
	"construction|stroitelnaya|insaat|construcciones|building|sakhteman",
	"insurance|strakhovaya",
	"enterprise|enterprises|predpriyatie|predpriyatiye|pradpryemstva",
	"republican|respublikanskoe|respublikanskoye|respublikanskaye",
	"concern|kontsern",
	"new|novyi|novyy|novaya|novoe|novoye|novye",
	"office|bureau|branch|division|department|directorate|mktb|maktab|"
	    "makhtab",
	"exchange|srafi|srafa|sarafi|sarrafi",
	"network|shbka|shbkh|shabaka|shabakat",
	"movement|hrka|harakat|harakah",
	"engineering|inzhiniring|inzhenernaya|inzhenernyi",
	"consulting|konsalting|consultancy|consultants",
	"management|menedzhment|upravlyayushchaya|upravlyayushtaya|mc",
	"project|projects|proekt|proyekt",
	"capital|kapital|sarmaye",
	"complex|kompleks",
	"oil|naft|neft|petroleum",
	"agency|agentura|agentstvo|agencia|agence",
	"auto|avto|automobile|automobiles|avtomobil",
	"television|televizionnaya|tv|radio|broadcasting|station|channel|kanal|"
	    "satellite|teleradiokompaniya",
	NULL
};

/*
 * Words of an organisation's name and the words the other name translates
 * them with: the UN gives الجماعة الاسلامية المسلحة as ARMED ISLAMIC GROUP,
 * OFAC GAMA'A AL-ISLAMIYYA as ISLAMIC GROUP. Each line is a class whose
 * words pair as two generic words of one kind do; the first word names it,
 * and a line whose first word is of a class of generic_classes[] is that
 * class. A word keeps its weight: JAMA'A is generic only as GROUP is, and
 * ISLAMIC is as distinctive as ever. Lines, '|'-separated; the Arabic
 * words as norm_name() transliterates them (الجماعة, jmaaa) and as the
 * lists spell them.
 */
static const char *const translations[] = {
	"group|jmaaa|jmaa|jamaa|jamaah|gamaa",
	"state|dula|dawla|dawlah|dawlat|daula|daulah",
	"front|jbha|jabhat|jabha|jabhah",
	"islamic|islami|islamia|islamiya|islamiyah|islamiyya|islamiyyah|"
	    "aslami|aslamia|islamique|islomiy",
	"armed|mslha|musallaha|musallah",
	"fighting|combatant|combattante|combattant|mqatla|muqatila|muqatilah",
	"army|jish|jaish|jaysh|jeish",
	"egyptian|msri|misri|masri",
	"libyan|libia|libiya|libiyya",
	"tunisian|tunsia|tunisiya|tunisiyya",
	"moroccan|mghrbia|maghribiya|maghribiyya",
	"arabian|arb",
	"peninsula|jzira|jazira|jazirat|jezira",
	"levant|sham|shaam",
	"in|fi",
	/* Given names as other languages write them: OFAC gives Mykola and
	 * Nikolai, Volodymyr and Vladimir, Yusuf and Joseph for one person */
	"nikolai|nikolay|mykola|nicholas|nikola|mikola",
	"vladimir|volodymyr",
	"aleksandr|oleksandr|alexander|alexandr|aleksander|iskandar",
	"aleksei|aleksey|alexei|alexey|oleksiy|oleksii|oleksij",
	"sergei|sergey|serhiy|serhii|serhij",
	"yevgeny|yevgeniy|evgeny|evgeniy|yevhen|yevhenii|eugene",
	"dmitry|dmitri|dmitriy|dmytro",
	"andrei|andrey|andriy|andrii|andrew",
	"yelena|elena|olena|helen|helena",
	"olga|olha",
	"grigory|grigoriy|hryhoriy|hryhorii|gregory",
	"georgy|georgiy|heorhiy|heorhii|george",
	"mikhail|mykhailo|mykhaylo|michael",
	"pavel|pavlo|paul",
	"pyotr|petr|petro|peter",
	"yuri|yuriy|yurii|iurii",
	"vasily|vasiliy|vasyl",
	"fyodor|fedor|fedir",
	"oleg|oleh",
	"igor|ihor",
	"anatoly|anatoliy|anatolii",
	"joseph|yusuf|youssef|yousef|yusef|iosif|josef|jozef|yosef",
	"jacob|yaqub|yakub|yakov|jakob",
	"abraham|ibrahim|avraam|avraham",
	"moses|musa|moussa",
	"david|daud|dawood|dawud",
	"gabriel|jibril|jibreel",
	"elias|ilyas|ilya",
	NULL
};

static const char *const particles[] = {
	"al", "el", "ul", "ol", "ad", "ar", "as", "ash", "at", "az", "bin",
	"ben", "bint", "ibn", "abu", "abou", "ould", "abd", "de", "da", "do",
	"das", "dos", "del", "della", "di", "du", "des", "la", "le", "van",
	"von", "der", "den", "ten", "y", "e", "and", "of", "the", "for",
	"und", "et", "wa", "va", "ve", NULL
};

/*
 * Given names that share their consonants and are still other names,
 * each with the ways the lists spell it: Muhammad is not Mahmud, Said
 * not Saud nor Saad, Tariq not Turki (Arabic writes the long vowels
 * that tell them apart, and romanisations keep them), Khalid not Khalil
 * nor Hamid, Jose not Jesse (BIS DPL names against OFAC's). Two words
 * of two different lines here are not paired however alike they look.
 * Only names the lists themselves never confuse: OFAC and the UN give
 * Hassan for Hossein, Salman for Suleiman, Hammud for Hamid and the
 * Somali Mohamud for Mohamed as aliases of one person, so those are left
 * out.
 */
static const char *const name_families[] = {
	"muhammad|mohammad|mohammed|muhammed|mohamed|muhamed|mohamad|"
	    "muhamad|mouhamed|mouhammad|mohd|mhd|mahomed",
	"mahmud|mahmoud|mahmood|mehmood|mehmud|mahmut|mahmod",
	"hamid|hameed|hamed",
	"hamad|hammad",
	"said|saeed|saied|saeid|saiid",
	"saud|saoud",
	"saad|sad",
	"tariq|tarik|tareq|tarek|tareck",
	"turki|torki",
	"abid|abed|aabid",
	"obaid|ubaid|obeid|ubayd|obeyd|oubaid",
	"abdullah|abdallah|abdulla|abdalla|abdollah|abdulah|abdalah",
	"ubaidullah|obaidullah|ubaydullah|obaidallah|ubaidallah|obeidullah",
	"asad|assad|asaad|assaad",
	"obaidah|ubaidah|obaida|ubaida|ubaydah|ubayda|obeida|obeidah",
	"khalifa|khalifah|khalife",
	"huzaifa|huzaifah|hudhaifa|hudhayfa|huthaifa|hozaifa",
	"haifa|hayfa",
	"khalid|khaled|khaleed|khalied",
	"khalil|khaleel|khalyl",
	"jose",
	"jesse|jessie|jessy",
	"jesus",
	"mario",
	"marco|marko",
	NULL
};

/* Skeletons of given names so common that sharing one says little. */
static const char *const frequent_skels[] = {
	"ali", "ahmad", "ahmed", "hasan", "husein", "husain", "abdula",
	"abdala", "han", "umar", "omar", "ibrahim", "iusuf", "iusef",
	"mahmud", "mustafa", "mostafa", "muhamad", "mohamad", "mohamed",
	"muhamed", "mahomed", "said", "saied", "abdulah", "abdalah", NULL
};


static uint32_t
str_hash(const char *s, size_t *len)
{
	uint32_t	h = 2166136261u;
	size_t		n = 0;

	for (; s[n]; n++)
		h = (h ^ (unsigned char)s[n]) * 16777619u;
	*len = n;
	return h;
}

/*
 * The word lists above, as one hash table built once: classify() looks up
 * every word of a million watched names, and a walk of the lists was most
 * of the index build.
 */
enum {
	WL_LEGAL = 1, WL_PARTICLE = 2, WL_GENERIC = 4, WL_FREQUENT = 8,
	WL_HONORIFIC = 16, WL_PLACE = 32
};

#define WORDTAB_SIZE	4096	/* a power of two, over twice the words */

static struct wordtab_slot {
	const char	*w;
	uint8_t		 lists;
	uint8_t		 gclass;
	uint8_t		 family;	/* name_families line, 1-based */
} wordtab[WORDTAB_SIZE];
static pthread_once_t wordtab_once = PTHREAD_ONCE_INIT;

static struct wordtab_slot *
wordtab_slot(const char *s)
{
	size_t	 len;
	uint32_t h = str_hash(s, &len) & (WORDTAB_SIZE - 1);

	while (wordtab[h].w != NULL && strcmp(wordtab[h].w, s) != 0)
		h = (h + 1) & (WORDTAB_SIZE - 1);
	return &wordtab[h];
}

static void
wordtab_add(const char *const *list, uint8_t bit)
{
	for (size_t i = 0; list[i] != NULL; i++) {
		struct wordtab_slot *sl = wordtab_slot(list[i]);

		/* a word taken already (IBRAHIM, a frequent name and of a
		 * line of translations[]) keeps its copy */
		if (sl->w == NULL)
			sl->w = list[i];
		sl->lists |= bit;
	}
}

/* The slot of w, which the table keeps (or frees when it has the word
 * already) for the process's life. */
static struct wordtab_slot *
wordtab_take(char *w)
{
	struct wordtab_slot *sl = wordtab_slot(w);

	if (sl->w == NULL)
		sl->w = w;
	else
		free(w);
	return sl;
}

/* Calls fn(word, line) for each word of lines ('|'-separated, line
 * numbers 1-based); fn owns the word. */
static void
wordtab_add_lines(const char *const *lines, void (*fn)(char *, uint8_t))
{
	for (size_t c = 0; lines[c] != NULL; c++)
		for (const char *p = lines[c]; *p; ) {
			size_t l = strcspn(p, "|");

			fn(xstrndup(p, l), (uint8_t)(c + 1));
			p += l + (p[l] == '|');
		}
}

/* A word of generic_classes[]: generic, with the first class that lists
 * it. */
static void
wordtab_add_class(char *w, uint8_t line)
{
	struct wordtab_slot *sl = wordtab_take(w);

	sl->lists |= WL_GENERIC;
	if (sl->gclass == 0)
		sl->gclass = line;
}

/* A word of line `line` of translations[]: the class of the line's first
 * word where generic_classes[] gives it one, else a class of the line's
 * own; a word that has a class keeps it. */
static void
wordtab_add_translation(char *w, uint8_t line)
{
	const char		*head = translations[line - 1];
	char			*h = xstrndup(head, strcspn(head, "|"));
	uint8_t			 id = wordtab_slot(h)->gclass;
	struct wordtab_slot	*sl;

	free(h);
	if (id == 0)
		id = (uint8_t)(NORM_GCLASS_TRANS | line);
	sl = wordtab_take(w);
	if (sl->gclass == 0)
		sl->gclass = id;
}

static uint32_t skeleton(const char *, char *, size_t);

/* A spelling of name_families[], and its skeleton, with its line. */
static void
wordtab_add_family(char *w, uint8_t line)
{
	char			 skel[64];
	struct wordtab_slot	*sl;

	skeleton(w, skel, sizeof skel);
	if ((sl = wordtab_take(w))->family == 0)
		sl->family = line;
	if ((sl = wordtab_take(xstrdup(skel)))->family == 0)
		sl->family = line;
}

static void
wordtab_add_place(const char *w, void *arg)
{
	(void)arg;
	wordtab_take(xstrdup(w))->lists |= WL_PLACE;
}

/* Words of a country that name none on their own (KOREA is two) or that
 * the country table does not read (demonyms): KOREA DAESONG BANK, IRANIAN
 * OFFSHORE ENGINEERING. */
static const char *const place_words[] = {
	"korea", "korean", "lebanese", "kuwaiti", "pakistani", "iranian",
	"egyptian", "libyan", "sudanese", "ethiopian", "turkish",
	"belarusian", "ukrainian", "venezuelan", "cuban", "emirati",
	"burmese", "somali", "palestinian", "uk", NULL
};

static void
wordtab_init(void)
{
	wordtab_add(legal_words, WL_LEGAL);
	wordtab_add(particles, WL_PARTICLE);
	wordtab_add(generic_words, WL_GENERIC);
	wordtab_add_lines(generic_classes, wordtab_add_class);
	wordtab_add_lines(translations, wordtab_add_translation);
	wordtab_add(frequent_skels, WL_FREQUENT);
	wordtab_add(honorifics, WL_HONORIFIC);
	wordtab_add_lines(name_families, wordtab_add_family);
	country_each_word(wordtab_add_place, NULL);
	for (size_t i = 0; place_words[i] != NULL; i++)
		wordtab_add_place(place_words[i], NULL);
}

/* The lists (WL_*) word s is on. */
static uint8_t
word_lists(const char *s)
{
	pthread_once(&wordtab_once, wordtab_init);
	return wordtab_slot(s)->lists;
}

/* Cyrillic U+0430..U+044F, then U+0450..U+045F (BGN/PCGN-like). */
static const char *const cyr_lower[] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n",
	"o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch",
	"", "y", "", "e", "yu", "ya"
};
static const char *const cyr_ext[] = {
	"e", "e", "dj", "g", "ye", "s", "i", "yi", "j", "l", "n", "c", "k",
	"i", "u", "dz"
};

/* Arabic letters U+0621..U+064A. Short vowels are unwritten, so these give
 * consonant skeletons that meet the Latin side in the consonant key. */
static const char *const arabic[0x64b - 0x621] = {
	/* 0621 */ "", "a", "a", "", "i", "", "a", "b", "a", "t", "th", "j",
	/* 062d */ "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d", "t",
	/* 0638 */ "z", "a", "gh", "", "", "", "", "", "", "f", "q", "k", "l",
	/* 0645 */ "m", "n", "h", "u", "a", "i"
};

/* Latin letters from outside ASCII that NFKC and mark stripping keep. */
static const char *
latin_extra(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0xf8: return "o";		/* ø */
	case 0xe6: return "ae";
	case 0x153: return "oe";
	case 0x111: return "d";		/* đ */
	case 0x142: return "l";		/* ł */
	case 0x131: return "i";		/* dotless i */
	case 0xfe: return "th";
	case 0xf0: return "d";
	case 0xdf: return "ss";
	case 0x127: return "h";
	default: return NULL;
	}
}

/* Latin for one code point, or NULL to keep its UTF-8 bytes; *script is
 * set when it came from Cyrillic or Arabic (2 for Arabic). */
static const char *
translit(utf8proc_int32_t cp, int *script)
{
	const char *l;

	if (cp >= 0x430 && cp <= 0x44f) {
		*script = 1;
		return cyr_lower[cp - 0x430];
	}
	if (cp >= 0x450 && cp <= 0x45f) {
		*script = 1;
		return cyr_ext[cp - 0x450];
	}
	if (cp == 0x491) {		/* ґ */
		*script = 1;
		return "g";
	}
	if (cp >= 0x621 && cp <= 0x64a) {
		*script = 2;
		if (cp == 0x639)	/* ayn: written as a vowel in Latin */
			return "a";
		if (cp == 0x644)
			return "l";
		return arabic[cp - 0x621];
	}
	switch (cp) {			/* Persian and Urdu letters */
	case 0x67e: *script = 2; return "p";
	case 0x686: *script = 2; return "ch";
	case 0x698: *script = 2; return "zh";
	case 0x6a9: *script = 2; return "k";
	case 0x6af: *script = 2; return "g";
	case 0x6cc: *script = 2; return "i";
	case 0x6c1: *script = 2; return "h";
	/* Urdu and Pashto letters */
	case 0x679: *script = 2; return "t";
	case 0x67c: *script = 2; return "t";
	case 0x681: *script = 2; return "dz";
	case 0x685: *script = 2; return "ts";
	case 0x688: *script = 2; return "d";
	case 0x689: *script = 2; return "d";
	case 0x691: *script = 2; return "r";
	case 0x693: *script = 2; return "r";
	case 0x696: *script = 2; return "zh";
	case 0x69a: *script = 2; return "sh";
	case 0x6ab: *script = 2; return "g";
	case 0x6ba: *script = 2; return "n";
	case 0x6bc: *script = 2; return "n";
	case 0x6cd: *script = 2; return "y";
	case 0x6d0: *script = 2; return "e";
	case 0x6be: *script = 2; return "h";	/* heh doachashmee */
	case 0x6c0: *script = 2; return "h";
	case 0x6d5: *script = 2; return "a";	/* ae */
	case 0x6c6: *script = 2; return "o";	/* Uyghur oe */
	case 0x6c7: *script = 2; return "u";
	case 0x6c8: *script = 2; return "u";
	case 0x6d2: *script = 2; return "e";
	case 0x671: *script = 2; return "a";
	}
	if ((l = latin_extra(cp)) != NULL)
		return l;
	return NULL;
}

static int
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Replaces from with to in s (cap bytes) where allowed: 0 anywhere, 1 only
 * at the start, 2 anywhere but the start. Returns 1 when it changed s. */
static int
subst(char *s, size_t cap, const char *from, const char *to, int where)
{
	size_t	fl = strlen(from), tl = strlen(to);
	int	changed = 0;
	char	*p = s;

	while ((p = strstr(p, from)) != NULL) {
		size_t	len = strlen(s);

		if ((where == 1 && p != s) || (where == 2 && p == s)) {
			p++;
			continue;
		}
		if (len - fl + tl + 1 > cap)
			break;
		memmove(p + tl, p + fl, len - (size_t)(p - s) - fl + 1);
		memcpy(p, to, tl);
		p += tl;
		changed = 1;
		if (where == 1)
			break;
	}
	return changed;
}

static int
ascii_word(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Folds doubled letters (not digits): Mohammed/Mohamed, Seyyed/Seyed. */
static uint32_t
collapse(char *out)
{
	size_t		n = 0;
	uint32_t	r = 0;

	for (size_t i = 0; out[i]; i++) {
		if (n > 0 && out[n - 1] == out[i] &&
		    !isdigit((unsigned char)out[i])) {
			r = NORM_R_DOUBLE;
			continue;
		}
		out[n++] = out[i];
	}
	out[n] = '\0';
	return r;
}

/* A hard c (not before e, i, y or h) as k, as Russian and Turkish
 * transliterations write it: Ascon/Askon, Ocean/Okean, Taco/Tako.
 * Returns 1 when it changed s. */
static int
hard_c(char *s)
{
	int	changed = 0;

	for (char *p = s; *p; p++)
		if (*p == 'c' && strchr("eiyh", p[1]) == NULL) {
			*p = 'k';
			changed = 1;
		}
	return changed;
}

/* Belarusian ць before a vowel (tsia, tsio, tsie) as the Russian soft т:
 * "tsi" becomes "t". Returns 1 when it changed s. */
static int
tsi_soft(char *s)
{
	int	changed = 0;

	for (char *p = s; (p = strstr(p, "tsi")) != NULL; p++)
		if (p != s && is_vowel(p[3])) {
			memmove(p + 1, p + 3, strlen(p + 3) + 1);
			changed = 1;
		}
	return changed;
}

/* The skeleton of one folded token into out (cap bytes); returns the rules
 * that changed it. */
static uint32_t
skeleton_j(const char *fold, char *out, size_t cap, int keep_j)
{
	uint32_t	r = 0;
	size_t		n;

	/* as snprintf(out, cap, "%s", fold) would, which was a tenth of
	 * the time here */
	n = strlen(fold);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, fold, n);
	out[n] = '\0';
	if (!ascii_word(out))
		return 0;
	/* Swedish and German transliterations of Russian: -vitj, -witsch,
	 * Sj- (Andrejevitj, Radschapovitsch, Sjapetska); Belarusian -auna
	 * for -avna (Ivanauna) */
	if (n > 6 && strcmp(out + n - 4, "vits") == 0 &&
	    subst(out, cap, "vits", "vich", 2))
		r |= NORM_R_TCH;
	/* Belarusian -au for the Russian -ov: Ipatau, Kubrakou */
	if (n > 4 && strcmp(out + n - 2, "au") == 0 && !is_vowel(out[n - 3])) {
		out[n - 2] = 'o';
		out[n - 1] = 'v';
		r |= NORM_R_TCH;
	}
	n = strlen(out);
	if (n > 6 && (strcmp(out + n - 4, "auna") == 0 ||
	    strcmp(out + n - 4, "euna") == 0)) {
		out[n - 3] = 'v';
		r |= NORM_R_TCH;
	}
	/* French spells the Arabic sh as ch, with a silent e after it at
	 * the end: AYACHE is AYASH */
	if (n > 4 && strcmp(out + n - 3, "che") == 0) {
		strcpy(out + n - 3, "sh");
		n--;
		r |= NORM_R_CHE;
	}
	if (n > 5 && strcmp(out + n - 3, "itj") == 0 &&
	    subst(out, cap, "itj", "ich", 0))
		r |= NORM_R_TCH;
	if (subst(out, cap, "tsch", "ch", 0) | subst(out, cap, "sch", "sh", 0) |
	    subst(out, cap, "sj", "sh", 1))
		r |= NORM_R_TCH;
	if (subst(out, cap, "dzh", "j", 0) | subst(out, cap, "dj", "j", 0) |
	    subst(out, cap, "zh", "j", 0))
		r |= NORM_R_DJ;
	/* Belarusian дз for the Russian soft д, and Уладзімір for Владимир:
	 * Dzmitriy, Vadzim, Uladzimir; ць for the soft т before a vowel:
	 * Artsiom (Artem), Vetsianevich (Vetenevich) */
	if (subst(out, cap, "dzi", "di", 0) | subst(out, cap, "dze", "de", 0) |
	    subst(out, cap, "uladi", "vladi", 1) | tsi_soft(out))
		r |= NORM_R_DJ;
	if (subst(out, cap, "tch", "ch", 0))
		r |= NORM_R_TCH;
	/* tech as Russian writes it: TECHNOPROMEXPORT, TEKHNOPROMEKSPORT */
	if (subst(out, cap, "tekh", "tek", 0) | subst(out, cap, "tech", "tek", 0))
		r |= NORM_R_TECH;
	if (subst(out, cap, "ph", "f", 0))
		r |= NORM_R_PH;
	if (subst(out, cap, "ck", "k", 0) | subst(out, cap, "q", "k", 0) |
	    hard_c(out))
		r |= NORM_R_K;
	if (subst(out, cap, "x", "ks", 0))
		r |= NORM_R_X;
	if (subst(out, cap, "w", "v", 0))
		r |= NORM_R_W;
	if (subst(out, cap, "kh", "h", 0))
		r |= NORM_R_KH;
	if (subst(out, cap, "gh", "g", 0) | subst(out, cap, "th", "t", 0) |
	    subst(out, cap, "dh", "d", 0))
		r |= NORM_R_GH;
	if (subst(out, cap, "ou", "u", 0))
		r |= NORM_R_OU;
	if (subst(out, cap, "ee", "i", 0) | subst(out, cap, "oo", "u", 0))
		r |= NORM_R_EE;
	if (subst(out, cap, "ye", "e", 1))
		r |= NORM_R_YE;
	for (char *p = out; *p; p++)
		if (*p == 'j' && !keep_j) {
			*p = 'i';
			r |= NORM_R_J;
		} else if (*p == 'y') {
			*p = 'i';
			r |= NORM_R_Y;
		}
	r |= collapse(out);
	if (subst(out, cap, "ie", "e", 2))
		r |= NORM_R_YE;
	/* Arabic hamza written ae, a'i or ai: Wael, Wa'il; Ismael, Ismail;
	 * Raed, Ra'id; and ay before a vowel: Sugayer, Sughayr */
	if (subst(out, cap, "ae", "ai", 0))
		r |= NORM_R_AE;
	if (subst(out, cap, "ch", "c", 0))
		r |= NORM_R_CH;
	r |= collapse(out);
	n = strlen(out);
	if (n > 3 && out[n - 2] == 'a' && out[n - 1] == 'h') {
		out[n - 1] = '\0';
		r |= NORM_R_AH;
	}
	/* not il: a Korean given name (KIM, Kyong Il), rarely an article */
	if (strcmp(out, "el") == 0 || strcmp(out, "ul") == 0 ||
	    strcmp(out, "ol") == 0) {
		strcpy(out, "al");
		r |= NORM_R_AL;
	}
	return r;
}

static uint32_t
skeleton(const char *fold, char *out, size_t cap)
{
	return skeleton_j(fold, out, cap, 0);
}

/* A consonant key: a leading vowel is '_', other vowels dropped, repeats
 * folded. "" when fewer than three characters or not ASCII. */
static void
consonant_key(const char *skel, char *out, size_t cap)
{
	size_t	o = 0;

	out[0] = '\0';
	if (!ascii_word(skel) || cap < 2)
		return;
	for (const char *p = skel; *p && o + 1 < cap; p++) {
		char c = *p;

		/* و is v/w or a vowel: Wazir and Uzir (وزیر) */
		if (p == skel && (is_vowel(c) || c == 'v')) {
			out[o++] = '_';
			continue;
		}
		/* v/w is a vowel in Arabic script (و) as often as not */
		if (is_vowel(c) || c == 'v')
			continue;
		/* Г is g in Russian and h in Ukrainian and Belarusian (Igor,
		 * Ihor; Gubareva, Hubareva), and Russian writes Arabic h as g
		 * (Gamid for Hamid); not at the end, where an h is dropped */
		if (c == 'g' && p[1] != '\0')
			c = 'h';
		/* Korean and Chinese romanisations write one sound ch and
		 * j (McCune-Reischauer Chong, Revised Jong; Wade-Giles Chang,
		 * pinyin Zhang) */
		if (c == 'j')
			c = 'c';
		/* Dutch and old Indonesian spellings write kh as ch (c in a
		 * skeleton) after a vowel and before a consonant: Achmad,
		 * Mochtar, Rochman, Achwan (Akhwan) */
		if (c == 'c' && p > skel && is_vowel(p[-1]) && p[1] != '\0' &&
		    !is_vowel(p[1]) && p[1] != 'y')
			c = 'h';
		/* French writes sh as ch: Hicham, Achour, Darwich */
		if (c == 's' && p[1] == 'h') {
			c = 'c';
			p++;
		}
		if (o > 0 && out[o - 1] == c)
			continue;
		out[o++] = c;
	}
	/* A final h is as often unwritten as written: Latin -ah/-eh against
	 * Arabic ه (Habibullah, حبیب الله); not an h before a final vowel
	 * (Olha, Olga). */
	if (o > 2 && out[o - 1] == 'h' && skel[strlen(skel) - 1] == 'h')
		o--;
	out[o] = '\0';
	/* "_l" (Ali, Ala, Eli) says too little; "cl" (Cheol, Chol) will do */
	if (o < 2 || (o == 2 && out[0] == '_'))
		out[0] = '\0';
}

/*
 * The consonant key of a word from its skeleton, but with j kept as a
 * consonant: the skeleton reads j as y (Sergej, Jurij), which is right for
 * Slavic names, and the skeletons still meet there; in Arabic, Persian and
 * Turkic names j is a consonant a key must keep (Javed, Javaid; Zhalolov,
 * Jalolov).
 */
static void
key_of(const char *fold, const char *skel, char *out, size_t cap)
{
	char	tmp[256];

	if ((strchr(fold, 'j') == NULL && strstr(fold, "zh") == NULL) ||
	    strlen(fold) * 2 + 8 > sizeof tmp) {
		consonant_key(skel, out, cap);
		return;
	}
	skeleton_j(fold, tmp, sizeof tmp, 1);
	consonant_key(tmp, out, cap);
}


/*
 * The class key of a folded word: what an Arabic-script name and its Latin
 * spellings keep in common. Arabic writes no short vowels, and its letters
 * reach Latin several ways: ض as d or z, ث as th or s, ظ as z or dh, ق as
 * q, k or g, ه and ح as h or nothing, و as w, v, u or o (فضل Fazl, وثيق
 * Wassiq, مظلوم Mazloom, حافظ Hafez and Hafid). So vowels, w, v, y and h
 * (with kh) are dropped, the dentals and sibilants (s z c t d, sh th dh zh
 * ch ts) are one class, k q g gh another, b p a third, and repeats fold.
 * Compared only between a word from Arabic script and a Latin one: between
 * two Latin words it is far too coarse. Returns 0 when no consonant is
 * left; bit 1 is set when one or two are (a weaker match).
 */
static uint32_t
class_key_hash(const char *fold)
{
	char	 out[64];
	size_t	 o = 0, nc = 0, dummy;

	if (!ascii_word(fold))
		return 0;
	for (const char *p = fold; *p && o + 1 < sizeof out; p++) {
		char c = *p;

		if (p[1] == 'h' && strchr("sctdzkgp", c) != NULL) {
			/* digraphs: one letter of the class of the first */
			p++;
			if (c == 'k')
				continue;	/* kh: as h */
			if (c == 'p')
				c = 'f';
		}
		if (p == fold && (c == 'w' || c == 'v')) {
			out[o++] = 'w';		/* Wali, ولی */
			nc++;
			continue;
		}
		switch (c) {
		case 'a': case 'e': case 'i': case 'o': case 'u': case 'v':
		case 'w': case 'y': case 'h':
			if (p == fold && c != 'h')
				out[o++] = '_';
			continue;
		case 's': case 'z': case 'c': case 't': case 'd':
			c = 's';
			break;
		case 'k': case 'q': case 'g':
			c = 'k';
			break;
		case 'p':
			c = 'b';
			break;
		case 'x':
			c = 's';	/* ks */
			break;
		default:
			break;
		}
		if (o > 0 && out[o - 1] == c)
			continue;
		out[o++] = c;
		nc++;
	}
	out[o] = '\0';
	/* a word of h and vowels only keeps its h: حی and Hai, يحيى and
	 * Yahya (a weaker match, as below) */
	if (nc == 0 && strchr(fold, 'h') != NULL && strstr(fold, "kh") == NULL)
		return (str_hash("h", &dummy) & ~3u) | 3u;
	if (nc == 0)
		return 0;
	/* bit 1 set: one or two consonants only (طه Taha), a weaker match */
	return (str_hash(out, &dummy) & ~3u) | (nc <= 2 ? 3u : 1u);
}

/*
 * The class key puts the dentals and sibilants in one class and folds a
 * run of them into one: right for ض as d or z, ث as th or s, and wrong for
 * THEASIAN (th, s) against حسين (s), or CIMEX against دوست محمد (d s t).
 * dentals_agree() checks them letter by letter: each run of dentals and
 * sibilants (other consonants end a run; vowels, h and w do not) must
 * have as many letters on each side, a doubled letter counted once, and
 * each letter of the Arabic word's transliteration (ar) one the Latin word
 * (la) may write for it.
 */
struct dental {
	const char	*ar;		/* transliterated Arabic letter */
	const char	*latin;		/* ' '-separated Latin spellings */
};

static const struct dental dentals[] = {
	{ "t",	" t th d " },		/* ت ط; Turkish -met for -mad */
	{ "th",	" th t s " },		/* ث */
	{ "d",	" d z dh t " },		/* د; ض as z or dh */
	{ "dh",	" dh z d th " },	/* ذ */
	{ "z",	" z dh d th s " },	/* ز ظ (Kazim, Kadhim, Kathim) */
	{ "s",	" s c x z sh " },	/* س ص */
	{ "sh",	" sh ch s " },		/* ش; French ch */
	{ "ch",	" ch c sh ts " },	/* چ */
	{ "zh",	" zh z j " },		/* ژ */
	{ "ts",	" ts s c z " },		/* Pashto څ */
	{ "dz",	" dz z d " },		/* Pashto ځ */
};

/* The next dental or sibilant of s at *i as a unit into u (3 bytes):
 * 0 at the end of the run (another consonant) or of s. */
static int
dental_next(const char *s, size_t *i, char u[3])
{
	for (; s[*i] != '\0'; (*i)++) {
		char c = s[*i], n = s[*i + 1];

		if (is_vowel(c) || c == 'h' || c == 'w' || c == 'v' ||
		    c == 'y' || c == '\'')
			continue;
		if (c == 'k' && n == 'h') {	/* kh: as h */
			(*i)++;
			continue;
		}
		if (n != '\0' && ((n == 'h' && strchr("stdzc", c) != NULL) ||
		    (c == 't' && n == 's') || (c == 'd' && n == 'z'))) {
			u[0] = c;
			u[1] = n;
			u[2] = '\0';
			*i += 2;
			return 1;
		}
		if (strchr("stdzcx", c) == NULL)
			return 0;
		u[0] = c;
		u[1] = '\0';
		(*i)++;
		return 1;
	}
	return 0;
}

static int
dental_spells(const char *ar, const char *la)
{
	char	pat[8];

	if (strcmp(ar, la) == 0)
		return 1;
	snprintf(pat, sizeof pat, " %s ", la);
	for (size_t i = 0; i < sizeof dentals / sizeof *dentals; i++)
		if (strcmp(dentals[i].ar, ar) == 0)
			return strstr(dentals[i].latin, pat) != NULL;
	return 0;
}

static int
dentals_agree(const char *ar, const char *la)
{
	size_t	i = 0, j = 0;

	if (!ascii_word(ar) || !ascii_word(la))
		return 1;
	for (;;) {
		char	ua[3], ul[3], pa[3] = "", pl[3] = "";
		int	ga, gl;

		/* one run on each side, doubled letters counted once */
		for (;;) {
			ga = dental_next(ar, &i, ua);
			while (ga && strcmp(ua, pa) == 0)
				ga = dental_next(ar, &i, ua);
			gl = dental_next(la, &j, ul);
			while (gl && strcmp(ul, pl) == 0)
				gl = dental_next(la, &j, ul);
			if (ga != gl)
				return 0;
			if (!ga)
				break;
			if (!dental_spells(ua, ul))
				return 0;
			memcpy(pa, ua, 3);
			memcpy(pl, ul, 3);
		}
		/* past the consonant that ended the run */
		while (ar[i] != '\0' && strchr("stdzcx", ar[i]) == NULL)
			i++;
		while (la[j] != '\0' && strchr("stdzcx", la[j]) == NULL)
			j++;
		if (ar[i] == '\0' && la[j] == '\0')
			return 1;
		if (ar[i] == '\0' || la[j] == '\0')
			return 0;
	}
}

/* Splits "abdulrahman" and "abdel" into "abd" + "rahman": one Arabic name
 * element written joined, hyphenated or spaced. Returns the length of the
 * first part (3) or 0. */
static size_t
abd_split(const char *w, int in_arabic, const char **rest)
{
	static const char *const links[] = { "oul", "ul", "el", "al", "ol",
	    "il", "ur", "us", "ush", "un", "uz", "ud", "ut", "ar", "er", "as",
	    "u", "l", "i", NULL };

	if (strncmp(w, "abd", 3) != 0 || w[3] == '\0')
		return 0;
	for (size_t i = 0; links[i]; i++) {
		size_t	l = strlen(links[i]);
		const char *r = w + 3 + l;

		if (strncmp(w + 3, links[i], l) != 0)
			continue;
		/* Abdi is a name (Somali), Abdirahman is Abd + Rahman */
		if (*r == '\0' && l == 1 && links[i][0] != 'u')
			continue;
		if (*r == '\0') {
			*rest = r;
			return 3;
		}
		/* Abdullah, Abdallah, Abdullahi, Abdilahi are one name,
		 * and so with an ending (Abdollahpour, Abdullahzadeh) */
		if (strncmp(r, "lah", 3) == 0 || strcmp(r, "la") == 0 ||
		    strncmp(r, "llah", 4) == 0 || strcmp(r, "lla") == 0 ||
		    strcmp(r, "ahi") == 0)
			return 0;
		/* Abd al-Hayy: in Arabic script the rest may be two
		 * letters (عبدالحی); in Latin, Abdulai is Abdullah */
		if (strlen(r) >= 3 || (in_arabic && strlen(r) == 2)) {
			/* an article assimilated to a sun letter belongs to
			 * the next word: Abdurrahim and Abdurahim are both
			 * Abd + Rahim, Abdushakur is Abd + Shakur */
			char c = links[i][l - 1];

			if (l >= 2 && c != 'l' && *r != c)
				r = w + 4;
			*rest = r;
			return 3;
		}
	}
	return 0;
}

/*
 * s in NFKC, case-folded, marks stripped, into *m (caller frees); -1 when
 * s is not UTF-8. Text in ASCII alone, most of a book of names, is only
 * lowered: NFKC leaves ASCII as it is and case folding changes only A-Z
 * there, and utf8proc's way through code points was near a tenth of the
 * index build.
 */
static int
nfkc_fold(const char *s, utf8proc_uint8_t **m)
{
	const char	*p;
	char		*o;

	for (p = s; *p != '\0' && (unsigned char)*p < 0x80; p++)
		;
	if (*p != '\0') {
		if (utf8proc_map((const utf8proc_uint8_t *)s, 0, m,
		    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
		    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) < 0)
			return -1;
		return 0;
	}
	o = xstrdup(s);
	for (char *q = o; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	*m = (utf8proc_uint8_t *)o;
	return 0;
}

char *
norm_fold(const char *s)
{
	utf8proc_uint8_t	*m = NULL;
	struct buf		 b = { 0 };
	int			 space = 1;

	if (nfkc_fold(s, &m) == -1) {
		/* Not UTF-8: fold ASCII only. */
		m = (utf8proc_uint8_t *)xstrdup(s);
		for (char *p = (char *)m; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	for (const utf8proc_uint8_t *p = m; *p; ) {
		utf8proc_int32_t	cp;
		utf8proc_ssize_t	n = utf8proc_iterate(p, -1, &cp);
		utf8proc_category_t	cat;

		if (n <= 0) {
			p++;
			continue;
		}
		cat = utf8proc_category(cp);
		if (cp == '\'' || cp == 0x2019 || cp == 0x2bc || cp == 0x2bb ||
		    cp == '`' || cp == 0x2018) {
			p += n;		/* O'Neill folds to oneill */
			continue;
		}
		if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
		    cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC) {
			if (cat == UTF8PROC_CATEGORY_MN ||
			    cat == UTF8PROC_CATEGORY_MC) {
				p += n;	/* Arabic harakat survive STRIPMARK */
				continue;
			}
			buf_add(&b, p, (size_t)n);
			space = 0;
		} else if (!space) {
			buf_addc(&b, ' ');
			space = 1;
		}
		p += n;
	}
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.len--;
	free(m);
	{
		char *r = xstrdup(b.data ? buf_cstr(&b) : "");

		buf_free(&b);
		return r;
	}
}

struct rawtok {
	char	*fold;
	int	 script;
	int	 pos;
	int	 paren;
	uint32_t rules;
};

static void
rawtok_push(struct rawtok **v, size_t *n, size_t *cap, char *fold,
    int script, int pos, uint32_t rules)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[*n].fold = fold;
	(*v)[*n].script = script;
	(*v)[*n].pos = pos;
	(*v)[*n].rules = rules;
	(*v)[*n].paren = 0;
	(*n)++;
}

/* Weights: a legal form says nothing about who (0.02); generic business
 * words and particles little; initials some; the most frequent Arabic
 * given names half; any other word 1. */

/* The Roman numerals 1 to 20. */
static const char *const roman_numerals[] = { "i", "ii", "iii", "iv", "v",
    "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
    "xvii", "xviii", "xix", "xx" };

/* Whether w is a Roman numeral of two letters or more made of I and V
 * (II, III, IV, VI, VII, VIII): a generation or a unit's number, not a
 * name; XI and the like are also names (Xi). */
static int
roman_word(const char *w)
{
	size_t	l = strlen(w);

	if (l < 2 || strspn(w, "iv") != l)
		return 0;
	for (size_t i = 0; i < sizeof roman_numerals / sizeof *roman_numerals;
	    i++)
		if (strcmp(w, roman_numerals[i]) == 0)
			return 1;
	return 0;
}

static void
classify(struct ntok *t)
{
	size_t	len = strlen(t->fold);
	const struct wordtab_slot *sf, *ss;
	uint8_t	lf, ls;

	pthread_once(&wordtab_once, wordtab_init);
	sf = wordtab_slot(t->fold);
	ss = wordtab_slot(t->skel);
	lf = sf->lists;
	ls = ss->lists;
	t->family = sf->family ? sf->family : ss->family;
	t->flags &= NTOK_SCRIPT | NTOK_ARABIC | NTOK_PATRON | NTOK_PAREN;
	t->w = 1.0f;

	if (lf & WL_LEGAL) {
		t->flags |= NTOK_LEGAL;
		t->w = NORM_W_LEGAL;
	} else if (((lf | ls) & WL_PARTICLE) || (lf & WL_HONORIFIC)) {
		t->flags |= NTOK_PARTICLE | ((lf & WL_HONORIFIC) ? NTOK_TITLE :
		    0);
		t->w = NORM_W_PARTICLE;
	} else if (lf & WL_GENERIC) {
		t->flags |= NTOK_GENERIC;
		t->w = NORM_W_GENERIC;
		t->gclass = sf->gclass;
	} else if (len == 1) {
		t->flags |= NTOK_INITIAL;
		t->w = NORM_W_INITIAL;
	} else if ((ls & WL_FREQUENT) ||
	    strcmp(t->key, "mhmd") == 0) {
		t->flags |= NTOK_FREQUENT;
		t->w = NORM_W_FREQUENT;
	} else if (strspn(t->fold, "0123456789") == len)
		t->w = NORM_W_FREQUENT;
	if (isdigit((unsigned char)t->fold[0]) || roman_word(t->fold))
		t->flags |= NTOK_NUMBER;
	if ((lf | ls) & WL_PLACE)
		t->flags |= NTOK_PLACE;
	/* a word of translations[] that keeps its weight (not GRUPP, which
	 * is only spelt like the generic GRUP) */
	if (!(t->flags & NTOK_COMMON))
		t->gclass = !(lf & WL_GENERIC) && sf->gclass ? sf->gclass :
		    !(ls & WL_GENERIC) ? ss->gclass : 0;
}

/* Whether a skeleton ends like a Russian patronymic (-ovich, -evna). */
static int
patronymic(const char *skel, size_t l)
{
	return (l > 5 && strcmp(skel + l - 3, "vic") == 0) ||
	    (l > 6 && strcmp(skel + l - 3, "vna") == 0);
}


/* A bit per letter (a-z, then digits and other bytes folded onto the six
 * bits left): a word with letters the other lacks cannot be close to it. */
static uint32_t
letter_mask(const char *s)
{
	uint32_t m = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		m |= 1u << (c >= 'a' && c <= 'z' ? c - 'a' : 26 + c % 6);
	}
	return m;
}

static void
tok_sums(struct ntok *t)
{
	size_t	l;

	t->hfold = str_hash(t->fold, &l);
	t->lfold = (uint8_t)(l > 255 ? 255 : l);
	t->hskel = str_hash(t->skel, &l);
	t->lskel = (uint8_t)(l > 255 ? 255 : l);
	t->hkey = str_hash(t->key, &l);
	t->hckey = class_key_hash(t->fold);
	t->mfold = letter_mask(t->fold);
	t->mskel = letter_mask(t->skel);
}

/*
 * Whether a word in Arabic script, of which lead holds the first n letters
 * (three at most), opens with a conjunction or preposition of one letter
 * and the article (وال wa-l, بال bi-l, فال fa-l, كال ka-l), or with لل (li
 * and the article, its alif dropped). Returns the letters of the opening,
 * article and all, as transliterated (a letter each: 3 for wal, 2 for ll),
 * or 0.
 */
static size_t
arabic_clitic(const utf8proc_int32_t *lead, size_t n)
{
	if (n >= 3 && lead[1] == 0x627 && lead[2] == 0x644 &&
	    (lead[0] == 0x648 || lead[0] == 0x628 || lead[0] == 0x641 ||
	    lead[0] == 0x643 || lead[0] == 0x6a9))
		return 3;
	if (n >= 2 && lead[0] == 0x644 && lead[1] == 0x644)
		return 2;
	return 0;
}

struct nname *
norm_name(const char *s, int text)
{
	utf8proc_uint8_t	*m = NULL;
	struct rawtok		*rv = NULL;
	size_t			 rn = 0, rcap = 0, strbytes = 0;
	struct buf		 w = { 0 };
	int			 script = 0, pos = 0, nhon = 0;
	utf8proc_int32_t	 lead[3];	/* a word's first letters */
	size_t			 nlead = 0;
	int			 depth = 0, wparen = 0;
	size_t			 comma = 0, ncomma = 0;
	struct nname		*nm;
	char			*sp, **skels;

	if (s == NULL)
		s = "";
	if (nfkc_fold(s, &m) == -1) {
		m = (utf8proc_uint8_t *)xstrdup(s);
		for (char *p = (char *)m; *p; p++)
			*p = (char)((unsigned char)*p < 0x80 ?
			    tolower((unsigned char)*p) : ' ');
	}
	for (const utf8proc_uint8_t *p = m; ; ) {
		utf8proc_int32_t	cp = 0;
		utf8proc_ssize_t	n = 0;
		int			letter = 0;

		if (*p) {
			n = utf8proc_iterate(p, -1, &cp);
			if (n <= 0) {
				p++;
				continue;
			}
		}
		if (cp == '\'' || cp == 0x2019 || cp == 0x2bc || cp == 0x2bb ||
		    cp == '`' || cp == 0x2018) {
			p += n;
			continue;
		}
		if (cp != 0) {
			utf8proc_category_t cat = utf8proc_category(cp);

			if (cat == UTF8PROC_CATEGORY_MN ||
			    cat == UTF8PROC_CATEGORY_MC || cp == 0x640) {
				p += n;	/* harakat, tatweel */
				continue;
			}
			letter = (cat >= UTF8PROC_CATEGORY_LU &&
			    cat <= UTF8PROC_CATEGORY_LO) ||
			    (cat >= UTF8PROC_CATEGORY_ND &&
			    cat <= UTF8PROC_CATEGORY_NO);
		}
		/* a qualifier in parentheses, or after a colon in a name
		 * (AL-HARAMAIN : KENYA BRANCH) */
		if (cp == '(' || cp == '[' || (cp == ':' && !text))
			depth++;
		else if ((cp == ')' || cp == ']') && depth > 0)
			depth--;
		if (letter) {
			int		 sc = 0;
			const char	*l = translit(cp, &sc);

			if (w.len == 0)
				wparen = depth > 0;

			/* و opens a word only as the consonant: Wali, ولی */
			if (cp == 0x648 && w.len == 0)
				l = "w";
			if (nlead < 3)
				lead[nlead++] = cp;

			if (l != NULL)
				buf_adds(&w, l);
			else
				buf_add(&w, p, (size_t)n);
			if (sc > script)
				script = sc;
		} else if (w.len > 0) {
			char	*f = xstrdup(buf_cstr(&w));
			uint32_t r = script ? NORM_R_SCRIPT : 0;
			size_t	 clitic = arabic_clitic(lead, nlead);

			/* A conjunction or preposition written joined
			 * with the article is dropped with it: والشام (wa
			 * al-Sham) is SHAM, للصرافة (li al-Sirafa) SRAFA; the
			 * Latin side seldom writes either */
			if (script == 2 && clitic > 0 &&
			    strlen(f) >= clitic + 3)
				memmove(f, f + clitic, strlen(f + clitic) + 1);
			/* The Arabic article is written joined: الرحمن (ال,
			 * not عل, which also reads "al"). */
			else if (script == 2 && nlead >= 2 &&
			    lead[0] == 0x627 && lead[1] == 0x644 &&
			    strlen(f) > 3 && strcmp(f, "allh") != 0) {
				rawtok_push(&rv, &rn, &rcap, xstrdup("al"),
				    script, pos, r);
				memmove(f, f + 2, strlen(f + 2) + 1);
			}
			if (!text && (word_lists(f) & WL_HONORIFIC))
				nhon++;
			rawtok_push(&rv, &rn, &rcap, f, script, pos++, r);
			rv[rn - 1].paren = wparen;
			buf_reset(&w);
			script = 0;
			nlead = 0;
		}
		if (cp == ',' && !text && depth == 0 && ncomma++ == 0)
			comma = rn;
		/* & is the word and: S&C is S AND C, not the legal form SC */
		if (cp == '&' && !text) {
			rawtok_push(&rv, &rn, &rcap, xstrdup("and"), 0, pos++, 0);
			rv[rn - 1].paren = depth > 0;
		}
		if (*p == '\0')
			break;
		p += n;
	}
	free(m);
	buf_free(&w);

	/* Legal forms written with dots or spaces (S.A., E.V., D.O.O., S A
	 * DE C V): a run of single letters that spells one is that word. */
	for (size_t i = 0; i + 1 < rn; i++) {
		char	 run[16];
		size_t	 j = i, l = 0;

		while (j < rn && rv[j].fold[0] != '\0' &&
		    rv[j].fold[1] == '\0' && l + 1 < sizeof run)
			run[l++] = rv[j++].fold[0];
		run[l] = '\0';
		if (l < 2 || !(word_lists(run) & WL_LEGAL))
			continue;
		free(rv[i].fold);
		rv[i].fold = xstrdup(run);
		for (size_t q = i + 1; q < j; q++)
			free(rv[q].fold);
		memmove(&rv[i + 1], &rv[j], (rn - j) * sizeof *rv);
		rn -= j - i - 1;
		if (comma >= j)
			comma -= j - i - 1;
		else if (comma > i + 1)
			comma = i + 1;
	}
	/* SURNAME, Given is read in the spoken order, Given SURNAME, so that
	 * a surname written in two words meets it written as one across the
	 * comma: ZADEH, Mohammed Khalil is KHALILZADEH. After the legal
	 * forms are read, so that their letters stay apart from the name's
	 * (G Y R ARQUITECTOS, S. DE R.L. DE C.V.). */
	if (ncomma == 1 && comma > 0 && comma < rn) {
		struct rawtok	*tmp = xmalloc(rn * sizeof *tmp);

		memcpy(tmp, rv + comma, (rn - comma) * sizeof *tmp);
		memcpy(tmp + (rn - comma), rv, comma * sizeof *tmp);
		memcpy(rv, tmp, rn * sizeof *tmp);
		free(tmp);
	}
	/* Abd splits, honorifics. */
	for (size_t i = 0; i < rn; i++) {
		const char	*rest;

		if (!text && nhon > 0 && (size_t)nhon < rn &&
		    (word_lists(rv[i].fold) & WL_HONORIFIC))
			continue;	/* kept: NTOK_TITLE */
		if (abd_split(rv[i].fold, rv[i].script == 2, &rest) > 0) {
			char	*second = *rest ? xstrdup(rest) : NULL;

			/* a name element in Arabic script opens with و as
			 * the consonant: عبدالولی is Abd al-Wali */
			if (second != NULL && rv[i].script == 2 &&
			    second[0] == 'u')
				second[0] = 'w';
			rv[i].fold[3] = '\0';
			rv[i].rules |= NORM_R_ABD;
			if (second != NULL) {
				rawtok_push(&rv, &rn, &rcap, second,
				    rv[i].script, rv[i].pos, rv[i].rules);
				/* keep order: move the new token after i */
				struct rawtok t = rv[rn - 1];
				memmove(&rv[i + 2], &rv[i + 1],
				    (rn - i - 2) * sizeof *rv);
				rv[i + 1] = t;
				i++;
			}
		}
	}
	/* Skeletons and keys first, so the name is one exact allocation. */
	skels = xcalloc(rn ? rn : 1, sizeof *skels);
	for (size_t i = 0; i < rn; i++) {
		size_t	cap = strlen(rv[i].fold) * 2 + 8;

		skels[i] = xmalloc(2 * cap);
		rv[i].rules |= skeleton(rv[i].fold, skels[i], cap);
		key_of(rv[i].fold, skels[i], skels[i] + cap, cap);
		memmove(skels[i] + strlen(skels[i]) + 1, skels[i] + cap,
		    strlen(skels[i] + cap) + 1);
		strbytes += strlen(rv[i].fold) + 1 + strlen(skels[i]) + 1 +
		    strlen(skels[i] + strlen(skels[i]) + 1) + 1;
	}
	nm = xcalloc(1, sizeof *nm + rn * sizeof(struct ntok) + strbytes);
	nm->t = (struct ntok *)(nm + 1);
	nm->n = rn;
	sp = (char *)(nm->t + rn);
	for (size_t i = 0; i < rn; i++) {
		struct ntok	*t = &nm->t[i];
		const char	*key = skels[i] + strlen(skels[i]) + 1;

		t->fold = sp;
		sp = stpcpy(sp, rv[i].fold) + 1;
		t->skel = sp;
		sp = stpcpy(sp, skels[i]) + 1;
		t->key = sp;
		sp = stpcpy(sp, key) + 1;
		t->rules = rv[i].rules;
		tok_sums(t);
		t->pos = (uint16_t)(rv[i].pos > 65535 ? 65535 : rv[i].pos);
		t->flags = rv[i].script ? NTOK_SCRIPT : 0;
		if (rv[i].script == 2)
			t->flags |= NTOK_ARABIC;
		if (rv[i].paren)
			t->flags |= NTOK_PAREN;
		if (patronymic(t->skel, strlen(t->skel)))
			t->flags |= NTOK_PATRON;
		classify(t);
		free(rv[i].fold);
		free(skels[i]);
	}
	/* the preposition of a spelt-out legal form is part of it:
	 * OBSHCHESTVO S OGRANICHENNOI, TOVARYSTVO Z OBMEZHENOYU */
	for (size_t i = 1; i + 1 < rn; i++)
		if ((nm->t[i].flags & NTOK_INITIAL) &&
		    (nm->t[i - 1].flags & NTOK_LEGAL) &&
		    (nm->t[i + 1].flags & NTOK_LEGAL)) {
			nm->t[i].flags = (uint16_t)((nm->t[i].flags &
			    ~NTOK_INITIAL) | NTOK_LEGAL);
			nm->t[i].w = NORM_W_LEGAL;
		}
	/* the name after Abd, an article between or not: Abd al-Aziz is
	 * one name, the servant of the Mighty, and not Aziz */
	for (size_t i = 1; i < rn; i++) {
		size_t j = i - 1;

		if (j > 0 && norm_is_article(&nm->t[j]))
			j--;
		if (strcmp(nm->t[j].fold, "abd") == 0 &&
		    !(nm->t[i].flags & NTOK_COMMON))
			nm->t[i].flags |= NTOK_ABD;
	}
	for (size_t i = 0; i < rn; i++) {
		struct ntok *t = &nm->t[i];

		if (!(t->flags & NTOK_COMMON)) {
			nm->ndist++;
			if (i < 32)
				nm->dmask |= 1u << i;
		}
		nm->ninit += t->lfold == 1;
		if (t->lfold >= 4 && t->lfold <= 6 && !(t->flags & NTOK_COMMON) &&
		    strspn(t->fold, "abcdefghijklmnopqrstuvwxyz") == t->lfold)
			t->flags |= NTOK_ACRONYM;
	}
	free(skels);
	free(rv);
	return nm;
}

double
norm_jaro_winkler(const char *a, size_t la, const char *b, size_t lb)
{
	unsigned char	ma[64] = { 0 }, mb[64] = { 0 };
	size_t		range, m = 0, t = 0, k = 0, l = 0;
	double		j;

	if (la == 0 || lb == 0)
		return 0.0;
	if (la > 64)
		la = 64;
	if (lb > 64)
		lb = 64;
	range = (la > lb ? la : lb) / 2;
	range = range > 0 ? range - 1 : 0;
	for (size_t i = 0; i < la; i++) {
		size_t lo = i > range ? i - range : 0;
		size_t hi = i + range + 1 < lb ? i + range + 1 : lb;

		for (size_t x = lo; x < hi; x++)
			if (!mb[x] && a[i] == b[x]) {
				ma[i] = mb[x] = 1;
				m++;
				break;
			}
	}
	if (m == 0)
		return 0.0;
	for (size_t i = 0; i < la; i++) {
		if (!ma[i])
			continue;
		while (!mb[k])
			k++;
		if (a[i] != b[k])
			t++;
		k++;
	}
	j = ((double)m / la + (double)m / lb + (m - t / 2.0) / m) / 3.0;
	while (l < 4 && l < la && l < lb && a[l] == b[l])
		l++;
	return j + l * 0.1 * (1.0 - j);
}

/* Bits set in x; __builtin_popcount is a libgcc call on baseline x86-64. */
static inline size_t
popcount32(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0fu;
	return (x * 0x01010101u) >> 24;
}

/* An upper bound of norm_jaro_winkler(a, b): a letter of one word that the
 * other lacks cannot be matched, and the common prefix is at most 4. */
static double
jw_bound(const char *a, size_t la, uint32_t ma, const char *b, size_t lb,
    uint32_t mb)
{
	size_t	m, xa, xb, l = 0;
	double	j;

	if (la == 0 || lb == 0 || la > 64 || lb > 64)
		return 1.0;
	xa = popcount32(ma & ~mb);
	xb = popcount32(mb & ~ma);
	if (xa >= la || xb >= lb)
		return 0.0;
	m = la - xa < lb - xb ? la - xa : lb - xb;
	j = ((double)m / la + (double)m / lb + 1.0) / 3.0;
	while (l < 4 && l < la && l < lb && a[l] == b[l])
		l++;
	return j + l * 0.1 * (1.0 - j);
}

/*
 * Whether two skeletons are the same word but for letters of one sound
 * (sound_pair()): Korean and Chinese romanisations differ in voiced and
 * voiceless consonants (Kwang/Gwang, Pyong/Byong), Persian and Arabic
 * names in s/z (Rosi/Rozi), Egyptian and Lebanese g for j (Gamal, Gebaa).
 * Vowels must agree: GROSS is not GRAD, Rima is not Rami.
 */
/*
 * Whether skeletons a and b are one letter apart: one left out, or one
 * changed (Ekaterina/Katerina, Podobed/Pobobed). Jaro-Winkler scores a
 * letter added at the front low; the index finds these by its deletion
 * keys.
 */
static int
one_letter_apart(const char *a, size_t la, const char *b, size_t lb)
{
	size_t	p = 0, sfx = 0;

	if (la < lb) {
		const char *t = a;
		size_t tl = la;

		a = b, la = lb, b = t, lb = tl;
	}
	if (la - lb > 1)
		return 0;
	while (p < lb && a[p] == b[p])
		p++;
	if (p == la)
		return 0;		/* the same */
	while (sfx < lb - p && a[la - 1 - sfx] == b[lb - 1 - sfx])
		sfx++;
	if (la != lb)
		return p + sfx >= lb;	/* b is a without one letter */
	return p + sfx + 1 >= la;	/* one letter changed */
}

/* Whether digits d and Roman numeral r (i to xx) are the same number. */
static int
roman_equals(const char *d, const char *r)
{
	char	*end;
	long	 n;

	if (*d < '1' || *d > '9' || strspn(r, "ivx") != strlen(r) || !*r)
		return 0;
	n = strtol(d, &end, 10);
	return *end == '\0' && n >= 1 && n <= 20 &&
	    strcmp(roman_numerals[n - 1], r) == 0;
}

/* Whether digits d and ordinal o are one number: 66, 66TH; 1, 1ST. */
static int
ordinal_equals(const char *d, const char *o)
{
	size_t	l = strspn(d, "0123456789");

	return l > 0 && d[l] == '\0' && strncmp(d, o, l) == 0 &&
	    (strcmp(o + l, "st") == 0 || strcmp(o + l, "nd") == 0 ||
	    strcmp(o + l, "rd") == 0 || strcmp(o + l, "th") == 0);
}

/* Whether one word ends in a vowel the other does not end in. */
static int
final_vowel_differs(const struct ntok *a, const struct ntok *b)
{
	size_t	la = a->lskel < 255 ? a->lskel : strlen(a->skel);
	size_t	lb = b->lskel < 255 ? b->lskel : strlen(b->skel);
	char	x, y;

	if (la == 0 || lb == 0)
		return 0;
	x = a->skel[la - 1];
	y = b->skel[lb - 1];
	return x != y && (is_vowel(x) || is_vowel(y));
}

/* Whether letters x and y are one sound as Latin spellings of one name
 * write it: voiced and voiceless (b/p, d/t, g/k, q/k, g/q, v/f, z/s), w/v,
 * and g/j (Gebaa/Jebaa). Not transitive: Jamal and Kamal are two names.
 * (Ukrainian h for g, Oleh/Oleg, is in the consonant key.) */
static int
sound_pair(int x, int y)
{
	static const char *const pairs[] = { "bp", "dt", "gk", "kq", "gq",
	    "fv", "vw", "sz", "gj", NULL };

	for (size_t i = 0; pairs[i] != NULL; i++)
		if ((pairs[i][0] == x && pairs[i][1] == y) ||
		    (pairs[i][0] == y && pairs[i][1] == x))
			return 1;
	return 0;
}

static int
sound_same_str(const char *a, const char *b, size_t l)
{
	for (size_t i = 0; i < l; i++)
		if (a[i] != b[i] && !sound_pair((unsigned char)a[i],
		    (unsigned char)b[i]))
			return 0;
	return 1;
}

static int
sound_same(const struct ntok *a, const struct ntok *b)
{
	size_t	l = a->lskel;

	if (l != b->lskel || l < 3 || l == 255)
		return 0;
	/* a final vowel marks gender: Rima is not Rami */
	if (final_vowel_differs(a, b))
		return 0;
	if (sound_same_str(a->skel, b->skel, l))
		return 1;
	/* the skeleton reads j as y: Jebaa and Gebaa meet in the folds */
	return a->lfold == b->lfold && a->lfold < 255 &&
	    (strchr(a->fold, 'j') != NULL || strchr(b->fold, 'j') != NULL) &&
	    sound_same_str(a->fold, b->fold, a->lfold);
}

static size_t
key_consonants(const char *key)
{
	return strlen(key) - (key[0] == '_');
}

/* The skeleton of t's folded word with each h after a consonant that
 * makes no other letter with it read as g, into out (cap bytes):
 * Ukrainian writes h for the Russian g (DOVHOPOLOV, DOLGOPOLOV; MOZHOVY,
 * MOZGOVOY; OLHA, OLGA), where an h after a vowel (AHMAD) or in kh, sh or
 * th is seldom one. Returns its length, 0 when the word has no such h or
 * the skeleton is t's own. */
size_t
norm_hg_skel(const struct ntok *t, char *out, size_t cap)
{
	char	f[256];
	size_t	l, n = 0;

	if (strchr(t->fold, 'h') == NULL || (l = strlen(t->fold)) >= sizeof f)
		return 0;
	for (size_t i = 0; i <= l; i++) {
		f[i] = t->fold[i];
		if (f[i] == 'h' && i > 0 &&
		    strchr("bflmnrvwz", t->fold[i - 1]) != NULL) {
			f[i] = 'g';
			n++;
		}
	}
	if (n == 0)
		return 0;
	skeleton(f, out, cap);
	if (strcmp(out, t->skel) == 0)
		return 0;
	return strlen(out);
}

/*
 * The sound key of t as sound_same() compares words, into out (cap bytes):
 * each letter of the skeleton by its class (fold: of the folded word, for
 * words with a j, which the skeleton reads as y). Two words sound_same()
 * pairs have the same key (the final-vowel rule aside, which only refuses).
 * Returns the length, or 0 when the rule never applies.
 */
size_t
norm_sound_key(const struct ntok *t, int fold, char *out, size_t cap)
{
	/* per letter a-z: its class, the closure of sound_pair() */
	static const char cls[] = "apctefkhikklmnopkrstuffxys";
	const char	*w = fold ? t->fold : t->skel;
	size_t		 l = fold ? t->lfold : t->lskel;

	if (l < 3 || l == 255 || l + 1 > cap ||
	    (fold && strchr(t->fold, 'j') == NULL))
		return 0;
	for (size_t i = 0; i < l; i++) {
		unsigned char c = (unsigned char)w[i];

		out[i] = c >= 'a' && c <= 'z' ? cls[c - 'a'] : (char)c;
	}
	out[l] = '\0';
	return l;
}

/* Whether two words with one consonant key look unlike in spelling
 * (Jaro-Winkler under 0.75 on the skeletons and on the folded words). */
static int
spelt_unlike(const struct ntok *a, const struct ntok *b)
{
	return norm_jaro_winkler(a->skel, a->lskel, b->skel, b->lskel) < 0.75 &&
	    norm_jaro_winkler(a->fold, a->lfold, b->fold, b->lfold) < 0.75;
}

static double	tok_sim(const struct ntok *, const struct ntok *,
		    const char **);

/* The consonants of word s into out (cap bytes); their number. */
static size_t
consonants(const char *s, char *out, size_t cap)
{
	size_t	n = 0;

	for (; *s != '\0' && n + 1 < cap; s++)
		if (!is_vowel(*s))
			out[n++] = *s;
	out[n] = '\0';
	return n;
}

/* A word that may be the word left: four letters or more, and not a
 * number, an initial, a frequent given name or a common word. */
static int
left_word(const struct ntok *t)
{
	return t->lskel >= 4 && t->lskel < 255 && !(t->flags & (NTOK_NUMBER |
	    NTOK_INITIAL | NTOK_FREQUENT | NTOK_COMMON));
}

/* norm_left_key() of t, its consonants as written into c (cap bytes) and
 * their number into *n. */
static uint64_t
left_key(const struct ntok *t, char *c, size_t cap, size_t *n)
{
	if (!left_word(t) || (*n = consonants(t->fold, c, cap)) == 0)
		return 0;
	return (uint64_t)t->hfold << 32 | 1u << 31 |
	    (uint32_t)(is_vowel(t->fold[0]) ? 0 : (unsigned char)t->fold[0])
	    << 20 | (uint32_t)(unsigned char)c[0] << 12 |
	    (uint32_t)(*n > 255 ? 255 : *n);
}

/*
 * The word left on each side: two different words of left_word() (Mahdi
 * is not MAHMOUD, a frequent name), the same first letter (any vowel for a
 * vowel) and first consonant, consonants as written the same or one apart
 * (the skeleton's j read as i would make MILJAN and MILJOJKO so), and
 * Jaro-Winkler 0.8 or more on the skeletons or the folded words; not two
 * names of different families, nor a Slavic surname and its feminine
 * form. The first letters are tested by norm_left_key()s, so that the
 * index's keys meet wherever this pairs. Different words this close are
 * most often one name two publishers spell apart (KHAING / KHINE,
 * MUSHARRAF / MUSERREF, SAJIRUN / SAHIRON); but also two brothers' names
 * (HTET / HTWE), so match.c takes it only where a word of the two names
 * is the same.
 */
double
norm_left_sim(const struct ntok *a, const struct ntok *b)
{
	char	ca[64], cb[64];
	size_t	la = 0, lb = 0;
	double	jw, jf;

	/* the keys say the first letters and the number of consonants */
	if (!norm_left_keys_meet(left_key(a, ca, sizeof ca, &la),
	    left_key(b, cb, sizeof cb, &lb)) ||
	    (a->family != 0 && b->family != 0 && a->family != b->family) ||
	    norm_feminine_of(a, b) || norm_feminine_of(b, a) ||
	    (strcmp(ca, cb) != 0 && !one_letter_apart(ca, la, cb, lb)))
		return 0.0;
	jw = norm_jaro_winkler(a->skel, a->lskel, b->skel, b->lskel);
	jf = norm_jaro_winkler(a->fold, a->lfold, b->fold, b->lfold);
	if (jf > jw)
		jw = jf;
	return jw >= 0.8 ? 0.95 * jw : 0.0;
}

/* The folded word's hash, then a bit set, the first letter (0 for a
 * vowel), the first consonant and the number of consonants: the letters
 * norm_left_sim() asks to be the same, and a number one apart at most. */
uint64_t
norm_left_key(const struct ntok *t)
{
	char	c[64];
	size_t	n;

	return left_key(t, c, sizeof c, &n);
}

/* Two different words (their hashes differ) whose first letters agree,
 * vowels alike, and whose numbers of consonants are one apart at most. */
int
norm_left_keys_meet(uint64_t a, uint64_t b)
{
	uint32_t na = a & 0xff, nb = b & 0xff;

	return a != 0 && b != 0 && (a >> 32) != (b >> 32) &&
	    ((a ^ b) & 0xfffff000u) == 0 && na + 1 >= nb && nb + 1 >= na;
}

/* Whether word f is Slavic surname m with a final a, the form of a
 * woman's: PETROVA of PETROV, LEBEDEVA of LEBEDEV, PUTINA of PUTIN.
 * Elsewhere a final a says less: BAKHT and BAKHTA, HAMAD and HAMADA are
 * one man's names, DELLOS and DELLOSA one surname. */
int
norm_feminine_of(const struct ntok *m, const struct ntok *f)
{
	const char *e = m->fold + m->lfold - 2;

	return m->lfold >= 5 && m->lfold < 254 &&
	    f->lfold == m->lfold + 1 && f->fold[m->lfold] == 'a' &&
	    (strcmp(e, "ov") == 0 || strcmp(e, "ev") == 0 ||
	    strcmp(e, "in") == 0 || strcmp(e, "yn") == 0) &&
	    memcmp(m->fold, f->fold, m->lfold) == 0;
}

/* Two words of one line of translations[] are a translation, unless
 * their spellings are closer (ALEKSANDR, ALEXANDER). */
double
norm_tok_sim(const struct ntok *a, const struct ntok *b, const char **why)
{
	double	s = tok_sim(a, b, why);

	if (s < 0.9 && a->gclass != 0 && a->gclass == b->gclass &&
	    !(a->flags & b->flags & NTOK_GENERIC)) {
		*why = "translation";
		return 0.9;
	}
	return s;
}

static double
tok_sim(const struct ntok *a, const struct ntok *b, const char **why)
{
	size_t	la, lb;
	double	jw, cut, keysim;

	*why = "different";

	if (a->hfold == b->hfold && strcmp(a->fold, b->fold) == 0) {
		*why = "same word";
		return 1.0;
	}
	/* a number and the same in Roman numerals or as an ordinal: ARGO 1,
	 * ARGO I; DIVISION 66, 66TH DIVISION */
	if (((a->flags | b->flags) & NTOK_NUMBER) &&
	    (roman_equals(a->fold, b->fold) || roman_equals(b->fold, a->fold) ||
	    ordinal_equals(a->fold, b->fold) ||
	    ordinal_equals(b->fold, a->fold))) {
		*why = "same number";
		return 1.0;
	}
	/* other numbers are other units: HYUNDAI MIPO 2655 and 2656; and a
	 * numeral is no spelling of a word (DIAZ III is not JI) */
	if ((a->flags | b->flags) & NTOK_NUMBER)
		return 0.0;
	if (a->family != 0 && b->family != 0 && a->family != b->family)
		return 0.0;	/* two names (Muhammad, Mahmud) */
	/* the same skeleton, unless one word has no vowel and is an
	 * abbreviation (FJ is no FEE, though j is i and ee is i) */
	if (a->hskel == b->hskel && strcmp(a->skel, b->skel) == 0 &&
	    (strpbrk(a->fold, "aeiouy") == NULL) ==
	    (strpbrk(b->fold, "aeiouy") == NULL)) {
		*why = "transliteration";
		return 0.96;
	}
	if (a->gclass != 0 && a->gclass == b->gclass &&
	    (a->flags & b->flags & NTOK_GENERIC)) {
		*why = "generic words of one kind";
		return 0.9;
	}
	/* a generic word and a form of it: MANAGEMENT/MANAGING,
	 * TRANS/TRANSPORTATION, AUTO/AUTOMOBILES, SHIP/SHIPPING */
	if (((a->flags | b->flags) & NTOK_GENERIC) && a->lskel >= 4 &&
	    b->lskel >= 4 && memcmp(a->skel, b->skel, 4) == 0 &&
	    (a->lskel == 4 || b->lskel == 4 || a->skel[4] == b->skel[4])) {
		*why = "same word stem";
		return 0.9;
	}
	la = a->lfold;
	lb = b->lfold;
	if ((la == 1 && lb > 1 && a->fold[0] == b->fold[0]) ||
	    (lb == 1 && la > 1 && a->fold[0] == b->fold[0])) {
		*why = "initial";
		return 0.8;
	}
	keysim = a->key[0] != '\0' && a->hkey == b->hkey &&
	    strcmp(a->key, b->key) == 0 ? 0.93 : 0.0;
	/* a key of two consonants says little (ENISEY and YUNOS key as _ns,
	 * ALAMO and VALMA as _lm): the words must also begin alike or look
	 * alike (Haq/Hq, Omar/Umar), and end alike where a final vowel marks
	 * gender (Rima/Rami) */
	if (keysim > 0.0 && key_consonants(a->key) < 3 &&
	    ((a->skel[0] != b->skel[0] && spelt_unlike(a, b)) ||
	    final_vowel_differs(a, b)))
		keysim = 0.0;
	/* Between two Latin words the key drops too much (v and w as
	 * vowels, g as h, j and sh as ch): the spellings must look alike
	 * too, and a word without vowels is an abbreviation whose consonants
	 * say little. PETROV is not PATRIA, KHALID not GOLD, SULTAN not
	 * SOLUTION, ROSS not RSS. */
	if (keysim > 0.0 && !((a->flags | b->flags) & NTOK_SCRIPT) &&
	    (strpbrk(a->fold, "aeiouy") == NULL ||
	    strpbrk(b->fold, "aeiouy") == NULL || spelt_unlike(a, b)))
		keysim = 0.0;
	/* Arabic script against Latin: the class key (class_key_hash), and
	 * the dentals and sibilants letter by letter */
	if (keysim == 0.0 && (a->flags ^ b->flags) & NTOK_ARABIC &&
	    !((a->flags & b->flags) & NTOK_SCRIPT) && a->hckey != 0 &&
	    a->hckey == b->hckey && (a->flags & NTOK_ARABIC ?
	    dentals_agree(a->fold, b->fold) : dentals_agree(b->fold, a->fold))) {
		*why = "original script";
		return (a->hckey & 2) ? 0.85 : 0.9;
	}
	/* Jaro-Winkler on skeletons and on the folded words, whichever is
	 * closer: a rule can move one spelling away (Kawa/Khawa). Three-letter
	 * words need a closer call. */
	la = a->lskel;
	lb = b->lskel;
	/* A given name is not a slip of the patronymic made from it
	 * (Ivan/Ivanovich: Igor Ivanovich Sechin and his son Ivan Igorevich). */
	if (la < 3 || lb < 3 || ((a->flags ^ b->flags) & NTOK_PATRON))
		goto key;
	/* A word and itself after a consonant is two names, not a slip:
	 * Samer/Amer, Serkan/Erkan, Maung/Aung. A vowel may go (Ekaterina,
	 * Katerina), and an h or the Somali c for ع (Htun/Tun, Cali/Ali). */
	if ((la == lb + 1 && strchr("aeiouhc", a->fold[0]) == NULL &&
	    strcmp(a->skel + 1, b->skel) == 0) || (lb == la + 1 &&
	    strchr("aeiouhc", b->fold[0]) == NULL &&
	    strcmp(b->skel + 1, a->skel) == 0))
		goto key;
	/* with the keys equal, only a closer spelling counts */
	cut = keysim > 0.0 ? keysim / 0.95 : (la < 4 || lb < 4) ? 0.9 : 0.88;
	jw = 0.0;
	if (jw_bound(a->skel, la, a->mskel, b->skel, lb, b->mskel) + 1e-9 >=
	    cut)
		jw = norm_jaro_winkler(a->skel, la, b->skel, lb);
	if (jw_bound(a->fold, a->lfold, a->mfold, b->fold, b->lfold,
	    b->mfold) + 1e-9 >= (jw > cut ? jw : cut)) {
		double jf = norm_jaro_winkler(a->fold, a->lfold, b->fold,
		    b->lfold);

		if (jf > jw)
			jw = jf;
	}
	/* an article written joined (ALHAY, ALHAKIM) is no shared prefix:
	 * the words after it must be as alike */
	if (jw >= cut && la > 4 && lb > 4 &&
	    a->skel[0] == 'a' && b->skel[0] == 'a' && a->skel[1] == 'l' &&
	    b->skel[1] == 'l' && !is_vowel(a->skel[2]) && !is_vowel(b->skel[2]) &&
	    a->skel[2] != 'l' && b->skel[2] != 'l') {
		double j2 = norm_jaro_winkler(a->skel + 2, la - 2, b->skel + 2,
		    lb - 2);

		if (j2 < jw)
			jw = j2;
	}
	if (jw >= cut && 0.95 * jw > keysim) {
		if (0.95 * jw < 0.88 && sound_same(a, b)) {
			*why = "voiced/voiceless";
			return 0.88;
		}
		*why = "spelling";
		return 0.95 * jw;
	}
key:
	if (keysim > 0.0) {
		*why = "same consonants";
		return keysim;
	}
	if (sound_same(a, b)) {
		*why = "voiced/voiceless";
		return 0.88;
	}
	if (la >= 5 && lb >= 5 && la < 255 && lb < 255 &&
	    (la > lb ? la - lb : lb - la) <= 1 &&
	    popcount32(a->mskel & ~b->mskel) <= 1 &&
	    popcount32(b->mskel & ~a->mskel) <= 1 &&
	    one_letter_apart(a->skel, la, b->skel, lb) &&
	    !final_vowel_differs(a, b)) {
		*why = "one letter";
		return 0.9;
	}
	return 0.0;
}

/* Whether token t is the Arabic article (al, el, ul, il). */
int
norm_is_article(const struct ntok *t)
{
	return t->lfold == 2 && (t->fold[0] == 'a' || t->fold[0] == 'e' ||
	    t->fold[0] == 'u' || t->fold[0] == 'i') && t->fold[1] == 'l';
}

/* Whether word i of the run y of ny words is an article a sun letter
 * after it may assimilate (al-Din said ad-Din): not the last word, and
 * before t, d, r, z, s, n or l. */
static int
sun_article(const struct ntok *y, size_t i, size_t ny)
{
	return i + 1 < ny && norm_is_article(&y[i]) &&
	    strchr("tdrzsnl", y[i + 1].fold[0]) != NULL;
}

/* The index of the run's first article sun_article() says, or -1. */
static int
assimilated_article(const struct ntok *y, size_t ny)
{
	for (size_t i = 0; i + 1 < ny; i++)
		if (sun_article(y, i, ny))
			return (int)i;
	return -1;
}

int
norm_join_assimilates(const struct ntok *y, size_t ny)
{
	return assimilated_article(y, ny) >= 0;
}

/* The ny words y written as one, the article in the run written (Nasr al
 * Din / Nasraldin) or assimilated to the sun letter after it, as it is
 * said: Nasr ad-Din (Nasreddine, Shahabuddin), al-Din ad-Din (Eddine). */
int
norm_join_token(const struct ntok *y, size_t ny, int assimilate,
    struct ntok *t, struct norm_joinbuf *jb)
{
	size_t	o = 0;

	for (size_t i = 0; i < ny; i++) {
		const char	*f = y[i].fold;
		char		 ad[3];
		size_t		 l;

		if (assimilate && sun_article(y, i, ny)) {
			ad[0] = 'a';
			ad[1] = y[i + 1].fold[0];
			ad[2] = '\0';
			f = ad;
		}
		l = strlen(f);
		if (o + l + 1 > sizeof jb->fold)
			return -1;
		memcpy(jb->fold + o, f, l);
		o += l;
	}
	jb->fold[o] = '\0';
	memset(t, 0, sizeof *t);
	t->fold = jb->fold;
	t->rules = skeleton(jb->fold, jb->skel, sizeof jb->skel);
	t->skel = jb->skel;
	key_of(jb->fold, jb->skel, jb->key, sizeof jb->key);
	t->key = jb->key;
	tok_sums(t);
	if (patronymic(jb->skel, strlen(jb->skel)))
		t->flags |= NTOK_PATRON;
	for (size_t i = 0; i < ny; i++)
		t->flags |= y[i].flags & (NTOK_SCRIPT | NTOK_ARABIC);
	return 0;
}

/*
 * Whether x writes the article of run y assimilated, a vowel and the sun
 * letter doubled where the article was: SADUDDIN for سعد الدين (Sad al
 * Din), EDDINE for الدين, ESSABAR for الصبار. The doubled letter is what
 * tells the article is there, so the run may pair with fewer consonants
 * of its own.
 */
static int
assimilated_seam(const struct ntok *x, const struct ntok *y, size_t ny)
{
	int		 a = assimilated_article(y, ny);
	const char	*p;
	char		 c;

	if (a < 0)
		return 0;
	c = y[a + 1].fold[0];
	for (p = x->fold + 1; (p = strchr(p, c)) != NULL; p++)
		if (is_vowel(p[-1]) && p[1] == c &&
		    (a == 0 ? p == x->fold + 1 : p >= x->fold + 3))
			return 1;
	return 0;
}

static double
join_one(const struct ntok *x, const struct ntok *y, size_t ny,
    int assimilate, const char **why)
{
	struct norm_joinbuf jb;
	const char	*fold = jb.fold, *skel = jb.skel, *key = jb.key;
	struct ntok	 t;
	double		 sim;
	int		 seam = assimilate && assimilated_seam(x, y, ny);

	/* an article that opens the run is assimilated only where the seam
	 * shows it: AL NASER is no ANSARU */
	if (assimilate && !seam && norm_is_article(&y[0]))
		return 0.0;
	if (norm_join_token(y, ny, assimilate, &t, &jb) == -1)
		return 0.0;
	/* The same word, skeleton or consonant key only: a joined word
	 * that is merely like the run is a given name and the patronymic
	 * made from it (Vladimir Pavlovich / Vladimirovich), another man. */
	sim = norm_tok_sim(x, &t, why);
	/* a spelling closer than the key says is still the key's match */
	if (strcmp(*why, "spelling") == 0 && x->key[0] != '\0' &&
	    strcmp(x->key, t.key) == 0)
		*why = "same consonants";
	/* with the seam, the same consonant key or class key of two
	 * consonants will do, at 0.9: EDDINE, AL DIN (a final vowel
	 * differs) and الدين (0.85 alone) */
	if (seam && sim < 0.9 && (sim >= 0.85 || (x->key[0] != '\0' &&
	    strcmp(x->key, key) == 0))) {
		if (sim < 0.85 || strcmp(*why, "spelling") == 0 ||
		    strcmp(*why, "voiced/voiceless") == 0)
			*why = "same consonants";
		sim = 0.9;
	}
	if (sim < 0.9 || strcmp(*why, "spelling") == 0 ||
	    strcmp(*why, "voiced/voiceless") == 0)
		sim = 0.0;
	/* A consonant key loses vowels and a repeat at the seam: ASMA MONEY
	 * keys like OSMAN. A key join needs three consonants or more and
	 * skeletons within two letters (Habib Allah / Habibullah). */
	if (sim > 0.0 && strcmp(*why, "same consonants") == 0) {
		size_t kl = strlen(key) - (key[0] == '_');
		size_t sl = strlen(skel), xl = strlen(x->skel);
		int common = 0;

		for (size_t i = 0; i < ny; i++)
			common |= (y[i].flags & NTOK_COMMON) != 0;
		/* and the same first letter (any vowel for a vowel), and
		 * four consonants for three words one of them a particle:
		 * YULLUX keys like AL AQSA, JA LA BO like JULAYBIB; an
		 * article written assimilated (the seam) is no such
		 * particle */
		/* Arabic script writes no short vowels: no length check */
		if (kl < (seam ? 2 : 3) ||
		    ((sl > xl ? sl - xl : xl - sl) > 2 &&
		    !((x->flags | t.flags) & NTOK_ARABIC)) ||
		    (fold[0] != x->fold[0] && !(is_vowel(fold[0]) &&
		    is_vowel(x->fold[0]))) ||
		    (common && ny >= 3 && kl < 4 && !seam))
			sim = 0.0;
		/* Latin words joined without a particle are written in
		 * full, vowels and all: their key alone is too weak (RESIT
		 * TAVAN keys like RUSTITAN, NING WEN like NEGEEN); the
		 * spelling must be near too (SELTAN MOHAMMEDI,
		 * SOLTANMOHAMMADI: 0.80 and more) */
		if (sim > 0.0 && !common &&
		    !((x->flags | t.flags) & NTOK_SCRIPT) &&
		    norm_jaro_winkler(x->skel, xl, skel, sl) < 0.8)
			sim = 0.0;
	}
	return sim;
}

double
norm_join_sim(const struct ntok *x, const struct ntok *y, size_t ny,
    const char **why)
{
	double	sim = join_one(x, y, ny, 0, why), s2;

	if (sim < 0.95 && assimilated_article(y, ny) >= 0 &&
	    (s2 = join_one(x, y, ny, 1, why)) > sim)
		sim = s2;
	*why = "joined words";
	return sim > 0.95 ? 0.95 : sim;
}

void
norm_rules_text(uint32_t rules, char *out, size_t cap)
{
	size_t	o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof rule_labels / sizeof *rule_labels; i++)
		if (rules & (1u << i)) {
			int n = snprintf(out + o, cap - o, "%s%s", o ? ", " : "",
			    rule_labels[i]);

			if (n < 0 || (size_t)n >= cap - o)
				break;
			o += (size_t)n;
		}
}
