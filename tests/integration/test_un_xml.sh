#!/bin/sh
# un-xml: real UN consolidated lists parse with the published individual and
# entity counts; consecutive versions diff by content (VERSIONNUM is never
# bumped); hostile inputs are refused, and an XXE opens no connection.
set -u
cd "$(dirname "$0")/../.." || exit 1
D=tests/data
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

# date individuals entities (MANIFEST.md file table)
while read -r day ind ent; do
	f=$(ls $D/un/un_consolidated__"$day"__*.xml.xz)
	xz -dc "$f" > "$tmp/$day.xml"
	"$SANCTWATCH" parse "$tmp/$day.xml" > "$tmp/$day.json" || no "$day parse"
	n=$(grep -c '"type":"individual"' "$tmp/$day.json")
	[ "$n" -eq "$ind" ] || no "$day individuals $n, want $ind"
	n=$(grep -c '"type":"entity"' "$tmp/$day.json")
	[ "$n" -eq "$ent" ] || no "$day entities $n, want $ent"
	[ "$(grep -c '"source":"un"' "$tmp/$day.json")" -eq $((ind + ent)) ] ||
	    no "$day source"
done <<'LIST'
2017-06-20 653 371
2017-06-30 653 371
2017-07-03 650 371
2024-11-30 686 193
LIST

# 3012677 IYAD AG GHALI: trimmed name parts, Arabic name and alias, Mali.
r=$(grep '"id":"3012677"' "$tmp/2017-06-20.json")
echo "$r" | grep -q '"name":"IYAD AG GHALI"' || no "3012677 name"
echo "$r" | grep -q '"programs":\["Al-Qaida","QDi.316"\]' || no "3012677 programs"
echo "$r" | grep -q '"countries":\["ML"\]' || no "3012677 countries"
echo "$r" | grep -q '"aliases":\["اياد اغ غالي","Sidi Mohamed Arhali"\]' ||
    no "3012677 aliases: $r"
echo "$r" | grep -q '"quality":"Good"' || no "3012677 alias quality"
echo "$r" | grep -q '"type":"Passport","value":"A1037434","country":"Mali"' ||
    no "3012677 document"
echo "$r" | grep -q '"listed_on":"2013-02-25"' || no "3012677 listed_on"
# " RI " / "WON HO" -> "RI WON HO" (the file pads name parts).
grep '"id":"6908555"' "$tmp/2017-06-20.json" | grep -q '"name":"RI WON HO"' ||
    no "6908555 name not trimmed"
grep '"id":"6908555"' "$tmp/2017-06-20.json" | grep -q '"countries":\["KP"\]' ||
    no "6908555 nationality"

# Content diff: 06-20 -> 06-30 one modified; 06-30 -> 07-03 three removed.
"$SANCTWATCH" diff "$tmp/2017-06-20.xml" "$tmp/2017-06-30.xml" > "$tmp/d1" || no "diff 1"
[ "$(wc -l < "$tmp/d1")" -eq 1 ] || no "diff 1: $(cat "$tmp/d1")"
grep -q '"change":"modified","id":"111902"' "$tmp/d1" || no "diff 1 record"
"$SANCTWATCH" diff "$tmp/2017-06-30.xml" "$tmp/2017-07-03.xml" > "$tmp/d2" || no "diff 2"
[ "$(grep -c '"change":"removed"' "$tmp/d2")" -eq 3 ] || no "diff 2 removed"
[ "$(wc -l < "$tmp/d2")" -eq 3 ] || no "diff 2: $(cat "$tmp/d2")"
for id in 111804 111925 113330; do
	grep -q "\"id\":\"$id\"" "$tmp/d2" || no "diff 2 misses $id"
done

# Hostile inputs: exit 2, empty stdout, one line naming the file.
for f in empty.xml whitespace.xml truncated_un.xml html_error.html \
    xhtml.xml xxe_file.xml xxe_http.xml xxe_external_dtd.xml \
    xxe_parameter.xml billion_laughs.xml deep_nesting.xml bad_utf8.xml \
    mislabelled_utf16.xml wrong_schema_eu.xml count_mismatch.xml; do
	"$SANCTWATCH" parse --format un-xml $D/hostile/$f > "$tmp/out" 2> "$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || no "$f: exit $rc"
	[ -s "$tmp/out" ] && no "$f: stdout not empty"
	[ "$(wc -l < "$tmp/err")" -eq 1 ] || no "$f: stderr is not one line"
	grep -q "hostile/$f" "$tmp/err" || no "$f: error does not name the file"
done
# A diff against a hostile file fails instead of reporting removals.
"$SANCTWATCH" diff --format un-xml "$tmp/2017-06-20.xml" $D/hostile/truncated_un.xml \
    > "$tmp/out" 2>/dev/null
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] || no "diff against truncated file"

# XXE pointing at a live loopback listener: refused, and never connected.
if command -v python3 >/dev/null; then
	python3 - "$tmp" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
open(sys.argv[1] + "/port", "w").write(str(s.getsockname()[1]))
s.settimeout(3)
try:
    s.accept(); open(sys.argv[1] + "/connected", "w").write("yes")
except socket.timeout:
    pass
PY
	i=0
	while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$tmp/port")
	for decl in "<!DOCTYPE CONSOLIDATED_LIST [ <!ENTITY x SYSTEM \"http://127.0.0.1:$port/x\"> ]>" \
	    "<!DOCTYPE CONSOLIDATED_LIST SYSTEM \"http://127.0.0.1:$port/x.dtd\">" \
	    "<!DOCTYPE CONSOLIDATED_LIST [ <!ENTITY % p SYSTEM \"http://127.0.0.1:$port/p\"> %p; ]>"; do
		printf '<?xml version="1.0"?>\n%s\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>&x;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n' "$decl" > "$tmp/xxe.xml"
		"$SANCTWATCH" parse "$tmp/xxe.xml" > "$tmp/out" 2>/dev/null
		[ $? -eq 2 ] && [ ! -s "$tmp/out" ] || no "live XXE not refused: $decl"
	done
	wait
	[ -e "$tmp/connected" ] && no "XXE opened a connection to 127.0.0.1:$port"
fi
exit $fail
