#!/bin/sh
# The broken-download guard on real OFAC SDN versions: the real 0-byte file
# of 2024-05-04 and a truncated real file each raise one `anomaly` alert
# (not one per poll) and keep the snapshot; the real 150 delistings of
# 2021-12-30 (1.6%) go through as 150 ordinary removals; `accept` applies a
# held download; confirm_polls identical polls apply one too.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
start_servers
R=$RECV/received.jsonl
DB=$T/state/sanctwatch.db

# SDNTK: 18 of the 150 delistings of 2021-12-30 carry it.
echo 'program: SDNTK' >"$T/watchlist.txt"
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C
max_shrink = 5
confirm_polls = 3

[notify hook]
type = webhook
url = http://127.0.0.1:$RECV_PORT/hook
secret = $SECRET
C
q() { sqlite3 "$DB" "$1"; }
records() { q "SELECT count(*) FROM records WHERE source='ofac-sdn'"; }
last_result() { q "SELECT result FROM fetches ORDER BY seq DESC LIMIT 1"; }
anomalies() { pyq "$R" 'sum(1 for r in rows if r["body"]["event"] == "anomaly")'; }
serve() { cp "$1" "$WWW/sdn.csv.tmp" && mv "$WWW/sdn.csv.tmp" "$WWW/sdn.csv"; }

OLD=$(fixture ofac/sdn__2021-12-22__8f95857.csv)
NEW=$(fixture ofac/sdn__2021-12-30__3a4f9ab.csv)
EMPTY=$(fixture ofac/sdn__2024-05-04__bbf4929.csv)
[ -s "$EMPTY" ] && fail "the 2024-05-04 fixture is expected to be 0 bytes"
# The first 60% of the lines of the real 2021-12-30 file, cut at a line
# boundary so that it parses.
n=$(wc -l <"$NEW")
head -n $((n * 60 / 100)) "$NEW" >"$T/truncated.csv"
expect_eq "$("$SANCTWATCH" parse "$T/truncated.csv" | wc -l | tr -d ' ')" \
	$((n * 60 / 100)) "the truncated file parses"

# 1. Baseline.
serve "$OLD"
run || fail "baseline run failed: $(tail -n 3 "$T/run.log")"
expect_eq "$(records)" 9158 "baseline records"

# 2. The real 0-byte download: rejected, one anomaly alert, snapshot kept;
#    a second poll of the same bytes alerts no more.
serve "$EMPTY"
if run; then fail "a 0-byte download was accepted"; fi
if run; then fail "a 0-byte download was accepted on the second poll"; fi
expect_eq "$(last_result)" rejected "0-byte fetch"
expect_eq "$(records)" 9158 "records after the 0-byte download"
expect_eq "$(count "$R")" 1 "alerts after two polls of the 0-byte file"
expect_eq "$(pyq "$R" 'rows[0]["body"]["event"] + " " + rows[0]["body"]["action"]')" \
	"anomaly rejected" "0-byte alert"
expect_eq "$(pyq "$R" '"empty file" in rows[0]["body"]["reason"]')" True "0-byte reason"
expect_eq "$(pyq "$R" 'rows[0]["sig_ok"]')" True "anomaly alert is signed"

# 3. The real 150 delistings: ordinary removals, alerts for the watched
#    programme only.
serve "$NEW"
run || fail "12-30 run failed: $(tail -n 3 "$T/run.log")"
expect_eq "$(last_result)" changed "12-30 fetch"
expect_eq "$(records)" 9008 "records after 12-30"
expect_eq "$(q "SELECT count(*) FROM changes WHERE change='removed' AND fetch_seq=(SELECT max(seq) FROM fetches)")" \
	150 "removals on 12-30"
expect_eq "$(pyq "$R" 'sum(1 for r in rows if r["body"]["event"] == "removed")')" \
	18 "removal alerts (SDNTK)"
expect_eq "$(anomalies)" 1 "anomaly alerts after 12-30"

# 4. The truncated file: held, one anomaly alert over two polls, no
#    per-record alert, snapshot kept.
serve "$T/truncated.csv"
if run; then fail "a truncated download was accepted"; fi
if run; then fail "a truncated download was accepted on the second poll"; fi
expect_eq "$(last_result)" held "truncated fetch"
expect_eq "$(records)" 9008 "records while held"
expect_eq "$(anomalies)" 2 "anomaly alerts after two polls of the truncated file"
expect_eq "$(pyq "$R" 'sum(1 for r in rows if r["body"]["event"] == "removed")')" \
	18 "no removal alerts while held"
expect_eq "$(pyq "$R" '[(r["body"]["records"]["removed"], r["body"]["accept"]) for r in rows if r["body"].get("action") == "held"]')" \
	"[($((9008 - n * 60 / 100)), 'sanctwatch accept ofac-sdn')]" "held alert"
expect_eq "$(q "SELECT held_count FROM sources")" 2 "held count"

# 5. `accept` applies it: ordinary removals and alerts.
"$SANCTWATCH" accept --config "$T/sanctwatch.conf" ofac-sdn >"$T/accept.out" 2>>"$T/run.log" ||
	fail "accept failed: $(tail -n 2 "$T/run.log")"
expect_eq "$(records)" $((n * 60 / 100)) "records after accept"
expect_eq "$(q "SELECT result FROM fetches ORDER BY seq DESC LIMIT 1")" changed "accepted fetch"
expect_eq "$(q "SELECT count(*) FROM held")" 0 "held bytes after accept"
if "$SANCTWATCH" accept --config "$T/sanctwatch.conf" ofac-sdn 2>>"$T/run.log"; then
	fail "a second accept with nothing held succeeded"
fi
run || fail "run after accept failed"
expect_eq "$(last_result)" not-modified "poll after accept (validators of the accepted download)"
expect_eq "$(anomalies)" 2 "anomaly alerts after accept"

# 6. confirm_polls: the full file comes back (additions only), then the
#    truncated one three polls in a row is applied on the third.
serve "$NEW"
run || fail "restore run failed"
expect_eq "$(records)" 9008 "records restored"
serve "$T/truncated.csv"
run && fail "first truncated poll applied"
run && fail "second truncated poll applied"
expect_eq "$(records)" 9008 "records after two held polls"
run || fail "third truncated poll not applied: $(tail -n 3 "$T/run.log")"
expect_eq "$(records)" $((n * 60 / 100)) "records after confirm_polls"
expect_eq "$(anomalies)" 3 "one anomaly alert for the three polls"
echo "all guard checks passed"
