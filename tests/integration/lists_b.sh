# lists_b.sh — helpers sourced by the list watchers' integration tests:
# good files must parse to N records, bad ones exit 2, print nothing on
# stdout and one line on stderr naming the file.
: "${SANCTWATCH:?}"
lb_tmp=$(mktemp -d)
trap 'rm -rf "$lb_tmp"' EXIT
lb_fail=0

# lb_count FILE N [FORMAT]: parse (detecting the format unless given).
lb_count() {
	if [ -n "${3:-}" ]; then
		"$SANCTWATCH" parse --format "$3" "$1" >"$lb_tmp/out" 2>"$lb_tmp/err"
	else
		"$SANCTWATCH" parse "$1" >"$lb_tmp/out" 2>"$lb_tmp/err"
	fi
	rc=$?
	n=$(wc -l <"$lb_tmp/out")
	if [ "$rc" -ne 0 ] || [ "$n" -ne "$2" ]; then
		echo "FAIL $1: rc=$rc records=$n, want 0 and $2"
		cat "$lb_tmp/err"
		lb_fail=1
	fi
}

# lb_has PATTERN: the last good parse printed a line matching PATTERN.
lb_has() {
	if ! grep -q -- "$1" "$lb_tmp/out"; then
		echo "FAIL no record matches: $1"
		lb_fail=1
	fi
}

# lb_bad FILE [FORMAT]
lb_bad() {
	if [ -n "${2:-}" ]; then
		"$SANCTWATCH" parse --format "$2" "$1" >"$lb_tmp/out" 2>"$lb_tmp/err"
	else
		"$SANCTWATCH" parse "$1" >"$lb_tmp/out" 2>"$lb_tmp/err"
	fi
	rc=$?
	if [ "$rc" -ne 2 ] || [ -s "$lb_tmp/out" ] ||
	    [ "$(wc -l <"$lb_tmp/err")" -ne 1 ] || ! grep -qF "$1" "$lb_tmp/err"; then
		echo "FAIL $1 (${2:-detect}): rc=$rc, stdout $(wc -c <"$lb_tmp/out") bytes, stderr:"
		cat "$lb_tmp/err"
		lb_fail=1
	else
		echo "ok rejected: $(cat "$lb_tmp/err")"
	fi
}
