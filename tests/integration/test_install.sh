#!/bin/sh
# `make install DESTDIR=…` installs exactly the binary, the units, both
# man pages and the example config; an existing config is not overwritten;
# the installed config validates; `make uninstall` keeps the config.
. "$(dirname "$0")/lib.sh"

D=$T/root
mk() { make -s -C "$TOP" --no-print-directory DESTDIR="$D" "$@" >>"$T/make.log" 2>&1 ||
	fail "make $*: $(tail -n 5 "$T/make.log")"; }

mk install
(cd "$D" && find . -type f | sed 's|^\./||' | sort) >"$T/files"
{
	echo etc/sanctwatch/sanctwatch.conf
	echo etc/sanctwatch/sanctwatch.conf.example
	echo etc/sanctwatch/watchlist.txt
	echo etc/sanctwatch/watchlist.txt.example
	echo etc/sanctwatch/webhook.secret
	echo lib/systemd/system/sanctwatch.service
	# By file name: the checkout's own path may contain "agent".
	for u in "$TOP"/systemd/*.service "$TOP"/systemd/*.socket; do
		u=${u##*/}
		case $u in
		*agent*) echo "usr/lib/systemd/user/$u" ;;
		sanctwatch.service) ;;
		*) echo "lib/systemd/system/$u" ;;
		esac
	done
	echo usr/local/bin/sanctwatch
	echo usr/local/share/man/man5/sanctwatch-watchlist.5
	echo usr/local/share/man/man5/sanctwatch.conf.5
	echo usr/local/share/man/man8/sanctwatch.8
} | sort >"$T/want"
diff -u "$T/want" "$T/files" || fail "installed files differ from the list"
echo "ok: installed $(wc -l <"$T/files" | tr -d ' ') files"
[ -x "$D/usr/local/bin/sanctwatch" ] || fail "binary not executable"
"$D/usr/local/bin/sanctwatch" --version | grep -q '^sanctwatch ' || fail "installed binary does not run"
grep -q '^ExecStart=/usr/local/bin/sanctwatch run --config /etc/sanctwatch/sanctwatch.conf$' \
	"$D/lib/systemd/system/sanctwatch.service" || fail "unit ExecStart"
grep -q '^#state_dir' "$D/etc/sanctwatch/sanctwatch.conf" || fail "state_dir left set in the installed config"
STATE_DIRECTORY=$T/state "$D/usr/local/bin/sanctwatch" check-config \
	--config "$D/etc/sanctwatch/sanctwatch.conf" || fail "installed config does not validate"

expect_eq "$(stat -c %a "$D/etc/sanctwatch/webhook.secret")" 600 "credential file mode"
# A second install keeps an operator's config.
echo '# edited by the operator' >>"$D/etc/sanctwatch/sanctwatch.conf"
echo 'name: Someone Watched' >>"$D/etc/sanctwatch/watchlist.txt"
mk install
expect_eq "$(tail -n 1 "$D/etc/sanctwatch/sanctwatch.conf")" "# edited by the operator" "config after a reinstall"
expect_eq "$(tail -n 1 "$D/etc/sanctwatch/watchlist.txt")" "name: Someone Watched" "watchlist after a reinstall"

# PREFIX moves the binary and the unit follows it.
D2=$T/root2
make -s -C "$TOP" --no-print-directory DESTDIR="$D2" PREFIX=/opt/sw install >>"$T/make.log" 2>&1 ||
	fail "make install PREFIX=/opt/sw"
[ -x "$D2/opt/sw/bin/sanctwatch" ] || fail "PREFIX ignored"
grep -q '^ExecStart=/opt/sw/bin/sanctwatch ' "$D2/lib/systemd/system/sanctwatch.service" ||
	fail "unit does not follow PREFIX"

mk uninstall
(cd "$D" && find . -type f | sed 's|^\./||' | sort) >"$T/left"
expect_eq "$(cat "$T/left" | tr '\n' ' ')" "etc/sanctwatch/sanctwatch.conf etc/sanctwatch/watchlist.txt etc/sanctwatch/webhook.secret " \
	"files left after uninstall"
echo "all install checks passed"
