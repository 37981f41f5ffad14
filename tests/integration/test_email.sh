#!/bin/sh
# Email over SMTP against aiosmtpd with a throwaway certificate: STARTTLS
# then AUTH; the delivered message's headers (Message-ID from the alert id,
# a triage subject, several recipients) and plain-text body (record,
# matches, link) are checked. A server that offers no STARTTLS gets no
# credentials: the delivery fails and the password never crosses the wire.
# smtps:// (TLS from the first byte) and notify-test are checked too.
. "$(dirname "$0")/lib.sh"

PASS='s3cret-Pa55word'
WWW=$T/www
start_httpd "$WWW"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
	-days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null ||
	fail "openssl req"
smtpd() {
	mkdir -p "$T/$2"
	$PY "$HERE/smtpd.py" "$1" "$T/$2" "$T/$2/port" "$T/cert.pem" "$T/key.pem" \
		alice "$PASS" 2>>"$T/smtpd.log" &
	PIDS="$PIDS $!"
	wait_file "$T/$2/port"
}
smtpd starttls tls
smtpd plain plain
smtpd smtps smtps
printf '%s\n' "$PASS" >"$T/mail.pass"

cat >"$T/watchlist.txt" <<'W'
name: Sadio Camara
country: Mali
W
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C

[notify mail]
type = email
url = smtp://127.0.0.1:$(cat "$T/tls/port")
from = sanctwatch <alerts@example.org>
to = compliance@example.org, Bob Jones <bob@example.org>
username = alice
password_file = mail.pass
cacert = cert.pem
retry_min = 1s

[notify plain]
type = email
url = smtp://127.0.0.1:$(cat "$T/plain/port")
from = alerts@example.org
to = compliance@example.org
username = alice
password_file = mail.pass
cacert = cert.pem
retry_min = 1s

[notify implicit]
type = email
url = smtps://127.0.0.1:$(cat "$T/smtps/port")
from = alerts@example.org
to = compliance@example.org
username = alice
password_file = mail.pass
cacert = cert.pem
events = meta
C

cp "$(fixture ofac/sdn__2023-07-20__f9b0fe3.csv)" "$WWW/sdn.csv"
run || fail "baseline: $(tail -3 "$T/run.log")"
cp "$(fixture ofac/sdn__2023-07-24__5460680.csv)" "$WWW/sdn.csv"
run || fail "second run"

M=$T/tls/mail.jsonl
expect_eq "$(count "$M")" 3 "messages delivered over STARTTLS"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='mail' AND state='delivered'")" 3 "mail rows delivered"
expect_eq "$(pyq "$M" 'sorted(set(r["auth"] for r in rows))')" "['alice']" "AUTH inside TLS as alice"
expect_eq "$(pyq "$M" 'sorted(rows[0]["rcpt_tos"])')" "['bob@example.org', 'compliance@example.org']" "both recipients"
expect_eq "$(pyq "$M" 'rows[0]["mail_from"]')" "alerts@example.org" "envelope sender"

# The message for CAMARA, Sadio (42618), read with Python's email parser.
AID=$(db "SELECT id FROM alerts WHERE record_id='42618'")
cat >"$T/check.py" <<'P'
import email, email.policy, glob, sys
aid = sys.argv[2]
for f in glob.glob(sys.argv[1] + "/mail-*.eml"):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    if m["Message-ID"] == "<%s@example.org>" % aid:
        break
else:
    sys.exit("no message with the alert's Message-ID")
body = m.get_content()
print(m["Subject"])
print(m["From"])
print(m["To"])
print(m.get_content_type(), m.get_content_charset())
print(bool(m["Date"]))
for want in ("CAMARA, Sadio", "ofac-sdn:42618", "name: Sadio Camara",
             "country: Mali", "RUSSIA-EO14024",
             "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=42618",
             "Alert id:  " + aid, "Countries: ML, FR"):
    print(want in body, want)
print(max(len(l) for l in body.splitlines()) <= 78)
P
OUT=$($PY "$T/check.py" "$T/tls" "$AID") || fail "$OUT"
echo "$OUT"
L() { echo "$OUT" | sed -n "${1}p"; }
expect_eq "$(L 1)" "New OFAC designation matching Sadio Camara (Mali)" "subject"
expect_eq "$(L 2)" "sanctwatch <alerts@example.org>" "From"
expect_eq "$(L 3)" "compliance@example.org, Bob Jones <bob@example.org>" "To"
expect_eq "$(L 4)" "text/plain utf-8" "plain text, UTF-8"
expect_eq "$(L 5)" True "Date present"
expect_eq "$(echo "$OUT" | sed -n '6,13p' | grep -c '^True ')" 8 "body has record, matches and link"
expect_eq "$(L 14)" True "lines fit 78 columns"

# The server without STARTTLS: no delivery, no AUTH, no password in clear.
expect_eq "$(count "$T/plain/mail.jsonl")" 0 "nothing delivered without STARTTLS"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='plain' AND state='pending'")" 3 "plain rows pending"
grep -qi '^EHLO' "$T/plain/wire.log" || fail "the client never spoke to the plain server"
grep -qi 'AUTH' "$T/plain/wire.log" && fail "AUTH sent to a server without STARTTLS"
B64=$(printf '\0alice\0%s' "$PASS" | base64 -w0)
B64P=$(printf '%s' "$PASS" | base64 -w0)
for s in "$PASS" "$B64" "$B64P"; do
	grep -qF "$s" "$T/plain/wire.log" && fail "password on the wire"
done
expect_eq "$(grep -c "$PASS" "$T/run.log")" 0 "password not in the log"
echo "ok: the plain server saw no AUTH and no password"

# notify-test reports each channel honestly.
"$SANCTWATCH" notify-test --config "$T/sanctwatch.conf" >"$T/nt.out" 2>&1 &&
	fail "notify-test succeeded although one channel fails"
cat "$T/nt.out"
expect_eq "$(grep -c '^mail: ok$' "$T/nt.out")" 1 "notify-test mail"
expect_eq "$(grep -c '^implicit: ok$' "$T/nt.out")" 1 "notify-test smtps://"
expect_eq "$(grep -c '^plain: FAILED: ' "$T/nt.out")" 1 "notify-test plain"
"$SANCTWATCH" notify-test --config "$T/sanctwatch.conf" implicit >/dev/null ||
	fail "notify-test of one good channel"
expect_eq "$(pyq "$T/smtps/mail.jsonl" 'len(rows)')" 2 "test mails over smtps"
grep -q 'Subject: sanctwatch test alert' "$T/smtps/mail-1.eml" || fail "test mail subject"

# A wrong CA is refused: certificate checks stay on.
sed -i "s|^cacert = cert.pem|cacert = /etc/ssl/certs/ca-certificates.crt|" "$T/sanctwatch.conf"
"$SANCTWATCH" notify-test --config "$T/sanctwatch.conf" mail >"$T/nt2.out" 2>&1 &&
	fail "a self-signed server was accepted without its CA"
echo "ok: unknown CA refused: $(cat "$T/nt2.out")"
echo "all email checks passed"
