#!/bin/sh
# test_us_bis_dpl.sh — parse and diff of three real BIS Denied Persons List
# versions: records per version, added/removed/modified between consecutive
# versions by the derived id; broken files exit 2.
. tests/integration/lists_b.sh
d=tests/data/us_bis_dpl
lb_count $d/dpl__2019-07-09__372893a6.txt 543
lb_has '"id":"dpl-06dd002bf3dde2d0",.*"name":"ADRIAN MANUEL HERNANDEZ".*"countries":\["US"\]'
lb_count $d/dpl__2022-09-07__68f666a7.txt 579
lb_count $d/dpl__2023-11-30__c815c599.txt 663
lb_has '"effective_date":"2003-06-19",.*"id":"dpl-1dba3fcbf5a01232",.*"name":"I. ASH"'
lb_has '"id":"dpl-85f4bcb9a80dd6ba",.*"name":"JOHNSON HU".*"countries":\["CN"\]'

# dpl_diff OLD NEW "ADDED REMOVED MODIFIED"
dpl_diff() {
	"$SANCTWATCH" diff "$d/dpl__$1.txt" "$d/dpl__$2.txt" >"$lb_tmp/diff" ||
		{ echo "FAIL diff $1 $2 exited $?"; lb_fail=1; }
	got="$(grep -c '"change":"added"' "$lb_tmp/diff") $(grep -c '"change":"removed"' "$lb_tmp/diff") $(grep -c '"change":"modified"' "$lb_tmp/diff")"
	[ "$got" = "$3" ] || { echo "FAIL diff $1 $2: $got, want $3"; lb_fail=1; }
}
dpl_diff 2019-07-09__372893a6 2022-09-07__68f666a7 "171 135 53"
dpl_diff 2022-09-07__68f666a7 2023-11-30__c815c599 "178 94 70"
# A renewed order is a modification of its dates, not a new listing.
grep -q '"change":"modified","id":"dpl-01eaf1bae583920b","name":"ALI ABDULLAH AHMED ALHAY","fields":\["action","effective_date","expiration_date","fr_citation","last_update"\]' "$lb_tmp/diff" ||
	{ echo "FAIL renewal not a modification"; lb_fail=1; }

# Hostile: cut mid-field, a short last row, a bad byte, a missing field.
f=$d/dpl__2022-09-07__68f666a7.txt
head -c 70000 $f >"$lb_tmp/cut.txt"
lb_bad "$lb_tmp/cut.txt"
head -n 40 $f | head -c -1 | sed '$s/\t"[^\t]*"$//' >"$lb_tmp/short.txt"
lb_bad "$lb_tmp/short.txt"
sed '3s/AARON/A\xc0RON/' $f >"$lb_tmp/badbyte.txt"
lb_bad "$lb_tmp/badbyte.txt"
sed '3s/"EL PASO"\t//' $f >"$lb_tmp/missing.txt"
lb_bad "$lb_tmp/missing.txt"
lb_bad tests/data/hostile-b/empty.xml us-bis-dpl
lb_bad tests/data/hostile-b/xhtml.xml us-bis-dpl
lb_bad tests/data/us_csl/mini_consolidated__2025-06-02__67728449.csv us-bis-dpl
exit $lb_fail
