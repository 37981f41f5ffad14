#!/bin/sh
# ofac-cons-csv: the real consolidated (non-SDN) CSV sets of 2018 and 2025,
# with their companions; detection; sdn.csv still goes to ofac-sdn-csv.
set -u
cd "$(dirname "$0")/../.." || exit 1
D=tests/data/ofac_cons
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

xz -dc $D/cons_prim__2018-04-06__b8e0ea8.csv.xz > "$tmp/cons_prim_2018.csv"
xz -dc $D/cons_prim__2025-12-19__fca231b0.csv.xz > "$tmp/cons_prim_2025.csv"

# Both carry non-SDN programmes (NS-PLC; CMIC-EO13959): detected by content.
"$SANCTWATCH" parse --add $D/cons_add__2018-04-06__b8e0ea8.csv \
    --alt $D/cons_alt__2018-04-06__b8e0ea8.csv "$tmp/cons_prim_2018.csv" \
    > "$tmp/a.json" || no "2018 parse"
"$SANCTWATCH" parse --add $D/cons_add__2025-12-19__fca231b0.csv \
    --alt $D/cons_alt__2025-12-19__fca231b0.csv \
    --comments $D/cons_comments__2025-12-19__fca231b0.csv \
    "$tmp/cons_prim_2025.csv" > "$tmp/b.json" || no "2025 parse"
[ "$(wc -l < "$tmp/a.json")" -eq 639 ] || no "2018 count"
[ "$(wc -l < "$tmp/b.json")" -eq 442 ] || no "2025 count"
[ "$(grep -c '"source":"ofac-cons"' "$tmp/a.json")" -eq 639 ] || no "2018 source"
[ "$(grep -c '"source":"ofac-cons"' "$tmp/b.json")" -eq 442 ] || no "2025 source"

# 4632 Bank Markazi: address from cons_add (Tehran, Iran), aliases from cons_alt.
r=$(grep '"id":"4632"' "$tmp/a.json")
echo "$r" | grep -q '"name":"BANK MARKAZI JOMHOURI ISLAMI IRAN"' || no "4632 name"
echo "$r" | grep -q '"countries":\["IR"\]' || no "4632 countries: $r"
echo "$r" | grep -q '"CENTRAL BANK OF IRAN"' || no "4632 alias"
echo "$r" | grep -q '"city":"Tehran"' || no "4632 address"
# 9639 Haniya on NS-PLC, an individual.
grep '"id":"9639"' "$tmp/a.json" | grep -q '"type":"individual".*"programs":\["NS-PLC"\]' ||
    no "9639"
# A 2025 CMIC record and a comment row merged into its remarks.
[ "$(grep -c '"CMIC-EO13959"' "$tmp/b.json")" -gt 0 ] || no "2025 CMIC"

# 2018 -> 2025: MANIFEST says +78 / -275 / ~288 on cons_prim alone.
"$SANCTWATCH" diff --format ofac-cons-csv "$tmp/cons_prim_2018.csv" \
    "$tmp/cons_prim_2025.csv" > "$tmp/d" || no "diff"
[ "$(grep -c '"change":"added"' "$tmp/d")" -eq 78 ] || no "diff added"
[ "$(grep -c '"change":"removed"' "$tmp/d")" -eq 275 ] || no "diff removed"

# An SDN-style file without non-SDN programmes stays ofac-sdn-csv, and
# --format ofac-cons-csv relabels it.
printf '%s\r\n' '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ' \
    '9659,"HAMMAD, Fathi Ahmad Mohammad","individual","SDGT] [NS-PLC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1961."' > "$tmp/sdn.csv"
"$SANCTWATCH" parse "$tmp/sdn.csv" > "$tmp/s.json" || no "sdn parse"
[ "$(grep -c '"source":"ofac-sdn"' "$tmp/s.json")" -eq 2 ] || no "sdn.csv detection"
"$SANCTWATCH" parse --format ofac-cons-csv "$tmp/sdn.csv" | grep -c '"source":"ofac-cons"' |
    grep -qx 2 || no "--format ofac-cons-csv"

# Bad input: HTML, empty, XML -> exit 2, nothing on stdout.
for f in tests/data/hostile/html_error.html tests/data/hostile/empty.xml \
    tests/data/hostile/count_mismatch.xml; do
	"$SANCTWATCH" parse --format ofac-cons-csv "$f" > "$tmp/out" 2> "$tmp/err"
	[ $? -eq 2 ] && [ ! -s "$tmp/out" ] || no "$f accepted"
	[ "$(wc -l < "$tmp/err")" -eq 1 ] || no "$f: stderr"
done
exit $fail
