#!/bin/sh
# XML watchers against libxml2's own streaming floor: parse time and peak RSS
# of `sanctwatch parse` on the largest real file of each format, as a ratio
# to `xmllint --stream --noout` on the same file; then the memory used while
# parsing a ~100 MB UN list synthesised from real records (target < 64 MB).
cd "$(dirname "$0")/.." || exit 1
SW=${SANCTWATCH:-./sanctwatch}
RSS=${BUILD:-build}/bench/bench_xml_rss
REPS=${BENCH_REPS:-20}
MB=${BENCH_SYNTH_MB:-100}
command -v xmllint >/dev/null || { echo "bench_xml: xmllint missing (libxml2-utils)"; exit 1; }
[ -x "$RSS" ] || { echo "bench_xml: $RSS not built (make bench)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The largest real file: from ../shared/data when present, else tests/data.
largest() {	# dir glob fallback.xz -> path
	for d in /work/shared/data ../shared/data; do
		f=$(ls -S "$d"/$1 2>/dev/null | head -n 1)
		[ -n "$f" ] && { echo "$f"; return; }
	done
	xz -dc "$2" > "$tmp/$(basename "$2" .xz)" && echo "$tmp/$(basename "$2" .xz)"
}

# Seconds for REPS runs, and peak RSS (KB) of one, of a command.
measure() {
	/usr/bin/time -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>&1 || return 1
	start=$(date +%s.%N)
	i=0
	while [ $i -lt "$REPS" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	end=$(date +%s.%N)
	echo "$(awk "BEGIN { print $end - $start }") $(cat "$tmp/rss")"
}

rc=0
for spec in "ofac-xml ofac_cons/consolidated*.xml tests/data/ofac_cons/consolidated__2018-04-06__b8e0ea8.xml.xz" \
    "un-xml un/un_consolidated__*.xml tests/data/un/un_consolidated__2024-11-30__48e0808.xml.xz"; do
	set -- $spec
	f=$(largest "$2" "$3")
	sw=$(measure "$SW" parse --format "$1" "$f") || { echo "$1: parse failed"; rc=1; continue; }
	xl=$(measure xmllint --stream --noout "$f")
	set -- "$1" $sw $xl
	printf '%-9s %s (%s KB): time %.3fs vs xmllint %.3fs = %.2fx; peak RSS %s KB vs %s KB = %.2fx\n' \
	    "$1" "$(basename "$f")" $(($(wc -c < "$f") / 1024)) \
	    "$(awk "BEGIN { print $2 / $REPS }")" "$(awk "BEGIN { print $4 / $REPS }")" \
	    "$(awk "BEGIN { print $2 / $4 }")" "$3" "$5" "$(awk "BEGIN { print $3 / $5 }")"
done

# ~100 MB of real UN records, DATAIDs renumbered so that each is unique.
src=$(largest "un/un_consolidated__*.xml" tests/data/un/un_consolidated__2024-11-30__48e0808.xml.xz)
python3 - "$src" "$tmp/un_big.xml" "$MB" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
want = int(sys.argv[3]) << 20
head = src[:src.index("<INDIVIDUALS>")]
ind = re.findall(r"<INDIVIDUAL>.*?</INDIVIDUAL>", src, re.S)
ent = re.findall(r"<ENTITY>.*?</ENTITY>", src, re.S)
n = [0]
def renum(rec):
    n[0] += 1
    return re.sub(r"<DATAID>\s*\d+\s*</DATAID>", "<DATAID>%d</DATAID>" % (9000000 + n[0]), rec, count=1)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(head + "<INDIVIDUALS>\n")
    size, i = len(head), 0
    while size < want * 0.75:
        r = renum(ind[i % len(ind)]) + "\n"; out.write(r); size += len(r.encode()); i += 1
    out.write("</INDIVIDUALS>\n<ENTITIES>\n")
    i = 0
    while size < want:
        r = renum(ent[i % len(ent)]) + "\n"; out.write(r); size += len(r.encode()); i += 1
    out.write("</ENTITIES>\n</CONSOLIDATED_LIST>\n")
PY
big=$(($(wc -c < "$tmp/un_big.xml") / 1048576))
set -- $("$RSS" un-xml "$tmp/un_big.xml")
recs=$2 secs=$6 rss=$8 anon=${10}
xl=$( { /usr/bin/time -f '%M %e' xmllint --stream --noout "$tmp/un_big.xml"; } 2>&1 | tail -n 1)
set -- $xl
printf 'un-xml    synthetic %s MB, %s records: %.2fs (xmllint %.2fs = %.2fx); peak RSS %s KB, of which anonymous %s KB (target < 65536); xmllint peak RSS %s KB\n' \
    "$big" "$recs" "$secs" "$2" "$(awk "BEGIN { print $secs / ($2 > 0 ? $2 : 0.01) }")" "$rss" "$anon" "$1"
[ "$anon" -lt 65536 ] || { echo "un-xml: parser memory over 64 MB"; rc=1; }
# Through the CLI the output is staged in an unlinked temporary file until
# the input proved valid, so its peak stays near the parser's.
/usr/bin/time -f '%M %e' -o "$tmp/cli" "$SW" parse --format un-xml "$tmp/un_big.xml" > /dev/null
set -- $(cat "$tmp/cli")
echo "un-xml    synthetic via sanctwatch parse: ${2}s, peak RSS $1 KB (output staged in a temporary file)"
exit $rc
