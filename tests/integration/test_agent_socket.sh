#!/bin/sh
# The desktop hand-off socket, without a desktop (nothing is pending, so
# no agent here calls libnotify): the socket passed by systemd
# (systemd-socket-activate hands it over as sd_listen_fds(3) reads it),
# a second daemon that finds the socket taken, a stale socket replaced,
# the bound socket removed at exit, and the SO_PEERCRED allow-list against
# real other uids: refused with one log line naming the uid unless named
# by agent_users or a member of a group in agent_groups.
. "$(dirname "$0")/lib.sh"

command -v systemd-socket-activate >/dev/null ||
	fail "systemd-socket-activate is not installed (make deps: systemd)"
cat >"$T/sanctwatch.conf" <<C
[sanctwatch]
state_dir = state
agent_socket = agent.sock
agent_users = $(id -un)
agent_groups = 4242

[notify desk]
type = desktop
mode = agent
C
mkdir "$T/state"
AG() { "$SANCTWATCH" agent --once "$@"; }

# 1. Socket activation: the daemon starts on the first connection and
# serves the socket it was given.
systemd-socket-activate -l "$T/agent.sock" --fdname=agent \
	"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>>"$T/daemon.log" &
SA=$!
PIDS="$PIDS $SA"
wait_until 5 '[ -S "$T/agent.sock" ]' || fail "no socket from systemd-socket-activate"
AG --config "$T/sanctwatch.conf" 2>>"$T/agent.log" || fail "agent --once: $(cat "$T/agent.log" "$T/daemon.log")"
grep -q "agent socket $T/agent.sock (from systemd)" "$T/daemon.log" ||
	fail "the daemon did not use the socket from systemd: $(cat "$T/daemon.log")"
grep -q "agent uid $(id -u) ($(id -un)) pid [0-9]*: serving desk" "$T/daemon.log" ||
	fail "no agent served: $(cat "$T/daemon.log")"
echo "ok: socket activation"

# 2. Other users (needs root to become them).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 711 "$T"
	chmod 666 "$T/agent.sock"	# the socket unit's SocketMode=0666
	NB="setpriv --reuid=65534 --regid=65534"
	$NB --clear-groups "$SANCTWATCH" agent --once --socket "$T/agent.sock" \
		>"$T/nobody.log" 2>&1
	expect_eq $? 1 "an agent of a user not on the allow-list: exit status"
	grep -q "not allowed" "$T/nobody.log" || fail "refused agent: $(cat "$T/nobody.log")"
	wait_until 5 'grep -q "refused uid 65534 " "$T/daemon.log"' ||
		fail "no refusal naming uid 65534: $(cat "$T/daemon.log")"
	expect_eq "$(grep -c "refused uid 65534 " "$T/daemon.log")" 1 "one log line per refusal"
	$NB --groups=4242 "$SANCTWATCH" agent --once --socket "$T/agent.sock" \
		>"$T/member.log" 2>&1 || fail "a member of agent_groups: $(cat "$T/member.log")"
	grep -q "agent uid 65534 .*serving desk" "$T/daemon.log" ||
		fail "member of agent_groups not served: $(cat "$T/daemon.log")"
	echo "ok: uid 65534 refused, and let in as a member of group 4242"
else
	echo "SKIP: other-uid checks need root and setpriv"
fi

# 3. A second daemon does not take a socket that answers.
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>"$T/second.log"
expect_eq $? 1 "a second daemon on the same socket: exit status"
grep -q "another daemon listens on it" "$T/second.log" || fail "second daemon: $(cat "$T/second.log")"

# 4. After a crash the stale socket is replaced, and a clean stop removes
# the socket the daemon bound.
kill -9 $SA
wait $SA 2>/dev/null
[ -S "$T/agent.sock" ] || fail "the stale socket is gone already"
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>>"$T/bound.log" &
D=$!
PIDS="$PIDS $D"
wait_until 5 'grep -q "(bound)" "$T/bound.log"' || fail "no bound socket: $(cat "$T/bound.log")"
AG --config "$T/sanctwatch.conf" 2>>"$T/agent.log" || fail "agent after the restart: $(cat "$T/agent.log")"
kill $D
wait $D
expect_eq $? 0 "daemon stopped"
[ -e "$T/agent.sock" ] && fail "the socket was left behind"
AG --config "$T/sanctwatch.conf" 2>"$T/none.log"
expect_eq $? 1 "agent --once with no daemon: exit status"
grep -q "cannot reach the daemon at $T/agent.sock" "$T/none.log" || fail "no daemon: $(cat "$T/none.log")"
echo "all agent socket checks passed"
