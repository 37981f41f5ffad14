#!/bin/sh
# Desktop notifications on a real session bus (dbus-run-session) with a
# real notification server (dunst on Xvfb): the daemon's notifications
# carry the expected summary, body, urgency (critical for a watched name,
# normal otherwise) and app name. Then in agent mode the daemon hands the
# alert over its Unix socket: pushed as soon as it is committed, delivered
# only on an ack (an agent killed before it leaves the row pending and the
# next agent shows it), shown exactly once across a daemon restart (the
# agent reconnects), and a user not on the allow-list is refused.
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
agent_socket = agent.sock
agent_users = $(id -un)

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
# 2. Agent mode: the daemon serves agent.sock; it polls 3 s after it
# starts (the last poll was an interval ago, less 3 s).
cp "$T/agent.conf" "$T/sanctwatch.conf"
echo 'program: SDGT' >>"$T/watchlist.txt"
cp "$F27" "$WWW/sdn.csv"
db() { sqlite3 "$T/state/sanctwatch.db" "$1"; }
until_true() {	# SECS CONDITION
	n=$(($1 * 20))
	until eval "$2"; do
		n=$((n - 1)); [ $n -le 0 ] && { echo "timed out: $2" >&2; exit 1; }
		sleep 0.05
	done
}
db "UPDATE sources SET last_attempt = strftime('%s','now') - 3597, last_success = strftime('%s','now') - 3597"
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>>"$T/daemon.log" &
DPID=$!
trap 'kill $NPID $XPID $DPID $PEER $APID 2>/dev/null' EXIT
until_true 5 '[ -S "$T/agent.sock" ]'
# 2a. A peer that takes the alert and never answers: the commit is pushed
# to it at once, and the row stays pending without its ack.
/usr/bin/python3 "$HERE/agent_peer.py" "$T/agent.sock" "$T/peer.jsonl" desk &
PEER=$!
until_true 15 'grep -q "\"type\": \"alert\"" "$T/peer.jsonl" 2>/dev/null'
db "SELECT max(created) FROM alerts" >"$T/created"
db "SELECT state, attempts FROM deliveries WHERE channel = 'desk' AND state != 'delivered'" >"$T/state_held"
history "$T/h2.json" 3
# 2b. Meanwhile a second agent is not offered the same row.
"$SANCTWATCH" agent --once --config "$T/sanctwatch.conf" 2>>"$T/agent.log"
echo $? >"$T/rc_busy"
# 2c. The peer dies before its ack: the row stays pending.
kill -9 $PEER
until_true 5 'grep -q "gone before acknowledging" "$T/daemon.log"'
db "SELECT state, attempts FROM deliveries WHERE channel = 'desk' AND state != 'delivered'" >"$T/state_killed"
# 2d. An agent shows it and acks it; the daemon marks it delivered.
"$SANCTWATCH" agent --config "$T/sanctwatch.conf" 2>>"$T/agent.log" &
APID=$!
until_true 10 '[ "$(db "SELECT count(*) FROM deliveries WHERE state = '"'delivered'"'")" = 4 ]'
history "$T/h3.json" 4
# 2e. The daemon restarts: the agent reconnects and nothing is shown again.
kill $DPID
wait $DPID
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>>"$T/daemon2.log" &
DPID=$!
until_true 15 'grep -q "serving desk" "$T/daemon2.log"'
sleep 1
wc -l <"$T/shown.jsonl" >"$T/shown_after_restart"
# 2f. A reload that leaves this user off the allow-list drops the agent;
# a new one is refused.
sed -i "s/^agent_users = .*/agent_users = nobody/" "$T/sanctwatch.conf"
kill -HUP $DPID
until_true 5 'grep -q "no longer in agent_users" "$T/daemon2.log"'
"$SANCTWATCH" agent --once --config "$T/sanctwatch.conf" 2>"$T/refused.log"
echo $? >"$T/rc_refused"
kill $APID
wait $APID
echo $? >"$T/rc_agent"
S
export T WWW SANCTWATCH F24 F27 HERE
timeout 90 dbus-run-session -- sh "$T/session.sh" ||
	fail "session steps failed: $(tail -n 5 "$T/run.log" "$T/dunst.log" "$T/agent.log" "$T/daemon.log" "$T/daemon2.log" 2>/dev/null)"

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

P=$T/peer.jsonl
expect_eq "$(pyq "$P" '[r["msg"]["type"] for r in rows]')" "['welcome', 'idle', 'alert']" "the peer: welcome, idle, then the alert"
expect_eq "$(pyq "$P" 'rows[2]["msg"]["channel"], rows[2]["msg"]["delivery"], "SDGT" in rows[2]["msg"]["body"], rows[2]["msg"]["critical"]')" \
	"('desk', 1, True, False)" "the alert message"
expect_eq "$(pyq "$P" 'rows[2]["received"] - '"$(cat "$T/created")"' < 3')" True "pushed as soon as it was committed"
expect_eq "$(cat "$T/state_held")" "pending|0" "sent but not acknowledged: still pending"
expect_eq "$(H h2.json 'len(rows)')" 3 "agent mode: the daemon showed nothing itself"
expect_eq "$(cat "$T/rc_busy")" 0 "an agent --once while the row is in flight elsewhere"
grep -q "0 shown" "$T/agent.log" || fail "the second agent was offered the row in flight"
expect_eq "$(cat "$T/state_killed")" "pending|0" "the peer killed before its ack: still pending"
expect_eq "$(H h3.json 'len(rows)')" 4 "the agent showed the alert"
expect_eq "$(H h3.json '[r["summary"] for r in rows if "SDGT" in r["body"]] != []')" True "the agent's notification"
expect_eq "$(db "SELECT state, attempts FROM deliveries WHERE alert_id IN (SELECT alert_id FROM deliveries WHERE channel='desk' ORDER BY delivered_at DESC LIMIT 1)")" "delivered|1" "acknowledged: delivered"
expect_eq "$(cat "$T/shown_after_restart")" 4 "shown once, also after the daemon restarted"
grep -q "agent uid $(id -u) .*serving desk" "$T/daemon2.log" || fail "the agent did not reconnect"
grep -q "refused uid $(id -u) ($(id -un))" "$T/daemon2.log" || fail "no refusal logged: $(cat "$T/daemon2.log")"
expect_eq "$(cat "$T/rc_refused")" 1 "agent --once refused: exit status"
grep -q "not allowed" "$T/refused.log" || fail "the refused agent does not say why: $(cat "$T/refused.log")"
expect_eq "$(cat "$T/rc_agent")" 0 "the agent stops on SIGTERM"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE state='pending'")" 0 "nothing left pending"
echo "all desktop checks passed"
