#!/bin/sh
# `make bench`: runs every bench/bench_*.sh. Each prints its figures as
# ratios against a baseline it measures in the same run.
cd "$(dirname "$0")/.." || exit 1
rc=0
for b in bench/bench_*.sh; do
	echo "== $(basename "$b" .sh)"
	sh "$b" || rc=1
done
exit $rc
