#!/bin/sh
# test_feed.sh — `sanctwatch parse --format feed`: good RSS and Atom feeds
# print one JSON object per item; malformed feeds (truncated, an HTML page,
# XXE, billion laughs, undefined entity) exit 2 with nothing on stdout and
# one line on stderr naming the file.
set -u
cd "$(dirname "$0")/../.." || exit 1
: "${SANCTWATCH:=$PWD/sanctwatch}"
D=tests/data/feeds/local
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# jq is not a dependency: check fields with python3 (a test dependency).
field() { python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
v=rows[int(sys.argv[2])].get(sys.argv[3])
print("" if v is None else v)' "$@"; }

"$SANCTWATCH" parse --format feed "$D/good-rss.xml" >"$tmp/rss.out" 2>"$tmp/rss.err"
rc=$?
[ $rc -eq 0 ] || fail "good RSS: exit $rc: $(cat "$tmp/rss.err")"
[ "$(wc -l <"$tmp/rss.out")" -eq 2 ] || fail "good RSS: want 2 items, got $(wc -l <"$tmp/rss.out")"
check() {	# file row key want
	got=$(field "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "$1 item $2 $3: want '$4', got '$got'"
}
check "$tmp/rss.out" 0 source feed
check "$tmp/rss.out" 0 type news
check "$tmp/rss.out" 0 id ra-20240103
check "$tmp/rss.out" 0 name "Counter Terrorism Designations; Mali-related Designations"
check "$tmp/rss.out" 0 link /recent-actions/20240103
check "$tmp/rss.out" 0 published 2024-01-03T15:15:00Z
check "$tmp/rss.out" 0 summary "OFAC has designated Sadio CAMARA, Mali’s minister of defence."
check "$tmp/rss.out" 0 feed_title "Recent Actions"
check "$tmp/rss.out" 1 name "An untitled notice & nothing else."
python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r=json.loads(l)
    for k in ("aliases","programs","countries","remarks"):
        assert k in r, k' "$tmp/rss.out" || fail "standard record keys missing"
# A relative link stays relative when the feed is a local path: only a
# feed URL (as the daemon passes it) or xml:base resolves it.

"$SANCTWATCH" parse --format feed "$D/good-atom.xml" >"$tmp/atom.out" 2>"$tmp/atom.err" ||
	fail "good Atom: $(cat "$tmp/atom.err")"
check "$tmp/atom.out" 0 name "Financial Sanctions Notice: Mali"
check "$tmp/atom.out" 0 summary "Asset freeze & travel ban."
check "$tmp/atom.out" 0 published 2024-05-03T11:00:00Z
check "$tmp/atom.out" 0 link https://www.gov.example/government/news/notice-mali
check "$tmp/atom.out" 0 feed_title "Financial sanctions notices"

# Detection picks the feed format without --format.
"$SANCTWATCH" parse "$D/good-atom.xml" >/dev/null 2>&1 || fail "Atom not detected"

head -c 600 "$D/good-rss.xml" >"$tmp/truncated.xml"
cat >"$tmp/page.html" <<'X'
<!DOCTYPE html>
<html><head><title>Service unavailable</title></head>
<body><p>Please try again later.<br></body></html>
X
cat >"$tmp/xxe.xml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>
X
cat >"$tmp/laughs.xml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>
X
printf '<rss version="2.0"><channel><title>caf&eacute;</title></channel></rss>\n' >"$tmp/entity.xml"
: >"$tmp/empty.xml"
for bad in truncated.xml page.html xxe.xml laughs.xml entity.xml empty.xml; do
	"$SANCTWATCH" parse --format feed "$tmp/$bad" >"$tmp/bad.out" 2>"$tmp/bad.err"
	rc=$?
	[ $rc -eq 2 ] || fail "$bad: exit $rc, want 2"
	[ -s "$tmp/bad.out" ] && fail "$bad: stdout not empty"
	[ "$(wc -l <"$tmp/bad.err")" -eq 1 ] || fail "$bad: stderr is not one line: $(cat "$tmp/bad.err")"
	grep -q "$tmp/$bad:[0-9]" "$tmp/bad.err" || fail "$bad: error does not name file:line: $(cat "$tmp/bad.err")"
	grep -q "passwd\|lollol" "$tmp/bad.out" "$tmp/bad.err" && fail "$bad: entity was expanded"
	echo "$bad: $(cat "$tmp/bad.err")"
done
[ $fails -eq 0 ]
