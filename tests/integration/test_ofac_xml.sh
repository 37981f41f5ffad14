#!/bin/sh
# ofac-xml: both real OFAC consolidated XML files (tempuri.org and Sanctions
# List Service namespaces) parse with their published Record_Count, and the
# hand-made hostile corpus is refused with exit 2 and nothing on stdout.
set -u
cd "$(dirname "$0")/../.." || exit 1
D=tests/data
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

xz -dc $D/ofac_cons/consolidated__2018-04-06__b8e0ea8.xml.xz > "$tmp/consolidated_2018.xml"
xz -dc $D/ofac_cons/consolidated_SLS__2024-05-06__e7e1058.xml.xz > "$tmp/consolidated_2024.xml"

# Detected without --format; counts equal Record_Count (639, 443).
"$SANCTWATCH" parse "$tmp/consolidated_2018.xml" > "$tmp/a.json" || no "2018 parse"
"$SANCTWATCH" parse "$tmp/consolidated_2024.xml" > "$tmp/b.json" || no "2024 parse"
[ "$(wc -l < "$tmp/a.json")" -eq 639 ] || no "2018 count $(wc -l < "$tmp/a.json")"
[ "$(wc -l < "$tmp/b.json")" -eq 443 ] || no "2024 count $(wc -l < "$tmp/b.json")"
# Both are the non-SDN list: every record says so.
[ "$(grep -c '"source":"ofac-cons"' "$tmp/a.json")" -eq 639 ] || no "2018 source"
[ "$(grep -c '"source":"ofac-cons"' "$tmp/b.json")" -eq 443 ] || no "2024 source"

# Record 9639 (NS-PLC): name written as sdn.csv writes it, akas as aliases.
r=$(grep '"id":"9639"' "$tmp/b.json")
echo "$r" | grep -q '"name":"HANIYA, Ismail Abdul Salah"' || no "9639 name: $r"
echo "$r" | grep -q '"aliases":\["HANIYA, Ismail","HANIYYA, Ismaeel"\]' || no "9639 aliases"
echo "$r" | grep -q '"programs":\["NS-PLC"\]' || no "9639 programs"
echo "$r" | grep -q '"type":"individual"' || no "9639 type"
# Record 4632: Bank Markazi, address country Iran -> IR, ids kept as type/value.
r=$(grep '"id":"4632"' "$tmp/a.json")
echo "$r" | grep -q '"name":"BANK MARKAZI JOMHOURI ISLAMI IRAN"' || no "4632 name"
echo "$r" | grep -q '"countries":\["IR"\]' || no "4632 countries: $r"
echo "$r" | grep -q '"type":"Additional Sanctions Information -"' || no "4632 ids"
echo "$r" | grep -q '"postal_code":"11365"' || no "4632 address"
# Vessels: type and flag country from vesselInfo.
[ "$(grep -c '"type":"vessel"' "$tmp/a.json")" -gt 0 ] || no "no vessels in 2018"
grep '"type":"vessel"' "$tmp/a.json" | grep -q '"vessel_flag":' || no "vessel flag"

# The same 639 ids and names as the cons_prim.csv of the same day.
xz -dc $D/ofac_cons/cons_prim__2018-04-06__b8e0ea8.csv.xz > "$tmp/cons_prim.csv"
"$SANCTWATCH" parse --format ofac-cons-csv "$tmp/cons_prim.csv" |
    sed 's/.*"id":"\([0-9]*\)","type":"[a-z]*","name":"\([^"]*\)".*/\1 \2/' |
    sort > "$tmp/csv.ids"
sed 's/.*"id":"\([0-9]*\)","type":"[a-z]*","name":"\([^"]*\)".*/\1 \2/' \
    "$tmp/a.json" | sort > "$tmp/xml.ids"
cmp -s "$tmp/csv.ids" "$tmp/xml.ids" || no "ids/names differ from cons_prim.csv"
[ "$(wc -l < "$tmp/xml.ids")" -eq 639 ] || no "id list"

# A file named like SDN.XML with only SDN programmes would be ofac-sdn:
# strip the non-SDN marks and check the label follows the file name.
sed 's#<program>\(NS-\|CMIC-\|FSE-\|561\)[^<]*</program>#<program>SDGT</program>#' \
    "$tmp/consolidated_2024.xml" > "$tmp/SDN.XML"
"$SANCTWATCH" parse "$tmp/SDN.XML" | grep -q '"source":"ofac-cons"' &&
    no "SDN.XML labelled ofac-cons"
"$SANCTWATCH" parse "$tmp/SDN.XML" | head -n 1 | grep -q '"source":"ofac-sdn"' ||
    no "SDN.XML not labelled ofac-sdn"

# Hostile inputs: exit 2, empty stdout, one line on stderr naming the file.
for f in empty.xml whitespace.xml truncated_ofac.xml html_error.html \
    xhtml.xml xxe_file.xml xxe_http.xml xxe_external_dtd.xml \
    xxe_parameter.xml billion_laughs.xml deep_nesting.xml bad_utf8.xml \
    mislabelled_utf16.xml wrong_schema_eu.xml wrong_namespace.xml \
    count_mismatch.xml truncated_un.xml; do
	"$SANCTWATCH" parse --format ofac-xml $D/hostile/$f > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || no "$f: exit $rc"
	[ -s "$tmp/out" ] && no "$f: stdout not empty"
	[ "$(wc -l < "$tmp/err")" -eq 1 ] || no "$f: stderr is not one line"
	grep -q "hostile/$f" "$tmp/err" || no "$f: error does not name the file"
	grep -q 'root:' "$tmp/out" "$tmp/err" && no "$f: /etc/passwd leaked"
done
"$SANCTWATCH" parse $D/hostile/count_mismatch.xml 2> "$tmp/err" >/dev/null
grep -q 'count_mismatch.xml: Record_Count says 3 records but the file holds 2' \
    "$tmp/err" || no "count mismatch message: $(cat "$tmp/err")"

# The OFAC SDN CSV is still detected as ofac-sdn-csv, not as ofac-xml.
printf '%s\r\n' '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ' > "$tmp/sdn.csv"
"$SANCTWATCH" parse "$tmp/sdn.csv" | grep -q '"source":"ofac-sdn"' || no "sdn.csv detection"
exit $fail
