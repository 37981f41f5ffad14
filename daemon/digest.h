/* digest.h — one message carrying all the alerts that one poll commit
 * raised for a channel (`digest = yes` on a webhook or email channel). */
#ifndef SW_DIGEST_H
#define SW_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/*
 * A digest is keyed by the fetch seq (the `fetches` history row) of the
 * commit that raised its alerts: alerts of one commit share it, so one
 * poll cycle of one source makes one digest per channel.
 *
 * Its id is "swd_" and 32 hex digits of the SHA-256 of its alert ids in
 * sorted order: the same alerts always make the same id, whatever their
 * order, so a retry or a restart after a crash re-sends the same id and
 * never mints a second digest. out holds at least DIGEST_ID_LEN bytes.
 */
#define DIGEST_ID_LEN	40
void	 digest_id(const char *const *alert_ids, size_t n, char *out);

/*
 * The digest body, compact JSON:
 *   {"digest_id", "event": "digest", "source", "fetch_seq", "count",
 *    "alerts": [alert, ...], "detected_at"}
 * where each alert is the body a single delivery would carry, sorted by
 * alert id (so every re-send is byte for byte the same). A body that is
 * not JSON is carried as a string. The caller frees the result.
 */
char	*digest_body(const char *id, int64_t fetch_seq,
	    const char *const *bodies, size_t n);

#endif
