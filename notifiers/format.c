/* format.c — subject and body text of an alert, shared by the email and
 * desktop channels so both say the same thing. */
#include "notifiers/format.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/util.h"

#define WRAP	72

static const char *
str(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* "ofac-sdn" → "OFAC": publishers are known by their acronym. */
static char *
source_label(const char *source)
{
	size_t	 n = strcspn(source, "-_ ");
	char	*s = xstrndup(source, n);

	for (char *p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

/* "name: Sadio Camara" → "Sadio Camara". */
static const char *
watch_value(const char *watch)
{
	const char	*p = strchr(watch, ':');

	if (p == NULL)
		return watch;
	for (p++; *p == ' '; p++)
		;
	return p;
}

/* Appends text wrapped at WRAP columns, continuation lines indented. */
static void
add_wrapped(struct buf *b, const char *label, const char *text)
{
	size_t	col, indent = strlen(label);
	const char *p = text;

	buf_adds(b, label);
	col = indent;
	while (*p) {
		size_t	w;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		w = strcspn(p, " \n\t");
		if (col > indent && col + 1 + w > WRAP) {
			buf_addc(b, '\n');
			for (size_t i = 0; i < indent; i++)
				buf_addc(b, ' ');
			col = indent;
		} else if (col > indent) {
			buf_addc(b, ' ');
			col++;
		}
		buf_add(b, p, w);
		col += w;
		p += w;
	}
	buf_addc(b, '\n');
}

static char *
join(const json_t *a, const char *sep)
{
	struct buf	 b = { 0 };
	size_t		 i;
	json_t		*v;
	char		*s;

	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			continue;
		if (b.len)
			buf_adds(&b, sep);
		buf_adds(&b, json_string_value(v));
	}
	s = xstrdup(b.len ? buf_cstr(&b) : "");
	buf_free(&b);
	return s;
}

static void
add_field(struct buf *b, const char *label, const char *value)
{
	char	lab[32];

	if (value == NULL || value[0] == '\0')
		return;
	snprintf(lab, sizeof lab, "%-11s", label);
	add_wrapped(b, lab, value);
}

/* The record and why it matched: the heart of every alert text. */
static void
record_text(struct buf *b, const json_t *body)
{
	const json_t	*rec = json_object_get(body, "record");
	const json_t	*m = json_object_get(body, "matches");
	char		*s, line[64];
	size_t		 i;
	json_t		*v;

	snprintf(line, sizeof line, "%s%s%s", str(rec, "type")[0] ? "(" : "",
	    str(rec, "type"), str(rec, "type")[0] ? ")" : "");
	s = xasprintf("%s %s", str(rec, "name"), line);
	add_field(b, "Record:", s);
	free(s);
	s = xasprintf("%s:%s", str(rec, "source"), str(rec, "id"));
	add_field(b, "Id:", s);
	free(s);
	add_field(b, "Programs:", (s = join(json_object_get(rec, "programs"),
	    ", ")));
	free(s);
	add_field(b, "Countries:", (s = join(json_object_get(rec, "countries"),
	    ", ")));
	free(s);
	add_field(b, "Aliases:", (s = join(json_object_get(rec, "aliases"),
	    "; ")));
	free(s);
	add_field(b, "Remarks:", str(rec, "remarks"));
	if (json_array_size(json_object_get(body, "fields")) > 0) {
		add_field(b, "Changed:", (s = join(json_object_get(body,
		    "fields"), ", ")));
		free(s);
	}
	if (json_array_size(m) > 0) {
		buf_adds(b, "\nWhy it matched:\n");
		json_array_foreach(m, i, v) {
			s = xasprintf("%s: %s (matched \"%s\" in %s)",
			    str(v, "watch"), str(v, "reason"), str(v, "matched"),
			    str(v, "field"));
			add_wrapped(b, "  - ", s);
			free(s);
		}
	}
	/* Reviewed false positives the daemon left out (suppressions). */
	m = json_object_get(body, "suppressed");
	if (json_array_size(m) > 0) {
		buf_adds(b, "\nSuppressed as reviewed:\n");
		json_array_foreach(m, i, v) {
			s = xasprintf("%s: %s (%s, until %s)", str(v, "watch"),
			    str(v, "reason"), str(v, "reviewer"),
			    str(v, "expires"));
			add_wrapped(b, "  - ", s);
			free(s);
		}
	}
}

/* A link a person can open: the record's own URL when it has one, else
 * the publisher's page for it. */
static char *
record_link(const json_t *body)
{
	const json_t	*rec = json_object_get(body, "record");
	const char	*u = str(rec, "url");

	if (u[0] == '\0')
		u = str(json_object_get(rec, "extra"), "url");
	if (u[0] == '\0')
		u = str(body, "source_url");
	if (u[0] != '\0')
		return xstrdup(u);
	if (strncmp(str(body, "source"), "ofac", 4) == 0 && str(rec, "id")[0])
		return xasprintf("https://sanctionssearch.ofac.treas.gov/"
		    "Details.aspx?id=%s", str(rec, "id"));
	return NULL;
}

static void
change_subject(const json_t *body, struct alert_text *t)
{
	const json_t	*rec = json_object_get(body, "record");
	const json_t	*m = json_object_get(body, "matches");
	const char	*event = str(body, "event"), *primary = NULL;
	char		*src = source_label(str(body, "source")), *what;
	struct buf	 q = { 0 };
	size_t		 i;
	json_t		*v;

	json_array_foreach(m, i, v) {
		const char	*kind = str(v, "kind");
		const char	*val = watch_value(str(v, "watch"));

		if ((strcmp(kind, "name") == 0 || strcmp(kind, "id") == 0) &&
		    primary == NULL) {
			primary = val;
			if (strcmp(kind, "name") == 0)
				t->critical = 1;
		} else if (strcmp(kind, "name") != 0 && strcmp(kind, "id") != 0) {
			if (q.len)
				buf_adds(&q, ", ");
			buf_adds(&q, val);
		} else if (strcmp(kind, "name") == 0)
			t->critical = 1;
	}
	if (strcmp(event, "added") == 0)
		what = xasprintf("New %s designation", src);
	else if (strcmp(event, "removed") == 0)
		what = xasprintf("%s delisting", src);
	else if (strcmp(event, "modified") == 0)
		what = xasprintf("Changed %s designation", src);
	else if (strcmp(event, "news") == 0)
		what = xasprintf("%s news", src);
	else
		what = xasprintf("%s %s", src, event);
	if (primary != NULL)
		t->subject = xasprintf("%s matching %s%s%s%s", what, primary,
		    q.len ? " (" : "", q.len ? buf_cstr(&q) : "", q.len ? ")" : "");
	else
		t->subject = xasprintf("%s: %s%s%s%s", what, str(rec, "name"),
		    q.len ? " (" : "", q.len ? buf_cstr(&q) : "", q.len ? ")" : "");
	free(what);
	free(src);
	buf_free(&q);
}

static void
change_text(const json_t *body, struct alert_text *t)
{
	struct buf	 b = { 0 }, br = { 0 };
	const json_t	*rec = json_object_get(body, "record");
	const json_t	*m = json_object_get(body, "matches");
	char		*link = record_link(body), *s;
	size_t		 i;
	json_t		*v;

	change_subject(body, t);
	buf_adds(&b, t->subject);
	buf_adds(&b, "\n\n");
	record_text(&b, body);
	buf_addc(&b, '\n');
	add_field(&b, "Event:", str(body, "event"));
	add_field(&b, "Source:", str(body, "source"));
	add_field(&b, "Link:", link);
	add_field(&b, "Detected:", str(body, "detected_at"));
	add_field(&b, "Alert id:", str(body, "alert_id"));
	/* The record's content hash: what a suppression's hash= takes. */
	add_field(&b, "Hash:", str(body, "content_hash"));
	t->text = xstrdup(buf_cstr(&b));

	/* Desktop: the record, then one line per watch that matched. */
	s = join(json_object_get(rec, "programs"), ", ");
	buf_adds(&br, str(rec, "name"));
	if (s[0]) {
		buf_adds(&br, " — ");
		buf_adds(&br, s);
	}
	free(s);
	json_array_foreach(m, i, v) {
		buf_adds(&br, "\n• ");
		buf_adds(&br, str(v, "watch"));
	}
	buf_adds(&br, "\n");
	buf_adds(&br, str(body, "source"));
	buf_adds(&br, ":");
	buf_adds(&br, str(rec, "id"));
	t->brief = xstrdup(buf_cstr(&br));
	free(link);
	buf_free(&b);
	buf_free(&br);
}

/* Meta-alerts: the daemon telling the other channels that one failed. */
static void
meta_text(const json_t *body, struct alert_text *t)
{
	const char	*kind = str(body, "kind"), *ch = str(body, "channel");
	const json_t	*orig = json_object_get(body, "alert");
	struct alert_text o = { 0 };
	struct buf	 b = { 0 };

	if (strcmp(kind, "channel-disabled") == 0)
		t->subject = xasprintf("sanctwatch: channel %s disabled: %s", ch,
		    str(body, "reason"));
	else {
		if (json_is_object(orig))
			change_text(orig, &o);
		t->subject = xasprintf("sanctwatch: undeliverable on %s: %s", ch,
		    o.subject ? o.subject : str(body, "reason"));
	}
	t->critical = 1;
	buf_adds(&b, t->subject);
	buf_adds(&b, "\n\n");
	add_field(&b, "Channel:", ch);
	add_field(&b, "Reason:", str(body, "reason"));
	if (json_integer_value(json_object_get(body, "dropped")) > 0) {
		char	n[32];

		snprintf(n, sizeof n, "%lld", (long long)json_integer_value(
		    json_object_get(body, "dropped")));
		add_field(&b, "Dropped:", n);
	}
	add_field(&b, "Detected:", str(body, "detected_at"));
	add_field(&b, "Alert id:", str(body, "alert_id"));
	if (o.text != NULL) {
		buf_adds(&b, "\nThe alert that could not be delivered:\n\n");
		buf_adds(&b, o.text);
	}
	t->text = xstrdup(buf_cstr(&b));
	t->brief = xasprintf("%s\n%s", str(body, "reason"), o.brief ? o.brief :
	    "");
	alert_text_clear(&o);
	buf_free(&b);
}

/* A download held or rejected by the guard: one alert, never per record. */
static void
anomaly_text(const json_t *body, struct alert_text *t)
{
	const char	*src = str(body, "source"), *action = str(body, "action");
	const json_t	*rc = json_object_get(body, "records");
	struct buf	 b = { 0 };
	char		 n[96];

	t->subject = xasprintf("sanctwatch: %s download %s: %s", src, action,
	    str(body, "reason"));
	t->critical = 1;
	buf_adds(&b, t->subject);
	buf_adds(&b, "\n\nThe stored snapshot was kept; no per-record alerts "
	    "were sent.\n\n");
	add_field(&b, "Source:", src);
	add_field(&b, "URL:", str(body, "url"));
	add_field(&b, "Reason:", str(body, "reason"));
	if (json_is_object(rc)) {
		snprintf(n, sizeof n, "%lld in the snapshot, %lld in the download",
		    (long long)json_integer_value(json_object_get(rc, "snapshot")),
		    (long long)json_integer_value(json_object_get(rc, "download")));
		add_field(&b, "Records:", n);
	}
	if (json_object_get(body, "accept") != NULL)
		add_field(&b, "To apply:", str(body, "accept"));
	add_field(&b, "Detected:", str(body, "detected_at"));
	add_field(&b, "Alert id:", str(body, "alert_id"));
	/* The record's content hash: what a suppression's hash= takes. */
	add_field(&b, "Hash:", str(body, "content_hash"));
	t->text = xstrdup(buf_cstr(&b));
	t->brief = xasprintf("%s: download %s\n%s", src, action,
	    str(body, "reason"));
	buf_free(&b);
}

/* "3 new OFAC designations": the count and the kind of change, when the
 * alerts share one; "3 OFAC changes" when they do not. */
static char *
digest_what(const json_t *alerts, const char *src, size_t n)
{
	const char	*event = NULL, *s = n == 1 ? "" : "s";
	size_t		 i;
	json_t		*v;

	json_array_foreach(alerts, i, v) {
		const char	*e = str(v, "event");

		if (event == NULL)
			event = e;
		else if (strcmp(event, e) != 0) {
			event = "";
			break;
		}
	}
	if (event == NULL)
		event = "";
	if (strcmp(event, "added") == 0)
		return xasprintf("%zu new %s designation%s", n, src, s);
	if (strcmp(event, "removed") == 0)
		return xasprintf("%zu %s delisting%s", n, src, s);
	if (strcmp(event, "modified") == 0)
		return xasprintf("%zu changed %s designation%s", n, src, s);
	if (strcmp(event, "news") == 0)
		return xasprintf("%zu %s news item%s", n, src, s);
	return xasprintf("%zu %s change%s", n, src, s);
}

/* A digest (`digest = yes`): every alert of one poll commit, each with
 * its full text, under one subject that counts them (a digest of one
 * alert keeps that alert's subject). */
static void
digest_text(const json_t *body, struct alert_text *t)
{
	const json_t	*alerts = json_object_get(body, "alerts");
	size_t		 n = json_array_size(alerts), i;
	char		*src = source_label(str(body, "source")), *what, sep[48];
	struct buf	 b = { 0 }, br = { 0 };
	json_t		*v;

	what = digest_what(alerts, src, n);
	if (n == 1 && json_is_object(json_array_get(alerts, 0))) {
		struct alert_text	o = { 0 };

		/* One alert: its own subject says more than a count. */
		change_text(json_array_get(alerts, 0), &o);
		t->subject = o.subject;
		o.subject = NULL;
		alert_text_clear(&o);
	} else
		t->subject = xasprintf("%s matching your watchlist", what);
	buf_adds(&b, t->subject);
	buf_adds(&b, "\n");
	buf_adds(&br, t->subject);
	json_array_foreach(alerts, i, v) {
		struct alert_text	o = { 0 };

		if (!json_is_object(v))
			continue;
		change_text(v, &o);
		if (o.critical)
			t->critical = 1;
		snprintf(sep, sizeof sep, "\n--- %zu of %zu ---\n\n", i + 1, n);
		buf_adds(&b, sep);
		buf_adds(&b, o.text);
		buf_adds(&br, "\n• ");
		buf_adds(&br, str(json_object_get(v, "record"), "name"));
		alert_text_clear(&o);
	}
	buf_addc(&b, '\n');
	add_field(&b, "Digest id:", str(body, "digest_id"));
	t->text = xstrdup(buf_cstr(&b));
	t->brief = xstrdup(buf_cstr(&br));
	buf_free(&b);
	buf_free(&br);
	free(what);
	free(src);
}

int
alert_text_build(const char *body, struct alert_text *t, char *err,
    size_t errlen)
{
	json_t		*o = json_loads(body, 0, NULL);
	const char	*event;

	memset(t, 0, sizeof *t);
	if (!json_is_object(o)) {
		json_decref(o);
		return seterr(err, errlen, "alert body is not a JSON object");
	}
	event = str(o, "event");
	if (strcmp(event, "meta") == 0)
		meta_text(o, t);
	else if (strcmp(event, "anomaly") == 0)
		anomaly_text(o, t);
	else if (strcmp(event, "digest") == 0) {
		digest_text(o, t);
		t->digest = 1;
	} else if (strcmp(event, "test") == 0) {
		t->subject = xstrdup("sanctwatch test alert");
		t->text = xasprintf("sanctwatch test alert\n\nThis is a test sent "
		    "by `sanctwatch notify-test` through channel %s.\nNo list "
		    "changed.\n\nAlert id: %s\n", str(o, "channel"),
		    str(o, "alert_id"));
		t->brief = xasprintf("Test through channel %s", str(o, "channel"));
	} else
		change_text(o, t);
	json_decref(o);
	return 0;
}

void
alert_text_clear(struct alert_text *t)
{
	free(t->subject);
	free(t->text);
	free(t->brief);
	memset(t, 0, sizeof *t);
}
