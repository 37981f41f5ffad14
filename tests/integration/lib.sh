# lib.sh — shared helpers for integration tests (sourced). Real servers on
# 127.0.0.1 only; everything lives in one temporary directory removed on exit.
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
DATA=$TOP/tests/data
T=$(mktemp -d)
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# wait_file FILE: until it exists (5 s at most).
wait_file() {
	i=0
	while [ ! -s "$1" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && fail "timed out waiting for $1"
		sleep 0.05
	done
}

# start_httpd DIR: serves DIR; sets HTTP_PORT.
start_httpd() {
	mkdir -p "$1"
	$PY "$HERE/httpd.py" "$1" "$T/httpd.port" 2>>"$T/httpd.log" &
	PIDS="$PIDS $!"
	wait_file "$T/httpd.port"
	HTTP_PORT=$(cat "$T/httpd.port")
}

# start_receiver DIR SECRET...: sets RECV_PORT; posts land in DIR.
start_receiver() {
	d=$1
	shift
	mkdir -p "$d"
	$PY "$HERE/receiver.py" "$d" "$T/recv.port" "$@" 2>>"$T/recv.log" &
	PIDS="$PIDS $!"
	wait_file "$T/recv.port"
	RECV_PORT=$(cat "$T/recv.port")
}

# start_servers: what most tests start: the list server on WWW=$T/www
# (start_httpd) and one receiver in RECV=$T/recv checking $SECRET
# (start_receiver). Sets WWW and RECV.
start_servers() {
	WWW=$T/www
	RECV=$T/recv
	start_httpd "$WWW"
	start_receiver "$RECV" "$SECRET"
}

# fixture NAME: decompresses tests/data/NAME(.xz) into $T/fixtures; prints path.
fixture() {
	mkdir -p "$T/fixtures"
	out="$T/fixtures/$(basename "$1" .xz)"
	if [ ! -f "$out" ]; then
		if [ -f "$DATA/$1.xz" ]; then
			xz -dc "$DATA/$1.xz" >"$out"
		else
			cp "$DATA/$1" "$out"
		fi
	fi
	echo "$out"
}

# count FILE: lines in a file that may not exist.
count() {
	if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

# jq-less JSON queries through python: pyq FILE EXPR (EXPR sees `rows`,
# a list of parsed JSON lines).
pyq() {
	$PY -c '
import json, sys
rows = []
try:
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
except FileNotFoundError:
    pass
print(eval(sys.argv[2]))' "$1" "$2"
}

expect_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
	echo "ok: $3 = $2"
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on (for a
# refused connection, or a server started later on a known port).
free_port() {
	$PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# receiver_up PORT DIR SECRET...: a receiver on a fixed port; sets RECV_PID.
receiver_up() {
	p=$1 d=$2
	shift 2
	mkdir -p "$d"
	rm -f "$d/port"
	RECEIVER_PORT=$p $PY "$HERE/receiver.py" "$d" "$d/port" "$@" 2>>"$T/recv.log" &
	RECV_PID=$!
	PIDS="$PIDS $RECV_PID"
	wait_file "$d/port"
}

# conf_source NAME FORMAT FILE: starts $T/sanctwatch.conf with the state in
# $T/state, the watchlist $T/watchlist.txt and one source NAME in FORMAT,
# fetched as FILE from start_httpd's server. The test appends the rest
# (cat >>"$T/sanctwatch.conf"): that source's other keys, then channels.
conf_source() {
	cat >"$T/sanctwatch.conf" <<C
[sanctwatch]
state_dir = state
watchlist = watchlist.txt

[source $1]
format = $2
url = http://127.0.0.1:$HTTP_PORT/$3
C
}

# run: one cycle (run --once) on $T/sanctwatch.conf, stderr appended to
# $T/run.log; returns the daemon's exit status.
run() {
	"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log"
}

# db SQL: one query against the daemon's store.
db() {
	sqlite3 "$T/state/sanctwatch.db" "$1"
}

# wait_until SECS SHELL-CONDITION: polls the condition every 0.1 s.
wait_until() {
	n=$(($1 * 10))
	while ! eval "$2"; do
		n=$((n - 1))
		[ $n -le 0 ] && return 1
		sleep 0.1
	done
	return 0
}
