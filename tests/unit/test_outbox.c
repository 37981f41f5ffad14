/* test_outbox.c — the delivery side of the store: a gone channel kills its
 * queue and queues one meta-alert for the others in one step; dead-letter;
 * retry; the next due time; per-channel due rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/outbox.h"
#include "daemon/store.h"

static void
test_gone_dead_retry(void **state)
{
	char			 dir[64], err[SW_ERRLEN], reason[128];
	char			 aid[] = "sw_a", abody[] = "{\"event\":\"added\"}";
	struct store		*st;
	struct store_alert	 a = { aid, "added", "1", abody };
	struct store_alert	 meta, meta2;
	struct store_delivery	*due;
	struct store_alert_info	*info;
	size_t			 n;
	int64_t			 when, ndead;
	const char		*all[] = { "hook", "mail", "desk", NULL };
	const char		*others[] = { "mail", "desk", NULL };
	const char		*own[] = { "hook", "mail", NULL };

	snprintf(dir, sizeof dir, "/tmp/sw-outbox-XXXXXX");
	assert_non_null(mkdtemp(dir));
	if ((st = store_open(dir, err, sizeof err)) == NULL)
		fail_msg("%s", err);
	assert_int_equal(store_alert_add(st, &a, "ofac-sdn", 100, all, err,
	    sizeof err), 0);
	/* The same id again adds nothing. */
	assert_int_equal(store_alert_add(st, &a, "ofac-sdn", 100, all, err,
	    sizeof err), 0);
	assert_int_equal(store_due(st, 100, &due, &n, err, sizeof err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(due[0].event, "added");
	store_deliveries_free(due, n);
	assert_int_equal(store_due_channel(st, "desk", 100, &due, &n, err,
	    sizeof err), 0);
	assert_int_equal(n, 1);
	store_deliveries_free(due, n);

	assert_int_equal(store_delivery_update(st, "sw_a", "mail", "pending", 1,
	    160, "refused", 100, err, sizeof err), 0);
	assert_int_equal(store_delivery_update(st, "sw_a", "hook", "pending", 1,
	    130, "HTTP 500", 100, err, sizeof err), 0);
	assert_int_equal(store_next_due(st, own, &when, err, sizeof err), 0);
	assert_int_equal(when, 130);

	/* 410 on hook: its row dies, one meta-alert for mail and desk. */
	outbox_meta(&meta, "channel-disabled", "hook", "u", "HTTP 410", NULL, 0,
	    200);
	outbox_meta(&meta2, "channel-disabled", "hook", "u", "HTTP 410", NULL, 0,
	    999);
	assert_string_equal(meta.id, meta2.id);	/* derived, not random */
	outbox_meta_free(&meta2);
	assert_int_equal(store_channel_disable(st, "hook", "http://h/", "HTTP 410",
	    200, &meta, others, &ndead, err, sizeof err), 0);
	assert_int_equal(ndead, 1);
	assert_int_equal(store_channel_disabled(st, "hook", "http://h/", reason,
	    sizeof reason, err, sizeof err), 1);
	assert_string_equal(reason, "HTTP 410");
	/* A new URL is a new endpoint. */
	assert_int_equal(store_channel_disabled(st, "hook", "http://new/", NULL, 0,
	    err, sizeof err), 0);
	assert_int_equal(store_due(st, 200, &due, &n, err, sizeof err), 0);
	assert_int_equal(n, 4);		/* mail, desk + the meta-alert on both */
	store_deliveries_free(due, n);
	assert_int_equal(store_alerts_list(st, meta.id, 1, &info, &n, err,
	    sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(info[0].nd, 2);
	assert_string_equal(info[0].event, "meta");
	store_alert_infos_free(info, n);

	/* Dead-letter mail, then retry: hook and mail pending, hook enabled. */
	assert_int_equal(store_delivery_dead(st, "sw_a", "mail", 5, "refused",
	    300, NULL, NULL, err, sizeof err), 0);
	assert_int_equal(store_retry(st, "sw_a", 400, &ndead, err, sizeof err), 0);
	assert_int_equal(ndead, 2);
	assert_int_equal(store_channel_disabled(st, "hook", "http://h/", NULL, 0,
	    err, sizeof err), 0);
	assert_int_equal(store_alerts_list(st, "sw_a", 1, &info, &n, err,
	    sizeof err), 0);
	for (size_t k = 0; k < info[0].nd; k++)
		assert_string_equal(info[0].d[k].state, "pending");
	assert_int_equal(info[0].created, 400);
	store_alert_infos_free(info, n);
	assert_int_equal(store_retry(st, "sw_a", 400, &ndead, err, sizeof err), 0);
	assert_int_equal(ndead, 0);

	outbox_meta_free(&meta);
	store_close(st);
	{
		char *cmd = xasprintf("rm -rf %s", dir);

		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gone_dead_retry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
