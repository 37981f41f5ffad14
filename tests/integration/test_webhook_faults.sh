#!/bin/sh
# Webhook faults replayed by the receiver: refused connection, 500, 500
# after processing, 429 with Retry-After, 302 (not followed), a hang (the
# timeout is a failure), a dropped connection; then every alert arrives and
# the receiver's unique ids equal the alerts. Then 410: the channel is
# disabled, its queue given up, and the other channel gets a meta-alert;
# an alert past its lifetime is dead-lettered with a meta-alert too.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
OLD=whsec_dGhlIG9sZCBzZWNyZXQgYmVmb3JlIHJvdGF0aW9u
WWW=$T/www
R1=$T/hook
R2=$T/ops
start_httpd "$WWW"
P1=$(free_port)
receiver_up "$(free_port)" "$R2" "$SECRET"
P2=$(cat "$R2/port")

cat >"$T/watchlist.txt" <<'W'
name: Sadio Camara
country: Mali
W
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C

[notify hook]
type = webhook
url = http://127.0.0.1:$P1/hook
secret = $SECRET
secret = $OLD
timeout = 2s
retry_min = 1s
retry_max = 4s

[notify ops]
type = webhook
url = http://127.0.0.1:$P2/ops
secret = $SECRET
events = meta
C
hook_rows() {
	db "SELECT count(*) FROM deliveries WHERE channel='hook' AND state='$1'"
}

cp "$(fixture ofac/sdn__2023-07-20__f9b0fe3.csv)" "$WWW/sdn.csv"
run
cp "$(fixture ofac/sdn__2023-07-24__5460680.csv)" "$WWW/sdn.csv"

# 1. Refused: nothing listens on the hook's port.
run
NALERTS=$(db "SELECT count(*) FROM alerts WHERE event != 'meta'")
expect_eq "$NALERTS" 3 "alerts from 2023-07-24"
expect_eq "$(hook_rows pending)" 3 "pending after a refused connection"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND last_error LIKE '%onnect%'")" 3 \
	"the error names the connection failure"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='ops' AND state='skipped'")" 3 \
	"ops takes meta events only"

# 2. 500, 500 after processing, 429 with Retry-After: 120.
receiver_up "$P1" "$R1" "$SECRET"
printf '500\n500-after\n429 120\n' >"$R1/.script"
run
expect_eq "$(hook_rows pending)" 3 "pending after 500/500-after/429"
expect_eq "$(count "$R1/received.jsonl")" 1 "processed before the 500"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND next_attempt - (SELECT max(time) FROM fetches) >= 110")" 1 \
	"the 429 row waits for Retry-After (120 s), not the backoff"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND last_error LIKE 'HTTP 429%'")" 1 "429 recorded"

# 3. 302 (not followed), a hang past the 2 s timeout, a dropped connection.
printf '302\nhang 6\nclose\n' >"$R1/.script"
run
expect_eq "$(hook_rows pending)" 3 "pending after 302/hang/close"
expect_eq "$(pyq "$R1/requests.jsonl" 'sum(1 for r in rows if r["path"] == "/followed")')" 0 \
	"the 302 was not followed"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND last_error LIKE 'HTTP 302%'")" 1 "302 is a failure"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='hook' AND last_error LIKE '%timed out%'")" 1 \
	"the hang is a timeout failure"

# 4. The endpoint behaves: everything arrives, once per id.
run
R=$R1/received.jsonl
expect_eq "$(hook_rows delivered)" 3 "delivered"
expect_eq "$(pyq "$R" 'len(set(r["id"] for r in rows))')" "$NALERTS" "unique ids = alerts"
expect_eq "$(count "$R")" 4 "receipts (one id also processed before its 500)"
expect_eq "$(pyq "$R" 'all(r["sig_ok"] for r in rows)')" True "signatures verify"
expect_eq "$(pyq "$R" 'all(len(r["signature"].split()) == 2 for r in rows)')" True \
	"two secrets give two signatures"
expect_eq "$(pyq "$R" 'sorted(set(r["body"]["record"]["id"] for r in rows))')" \
	"['42616', '42617', '42618']" "the alerted records"
run
expect_eq "$(count "$R")" 4 "nothing sent again"

# 5. An alert past its lifetime is dead-lettered; ops gets the alert inside
#    a meta-alert.
echo 'program: SDGT' >>"$T/watchlist.txt"
printf '503\n' >"$R1/.script"
cp "$(fixture ofac/sdn__2023-07-27__92a927c.csv)" "$WWW/sdn.csv"
run
NEW=$(db "SELECT d.alert_id FROM deliveries d WHERE channel='hook' AND state='pending'")
[ -n "$NEW" ] || fail "no pending alert from 2023-07-27"
db "UPDATE alerts SET created = created - 4 * 86400 WHERE id = '$NEW'"
printf '503\n' >"$R1/.script"
run
expect_eq "$(db "SELECT state FROM deliveries WHERE alert_id='$NEW' AND channel='hook'")" dead "expired alert"
M=$R2/received.jsonl
expect_eq "$(pyq "$M" '[(r["body"]["kind"], r["body"]["channel"], r["body"]["alert"]["alert_id"]) for r in rows]')" \
	"[('undeliverable', 'hook', '$NEW')]" "meta-alert on ops carries the dead alert"
expect_eq "$(pyq "$M" 'all(r["sig_ok"] for r in rows)')" True "meta-alert signed"

# 6. 410: the hook is disabled; its queue dies; ops hears of it once.
"$SANCTWATCH" alerts --config "$T/sanctwatch.conf" --retry "$NEW" >/dev/null ||
	fail "alerts --retry failed"
expect_eq "$(db "SELECT state FROM deliveries WHERE alert_id='$NEW' AND channel='hook'")" pending "re-queued"
printf '410\n' >"$R1/.script"
run
expect_eq "$(db "SELECT state FROM deliveries WHERE alert_id='$NEW' AND channel='hook'")" dead "dead after 410"
expect_eq "$(db "SELECT count(*) FROM channels WHERE name='hook'")" 1 "hook disabled"
expect_eq "$(pyq "$M" '[r["body"]["kind"] for r in rows]')" "['undeliverable', 'channel-disabled']" \
	"ops got the channel-disabled meta-alert"
expect_eq "$(pyq "$M" 'rows[1]["body"]["reason"].startswith("HTTP 410")')" True "its reason"
# A new alert for the disabled hook is not even attempted.
BEFORE=$(count "$R1/requests.jsonl")
cp "$(fixture ofac/sdn__2024-02-20__ce44edf.csv)" "$WWW/sdn.csv"
run
expect_eq "$(count "$R1/requests.jsonl")" "$BEFORE" "no request to a disabled hook"
expect_eq "$(hook_rows pending)" 0 "nothing pending on the disabled hook"
grep -q "$SECRET" "$T/run.log" && fail "a secret appears in the log"
echo "all webhook fault checks passed"
