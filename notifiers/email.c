/* email.c — one mail per alert over SMTP with libcurl on the daemon's
 * multi handle: STARTTLS required unless turned off, smtps:// for implicit
 * TLS, AUTH only ever inside TLS. */
#include "notifiers/email.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "config/config.h"
#include "daemon/fetch.h"
#include "daemon/util.h"
#include "notifiers/format.h"
#include "notifiers/notifier.h"

char *
email_address(const char *s)
{
	const char	*lt = strchr(s, '<'), *gt;

	while (*s == ' ')
		s++;
	if (lt != NULL && (gt = strchr(lt, '>')) != NULL)
		return xstrndup(lt + 1, (size_t)(gt - lt - 1));
	{
		size_t	n = strlen(s);

		while (n > 0 && s[n - 1] == ' ')
			n--;
		return xstrndup(s, n);
	}
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r' || *s == '\n')
			return 0;
	return 1;
}

/* Subject: folded at spaces when ASCII, else RFC 2047 base64 words of at
 * most 45 bytes each that never split a UTF-8 sequence. */
static void
add_subject(struct buf *b, const char *subj)
{
	size_t	col = 9, len = strlen(subj), off = 0;

	buf_adds(b, "Subject: ");
	if (is_ascii(subj)) {
		const char *p = subj;

		while (*p) {
			size_t	w = strcspn(p + 1, " ") + 1;

			if (col > 9 && col + w > 78) {
				buf_adds(b, "\r\n");
				col = 0;
			}
			buf_add(b, p, w);
			col += w;
			p += w;
		}
		buf_adds(b, "\r\n");
		return;
	}
	while (off < len) {
		unsigned char	enc[64];
		size_t		n = len - off > 45 ? 45 : len - off;

		while (n < len - off && n > 0 &&
		    ((unsigned char)subj[off + n] & 0xC0) == 0x80)
			n--;
		EVP_EncodeBlock(enc, (const unsigned char *)subj + off, (int)n);
		if (off > 0)
			buf_adds(b, "\r\n ");
		buf_adds(b, "=?UTF-8?B?");
		buf_adds(b, (const char *)enc);
		buf_adds(b, "?=");
		off += n;
	}
	buf_adds(b, "\r\n");
}

static void
add_crlf(struct buf *b, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (*p == '\n')
			buf_addc(b, '\r');
		if (*p != '\r')
			buf_addc(b, *p);
	}
}

char *
email_message(const char *from, const char *to, const char *alert_id,
    const char *body, int64_t now, char *err, size_t errlen)
{
	struct alert_text	 t;
	struct buf		 b = { 0 };
	struct tm		 tm;
	time_t			 tt = (time_t)now;
	char			 date[64], *addr, *domain, *line, *out;

	if (alert_text_build(body, &t, err, errlen) == -1)
		return NULL;
	gmtime_r(&tt, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	addr = email_address(from);
	domain = strchr(addr, '@');
	line = xasprintf("Date: %s\r\nFrom: %s\r\nTo: %s\r\n", date, from, to);
	buf_adds(&b, line);
	free(line);
	add_subject(&b, t.subject);
	/* The same alert always has the same Message-ID: a re-send after a
	 * crash is recognisably the same message. */
	line = xasprintf("Message-ID: <%s@%s>\r\n", alert_id, domain &&
	    domain[1] ? domain + 1 : "sanctwatch.invalid");
	buf_adds(&b, line);
	free(line);
	/* a digest's id names the digest, not one alert */
	line = xasprintf("X-Sanctwatch-%s-Id: %s\r\n", t.digest ? "Digest" :
	    "Alert", alert_id);
	buf_adds(&b, line);
	free(line);
	buf_adds(&b, "Auto-Submitted: auto-generated\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n");
	if (t.critical)
		buf_adds(&b, "Importance: high\r\n");
	buf_adds(&b, "\r\n");
	add_crlf(&b, t.text);
	out = xstrdup(buf_cstr(&b));
	buf_free(&b);
	free(addr);
	alert_text_clear(&t);
	return out;
}

static int
email_check(const struct notify_conf *nc, char *err, size_t errlen)
{
	int	smtps;

	if (nc->url == NULL || (strncmp(nc->url, "smtp://", 7) != 0 &&
	    strncmp(nc->url, "smtps://", 8) != 0))
		return seterr(err, errlen, "url must be smtp://HOST:PORT or "
		    "smtps://HOST:PORT");
	smtps = strncmp(nc->url, "smtps://", 8) == 0;
	if (nc->from == NULL || strchr(nc->from, '@') == NULL)
		return seterr(err, errlen, "from must be an address");
	if (nc->to == NULL || strchr(nc->to, '@') == NULL)
		return seterr(err, errlen, "to must list one or more addresses");
	if (strcmp(nc->starttls, "required") != 0 &&
	    strcmp(nc->starttls, "off") != 0)
		return seterr(err, errlen, "starttls must be required or off");
	if ((nc->username != NULL) != (nc->password != NULL))
		return seterr(err, errlen, "username and password_file go "
		    "together");
	if (nc->username != NULL && !smtps && strcmp(nc->starttls, "off") == 0)
		return seterr(err, errlen, "AUTH without TLS would send the "
		    "password in clear: use starttls = required or smtps://");
	if (nc->secrets.n > 0 || nc->secret_file != NULL)
		return seterr(err, errlen, "secret is for webhooks");
	return 0;
}

struct email_call {
	notify_done_cb	 done;
	void		*arg;
	char		*msg;
	size_t		 len, off;
	struct curl_slist *rcpt;
};

/* CURLOPT_READFUNCTION: hands curl the message; curl does the SMTP
 * dot-stuffing. */
static size_t
email_read_cb(char *p, size_t sz, size_t n, void *arg)
{
	struct email_call	*c = arg;
	size_t			 want = sz * n, left = c->len - c->off;

	if (want > left)
		want = left;
	memcpy(p, c->msg + c->off, want);
	c->off += want;
	return want;
}

static void
email_done_cb(const struct fetch_result *r, void *arg)
{
	struct email_call	*c = arg;
	char			 why[512];

	if (r->ok)
		c->done(NOTIFY_OK, NULL, -1, c->arg);
	else {
		if (r->status > 0)
			snprintf(why, sizeof why, "%s: %s; last reply %ld",
			    r->url, r->error, r->status);
		else
			snprintf(why, sizeof why, "%s: %s", r->url, r->error);
		c->done(NOTIFY_RETRY, why, -1, c->arg);
	}
	curl_slist_free_all(c->rcpt);
	free(c->msg);
	free(c);
}

static int
email_send(const struct notify_env *env, const struct notify_conf *nc,
    const struct alert_msg *a, notify_done_cb done, void *arg, char *err,
    size_t errlen)
{
	struct email_call	*c;
	CURL			*easy;
	char			*from, *list, *tok, *save = NULL;
	int			 smtps = strncmp(nc->url, "smtps://", 8) == 0;

	c = xcalloc(1, sizeof *c);
	if ((c->msg = email_message(nc->from, nc->to, a->id, a->body, a->now,
	    err, errlen)) == NULL) {
		free(c);
		return -1;
	}
	c->len = strlen(c->msg);
	c->done = done;
	c->arg = arg;
	list = xstrdup(nc->to);
	for (tok = strtok_r(list, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		char	*addr = email_address(tok), *rcpt;

		if (addr[0] != '\0') {
			rcpt = xasprintf("<%s>", addr);
			c->rcpt = curl_slist_append(c->rcpt, rcpt);
			free(rcpt);
		}
		free(addr);
	}
	free(list);
	from = email_address(nc->from);
	tok = xasprintf("<%s>", from);
	free(from);

	easy = curl_easy_init();
	curl_easy_setopt(easy, CURLOPT_URL, nc->url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(easy, CURLOPT_MAIL_FROM, tok);
	free(tok);
	curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, c->rcpt);
	curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(easy, CURLOPT_READFUNCTION, email_read_cb);
	curl_easy_setopt(easy, CURLOPT_READDATA, c);
	curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)c->len);
	/* STARTTLS or nothing: curl stops before AUTH when the server does
	 * not offer it. smtps:// is TLS from the first byte. */
	curl_easy_setopt(easy, CURLOPT_USE_SSL, smtps ||
	    strcmp(nc->starttls, "required") == 0 ? (long)CURLUSESSL_ALL :
	    (long)CURLUSESSL_NONE);
	if (nc->cacert != NULL)
		curl_easy_setopt(easy, CURLOPT_CAINFO, nc->cacert);
	if (nc->username != NULL) {
		curl_easy_setopt(easy, CURLOPT_USERNAME, nc->username);
		curl_easy_setopt(easy, CURLOPT_PASSWORD, nc->password);
	}
	curl_easy_setopt(easy, CURLOPT_TIMEOUT, (long)nc->timeout);
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, (long)nc->timeout);
	/* Certificate checks stay on: CURLOPT_SSL_VERIFY* are never touched. */
	if (fetch_start_easy(env->fetcher, easy, nc->url, email_done_cb, c, err,
	    errlen) == -1) {
		curl_slist_free_all(c->rcpt);
		free(c->msg);
		free(c);
		return -1;
	}
	return 0;
}

const struct notifier_ops email_notifier = {
	.name = "email",
	.digest = 1,
	.check = email_check,
	.send = email_send,
};
