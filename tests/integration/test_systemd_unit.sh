#!/bin/sh
# systemd/sanctwatch.service and sanctwatch.socket: `systemd-analyze
# verify` is clean and `systemd-analyze security --offline=yes` rates the
# service's exposure at 2.0 or lower; the socket unit listens where
# agent_socket points by default, and the service keeps real uids visible
# to SO_PEERCRED. Both man pages exist and the config page names every
# option of the table in config/config.c.
. "$(dirname "$0")/lib.sh"

UNIT=$TOP/systemd/sanctwatch.service
command -v systemd-analyze >/dev/null ||
	{ echo "SKIP: systemd-analyze not installed (apt-get install systemd)"; exit 0; }

# verify checks that ExecStart= is executable and that the Documentation=
# man pages resolve: point both at this tree.
mkdir -p "$T/unit" "$T/man/man8" "$T/man/man5"
cp "$TOP/docs/sanctwatch.8" "$T/man/man8/"
cp "$TOP/docs/sanctwatch.conf.5" "$TOP/docs/sanctwatch-watchlist.5" "$T/man/man5/"
sed "s#/usr/local/bin/sanctwatch#$SANCTWATCH#" "$UNIT" >"$T/unit/sanctwatch.service"
cp "$TOP/systemd/sanctwatch.socket" "$T/unit/"
grep -q "^ExecStart=$SANCTWATCH run" "$T/unit/sanctwatch.service" ||
	fail "ExecStart= does not name /usr/local/bin/sanctwatch"
MANPATH=$T/man systemd-analyze verify "$T/unit/sanctwatch.service" \
	"$T/unit/sanctwatch.socket" >"$T/verify.log" 2>&1 ||
	fail "systemd-analyze verify: $(cat "$T/verify.log")"
expect_eq "$(wc -c <"$T/verify.log" | tr -d ' ')" 0 "systemd-analyze verify output"

systemd-analyze security --offline=yes --no-pager "$UNIT" >"$T/sec.log" 2>&1 ||
	fail "systemd-analyze security: $(tail -n 3 "$T/sec.log")"
level=$(sed -n 's/.*Overall exposure level for sanctwatch.service: \([0-9.]*\).*/\1/p' "$T/sec.log")
[ -n "$level" ] || fail "no exposure level in: $(tail -n 2 "$T/sec.log")"
echo "exposure: $level"
expect_eq "$(awk -v l="$level" 'BEGIN { print (l <= 2.0) ? "yes" : "no" }')" yes \
	"exposure $level at most 2.0"
# The same limit through --threshold (tenths: 20 is 2.0).
systemd-analyze security --offline=yes --threshold=20 --no-pager "$UNIT" >/dev/null 2>&1 ||
	fail "systemd-analyze --threshold=20 fails"

for key in Type=notify WatchdogSec= DynamicUser=yes StateDirectory=sanctwatch \
	ProtectSystem=strict LoadCredential= SystemCallFilter=@system-service; do
	grep -q "^$key" "$UNIT" || fail "unit lacks $key"
done
# The hand-off: the socket unit, its directory, and no user namespace (in
# one every other uid reads as nobody through SO_PEERCRED).
for key in Sockets=sanctwatch.socket RuntimeDirectory=sanctwatch \
	RuntimeDirectoryPreserve=yes; do
	grep -q "^$key" "$UNIT" || fail "unit lacks $key"
done
grep -q "^PrivateUsers=yes" "$UNIT" && fail "PrivateUsers=yes hides the agents' uids"
def=$(grep -A1 '"agent_socket"' "$TOP/config/config.c" | sed -n 's/.*"\(\/[^"]*\)".*/\1/p')
expect_eq "$(sed -n 's/^ListenStream=//p' "$TOP/systemd/sanctwatch.socket")" "$def" \
	"the socket unit listens on agent_socket's default"
expect_eq "$(sed -n 's/^SocketMode=//p' "$TOP/systemd/sanctwatch.socket")" 0666 \
	"anyone may connect (the daemon checks credentials)"

# Every option of the table is documented.
for key in $(sed -n 's/^[[:space:]]*{ SEC_[A-Z]*, "\([a-z_]*\)".*/\1/p' "$TOP/config/config.c"); do
	grep -qw -- "$key" "$TOP/docs/sanctwatch.conf.5" ||
		fail "sanctwatch.conf.5 lacks option $key"
done
echo "all systemd unit checks passed"
