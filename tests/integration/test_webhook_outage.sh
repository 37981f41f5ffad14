#!/bin/sh
# Outage: the webhook endpoint is down while three polls of real
# consecutive OFAC versions produce about 20 alerts; when it comes back
# the daemon (its retry timer, short backoff) delivers every one of them,
# once each.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
WWW=$T/www
R=$T/recv
start_httpd "$WWW"
PORT=$(free_port)

cat >"$T/watchlist.txt" <<'W'
country: Colombia
country: Finland
W
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C

[notify hook]
type = webhook
url = http://127.0.0.1:$PORT/hook
secret = $SECRET
timeout = 2s
retry_min = 1s
retry_max = 2s
C
poll() {
	cp "$(fixture "ofac/$1.csv")" "$WWW/sdn.csv"
	"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log"
}

poll sdn__2021-12-22__8f95857 || fail "baseline"
n=0 prev=0
for v in sdn__2021-12-30__3a4f9ab sdn__2022-04-22__5fe5f27 sdn__2022-04-29__d6a1f10; do
	poll $v
	n=$((n + 1))
	got=$(db "SELECT count(*) FROM alerts")
	echo "poll $n ($v): $got alerts queued so far"
	[ "$got" -gt "$prev" ] || fail "poll $n produced no alert"
	prev=$got
done
expect_eq "$(db "SELECT count(*) FROM fetches WHERE result='changed'")" 3 "three polls with changes"
N=$(db "SELECT count(*) FROM alerts")
[ "$N" -ge 15 ] && [ "$N" -le 30 ] || fail "expected about 20 alerts, got $N"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE state='pending' AND attempts >= 1")" "$N" \
	"all queued, each tried while the endpoint was down"
expect_eq "$(count "$R/received.jsonl")" 0 "nothing arrived during the outage"

# The endpoint returns; the daemon (not --once) catches up on its own.
receiver_up "$PORT" "$R" "$SECRET"
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>>"$T/run.log" &
DPID=$!
PIDS="$PIDS $DPID"
wait_until 40 '[ "$(db "SELECT count(*) FROM deliveries WHERE state=\"delivered\"")" -eq "$N" ]' ||
	fail "not all delivered: $(db "SELECT state, count(*) FROM deliveries GROUP BY state")"
kill -TERM $DPID
wait $DPID || fail "daemon exit status $?"
expect_eq "$(count "$R/received.jsonl")" "$N" "receipts"
expect_eq "$(pyq "$R/received.jsonl" 'len(set(r["id"] for r in rows))')" "$N" "unique ids = alerts"
expect_eq "$(pyq "$R/received.jsonl" 'all(r["sig_ok"] for r in rows)')" True "signatures verify"
expect_eq "$(pyq "$R/received.jsonl" 'sorted(set(r["body"]["event"] for r in rows)) <= ["added", "modified", "removed"]')" True "events"
expect_eq "$(db "SELECT count(*) FROM alerts WHERE id NOT IN (SELECT alert_id FROM deliveries WHERE state='delivered')")" 0 \
	"no alert left behind"
echo "all outage checks passed"
