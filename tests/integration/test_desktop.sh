#!/bin/sh
# Desktop notifications on a real session bus (dbus-run-session) with a
# real notification server (dunst on Xvfb): the daemon's notifications
# carry the expected summary, body, urgency (critical for a watched name,
# normal otherwise) and app name. Then in agent mode the daemon only
# queues, and `sanctwatch agent` shows the queued alert and marks it.
. "$(dirname "$0")/lib.sh"

for c in dbus-run-session Xvfb dunst dunstctl; do
	command -v $c >/dev/null || fail "$c is not installed (make deps)"
done
WWW=$T/www
start_httpd "$WWW"
cat >"$T/watchlist.txt" <<'W'
name: Sadio Camara
country: Mali
W
conf() {
	cat >"$T/sanctwatch.conf" <<C
[sanctwatch]
state_dir = state
watchlist = watchlist.txt

[source ofac-sdn]
format = ofac-sdn-csv
url = http://127.0.0.1:$HTTP_PORT/sdn.csv

[notify desk]
type = desktop
mode = $1
retry_min = 1s
C
}
conf agent
cp "$T/sanctwatch.conf" "$T/agent.conf"
conf direct
F24=$(fixture ofac/sdn__2023-07-24__5460680.csv)
F27=$(fixture ofac/sdn__2023-07-27__92a927c.csv)
cp "$(fixture ofac/sdn__2023-07-20__f9b0fe3.csv)" "$WWW/sdn.csv"
"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log" || fail "baseline"

cat >"$T/session.sh" <<'S'
# Runs inside dbus-run-session: Xvfb, dunst, then the steps.
set -u
Xvfb -displayfd 3 -nolisten tcp 3>"$T/display" >"$T/xvfb.log" 2>&1 &
XPID=$!
i=0
while [ ! -s "$T/display" ]; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "no Xvfb display" >&2; exit 1; }
	sleep 0.05
done
export DISPLAY=:$(cat "$T/display")
# dunst's history has no urgency: a rule script records what dunst got
# (appname, summary, body, icon, urgency) as it displays it.
cat >"$T/record.sh" <<R
#!/bin/sh
/usr/bin/python3 -c 'import json, sys; print(json.dumps(sys.argv[1:]), flush=True)' "\$@" >>"$T/shown.jsonl"
R
chmod +x "$T/record.sh"
printf '[global]\n  history_length = 50\n[all]\n  appname = "*"\n  script = %s\n' "$T/record.sh" >"$T/dunstrc"
dunst -conf "$T/dunstrc" >"$T/dunst.log" 2>&1 &
NPID=$!
trap 'kill $NPID $XPID 2>/dev/null' EXIT
i=0
until dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
    / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
    grep -q true; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "dunst did not start" >&2; exit 1; }
	sleep 0.05
done
history() {
	# the rule scripts run asynchronously: wait for one line per popup
	i=0
	until [ "$(wc -l <"$T/shown.jsonl" 2>/dev/null || echo 0)" -ge "$2" ]; do
		i=$((i + 1)); [ $i -gt 100 ] && break
		sleep 0.05
	done
	dunstctl close-all
	sleep 0.2
	dunstctl history >"$1"
}
# 1. Direct: the daemon notifies through its worker thread.
cp "$F24" "$WWW/sdn.csv"
"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log" || exit 1
history "$T/h1.json" 3
# 2. Agent mode: the daemon queues, the agent shows.
cp "$T/agent.conf" "$T/sanctwatch.conf"
echo 'program: SDGT' >>"$T/watchlist.txt"
cp "$F27" "$WWW/sdn.csv"
"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log" || exit 1
sqlite3 "$T/state/sanctwatch.db" "SELECT count(*) FROM deliveries WHERE state='pending'" >"$T/pending_before"
history "$T/h2.json" 3
"$SANCTWATCH" agent --once --config "$T/sanctwatch.conf" 2>>"$T/agent.log" || exit 1
history "$T/h3.json" 4
S
export T WWW SANCTWATCH F24 F27
timeout 50 dbus-run-session -- sh "$T/session.sh" ||
	fail "session steps failed: $(tail -n 5 "$T/run.log" "$T/dunst.log" "$T/agent.log" 2>/dev/null)"

cat >"$T/hist.py" <<'P'
import json, sys
h = json.load(open(sys.argv[1]))
rows = [{k: v["data"] for k, v in n.items()} for n in h["data"][0]]
print(eval(sys.argv[2]))
P
H() { $PY "$T/hist.py" "$T/$1" "$2"; }
expect_eq "$(H h1.json 'len(rows)')" 3 "notifications from the daemon"
expect_eq "$(H h1.json 'sorted(set(r["appname"] for r in rows))')" "['sanctwatch']" "app name"
S=$T/shown.jsonl
expect_eq "$(pyq "$S" '[(r[1], r[4]) for r in rows[:3] if "Camara" in r[1]]')" \
	"[('New OFAC designation matching Sadio Camara (Mali)', 'CRITICAL')]" "name match: summary, critical"
expect_eq "$(pyq "$S" 'sorted((r[1], r[4]) for r in rows[:3] if "Camara" not in r[1])')" \
	"[('New OFAC designation: BAGAYOKO, Adama (Mali)', 'NORMAL'), ('New OFAC designation: DIARRA, Alou Boi (Mali)', 'NORMAL')]" \
	"country match: summary, normal"
expect_eq "$(pyq "$S" 'sorted(set(r[0] for r in rows))')" "['sanctwatch']" "app name seen by dunst"
expect_eq "$(H h1.json '[r["body"] for r in rows if "Camara" in r["summary"]][0]')" \
	"$(printf 'CAMARA, Sadio — RUSSIA-EO14024\n• name: Sadio Camara\n• country: Mali\nofac-sdn:42618')" "body"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE channel='desk' AND state='delivered'")" 4 "rows delivered (3 by the daemon, 1 by the agent)"

expect_eq "$(cat "$T/pending_before")" 1 "agent mode: the daemon only queued"
expect_eq "$(H h2.json 'len(rows)')" 3 "agent mode: the daemon showed nothing more"
expect_eq "$(H h3.json 'len(rows)')" 4 "the agent showed the queued alert"
expect_eq "$(H h3.json '[r["summary"] for r in rows if "SDGT" in r["body"]] != []')" True "the agent's notification"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE state='pending'")" 0 "the agent marked it delivered"
echo "all desktop checks passed"
