#!/bin/sh
# metrics_listen: the daemon serves Prometheus text on /metrics with
# evhttp (per-source last success, records, changes, fetch errors,
# anomalies, held, suppressed matches; deliveries per channel and state),
# 404 elsewhere; a bad address stops the start with a message.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
WWW=$T/www
start_httpd "$WWW"
MPORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$T/sanctwatch.conf" <<C
[sanctwatch]
state_dir = state
metrics_listen = 127.0.0.1:$MPORT

[source ofac-sdn]
format = ofac-sdn-csv
url = http://127.0.0.1:$HTTP_PORT/sdn.csv

[source "broken"]
format = ofac-sdn-csv
url = http://127.0.0.1:1/nothing.csv

[notify hook]
type = webhook
url = http://127.0.0.1:1/hook
secret = $SECRET
C
get() {
	$PY -c '
import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen("http://127.0.0.1:%s%s" % (sys.argv[1], sys.argv[2]), timeout=5)
    print(r.status, r.headers.get("Content-Type"))
    sys.stdout.write(r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code)' "$MPORT" "$1"
}
cp "$(fixture ofac/sdn__2021-12-22__8f95857.csv)" "$WWW/sdn.csv"
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>"$T/daemon.log" &
DPID=$!
PIDS="$PIDS $DPID"
i=0
until get /metrics 2>/dev/null | grep -q '^sanctwatch_source_records{source="ofac-sdn"} 9158$' &&
	get /metrics | grep -q '^sanctwatch_source_fetch_errors_total{source="\\"broken\\""} 1$'; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "metrics never showed the baseline: $(get /metrics; tail -n 3 "$T/daemon.log")"
	sleep 0.1
done
get /metrics >"$T/m.txt"
cat "$T/m.txt"
expect_eq "$(head -n 1 "$T/m.txt")" "200 text/plain; version=0.0.4; charset=utf-8" "status and type"
grep -q '^# TYPE sanctwatch_source_changes_total counter$' "$T/m.txt" || fail "TYPE line"
grep -q '^sanctwatch_source_last_success_timestamp_seconds{source="ofac-sdn"} 1[0-9]\{9\}$' "$T/m.txt" ||
	fail "last success timestamp"
grep -q '^sanctwatch_source_last_success_timestamp_seconds{source="\\"broken\\""} 0$' "$T/m.txt" ||
	fail "a never-successful source (and label escaping)"
grep -q '^sanctwatch_source_changes_total{source="ofac-sdn"} 0$' "$T/m.txt" || fail "changes"
grep -q '^sanctwatch_source_held{source="ofac-sdn"} 0$' "$T/m.txt" || fail "held"
grep -q '^sanctwatch_source_suppressed_total{source="ofac-sdn"} 0$' "$T/m.txt" ||
	fail "suppressed"
for s in pending delivered dead; do
	grep -q "^sanctwatch_alerts{channel=\"hook\",state=\"$s\"} 0\$" "$T/m.txt" || fail "alerts $s"
done
expect_eq "$(get /other)" 404 "other paths"
kill -TERM $DPID
wait $DPID

sed -i "s/^metrics_listen = .*/metrics_listen = 127.0.0.1:notaport/" "$T/sanctwatch.conf"
if "$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>"$T/bad.log"; then fail "started with a bad metrics_listen"; fi
grep -q 'metrics_listen "127.0.0.1:notaport": bad port' "$T/bad.log" || fail "bad address message: $(cat "$T/bad.log")"
echo "all metrics checks passed"
