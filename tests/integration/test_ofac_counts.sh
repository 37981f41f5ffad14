#!/bin/sh
# `parse` and `diff` agree with the real OFAC files: record counts and the
# added/removed/modified sets between real consecutive versions.
. "$(dirname "$0")/lib.sh"

n() { "$SANCTWATCH" parse "$(fixture "ofac/sdn__$1.csv")" | wc -l | tr -d ' '; }
d() {
	"$SANCTWATCH" diff "$(fixture "ofac/sdn__$1.csv")" "$(fixture "ofac/sdn__$2.csv")" >"$T/diff.json" ||
		fail "diff $1 $2 exited $?"
	echo "$(grep -c '"change":"added"' "$T/diff.json") $(grep -c '"change":"removed"' "$T/diff.json") $(grep -c '"change":"modified"' "$T/diff.json")"
}

expect_eq "$(n 2021-12-22__8f95857)" 9158 "records 2021-12-22"
expect_eq "$(n 2021-12-30__3a4f9ab)" 9008 "records 2021-12-30"
expect_eq "$(n 2022-04-29__d6a1f10)" 10025 "records 2022-04-29"
expect_eq "$(n 2024-02-23__19efeec)" 14484 "records 2024-02-23"

# The 150 delistings of 2021-12-30 (130 SDNT, 18 SDNTK, 2 CUBA).
expect_eq "$(d 2021-12-22__8f95857 2021-12-30__3a4f9ab)" "0 150 0" "2021-12-30 added/removed/modified"
# Program split of the removals, from the OLD records.
"$SANCTWATCH" parse "$(fixture ofac/sdn__2021-12-22__8f95857.csv)" >"$T/old.json"
