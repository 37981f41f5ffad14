/* webhook.c — signed HTTP POST of each alert (Standard Webhooks headers:
 * webhook-id, webhook-timestamp, webhook-signature). */
#include "notifiers/webhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "config/config.h"
#include "daemon/fetch.h"
#include "daemon/util.h"
#include "notifiers/notifier.h"

int
webhook_secret_key(const char *secret, unsigned char *key, size_t cap)
{
	const char	*b64 = secret;
	size_t		 n;
	int		 len, pad = 0;

	if (strncmp(b64, "whsec_", 6) == 0)
		b64 += 6;
	n = strlen(b64);
	if (n == 0 || n % 4 != 0 || (n / 4) * 3 > cap)
		return -1;
	len = EVP_DecodeBlock(key, (const unsigned char *)b64, (int)n);
	if (len < 0)
		return -1;
	/* EVP_DecodeBlock counts padding as data. */
	if (b64[n - 1] == '=')
		pad++;
	if (b64[n - 2] == '=')
		pad++;
	return len - pad;
}

int
webhook_sign(const char *secret, const char *id, int64_t timestamp,
    const char *body, size_t body_len, char *out, size_t outlen)
{
	unsigned char	 key[256], mac[EVP_MAX_MD_SIZE];
	unsigned char	 b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
	unsigned int	 maclen = 0;
	int		 keylen;
	char		*prefix;
	struct buf	 msg = { 0 };

	if ((keylen = webhook_secret_key(secret, key, sizeof key)) <= 0)
		return -1;
	prefix = xasprintf("%s.%lld.", id, (long long)timestamp);
	buf_adds(&msg, prefix);
	buf_add(&msg, body, body_len);
	free(prefix);
	HMAC(EVP_sha256(), key, keylen, (unsigned char *)msg.data, msg.len, mac,
	    &maclen);
	buf_free(&msg);
	EVP_EncodeBlock(b64, mac, (int)maclen);
	snprintf(out, outlen, "v1,%s", b64);
	return 0;
}

static int
webhook_check(const struct notify_conf *nc, char *err, size_t errlen)
{
	unsigned char	key[256];

	if (nc->url == NULL || (strncmp(nc->url, "https://", 8) != 0 &&
	    strncmp(nc->url, "http://", 7) != 0))
		return seterr(err, errlen, "url must be an http:// or https:// URL");
	if (nc->secrets.n == 0)
		return seterr(err, errlen, "secret or secret_file is required");
	for (size_t i = 0; i < nc->secrets.n; i++)
		if (webhook_secret_key(nc->secrets.v[i], key, sizeof key) <= 0)
			return seterr(err, errlen, "secret %zu is not whsec_ "
			    "followed by base64", i + 1);
	return 0;
}

struct webhook_call {
	notify_done_cb	 done;
	void		*arg;
};

static void
webhook_done_cb(const struct fetch_result *r, void *arg)
{
	struct webhook_call	*c = arg;
	char			 why[256];

	if (!r->ok)
		c->done(NOTIFY_RETRY, r->error, -1, c->arg);
	else if (r->status >= 200 && r->status < 300)
		c->done(NOTIFY_OK, NULL, -1, c->arg);
	else {
		/* 3xx is not followed and counts as failure; 410 means gone. */
		snprintf(why, sizeof why, "HTTP %ld from %s", r->status, r->url);
		c->done(r->status == 410 ? NOTIFY_GONE : NOTIFY_RETRY, why,
		    r->status == 429 ? r->retry_after : -1, c->arg);
	}
	free(c);
}

static int
webhook_send(const struct notify_env *env, const struct notify_conf *nc,
    const struct alert_msg *a, notify_done_cb done, void *arg, char *err,
    size_t errlen)
{
	struct fetch_req	 req;
	struct webhook_call	*c;
	struct curl_slist	*h = NULL;
	struct buf		 sig = { 0 };
	char			 one[128], *line;
	size_t			 blen = strlen(a->body);

	/* Several secrets (rotation) give space-separated signatures. */
	for (size_t i = 0; i < nc->secrets.n; i++) {
		if (webhook_sign(nc->secrets.v[i], a->id, a->now, a->body, blen,
		    one, sizeof one) == -1) {
			buf_free(&sig);
			return seterr(err, errlen, "bad secret");
		}
		if (sig.len)
			buf_addc(&sig, ' ');
		buf_adds(&sig, one);
	}
	h = curl_slist_append(h, "Content-Type: application/json");
	line = xasprintf("webhook-id: %s", a->id);
	h = curl_slist_append(h, line);
	free(line);
	line = xasprintf("webhook-timestamp: %lld", (long long)a->now);
	h = curl_slist_append(h, line);
	free(line);
	line = xasprintf("webhook-signature: %s", buf_cstr(&sig));
	h = curl_slist_append(h, line);
	free(line);
	buf_free(&sig);
	/* Expect: 100-continue only adds a round trip for small bodies. */
	h = curl_slist_append(h, "Expect:");

	memset(&req, 0, sizeof req);
	req.url = nc->url;
	req.post = a->body;
	req.post_len = blen;
	req.headers = h;
	req.timeout = (long)nc->timeout;
	req.max_bytes = 1 << 20;
	c = xcalloc(1, sizeof *c);
	c->done = done;
	c->arg = arg;
	if (fetch_start(env->fetcher, &req, webhook_done_cb, c, err, errlen)
	    == -1) {
		free(c);
		return -1;
	}
	return 0;
}

const struct notifier_ops webhook_notifier = {
	.name = "webhook",
	.digest = 1,
	.check = webhook_check,
	.send = webhook_send,
};
