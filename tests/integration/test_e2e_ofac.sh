#!/bin/sh
# End to end on real OFAC SDN versions: baseline, the 2023-07-24 Mali
# designations arrive as signed webhooks exactly once, a restart sends
# nothing again, the real 0-byte download is rejected without touching the
# snapshot, and a failed delivery is retried with the same alert id.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
start_servers

cat >"$T/watchlist.txt" <<'W'
# the seed article's watches
name: Sadio Camara
country: Mali
name: Wagner Group
W
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C
interval = 1h

[notify hook]
type = webhook
url = http://127.0.0.1:$RECV_PORT/hook
secret = $SECRET
retry_min = 1s
C
records() {
	sqlite3 "$T/state/sanctwatch.db" "SELECT count(*) FROM records WHERE source='ofac-sdn'"
}

# 1. Baseline: stored, no alert.
cp "$(fixture ofac/sdn__2023-07-20__f9b0fe3.csv)" "$WWW/sdn.csv"
run || fail "baseline run failed: $(tail -n 3 "$T/run.log")"
expect_eq "$(records)" 12747 "baseline records"
expect_eq "$(count "$RECV/received.jsonl")" 0 "alerts after baseline"

# 2. 2023-07-24: three Mali officials designated (CAMARA Sadio 42618,
#    DIARRA Alou Boi 42617, BAGAYOKO Adama 42616).
cp "$(fixture ofac/sdn__2023-07-24__5460680.csv)" "$WWW/sdn.csv"
run || fail "second run failed: $(tail -n 3 "$T/run.log")"
expect_eq "$(records)" 12750 "records after 07-24"
R=$RECV/received.jsonl
expect_eq "$(pyq "$R" 'sorted(r["body"]["record"]["id"] for r in rows)')" \
	"['42616', '42617', '42618']" "alerted records"
expect_eq "$(pyq "$R" 'all(r["sig_ok"] for r in rows)')" True "signatures verify"
expect_eq "$(pyq "$R" 'all(r["id"] == r["body"]["alert_id"] for r in rows)')" True \
	"webhook-id is the alert id"
expect_eq "$(pyq "$R" 'set(r["body"]["event"] for r in rows)')" "{'added'}" "events"
expect_eq "$(pyq "$R" '[m["watch"] for r in rows if r["body"]["record"]["id"] == "42618" for m in r["body"]["matches"]]')" \
	"['name: Sadio Camara', 'country: Mali']" "matches for CAMARA, Sadio"
expect_eq "$(pyq "$R" '[m["matched"] for r in rows if r["body"]["record"]["id"] == "42618" for m in r["body"]["matches"]][0]')" \
	"CAMARA, Sadio" "matched name"
expect_eq "$(pyq "$R" '[r["body"]["record"]["countries"] for r in rows if r["body"]["record"]["id"] == "42618"][0]')" \
	"['ML', 'FR']" "countries of 42618"

# 3. Restart on the same data: conditional GET, no second alert.
run || fail "third run failed"
expect_eq "$(count "$R")" 3 "alerts after a restart on the same data"
expect_eq "$(sqlite3 "$T/state/sanctwatch.db" "SELECT result FROM fetches ORDER BY seq DESC LIMIT 1")" \
	not-modified "third fetch"

# 4. The real 0-byte download of 2024-05-04: rejected, snapshot kept.
cp "$(fixture ofac/sdn__2024-05-04__bbf4929.csv)" "$WWW/sdn.csv"
if run; then fail "a 0-byte download was accepted"; fi
expect_eq "$(records)" 12750 "records after the empty download"
# One `anomaly` alert (not per record) says so.
expect_eq "$(count "$R")" 4 "alerts after the empty download"
expect_eq "$(pyq "$R" 'rows[-1]["body"]["event"]')" anomaly "alert for the empty download"
expect_eq "$(sqlite3 "$T/state/sanctwatch.db" "SELECT result FROM fetches ORDER BY seq DESC LIMIT 1")" \
	rejected "empty fetch"
grep -q "sdn.csv:1: not an OFAC SDN CSV: empty file" "$T/run.log" ||
	fail "no one-line error naming the URL: $(tail -n 2 "$T/run.log")"

# 5. A failing endpoint: the alert stays queued and is retried with the
#    same id on the next run; delivered exactly once.
echo 'program: SDGT' >>"$T/watchlist.txt"
echo 503 >"$RECV/.status"
cp "$(fixture ofac/sdn__2023-07-27__92a927c.csv)" "$WWW/sdn.csv"
run || fail "fourth run failed"
expect_eq "$(count "$RECV/failed.jsonl")" 1 "failed deliveries"
expect_eq "$(count "$R")" 4 "alerts delivered while the endpoint fails"
expect_eq "$(sqlite3 "$T/state/sanctwatch.db" "SELECT state FROM deliveries d JOIN alerts a ON a.id=d.alert_id WHERE a.record_id IN (SELECT record_id FROM changes ORDER BY rowid DESC LIMIT 1)")" \
	pending "queued delivery"
rm "$RECV/.status"
run || fail "fifth run failed"
expect_eq "$(count "$R")" 5 "alerts after the endpoint recovered"
expect_eq "$(pyq "$RECV/failed.jsonl" 'rows[0]["id"]')" \
	"$(pyq "$R" 'rows[-1]["id"]')" "retried with the same webhook-id"
expect_eq "$(pyq "$R" 'rows[-1]["body"]["matches"][0]["watch"]')" "program: SDGT" "retried alert's watch"
run || fail "sixth run failed"
expect_eq "$(count "$R")" 5 "no duplicate after delivery"
echo "all e2e checks passed"
