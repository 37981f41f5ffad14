#!/bin/sh
# Runs every tests/integration/test_*.sh against ./sanctwatch; a test's log
# is kept (printed) only when it fails. Prints "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
pass=0 fail=0
: "${SANCTWATCH:=$PWD/sanctwatch}"
export SANCTWATCH
logdir=$(mktemp -d)
for t in tests/integration/test_*.sh; do
	name=$(basename "$t" .sh)
	if [ -n "$ONLY" ] && [ "$name" != "$ONLY" ]; then continue; fi
	if timeout 600 sh "$t" >"$logdir/$name.log" 2>&1; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		sed 's/^/    /' "$logdir/$name.log"
	fi
done
rm -rf "$logdir"
echo "integration: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
