/* feed_date.c — the date spellings found in real feeds, normalised to UTC
 * ISO-8601; the grammar follows feedparser's date handlers and test cases. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "watchers/feed.h"

#define DATE_MAXLEN	128

/* Days since 1970-01-01 of a proleptic Gregorian date (any year). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int64_t y, int m)
{
	static const int	dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Validates the fields, applies the offset (minutes east of UTC), formats. */
static int
emit(int64_t y, int mo, int d, int h, int mi, int s, int off, char out[32])
{
	int64_t	t;

	if (y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    s < 0 || s > 60)
		return -1;
	if (s == 60)	/* a leap second folds onto the next minute's start */
		s = 59;
	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
	    (int64_t)off * 60;
	d = (int)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	t -= (int64_t)d * 86400;
	civil_from_days(d, &y, &mo, &d);
	if (y < 0 || y > 9999)
		return -1;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, mo, d,
	    (int)(t / 3600), (int)(t / 60 % 60), (int)(t % 60));
	return 0;
}

/* Reads exactly n digits (n > 0) at *p. */
static int
digits(const char **p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		*v = *v * 10 + (*p)[i] - '0';
	}
	*p += n;
	return 0;
}

/* Counts the digits at p. */
static int
ndigits(const char *p)
{
	int	n = 0;

	while (isdigit((unsigned char)p[n]))
		n++;
	return n;
}

/* Parses a whole string of 1..max digits; -1 on anything else. */
static int
number(const char *s, int max, int *v)
{
	int	n = ndigits(s);

	if (n == 0 || n > max || s[n] != '\0')
		return -1;
	return digits(&s, n, v);
}

/* "hh:mm[:ss[.frac]]" with 1- or 2-digit hours (as feeds write them). */
static int
clock_time(const char **pp, int *h, int *mi, int *s)
{
	const char	*p = *pp;
	int		 n = ndigits(p);

	*s = 0;
	if (n < 1 || n > 2 || digits(&p, n, h) == -1 || *p++ != ':' ||
	    (n = ndigits(p)) < 1 || n > 2 || digits(&p, n, mi) == -1)
		return -1;
	if (*p == ':') {
		p++;
		if ((n = ndigits(p)) < 1 || n > 2 || digits(&p, n, s) == -1)
			return -1;
		if (*p == '.' || *p == ',') {
			p++;
			if (ndigits(p) == 0)
				return -1;
			p += ndigits(p);
		}
	}
	*pp = p;
	return 0;
}

/* "Z", "+hh:mm", "+hhmm", "+hh"; p must be consumed entirely. */
static int
numeric_zone(const char *p, int *off)
{
	int	sign, h, m = 0;

	if ((p[0] == 'Z' || p[0] == 'z') && p[1] == '\0') {
		*off = 0;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &h) == -1)
		return -1;
	if (*p == ':')
		p++;
	if (*p != '\0' && digits(&p, 2, &m) == -1)
		return -1;
	if (*p != '\0' || h > 23 || m > 59)
		return -1;
	*off = sign * (h * 60 + m);
	return 0;
}

/* RFC 822 zone names plus the US and European short forms feeds use. */
static const struct { const char *name; int hours; } zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
	{ "adt", -3 }, { "ast", -4 }, { "at", -4 }, { "edt", -4 },
	{ "est", -5 }, { "et", -5 }, { "cdt", -5 }, { "cst", -6 },
	{ "ct", -6 }, { "mdt", -6 }, { "mst", -7 }, { "mt", -7 },
	{ "pdt", -7 }, { "pst", -8 }, { "pt", -8 }, { "a", -1 }, { "n", 1 },
	{ "m", -12 }, { "y", 12 }, { "met", 1 }, { "mest", 2 },
};

static int
zone(const char *p, int *off)
{
	if (strncasecmp(p, "etc/", 4) == 0)
		p += 4;
	if (strncasecmp(p, "gmt", 3) == 0 && (p[3] == '+' || p[3] == '-'))
		p += 3;
	if (*p == '+' || *p == '-')
		return numeric_zone(p, off);
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (strcasecmp(p, zones[i].name) == 0) {
			*off = zones[i].hours * 60;
			return 0;
		}
	for (const char *q = p; *q; q++)
		if (!isalpha((unsigned char)*q))
			return -1;
	/* An unknown zone name (publishers invent them): read as UTC. */
	*off = 0;
	return 0;
}

static const char *const months[] = { "jan", "feb", "mar", "apr", "may",
    "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

static int
month_name(const char *s)
{
	if (strlen(s) < 3)
		return -1;
	for (int i = 0; i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			return i + 1;
	return -1;
}

static int
day_name(const char *s)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri",
	    "sat", "sun" };

	if (strlen(s) < 3)
		return 0;
	for (int i = 0; i < 7; i++)
		if (strncasecmp(s, days[i], 3) == 0)
			return 1;
	return 0;
}

/* Splits a copy of s on white space and commas; returns the token count. */
static int
tokens(const char *s, char *buf, char **tok, int max)
{
	int	n = 0;
	char	*p;

	snprintf(buf, DATE_MAXLEN, "%s", s);
	for (p = buf; *p; p++)
		if (*p == ',' || isspace((unsigned char)*p))
			*p = ' ';
	for (p = strtok(buf, " "); p != NULL; p = strtok(NULL, " ")) {
		if (n == max)
			return -1;
		tok[n++] = p;
	}
	return n;
}

static int
year_token(const char *s, int *y)
{
	size_t	n = strlen(s);

	if (number(s, 4, y) == -1)
		return -1;
	if (n <= 2)	/* two-digit years: 90..99 are 1990s, others 2000s */
		*y += *y >= 90 ? 1900 : 2000;
	return 0;
}

/* [Day,] DD Mon YYYY [hh:mm[:ss]] [zone], or [Day] Mon DD YYYY ... */
static int
parse_rfc822(const char *s, char out[32])
{
	char	 buf[DATE_MAXLEN], *t[8];
	int	 n, i = 0, d, mo, y, h = 0, mi = 0, sec = 0, off = 0;

	if ((n = tokens(s, buf, t, 8)) < 3)
		return -1;
	if (day_name(t[0]) && month_name(t[0]) == -1)
		i++;
	if (n - i < 3)
		return -1;
	if ((mo = month_name(t[i + 1])) != -1) {
		if (number(t[i], 2, &d) == -1)
			return -1;
	} else if ((mo = month_name(t[i])) != -1) {
		if (number(t[i + 1], 2, &d) == -1)
			return -1;
	} else
		return -1;
	if (year_token(t[i + 2], &y) == -1)
		return -1;
	i += 3;
	if (i < n) {
		const char *p = t[i];

		if (clock_time(&p, &h, &mi, &sec) == -1 || *p != '\0')
			return -1;
		i++;
	}
	if (i < n && zone(t[i++], &off) == -1)
		return -1;
	if (i != n)
		return -1;
	return emit(y, mo, d, h, mi, sec, off, out);
}

/* Day Mon DD hh:mm:ss [zone] YYYY (C asctime, Twitter). */
static int
parse_asctime(const char *s, char out[32])
{
	char		 buf[DATE_MAXLEN], *t[8];
	const char	*p;
	int		 n, d, mo, y, h, mi, sec, off = 0;

	if ((n = tokens(s, buf, t, 8)) != 5 && n != 6)
		return -1;
	if (!day_name(t[0]) || (mo = month_name(t[1])) == -1 ||
	    number(t[2], 2, &d) == -1)
		return -1;
	p = t[3];
	if (clock_time(&p, &h, &mi, &sec) == -1 || *p != '\0')
		return -1;
	if (n == 6 && zone(t[4], &off) == -1)
		return -1;
	if (number(t[n - 1], 4, &y) == -1 || strlen(t[n - 1]) != 4)
		return -1;
	return emit(y, mo, d, h, mi, sec, off, out);
}

/* Day, YYYY/MM/DD hh:mm:ss zone (Perforce change feeds). */
static int
parse_perforce(const char *s, char out[32])
{
	char		 buf[DATE_MAXLEN], *t[8];
	const char	*p;
	int		 n, i = 0, d, mo, y, h, mi, sec, off = 0;

	if ((n = tokens(s, buf, t, 8)) < 2)
		return -1;
	if (day_name(t[0]))
		i++;
	p = t[i];
	if (n - i < 2 || digits(&p, 4, &y) == -1 || *p++ != '/' ||
	    digits(&p, 2, &mo) == -1 || *p++ != '/' ||
	    digits(&p, 2, &d) == -1 || *p != '\0')
		return -1;
	p = t[i + 1];
	if (clock_time(&p, &h, &mi, &sec) == -1 || *p != '\0')
		return -1;
	if (n - i == 3 && zone(t[i + 2], &off) == -1)
		return -1;
	if (n - i > 3)
		return -1;
	return emit(y, mo, d, h, mi, sec, off, out);
}

/*
 * The time part after a date: "", or a separator ('T' or one space) then
 * hh:mm[:ss[.frac]] and an optional zone (maybe after a space).
 */
static int
time_part(const char *p, int *h, int *mi, int *s, int *off)
{
	*h = *mi = *s = *off = 0;
	if (*p == '\0')
		return 0;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (clock_time(&p, h, mi, s) == -1)
		return -1;
	if (*p == ' ')
		p++;
	if (*p == '\0')
		return 0;
	return numeric_zone(p, off);
}

/* W3C-DTF: YYYY[-MM[-DD[Thh:mm[:ss[.f]]TZD]]], also with a space for T. */
static int
parse_w3dtf(const char *s, char out[32])
{
	const char	*p = s;
	int		 y, mo = 1, d = 1, h, mi, sec, off;

	if (ndigits(p) != 4 || digits(&p, 4, &y) == -1)
		return -1;
	if (*p == '-') {
		p++;
		if (ndigits(p) != 2 || digits(&p, 2, &mo) == -1)
			return -1;
		if (*p == '-') {
			p++;
			if (ndigits(p) != 2 || digits(&p, 2, &d) == -1)
				return -1;
		}
	}
	if (time_part(p, &h, &mi, &sec, &off) == -1)
		return -1;
	return emit(y, mo, d, h, mi, sec, off, out);
}

/* Day of year to month and day. */
static int
ordinal(int y, int doy, int *mo, int *d)
{
	if (doy < 1 || doy > 365 + (days_in_month(y, 2) == 29))
		return -1;
	for (*mo = 1; doy > days_in_month(y, *mo); (*mo)++)
		doy -= days_in_month(y, *mo);
	*d = doy;
	return 0;
}

/*
 * ISO 8601's other date forms: YYYYMMDD, YYYY-DDD, YYDDD, YY-MM-DD,
 * YYMMDD, -YYMM, -YY-MM, YYYY-MM, and Google's YYYY-0MM-DD.
 */
static int
parse_iso8601(const char *s, char out[32])
{
	char		 date[DATE_MAXLEN], *part[4];
	const char	*rest, *p;
	char		*q;
	int		 len[4], n = 0, y, mo = 1, d = 1, doy = 0, h, mi, sec, off;
	int		 century = 1;
	size_t		 dl = strcspn(s, "Tt ");

	if (dl == 0 || dl >= sizeof date)
		return -1;
	memcpy(date, s, dl);
	date[dl] = '\0';
	rest = s + dl;
	q = date;
	if (*q == '-') {	/* -YYMM or -YY-MM: the century is implied */
		q++;
		century = 0;
	}
	while (n < 4) {
		part[n] = q;
		len[n] = ndigits(q);
		if (len[n] == 0)
			return -1;
		q += len[n];
		n++;
		if (*q == '\0')
			break;
		if (*q != '-')
			return -1;
		*q++ = '\0';
	}
	if (n == 4)
		return -1;
#define L(a, b, c)	(len[0] == (a) && (n < 2 ? 0 : len[1]) == (b) && \
	(n < 3 ? 0 : len[2]) == (c))
	if (!century) {
		if (L(4, 0, 0) && n == 1) {
			p = part[0];
			digits(&p, 2, &y);
			digits(&p, 2, &mo);
		} else if (L(2, 2, 0) && n == 2) {
			y = (part[0][0] - '0') * 10 + part[0][1] - '0';
			mo = (part[1][0] - '0') * 10 + part[1][1] - '0';
		} else
			return -1;
		y += 2000;
	} else if (n == 1) {
		p = part[0];
		switch (len[0]) {
		case 4:		/* YYYY */
			digits(&p, 4, &y);
			break;
		case 5:		/* YYDDD */
			digits(&p, 2, &y);
			digits(&p, 3, &doy);
			y += 2000;
			break;
		case 6:		/* YYMMDD */
			digits(&p, 2, &y);
			digits(&p, 2, &mo);
			digits(&p, 2, &d);
			y += 2000;
			break;
		case 7:		/* YYYYDDD */
			digits(&p, 4, &y);
			digits(&p, 3, &doy);
			break;
		case 8:		/* YYYYMMDD */
			digits(&p, 4, &y);
			digits(&p, 2, &mo);
			digits(&p, 2, &d);
			break;
		default:
			return -1;
		}
	} else {
		int v[3] = { 0, 0, 0 };

		for (int i = 0; i < n; i++)
			number(part[i], 4, &v[i]);
		if (L(4, 2, 0) && n == 2) {
			y = v[0];
			mo = v[1];
		} else if (L(4, 3, 0) && n == 2) {
			y = v[0];
			doy = v[1];
		} else if ((L(4, 2, 2) || (L(4, 3, 2) && part[1][0] == '0')) &&
		    n == 3) {
			y = v[0];
			mo = v[1];
			d = v[2];
		} else if (L(2, 2, 2) && n == 3) {
			y = v[0] + 2000;
			mo = v[1];
			d = v[2];
		} else if (L(2, 3, 0) && n == 2) {
			y = v[0] + 2000;
			doy = v[1];
		} else
			return -1;
	}
#undef L
	if (doy != 0 && ordinal(y, doy, &mo, &d) == -1)
		return -1;
	if (time_part(rest, &h, &mi, &sec, &off) == -1)
		return -1;
	return emit(y, mo, d, h, mi, sec, off, out);
}

/* Replaces the first token of s found in a table, then parses as RFC 822. */
static int
parse_greek(const char *s, char out[32])
{
	static const char *const map[][2] = {
		{ "Ιαν", "Jan" }, { "Φεβ", "Feb" }, { "Μάώ", "Mar" },
		{ "Μαώ", "Mar" }, { "Απρ", "Apr" }, { "Μάι", "May" },
		{ "Μαϊ", "May" }, { "Μαι", "May" }, { "Ιούν", "Jun" },
		{ "Ιον", "Jun" }, { "Ιούλ", "Jul" }, { "Ιολ", "Jul" },
		{ "Αύγ", "Aug" }, { "Αυγ", "Aug" }, { "Σεπ", "Sep" },
		{ "Οκτ", "Oct" }, { "Νοέ", "Nov" }, { "Νοε", "Nov" },
		{ "Δεκ", "Dec" }, { "Κυρ", "Sun" }, { "Δευ", "Mon" },
		{ "Τρι", "Tue" }, { "Τετ", "Wed" }, { "Πεμ", "Thu" },
		{ "Παρ", "Fri" }, { "Σαβ", "Sat" },
	};
	char	 buf[DATE_MAXLEN], *t[8], eng[DATE_MAXLEN];
	int	 n, hits = 0;
	size_t	 o = 0;

	if ((n = tokens(s, buf, t, 8)) < 3)
		return -1;
	for (int i = 0; i < n; i++) {
		const char *w = t[i];

		for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
			if (strcmp(w, map[k][0]) == 0) {
				w = map[k][1];
				hits++;
				break;
			}
		o += (size_t)snprintf(eng + o, sizeof eng - o, "%s%s",
		    i ? " " : "", w);
		if (o >= sizeof eng)
			return -1;
	}
	return hits ? parse_rfc822(eng, out) : -1;
}

/* YYYY-<Hungarian month>-DDTh:mm[zone]. */
static int
parse_hungarian(const char *s, char out[32])
{
	static const char *const hu[] = { "január", "február", "március",
	    "április", "május", "június", "július", "augusztus", "szeptember",
	    "október", "november", "december" };
	const char	*p = s, *m;
	char		 iso[DATE_MAXLEN];
	int		 y, mo = 0, d, h, mi;
	size_t		 ml;

	if (digits(&p, 4, &y) == -1 || *p++ != '-')
		return -1;
	m = p;
	if ((p = strchr(m, '-')) == NULL)
		return -1;
	ml = (size_t)(p - m);
	for (int i = 0; i < 12; i++)
		if (strlen(hu[i]) == ml && strncmp(m, hu[i], ml) == 0)
			mo = i + 1;
	p++;
	if (mo == 0 || ndigits(p) < 1 || ndigits(p) > 2 ||
	    digits(&p, ndigits(p), &d) == -1 || *p++ != 'T' ||
	    ndigits(p) < 1 || ndigits(p) > 2 ||
	    digits(&p, ndigits(p), &h) == -1 || *p++ != ':' ||
	    digits(&p, 2, &mi) == -1)
		return -1;
	snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d%s", y, mo, d, h,
	    mi, p);
	return parse_w3dtf(iso, out);
}

/* Korean feeds publish in KST without saying so: +09:00. */
#define KST	(9 * 60)

/* YYYY-MM-DD 오전|오후 hh:mm:ss (Nate). */
static int
parse_nate(const char *s, char out[32])
{
	char		 buf[DATE_MAXLEN], *t[8];
	const char	*p;
	int		 y, mo, d, h, mi, sec;

	if (tokens(s, buf, t, 8) != 3)
		return -1;
	p = t[0];
	if (digits(&p, 4, &y) == -1 || *p++ != '-' ||
	    digits(&p, 2, &mo) == -1 || *p++ != '-' ||
	    digits(&p, 2, &d) == -1 || *p != '\0')
		return -1;
	p = t[2];
	if (clock_time(&p, &h, &mi, &sec) == -1 || *p != '\0' || h > 12)
		return -1;
	if (strcmp(t[1], "오후") == 0)		/* p.m. */
		h = h % 12 + 12;
	else if (strcmp(t[1], "오전") == 0)	/* a.m. */
		h %= 12;
	else
		return -1;
	return emit(y, mo, d, h, mi, sec, KST, out);
}

/* YYYY년 MM월 DD일 hh:mm:ss (OnBlog). */
static int
parse_onblog(const char *s, char out[32])
{
	char		 buf[DATE_MAXLEN], *t[8];
	const char	*p;
	int		 y, mo, d, h, mi, sec;

	if (tokens(s, buf, t, 8) != 4)
		return -1;
	p = t[0];
	if (digits(&p, 4, &y) == -1 || strcmp(p, "년") != 0)
		return -1;
	p = t[1];
	if (digits(&p, 2, &mo) == -1 || strcmp(p, "월") != 0)
		return -1;
	p = t[2];
	if (digits(&p, 2, &d) == -1 || strcmp(p, "일") != 0)
		return -1;
	p = t[3];
	if (clock_time(&p, &h, &mi, &sec) == -1 || *p != '\0')
		return -1;
	return emit(y, mo, d, h, mi, sec, KST, out);
}

int
feed_date_parse(const char *s, enum feed_date_fmt fmt, char out[32])
{
	static int (*const all[])(const char *, char[32]) = { parse_w3dtf,
	    parse_rfc822, parse_iso8601, parse_asctime, parse_perforce,
	    parse_greek, parse_hungarian, parse_nate, parse_onblog };
	char	 buf[DATE_MAXLEN];
	size_t	 n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (fmt == FEED_DATE_ANY) {
		for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
			if (all[i](buf, out) == 0)
				return 0;
		return -1;
	}
	if ((size_t)fmt > sizeof all / sizeof all[0])
		return -1;
	switch (fmt) {
	case FEED_DATE_RFC822:		return parse_rfc822(buf, out);
	case FEED_DATE_W3DTF:		return parse_w3dtf(buf, out);
	case FEED_DATE_ISO8601:		return parse_iso8601(buf, out);
	case FEED_DATE_ASCTIME:		return parse_asctime(buf, out);
	case FEED_DATE_PERFORCE:	return parse_perforce(buf, out);
	case FEED_DATE_GREEK:		return parse_greek(buf, out);
	case FEED_DATE_HUNGARIAN:	return parse_hungarian(buf, out);
	case FEED_DATE_NATE:		return parse_nate(buf, out);
	case FEED_DATE_ONBLOG:		return parse_onblog(buf, out);
	default:			return -1;
	}
}
