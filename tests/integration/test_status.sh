#!/bin/sh
# `sanctwatch check-config` (0 on a good file; 1 and file:line on a bad
# one or a bad watchlist) and `sanctwatch status` read beside a running
# daemon: last attempt/success/change, records, next poll, held downloads
# and alerts per channel.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
start_servers
echo 'program: CUBA' >"$T/watchlist.txt"
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C
interval = 1h

[notify hook]
type = webhook
url = http://127.0.0.1:$RECV_PORT/hook
secret = $SECRET
C
SW() { "$SANCTWATCH" "$@"; }

# check-config
SW check-config --config "$T/sanctwatch.conf" >"$T/cc.out" || fail "check-config rejected a good file"
expect_eq "$(cat "$T/cc.out")" "$T/sanctwatch.conf: ok: 1 sources, 1 channels, 1 watches" "check-config output"
sed 's/^interval = 1h$/interval = 0s/' "$T/sanctwatch.conf" >"$T/bad.conf"
if SW check-config --config "$T/bad.conf" 2>"$T/cc.err"; then fail "check-config accepted interval 0s"; fi
expect_eq "$(cat "$T/cc.err")" "sanctwatch: $T/bad.conf:8: interval: 0s is out of range (10..604800)" "check-config error"
sed 's/^watchlist = .*/watchlist = bad-watchlist.txt/' "$T/sanctwatch.conf" >"$T/badwl.conf"
echo 'colour: blue' >"$T/bad-watchlist.txt"
SW check-config --config "$T/badwl.conf" 2>"$T/cc.err"
expect_eq "$?" 1 "check-config exit status on a bad watchlist"
grep -q "bad-watchlist.txt:1" "$T/cc.err" || fail "bad watchlist not named with its line: $(cat "$T/cc.err")"
if SW check-config --config "$T/missing.conf" 2>/dev/null; then fail "check-config accepted a missing file"; fi

# status before any poll
SW status --config "$T/sanctwatch.conf" >"$T/st0.out" || fail "status failed: $(cat "$T/st0.out")"
grep -q "^  last attempt  never" "$T/st0.out" || fail "status before a poll: $(cat "$T/st0.out")"
grep -q "^  hook  *0 pending, 0 delivered, 0 dead" "$T/st0.out" || fail "channel line: $(cat "$T/st0.out")"

# A running daemon: baseline, then the 12-30 file (2 CUBA delistings).
cp "$(fixture ofac/sdn__2021-12-22__8f95857.csv)" "$WWW/sdn.csv"
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>"$T/daemon.log" &
DPID=$!
PIDS="$PIDS $DPID"
i=0
until SW status --config "$T/sanctwatch.conf" 2>/dev/null | grep -q "^  records       9158"; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "no baseline in status: $(tail -n 3 "$T/daemon.log")"
	sleep 0.1
done
SW status --config "$T/sanctwatch.conf" >"$T/st1.out" || fail "status beside the daemon failed"
cat "$T/st1.out"
grep -q "^  last attempt  20[0-9-]*T[0-9:]*Z ([0-9]*s ago): baseline" "$T/st1.out" || fail "last attempt"
grep -q "^  last success  20" "$T/st1.out" || fail "last success"
grep -q "^  last change   20" "$T/st1.out" || fail "last change"
grep -q "^  next poll     20[0-9-]*T[0-9:]*Z (in [0-9]*m)" "$T/st1.out" || fail "next poll"
kill -TERM $DPID
wait $DPID

cp "$(fixture ofac/sdn__2021-12-30__3a4f9ab.csv)" "$WWW/sdn.csv"
echo 503 >"$RECV/.status"
SW run --once --config "$T/sanctwatch.conf" 2>>"$T/daemon.log" || fail "12-30 run failed"
SW status --config "$T/sanctwatch.conf" >"$T/st2.out"
grep -q "^  records       9008" "$T/st2.out" || fail "records after 12-30: $(cat "$T/st2.out")"
grep -q "^  history       150 changes, 0 fetch errors, 0 anomalies" "$T/st2.out" ||
	fail "history: $(cat "$T/st2.out")"
grep -q "^  hook  *2 pending, 0 delivered, 0 dead" "$T/st2.out" || fail "pending alerts: $(cat "$T/st2.out")"
rm "$RECV/.status"
SW run --once --config "$T/sanctwatch.conf" 2>>"$T/daemon.log" || fail "delivery run failed"
SW status --config "$T/sanctwatch.conf" >"$T/st3.out"
grep -q "^  hook  *0 pending, 2 delivered, 0 dead" "$T/st3.out" || fail "delivered alerts: $(cat "$T/st3.out")"

# A held download shows up with the command that applies it.
head -n 100 "$(fixture ofac/sdn__2021-12-30__3a4f9ab.csv)" >"$WWW/sdn.csv"
if SW run --once --config "$T/sanctwatch.conf" 2>>"$T/daemon.log"; then fail "truncated file applied"; fi
SW status --config "$T/sanctwatch.conf" >"$T/st4.out"
grep -q "^  last attempt  .*: held" "$T/st4.out" || fail "held attempt: $(cat "$T/st4.out")"
grep -q "^  held          a download seen 1 of 3 times; apply it with \`sanctwatch accept ofac-sdn\`" "$T/st4.out" ||
	fail "held line: $(cat "$T/st4.out")"
grep -q "^  last error    would remove 8908 of 9008 records" "$T/st4.out" || fail "held reason: $(cat "$T/st4.out")"
echo "all status checks passed"
