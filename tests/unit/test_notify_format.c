/* test_notify_format.c — alert text (triage subjects, critical only for a
 * name match), the RFC 5322 message (Message-ID from the alert id, RFC 2047
 * subject when not ASCII, CRLF), what a reviewer needs (content hash,
 * suppressed matches) and the `events` filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/config.h"
#include "notifiers/email.h"
#include "notifiers/format.h"
#include "notifiers/notifier.h"

static const char camara[] =
    "{\"alert_id\":\"sw_5c0f\",\"event\":\"added\",\"source\":\"ofac-sdn\","
    "\"record\":{\"source\":\"ofac-sdn\",\"id\":\"42618\",\"type\":\"individual\","
    "\"name\":\"CAMARA, Sadio\",\"aliases\":[],\"programs\":[\"RUSSIA-EO14024\"],"
    "\"countries\":[\"ML\",\"FR\"],\"remarks\":\"DOB 22 Mar 1979; POB Kati, "
    "Koulikoro, Mali; nationality Mali; Gender Male; Secondary sanctions risk: "
    "Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209.\"},"
    "\"fields\":[],\"matches\":[{\"watch\":\"name: Sadio Camara\",\"kind\":\"name\","
    "\"score\":1.0,\"matched\":\"CAMARA, Sadio\",\"field\":\"name\",\"reason\":\"all "
    "words\"},{\"watch\":\"country: Mali\",\"kind\":\"country\",\"score\":1.0,"
    "\"matched\":\"ML\",\"field\":\"countries\",\"reason\":\"record touches Mali (ML)\"}],"
    "\"detected_at\":\"2023-07-24T14:05:00Z\"}";

static const char country_only[] =
    "{\"alert_id\":\"sw_1\",\"event\":\"removed\",\"source\":\"eu-fsf\","
    "\"record\":{\"source\":\"eu-fsf\",\"id\":\"7\",\"name\":\"DIARRA, Alou\"},"
    "\"matches\":[{\"watch\":\"country: Mali\",\"kind\":\"country\"},"
    "{\"watch\":\"program: MALI-EO13882\",\"kind\":\"program\"}]}";

static const char accented[] =
    "{\"alert_id\":\"sw_2\",\"event\":\"modified\",\"source\":\"ofac-sdn\","
    "\"record\":{\"id\":\"9\",\"name\":\"CÔTE D'IVOIRE TRADING ÉTABLISSEMENT "
    "GÉNÉRAL DES IMPORTATIONS ET EXPORTATIONS\"},\"fields\":[\"remarks\"],"
    "\"matches\":[{\"watch\":\"name: Côte d'Ivoire Trading Établissement\","
    "\"kind\":\"name\"}]}";

static void
test_subjects(void **state)
{
	struct alert_text	t;
	char			err[SW_ERRLEN];

	assert_int_equal(alert_text_build(camara, &t, err, sizeof err), 0);
	assert_string_equal(t.subject,
	    "New OFAC designation matching Sadio Camara (Mali)");
	assert_int_equal(t.critical, 1);
	assert_non_null(strstr(t.text, "Link:      https://sanctionssearch.ofac."
	    "treas.gov/Details.aspx?id=42618"));
	assert_non_null(strstr(t.text, "  - name: Sadio Camara: all words"));
	for (char *p = t.text, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true(nl - p <= 78);
	}
	alert_text_clear(&t);

	assert_int_equal(alert_text_build(country_only, &t, err, sizeof err), 0);
	assert_string_equal(t.subject,
	    "EU delisting: DIARRA, Alou (Mali, MALI-EO13882)");
	assert_int_equal(t.critical, 0);
	alert_text_clear(&t);

	assert_int_equal(alert_text_build("[1]", &t, err, sizeof err), -1);
	assert_int_equal(alert_text_build("{\"event\":\"meta\",\"kind\":"
	    "\"channel-disabled\",\"channel\":\"hook\",\"reason\":\"HTTP 410\"}",
	    &t, err, sizeof err), 0);
	assert_string_equal(t.subject,
	    "sanctwatch: channel hook disabled: HTTP 410");
	alert_text_clear(&t);

	/* The guard's alert: a held download, with the command to apply it. */
	assert_int_equal(alert_text_build("{\"alert_id\":\"sw_a\",\"event\":"
	    "\"anomaly\",\"source\":\"ofac-sdn\",\"action\":\"held\","
	    "\"reason\":\"would remove 8958 of 9158 records (97.8%)\","
	    "\"url\":\"https://x/sdn.csv\",\"records\":{\"snapshot\":9158,"
	    "\"download\":200,\"removed\":8958},\"accept\":"
	    "\"sanctwatch accept ofac-sdn\"}", &t, err, sizeof err), 0);
	assert_string_equal(t.subject, "sanctwatch: ofac-sdn download held: "
	    "would remove 8958 of 9158 records (97.8%)");
	assert_int_equal(t.critical, 1);
	assert_non_null(strstr(t.text, "9158 in the snapshot, 200 in the download"));
	assert_non_null(strstr(t.text, "sanctwatch accept ofac-sdn"));
	alert_text_clear(&t);
}

/* What a reviewer needs from a mail: the content hash for hash=, and the
 * matches a suppression left out. */
static void
test_review(void **state)
{
	static const char	body[] =
	    "{\"alert_id\":\"sw_7\",\"event\":\"modified\",\"source\":"
	    "\"ofac-sdn\",\"record\":{\"source\":\"ofac-sdn\",\"id\":"
	    "\"42618\",\"name\":\"CAMARA, Sadio\",\"countries\":[\"ML\","
	    "\"FR\"]},\"matches\":[{\"watch\":\"country: France\",\"kind\":"
	    "\"country\",\"reason\":\"record touches France (FR)\"}],"
	    "\"content_hash\":\"5247dd94d7d22d16d9dc98cb67fdd3440d09c16f5dfc7d"
	    "ccbded290b1c981611\",\"suppressed\":[{\"watch\":\"name: Sadio "
	    "Camara\",\"reviewer\":\"ana\",\"expires\":\"2099-12-31\","
	    "\"reason\":\"born 1961, see case 1187\"}]}";
	struct alert_text	t;
	char			err[SW_ERRLEN];

	assert_int_equal(alert_text_build(body, &t, err, sizeof err), 0);
	assert_non_null(strstr(t.text, "\nHash:      5247dd94d7d22d16d9dc98cb67"
	    "fdd3440d09c16f5dfc7dccbded290b1c981611\n"));
	assert_non_null(strstr(t.text, "Suppressed as reviewed:\n  - name: "
	    "Sadio Camara: born 1961, see case 1187 (ana, until 2099-12-31)"));
	for (char *p = t.text, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true(nl - p <= 78);
	}
	alert_text_clear(&t);
}

static void
test_message(void **state)
{
	char	err[SW_ERRLEN], *m, *addr;

	m = email_message("sanctwatch <alerts@example.org>", "a@example.org",
	    "sw_5c0f", camara, 1690207500, err, sizeof err);
	assert_non_null(m);
	assert_non_null(strstr(m, "Date: Mon, 24 Jul 2023 14:05:00 +0000\r\n"));
	assert_non_null(strstr(m, "Message-ID: <sw_5c0f@example.org>\r\n"));
	assert_non_null(strstr(m, "Subject: New OFAC designation matching Sadio "
	    "Camara (Mali)\r\n"));
	assert_non_null(strstr(m, "\r\n\r\nNew OFAC designation"));
	for (char *p = m; (p = strchr(p, '\n')) != NULL; p++)
		assert_int_equal(p[-1], '\r');
	free(m);

	m = email_message("alerts@example.org", "a@example.org", "sw_2",
	    accented, 0, err, sizeof err);
	assert_non_null(m);
	/* RFC 2047: every line of the subject is an encoded word. */
	assert_non_null(strstr(m, "Subject: =?UTF-8?B?"));
	assert_null(strstr(m, "Subject: Changed"));
	free(m);

	addr = email_address(" Bob Jones <bob@example.org> ");
	assert_string_equal(addr, "bob@example.org");
	free(addr);
	addr = email_address(" c@example.org ");
	assert_string_equal(addr, "c@example.org");
	free(addr);
}

static void
test_events(void **state)
{
	struct notify_conf	nc;
	char			err[SW_ERRLEN];

	memset(&nc, 0, sizeof nc);
	assert_int_equal(notifier_check_events("added, removed,meta", err,
	    sizeof err), 0);
	assert_int_equal(notifier_check_events("added, deleted", err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "\"deleted\""));
	nc.events = (char *)(uintptr_t)"added, meta";
	assert_true(notifier_wants(&nc, "added"));
	assert_true(notifier_wants(&nc, "meta"));
	assert_false(notifier_wants(&nc, "removed"));
	assert_false(notifier_wants(&nc, "add"));
	assert_true(notifier_wants(&nc, "test"));
	nc.events = (char *)(uintptr_t)"all";
	assert_true(notifier_wants(&nc, "news"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_events),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
