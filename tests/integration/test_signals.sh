#!/bin/sh
# The daemon under a real sd_notify socket: READY=1 and STATUS= per source,
# WATCHDOG=1 from the loop (WATCHDOG_USEC), SIGHUP with a bad config (logged
# with file:line, RELOADING=1 then READY=1, the old config keeps polling),
# SIGHUP with a good config (a new source is polled), and SIGTERM during a
# slow download (a server trickling bytes): STOPPING=1, a prompt exit, no
# temporary file and no partial state.
. "$(dirname "$0")/lib.sh"

WWW=$T/www
mkdir -p "$WWW" "$T/state"
$PY "$HERE/policy_httpd.py" "$WWW" "$T/policy.port" 2>>"$T/httpd.log" &
PIDS="$PIDS $!"
wait_file "$T/policy.port"
PORT=$(cat "$T/policy.port")
$PY "$HERE/notify_sock.py" "$T/notify.sock" "$T/notify.log" &
PIDS="$PIDS $!"
i=0
while [ ! -e "$T/notify.log.ready" ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "notify_sock.py did not start"
	sleep 0.05
done
DB=$T/state/sanctwatch.db
LOG=$T/daemon.log
cp "$(fixture ofac/sdn__2021-12-22__8f95857.csv)" "$WWW/a.csv"
cp "$(fixture ofac/sdn__2021-12-30__3a4f9ab.csv)" "$WWW/b.csv"

good_conf() {
	cat >"$T/sanctwatch.conf" <<C
[sanctwatch]
state_dir = state

[source a]
format = ofac-sdn-csv
url = http://127.0.0.1:$PORT/file/a.csv
interval = 10s
C
}
q() { sqlite3 "$DB" "$1" 2>/dev/null; }
# until CMD: retries a shell condition for up to $2 seconds (default 20).
until_ok() {
	i=0
	while ! eval "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt $((${2:-20} * 10)) ] && fail "timed out waiting for: $1"
		sleep 0.1
	done
}
notified() { grep -c "$1" "$T/notify.log" 2>/dev/null || true; }

good_conf
NOTIFY_SOCKET=$T/notify.sock WATCHDOG_USEC=400000 \
	"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>"$LOG" &
DPID=$!
PIDS="$PIDS $DPID"

# READY, a STATUS naming the source, then the baseline and watchdog pings.
until_ok '[ "$(notified "READY=1")" -ge 1 ]'
until_ok '[ "$(q "SELECT result FROM fetches WHERE source=\"a\" LIMIT 1")" = baseline ]'
until_ok '[ "$(notified "^WATCHDOG=1")" -ge 2 ]'
until_ok 'grep -q "STATUS=a: baseline at " "$T/notify.log"'
echo "ok: READY, baseline, WATCHDOG, STATUS"

# 1. A bad config: logged with file:line, READY again, old config kept.
polls=$(q "SELECT count(*) FROM fetches WHERE source='a'")
cat >>"$T/sanctwatch.conf" <<C

[source b]
format = ofac-sdn-csv
url = http://127.0.0.1:$PORT/file/b.csv
interval = soon
C
kill -HUP $DPID
until_ok 'grep -q "reload failed" "$LOG"'
grep -q "reload failed, keeping the running configuration: $T/sanctwatch.conf:12: interval: bad value \"soon\"" "$LOG" ||
	fail "bad reload not logged with file:line: $(grep reload "$LOG")"
until_ok '[ "$(notified "RELOADING=1")" -ge 1 ]'
until_ok '[ "$(notified "READY=1")" -ge 2 ]'
kill -0 $DPID || fail "the daemon died on a bad config"
# The old config keeps polling source a (interval 10s) and never b.
until_ok '[ "$(q "SELECT count(*) FROM fetches WHERE source=\"a\"")" -gt '"$polls"' ]' 25
expect_eq "$(q "SELECT count(*) FROM fetches WHERE source='b'")" 0 "polls of the invalid source"

# 2. A good config: source b appears and is polled at once.
sed -i 's/^interval = soon$/interval = 1h/' "$T/sanctwatch.conf"
kill -HUP $DPID
until_ok 'grep -q "reloaded $T/sanctwatch.conf: 2 sources" "$LOG"'
until_ok '[ "$(q "SELECT result FROM fetches WHERE source=\"b\" LIMIT 1")" = baseline ]'
expect_eq "$(q "SELECT record_count FROM sources WHERE name='b'")" 9008 "records of the new source"
until_ok '[ "$(notified "READY=1")" -ge 3 ]'

# 3. SIGTERM during a slow download: source c trickles one byte per 0.2 s.
cat >>"$T/sanctwatch.conf" <<C

[source c]
format = ofac-sdn-csv
url = http://127.0.0.1:$PORT/slow
C
kill -HUP $DPID
until_ok '[ -e "$WWW/.slow-started" ]'
sleep 0.5
# The body is being written to an already unlinked file.
expect_eq "$(ls -A "$T/state" | grep -v '^sanctwatch\.db\(-wal\|-shm\)\?$' || true)" "" \
	"temporary files visible during the download"
kill -TERM $DPID
i=0
while kill -0 $DPID 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "still running 10 s after SIGTERM"
	sleep 0.1
done
wait $DPID
expect_eq "$?" 0 "exit status after SIGTERM"
expect_eq "$(notified "STOPPING=1")" 1 "STOPPING=1"
expect_eq "$(ls -A "$T/state" | grep -v '^sanctwatch\.db\(-wal\|-shm\)\?$' || true)" "" \
	"files left after SIGTERM"
expect_eq "$(q "SELECT count(*) FROM fetches WHERE source='c'")" 0 "history rows of the aborted download"
expect_eq "$(q "SELECT count(*) FROM sources WHERE name='c'")" 0 "state of the aborted download"
expect_eq "$(q "PRAGMA integrity_check")" ok "store integrity"
echo "all signal checks passed"
