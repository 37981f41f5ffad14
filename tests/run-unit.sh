#!/bin/sh
# Runs each cmocka binary; keeps its output only when it fails; prints one
# "N passed, N failed" line for the whole set.
pass=0 fail=0 failed=""
logdir=${TMPDIR:-/tmp}/sanctwatch-unit.$$
mkdir -p "$logdir"
for t in "$@"; do
	name=$(basename "$t")
	if (cd "$(dirname "$0")/.." && $VALGRIND "$t") >"$logdir/$name.log" 2>&1; then
		n=$(grep -o 'PASSED  \] [0-9]*' "$logdir/$name.log" | grep -o '[0-9]*$' | tail -n 1)
		pass=$((pass + ${n:-1}))
		echo "ok   $name (${n:-1} tests)"
	else
		n=$(grep -o 'FAILED  \] [0-9]*' "$logdir/$name.log" | grep -o '[0-9]*$' | tail -n 1)
		fail=$((fail + ${n:-1}))
		failed="$failed $name"
		echo "FAIL $name"
		sed 's/^/    /' "$logdir/$name.log"
	fi
done
rm -rf "$logdir"
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
