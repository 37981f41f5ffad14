#!/bin/sh
# Download policy against a local server that counts its responses:
# conditional GET (an unchanged source is fetched with 304 and produces
# nothing), a body over max_bytes (plain and gzip: the cap is on decoded
# bytes), a redirect to http (refused, target never requested). The
# snapshot survives every failure and no temporary file is left.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
WWW=$T/www
RECV=$T/recv
mkdir -p "$WWW"
$PY "$HERE/policy_httpd.py" "$WWW" "$T/policy.port" 2>>"$T/httpd.log" &
PIDS="$PIDS $!"
wait_file "$T/policy.port"
PORT=$(cat "$T/policy.port")
start_receiver "$RECV" "$SECRET"
DB=$T/state/sanctwatch.db

echo 'country: Cuba' >"$T/watchlist.txt"
conf() {	# conf URL_PATH MAX_BYTES
	cat >"$T/sanctwatch.conf" <<C
[sanctwatch]
state_dir = state
watchlist = watchlist.txt

[source ofac-sdn]
format = ofac-sdn-csv
url = http://127.0.0.1:$PORT$1
max_bytes = $2

[notify hook]
type = webhook
url = http://127.0.0.1:$RECV_PORT/hook
secret = $SECRET
C
}
q() { sqlite3 "$DB" "$1"; }
last() { q "SELECT result || ' ' || coalesce(error, '') FROM fetches ORDER BY seq DESC LIMIT 1"; }
served() { grep -c "^$1 $2\$" "$WWW/.requests" || true; }
no_temp_files() {
	left=$(ls -A "$T/state" | grep -v '^sanctwatch\.db\(-wal\|-shm\)\?$' || true)
	expect_eq "$left" "" "files left in the state directory $1"
}

cp "$(fixture ofac/sdn__2021-12-22__8f95857.csv)" "$WWW/sdn.csv"

# 1. Conditional GET: baseline with 200, then 304 twice; nothing stored,
#    nothing alerted, and the server sent the body once.
conf /file/sdn.csv 200M
run || fail "baseline failed: $(tail -n 3 "$T/run.log")"
run || fail "second run failed"
run || fail "third run failed"
expect_eq "$(served 200 /file/sdn.csv)" 1 "full responses"
expect_eq "$(served 304 /file/sdn.csv)" 2 "304 responses"
expect_eq "$(q "SELECT group_concat(result, ',') FROM (SELECT result FROM fetches ORDER BY seq)")" \
	"baseline,not-modified,not-modified" "fetch results"
expect_eq "$(q "SELECT count(*) FROM changes")" 0 "changes from 304s"
expect_eq "$(q "SELECT count(*) FROM alerts")" 0 "alerts from 304s"
expect_eq "$(count "$RECV/received.jsonl")" 0 "deliveries from 304s"
# A changed file is fetched in full again.
cp "$(fixture ofac/sdn__2021-12-30__3a4f9ab.csv)" "$WWW/sdn.csv"
run || fail "changed run failed"
expect_eq "$(served 200 /file/sdn.csv)" 2 "full responses after a change"
expect_eq "$(q "SELECT record_count FROM sources")" 9008 "records after the change"
no_temp_files "after downloads"

# 2. A body over max_bytes: rejected as a failed fetch, snapshot kept.
cp "$(fixture ofac/sdn__2021-12-22__8f95857.csv)" "$WWW/big.csv"
conf /file/big.csv 1M
if run; then fail "a body over max_bytes was accepted"; fi
case "$(last)" in
"failed http://127.0.0.1:$PORT/file/big.csv: "*"max"*) echo "ok: over max_bytes: $(last)" ;;
*) fail "over max_bytes: got '$(last)'" ;;
esac
expect_eq "$(q "SELECT record_count FROM sources")" 9008 "records after an oversized body"

# 3. The same file gzip-compressed (389 KB on the wire, 2 MB decoded):
#    the cap applies to the decoded bytes.
conf /gzip/big.csv 1M
if run; then fail "a gzip body decoding over max_bytes was accepted"; fi
expect_eq "$(last)" "failed http://127.0.0.1:$PORT/gzip/big.csv: body larger than 1048576 bytes (max_bytes)" \
	"gzip over max_bytes"
expect_eq "$(served 200 /gzip/big.csv)" 1 "gzip responses"
# Under the cap the same gzip body is accepted (the 12-22 file restores
# the 150 records).
conf /gzip/big.csv 4M
run || fail "gzip under the cap failed: $(tail -n 3 "$T/run.log")"
expect_eq "$(q "SELECT record_count FROM sources")" 9158 "records from the gzip body"

# 4. A redirect to http is refused; its target is never requested.
before=$(served 200 /file/sdn.csv)
conf /redirect-http 200M
if run; then fail "a redirect to http was followed"; fi
case "$(last)" in
"failed http://127.0.0.1:$PORT/redirect-http: redirect to http://127.0.0.1:$PORT/file/sdn.csv refused"*) echo "ok: redirect refused: $(last)" ;;
*) fail "redirect to http: got '$(last)'" ;;
esac
expect_eq "$(served 302 /redirect-http)" 1 "redirects served"
expect_eq "$(served 200 /file/sdn.csv)" "$before" "redirect target requests"
expect_eq "$(q "SELECT record_count FROM sources")" 9158 "records after the redirect"
expect_eq "$(q "SELECT count(*) FROM alerts WHERE event='anomaly'")" 0 \
	"anomaly alerts for transport failures"
no_temp_files "after failures"
echo "all download policy checks passed"
