#!/bin/sh
# test_us_csl_csv.sh — parse and diff of the real US Trade Consolidated
# Screening List CSVs (2019 excerpt, 2023 file, 2025 minis); the 2023 copy
# is cut mid-row upstream and is rejected whole; broken files exit 2.
. tests/integration/lists_b.sh
d=tests/data/us_csl
lb_count $d/csl__2019-12-05__a4a416a2.csv 115
lb_has '"id":"SDN:20264","type":"entity","name":"200G PSA HOLDINGS LLC"'
lb_has '"id":"DPL:h15d869865e2dba16",.*"name":"ADRIAN MANUEL HERNANDEZ".*"countries":\["US"\]'
lb_count $d/mini_consolidated__2025-06-02__67728449.csv 11
lb_count $d/mini_consolidated__2025-06-25__11e7a4ae.csv 13
lb_has '"ids":\[{"type":"Passport","value":"836238033","country":"KP"}.*"id":"SDN:52291"'

# The 2023 copy: rejected as it is, 4226 listings up to its last full row.
xz -dc $d/csl__2023-11-30__c815c599.csv.xz >"$lb_tmp/csl23.csv"
lb_bad "$lb_tmp/csl23.csv"
grep -q ':4233: unterminated quoted field (file truncated?)' "$lb_tmp/err" ||
	{ echo "FAIL 2023 copy: $(cat "$lb_tmp/err")"; lb_fail=1; }
head -n 4232 "$lb_tmp/csl23.csv" >"$lb_tmp/consolidated.csv"
lb_count "$lb_tmp/consolidated.csv" 4226
lb_has '"id":"PLC:9659",.*"name":"Fathi Ahmad Mohammad HAMMAD"'
lb_has '"id":"SDN:9659",.*"name":"HAMMAD, Fathi Ahmad Mohammad"'

# Two added, nothing removed or modified between the 2025 minis.
"$SANCTWATCH" diff $d/mini_consolidated__2025-06-02__67728449.csv \
    $d/mini_consolidated__2025-06-25__11e7a4ae.csv >"$lb_tmp/diff" ||
	{ echo "FAIL diff exited $?"; lb_fail=1; }
got="$(grep -c '"change":"added"' "$lb_tmp/diff") $(grep -c '"change":"removed"' "$lb_tmp/diff") $(grep -c '"change":"modified"' "$lb_tmp/diff")"
[ "$got" = "2 0 0" ] || { echo "FAIL minis diff: $got, want 2 0 0"; lb_fail=1; }
grep -q '"change":"added","id":"SSI:18283","name":"SME BANK"' "$lb_tmp/diff" ||
	{ echo "FAIL SSI:18283 not added"; lb_fail=1; }

# Hostile: watchman's broken CSL file, a cut, a bad byte, a repeated id.
lb_bad $d/csl__watchman_invalidFiles.csv us-csl-csv
head -c 20000 $d/csl__2019-12-05__a4a416a2.csv >"$lb_tmp/cut.csv"
lb_bad "$lb_tmp/cut.csv"
sed '3s/183rd/\xff83rd/' $d/csl__2019-12-05__a4a416a2.csv >"$lb_tmp/badbyte.csv"
lb_bad "$lb_tmp/badbyte.csv"
{ cat $d/csl__2019-12-05__a4a416a2.csv; sed -n '5s/200G/300G/p' $d/csl__2019-12-05__a4a416a2.csv; } >"$lb_tmp/dup.csv"
lb_bad "$lb_tmp/dup.csv"
lb_bad tests/data/hostile-b/empty.xml us-csl-csv
lb_bad tests/data/hostile-b/xhtml.xml us-csl-csv
exit $lb_fail
