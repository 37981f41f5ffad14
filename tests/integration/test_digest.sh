#!/bin/sh
# Digest mode (`digest = yes`) with the real OFAC change of 2023-07-20 →
# 2023-07-24 (three Mali designations, watched by `country: Mali`):
# - webhook: ONE signed POST carrying the 3 alerts, its id derived from
#   the alert ids; the endpoint fails (500), then the daemon is killed
#   (-9) while the endpoint holds the request, then the endpoint recovers:
#   every attempt carries the same digest id and the receiver processes it
#   once; a channel without digest gets 3 POSTs from the same commit;
# - email through aiosmtpd (STARTTLS, AUTH): ONE message whose subject
#   counts the 3 designations and whose body carries each alert.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
PASS='d1gest-Pa55'
WWW=$T/www
R1=$T/hook
R2=$T/single
start_httpd "$WWW"
receiver_up "$(free_port)" "$R1" "$SECRET"
P1=$(cat "$R1/port")
receiver_up "$(free_port)" "$R2" "$SECRET"
P2=$(cat "$R2/port")
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
	-days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null ||
	fail "openssl req"
mkdir -p "$T/smtp"
$PY "$HERE/smtpd.py" starttls "$T/smtp" "$T/smtp/port" "$T/cert.pem" "$T/key.pem" \
	alice "$PASS" 2>>"$T/smtpd.log" &
PIDS="$PIDS $!"
wait_file "$T/smtp/port"
printf '%s\n' "$PASS" >"$T/mail.pass"

echo 'country: Mali' >"$T/watchlist.txt"
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C

[notify hook]
type = webhook
url = http://127.0.0.1:$P1/hook
secret = $SECRET
digest = yes
timeout = 30s
retry_min = 1s
retry_max = 2s

[notify single]
type = webhook
url = http://127.0.0.1:$P2/single
secret = $SECRET

[notify mail]
type = email
url = smtp://127.0.0.1:$(cat "$T/smtp/port")
from = sanctwatch <alerts@example.org>
to = compliance@example.org
username = alice
password_file = mail.pass
cacert = cert.pem
digest = yes
C
"$SANCTWATCH" check-config --config "$T/sanctwatch.conf" >/dev/null 2>&1 ||
	fail "check-config: $("$SANCTWATCH" check-config --config "$T/sanctwatch.conf" 2>&1)"

cp "$(fixture ofac/sdn__2023-07-20__f9b0fe3.csv)" "$WWW/sdn.csv"
run
cp "$(fixture ofac/sdn__2023-07-24__5460680.csv)" "$WWW/sdn.csv"

# 1. The endpoint fails: one POST carrying the 3 alerts, all 3 stay pending.
printf '500\n' >"$R1/.script"
run
expect_eq "$(db "SELECT count(*) FROM alerts")" 3 "alerts from 2023-07-24"
expect_eq "$(db "SELECT count(DISTINCT fetch_seq) FROM alerts")" 1 "one commit raised them"
Q=$R1/requests.jsonl
F=$R1/failed.jsonl
expect_eq "$(pyq "$Q" 'sum(1 for r in rows if r["method"] == "POST")')" 1 "one POST for the cycle"
expect_eq "$(pyq "$F" 'rows[0]["body"]["count"]')" 3 "the POST carries count 3"
expect_eq "$(pyq "$F" 'len(rows[0]["body"]["alerts"])')" 3 "the POST carries 3 alerts"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND state='pending' AND attempts=1")" 3 \
	"the 3 hook rows failed together"
# The id is derived from the alert ids: SHA-256 of "digest" and the sorted ids.
IDS=$(db "SELECT id FROM alerts ORDER BY id" | tr '\n' ' ')
WANT=$($PY -c 'import hashlib, sys
print("swd_" + hashlib.sha256(("digest\n" + "\n".join(sys.argv[1:])).encode()).hexdigest()[:32])' $IDS)
DID=$(pyq "$F" 'rows[0]["id"]')
expect_eq "$DID" "$WANT" "webhook-id is the digest id from the alert ids"
expect_eq "$(pyq "$F" 'rows[0]["body"]["digest_id"]')" "$DID" "digest_id in the body"
expect_eq "$(pyq "$F" 'rows[0]["sig_ok"]')" True "the digest is signed"
expect_eq "$(pyq "$F" 'sorted(a["alert_id"] for a in rows[0]["body"]["alerts"])')" \
	"$($PY -c 'import sys; print(sorted(sys.argv[1:]))' $IDS)" "it carries the 3 alerts"

# The channel without digest got the same commit as 3 POSTs, one per alert.
S=$R2/received.jsonl
expect_eq "$(count "$S")" 3 "3 single POSTs on the channel without digest"
expect_eq "$(pyq "$S" 'sorted(r["id"] for r in rows)')" \
	"$($PY -c 'import sys; print(sorted(sys.argv[1:]))' $IDS)" "single POSTs carry alert ids"

# 2. A crash mid-delivery: the endpoint holds the request, the daemon is
#    killed before it sees an answer. Its rows stay pending.
printf 'hang 20\n' >"$R1/.script"
db "UPDATE deliveries SET next_attempt=0 WHERE channel='hook'"
"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log" &
DPID=$!
wait_until 20 '[ "$(pyq "$Q" "sum(1 for r in rows if r[\"method\"] == \"POST\")")" = 2 ]' ||
	fail "no second attempt reached the endpoint"
kill -9 "$DPID"
wait "$DPID" 2>/dev/null
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND state='pending'")" 3 \
	"pending after the crash"

# 3. The endpoint recovers: the same digest id is sent and processed once.
run
R=$R1/received.jsonl
expect_eq "$(count "$R")" 1 "the digest processed once"
expect_eq "$(pyq "$Q" 'sorted(set(r["id"] for r in rows if r["method"] == "POST"))')" "['$DID']" \
	"every attempt carried the same digest id"
expect_eq "$(pyq "$Q" 'sum(1 for r in rows if r["method"] == "POST")')" 3 "three attempts in all"
expect_eq "$(pyq "$R" 'rows[0]["sig_ok"]')" True "signature verifies"
expect_eq "$(pyq "$R" 'rows[0]["body"]["count"]')" 3 "3 alerts in the delivered digest"
expect_eq "$(pyq "$R" 'sorted(a["record"]["id"] for a in rows[0]["body"]["alerts"])')" \
	"['42616', '42617', '42618']" "the three Mali designations"
expect_eq "$(pyq "$R" 'all(any(m["watch"] == "country: Mali" for m in a["matches"]) for a in rows[0]["body"]["alerts"])')" \
	True "each matched country: Mali"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND state='delivered'")" 3 \
	"a delivered digest marks its 3 alerts delivered"
run
expect_eq "$(pyq "$Q" 'sum(1 for r in rows if r["method"] == "POST")')" 3 "nothing sent again"

# 4. Email: one message for the cycle, each alert in its body.
M=$T/smtp/mail.jsonl
expect_eq "$(count "$M")" 1 "one mail for the cycle"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='mail' AND state='delivered'")" 3 \
	"the mail marks its 3 alerts delivered"
cat >"$T/check.py" <<'P'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(),
                             policy=email.policy.default)
body = m.get_content()
print(m["Subject"])
print(m["Message-ID"])
for rid in ("42616", "42617", "42618"):
    print(("ofac-sdn:" + rid) in body)
print(body.count("country: Mali"))
print(sum(1 for l in body.splitlines()
          if l.startswith("--- ") and l.endswith(" ---")))
print(max(len(l) for l in body.splitlines()) <= 78)
print(m["X-Sanctwatch-Digest-Id"], m["X-Sanctwatch-Alert-Id"])
P
OUT=$($PY "$T/check.py" "$T/smtp/mail-1.eml") || fail "$OUT"
L() { echo "$OUT" | sed -n "${1}p"; }
expect_eq "$(L 1)" "3 new OFAC designations matching your watchlist" "mail subject"
expect_eq "$(L 2)" "<$DID@example.org>" "Message-ID from the digest id"
expect_eq "$(echo "$OUT" | sed -n '3,5p' | grep -c '^True$')" 3 "each record in the body"
expect_eq "$(L 6)" 3 "each alert says why it matched"
expect_eq "$(L 7)" 3 "three alert sections"
expect_eq "$(L 8)" True "lines fit 78 columns"
expect_eq "$(L 9)" "$DID None" "the digest id in X-Sanctwatch-Digest-Id, no alert id header"
grep -q "$SECRET" "$T/run.log" && fail "a secret appears in the log"
echo "all digest checks passed"
