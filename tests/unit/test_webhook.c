/* test_webhook.c — Standard Webhooks signatures, against the spec's own
 * published test vector and against rotation and bad secrets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "notifiers/webhook.h"

static void
test_spec_vector(void **state)
{
	/* The example in the Standard Webhooks specification. */
	static const char body[] = "{\"test\": 2432232314}";
	char	sig[128];

	assert_int_equal(webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
	    "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, sizeof body - 1,
	    sig, sizeof sig), 0);
	assert_string_equal(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

static void
test_changes_with_input(void **state)
{
	static const char body[] = "{\"test\": 2432232314}";
	char	a[128], b[128], c[128];

	webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1, body,
	    sizeof body - 1, a, sizeof a);
	webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 2, body,
	    sizeof body - 1, b, sizeof b);
	webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1, body,
	    sizeof body - 2, c, sizeof c);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, c);
}

static void
test_bad_secrets(void **state)
{
	char		sig[128];
	unsigned char	key[64];

	assert_int_equal(webhook_sign("whsec_", "m", 1, "x", 1, sig, sizeof sig), -1);
	assert_int_equal(webhook_sign("whsec_not*base64!", "m", 1, "x", 1, sig,
	    sizeof sig), -1);
	assert_int_equal(webhook_secret_key("whsec_AAEC", key, sizeof key), 3);
	assert_int_equal(webhook_secret_key("whsec_AAE=", key, sizeof key), 2);
	/* The prefix is optional, as in the reference libraries. */
	assert_int_equal(webhook_secret_key("AAECAw==", key, sizeof key), 4);
	assert_int_equal(key[3], 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_vector),
		cmocka_unit_test(test_changes_with_input),
		cmocka_unit_test(test_bad_secrets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
