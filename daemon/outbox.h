/* outbox.h — alerts the daemon raises about its own delivery
 * (meta-alerts): an undeliverable alert, a channel that is gone. */
#ifndef SW_OUTBOX_H
#define SW_OUTBOX_H

#include <stdint.h>

#include "daemon/store.h"

/*
 * Fills out with a meta-alert of kind "undeliverable" (key: the alert id;
 * original is its body) or "channel-disabled" (key: the URL; dropped
 * counts the deliveries given up). The id is derived from kind, channel
 * and key, so a crash never mints a second one. Free with outbox_meta_free().
 */
void	outbox_meta(struct store_alert *out, const char *kind,
	    const char *channel, const char *key, const char *reason,
	    const char *original, int64_t dropped, int64_t now);
void	outbox_meta_free(struct store_alert *);

#endif
