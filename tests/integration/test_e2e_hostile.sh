#!/bin/sh
# End to end with hostile downloads: after a real UN baseline, each broken
# or hostile body served at the list's URL is rejected by the daemon; the
# snapshot stays as it was and no per-record alert is sent. Then a real
# next version goes through with its removals.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
start_servers
# Every record alerts on any change, so a false diff could not hide.
printf 'program: Al-Qaida\nprogram: Taliban\nprogram: Iraq\nprogram: DPRK\nprogram: Iran\ncountry: Afghanistan\n' >"$T/watchlist.txt"
conf_source un un-xml consolidated.xml
cat >>"$T/sanctwatch.conf" <<C
[notify hook]
type = webhook
url = http://127.0.0.1:$RECV_PORT/hook
secret = $SECRET
C
records() { sqlite3 "$T/state/sanctwatch.db" "SELECT count(*) || ' ' || coalesce(sum(length(hash)),0) FROM records"; }
record_alerts() {
	pyq "$RECV/received.jsonl" 'sum(1 for r in rows if r["body"]["event"] in ("added", "removed", "modified"))'
}

cp "$(fixture un/un_consolidated__2017-06-30__827a726.xml)" "$WWW/consolidated.xml"
run || fail "baseline: $(tail -n 2 "$T/run.log")"
base=$(records)
expect_eq "${base% *}" 1024 "UN baseline records"

for f in "$DATA"/hostile/*.xml "$DATA"/hostile/*.html "$DATA"/hostile-b/*.xml; do
	cp "$f" "$WWW/consolidated.xml"
	if run; then fail "$(basename "$f") was accepted"; fi
	expect_eq "$(records)" "$base" "snapshot after $(basename "$f")"
	expect_eq "$(sqlite3 "$T/state/sanctwatch.db" "SELECT result FROM fetches ORDER BY seq DESC LIMIT 1")" \
		rejected "fetch result for $(basename "$f")"
	last=$(grep "download rejected" "$T/run.log" | tail -n 1)
	case "$last" in
	*"un: download rejected, snapshot kept: http://127.0.0.1:$HTTP_PORT/consolidated.xml"*) ;;
	*) fail "error does not name the URL: $last" ;;
	esac
	: >"$T/run.log"
done
expect_eq "$(record_alerts)" 0 "per-record alerts after hostile downloads"
# One anomaly alert per distinct bad body, never one per record.
expect_eq "$(pyq "$RECV/received.jsonl" 'all(r["body"]["event"] == "anomaly" for r in rows)')" True \
	"only anomaly alerts for hostile downloads"

# A real next version still goes through: 3 removals (2017-07-03).
cp "$(fixture un/un_consolidated__2017-07-03__4c9d821.xml)" "$WWW/consolidated.xml"
run || fail "real update: $(tail -n 2 "$T/run.log")"
expect_eq "$(records | cut -d' ' -f1)" 1021 "records after the real update"
expect_eq "$(pyq "$RECV/received.jsonl" 'sorted(r["body"]["event"] for r in rows if r["body"]["event"] != "anomaly")')" \
	"['removed', 'removed', 'removed']" "alerts for the real update"
echo "all hostile e2e checks passed"
