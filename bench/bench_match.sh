#!/bin/sh
# bench_match.sh — the matcher's quality on real name pairs (recall, false
# positives, misses), its speed at a million watched names, and what the
# index finds on a whole list, each against a naive all-pairs loop measured
# in the same run. Reads the big lists from ../shared/data when present;
# skips (exit 0) when they are not.
cd "$(dirname "$0")/.." || exit 1
DATA=${SANCTWATCH_DATA:-../shared/data}
[ -d "$DATA" ] || DATA=/work/shared/data
B=${BUILD:-build}/bench
SDN=$DATA/ofac_sdn_csv/jackdwyer
ALT=$DATA/ofac_sdn_csv/watchman/alt__2023-11-30__c815c599.csv
UN=$DATA/un/un_consolidated__2024-11-30__48e0808.xml
N=${MATCH_BENCH_N:-1000000}
for f in "$SDN/sdn__2024-02-20__ce44edf.csv" "$SDN/sdn__2024-02-23__19efeec.csv" "$ALT" "$UN"; do
	[ -f "$f" ] || { echo "bench_match: $f missing, skipped"; exit 0; }
done
tmp=${TMPDIR:-/tmp}/bench_match.$$
mkdir -p "$tmp" && trap 'rm -rf "$tmp"' EXIT
echo "-- quality (positives: name/alias pairs of one record, OFAC sdn+alt 2024-02-23 and UN 2024-11-30; negatives: names of different records)"
python3 bench/match_pairs.py "$SDN/sdn__2024-02-23__19efeec.csv" "$ALT" "$UN" "$tmp/pairs.tsv" || exit 1
"$B/match_quality" "$tmp/pairs.tsv" "$B/match_misses.tsv" || exit 1
echo "   all misses and false positives: $B/match_misses.tsv"
echo "-- a customer book (real names that are not the listed people, screened against OFAC sdn+alt 2024-02-23 and UN 2024-11-30)"
python3 bench/customer_book.py "${BIN:-./sanctwatch}" "$DATA" "$B/customer_book.tsv" || exit 1
echo "   every match: $B/customer_book.tsv"
echo "-- scale ($N watched names)"
"$B/match_scale" "$SDN/sdn__2024-02-20__ce44edf.csv" "$SDN/sdn__2024-02-23__19efeec.csv" "$ALT" "$N" || exit 1
echo "-- index against the naive loop (UN 2024-11-30: every record against the list's names, original script, joined and split)"
"$B/match_xcheck" un-xml "$UN" > "$tmp/xcheck.txt" || exit 1
tail -n 2 "$tmp/xcheck.txt"
cp "$tmp/xcheck.txt" "$B/match_xcheck.txt"
echo "   all lost matches: $B/match_xcheck.txt"
