#!/bin/sh
# Digest mode keeps delivery state per (alert, channel): the three Mali
# designations of 2023-07-24 ride in one digest that keeps failing (503);
# past its lifetime all three die together, each with its own meta-alert
# on the other channel; one re-queued with `alerts --retry` goes alone
# (a digest of one, a new id) and a 410 disables the channel.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
WWW=$T/www
R1=$T/hook
R2=$T/ops
start_httpd "$WWW"
receiver_up "$(free_port)" "$R1" "$SECRET"
P1=$(cat "$R1/port")
receiver_up "$(free_port)" "$R2" "$SECRET"
P2=$(cat "$R2/port")

echo 'country: Mali' >"$T/watchlist.txt"
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C

[notify hook]
type = webhook
url = http://127.0.0.1:$P1/hook
secret = $SECRET
digest = yes
retry_min = 1s
retry_max = 2s

[notify ops]
type = webhook
url = http://127.0.0.1:$P2/ops
secret = $SECRET
events = meta
C
posts() {
	pyq "$R1/requests.jsonl" 'sum(1 for r in rows if r["method"] == "POST")'
}
hook() {
	db "SELECT count(*) FROM deliveries WHERE channel='hook' AND state='$1'"
}

cp "$(fixture ofac/sdn__2023-07-20__f9b0fe3.csv)" "$WWW/sdn.csv"
run
cp "$(fixture ofac/sdn__2023-07-24__5460680.csv)" "$WWW/sdn.csv"
printf '503\n' >"$R1/.script"
run
expect_eq "$(posts)" 1 "one POST for the 3 alerts"
expect_eq "$(hook pending)" 3 "3 rows pending"
DID=$(pyq "$R1/failed.jsonl" 'rows[0]["id"]')

# Past the lifetime: the next failure kills all three, in one go.
db "UPDATE alerts SET created = created - 4 * 86400"
printf '503\n' >"$R1/.script"
run
expect_eq "$(posts)" 2 "one more attempt"
expect_eq "$(pyq "$R1/failed.jsonl" 'rows[1]["id"]')" "$DID" "the same digest id"
expect_eq "$(hook dead)" 3 "the digest's 3 alerts are dead together"
M=$R2/received.jsonl
expect_eq "$(pyq "$M" 'sorted(r["body"]["kind"] for r in rows)')" \
	"['undeliverable', 'undeliverable', 'undeliverable']" "a meta-alert per alert on ops"
expect_eq "$(pyq "$M" 'sorted(r["body"]["alert"]["alert_id"] for r in rows)')" \
	"$(db "SELECT id FROM alerts WHERE event='added' ORDER BY id" | $PY -c 'import sys; print(sorted(l.strip() for l in sys.stdin))')" \
	"they name the three alerts"
run
expect_eq "$(posts)" 2 "dead rows are not sent again"

# One alert re-queued goes alone: a digest of one, with its own id.
AID=$(db "SELECT id FROM alerts WHERE record_id='42618'")
"$SANCTWATCH" alerts --config "$T/sanctwatch.conf" --retry "$AID" >/dev/null ||
	fail "alerts --retry"
expect_eq "$(hook pending)" 1 "one row re-queued"
printf '410\n' >"$R1/.script"
run
expect_eq "$(posts)" 3 "the re-queued alert was tried"
expect_eq "$(pyq "$R1/failed.jsonl" 'rows[2]["body"]["count"]')" 1 "a digest of one"
expect_eq "$(pyq "$R1/failed.jsonl" 'rows[2]["body"]["alerts"][0]["alert_id"]')" "$AID" "carrying that alert"
[ "$(pyq "$R1/failed.jsonl" 'rows[2]["id"]')" != "$DID" ] || fail "a digest of one alert reused the id of three"
expect_eq "$(hook dead)" 3 "410: dead again"
expect_eq "$(db "SELECT count(*) FROM channels WHERE name='hook'")" 1 "410 disables the hook"
expect_eq "$(pyq "$M" 'rows[-1]["body"]["kind"]')" channel-disabled "ops hears of the 410"
echo "all digest expiry checks passed"
