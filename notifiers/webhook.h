/* webhook.h — Standard Webhooks signing, exported for tests. */
#ifndef SW_WEBHOOK_H
#define SW_WEBHOOK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Signs "id.timestamp.body" with HMAC-SHA256 under a "whsec_<base64>"
 * secret and writes "v1,<base64 signature>" into out. Returns 0, or -1
 * when the secret is not valid base64 after the prefix.
 */
int	webhook_sign(const char *secret, const char *id, int64_t timestamp,
	    const char *body, size_t body_len, char *out, size_t outlen);
/* Decodes a secret's key; returns its length or -1. */
int	webhook_secret_key(const char *secret, unsigned char *key, size_t cap);

#endif
