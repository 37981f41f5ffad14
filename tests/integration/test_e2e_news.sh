#!/bin/sh
# News end to end: a feed's second version adds a press release naming a
# watched person and a watched country: exactly one `news` alert. A third
# version that only drops old items sends nothing (scrolling off is not a
# removal), and a fourth that edits the alerted item is a modification.
. "$(dirname "$0")/lib.sh"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
start_servers
printf 'name: Sadio Camara\ncountry: Mali\nname: Wagner Group\n' >"$T/watchlist.txt"
conf_source treasury-press feed feed.xml
cat >>"$T/sanctwatch.conf" <<C
[notify hook]
type = webhook
url = http://127.0.0.1:$RECV_PORT/hook
secret = $SECRET
C
item() {	# id title date description
	printf '<item><title>%s</title><link>https://home.treasury.gov/news/press-releases/%s</link><guid isPermaLink="false">%s</guid><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>\n' "$2" "$1" "$1" "$3" "$4"
}
feed() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Press Releases</title><link>https://home.treasury.gov/news/press-releases</link><description>U.S. Department of the Treasury</description>'
		cat
		echo '</channel></rss>'
	} >"$WWW/feed.xml"
}
old1=$(item jy1620 "Treasury Sanctions Russian Cyber Actors" "Thu, 20 Jul 2023 14:00:00 -0400" "<p>Today the Department of the Treasury designated ...</p>")
old2=$(item jy1625 "Readout: Deputy Secretary Adeyemo Meets Partners" "Fri, 21 Jul 2023 10:00:00 -0400" "<p>A readout of a meeting on economic policy.</p>")
new=$(item jy1640 "Treasury Sanctions Malian Officials Facilitating the Wagner Group's Activities" "Mon, 24 Jul 2023 11:30:00 -0400" "<p>OFAC today designated Malian Minister of Defense <b>Sadio Camara</b>, Air Force Chief of Staff Alou Boi Diarra and Adama Bagayoko for facilitating Wagner&#39;s activities in Mali.</p>")

printf '%s\n%s\n' "$old1" "$old2" | feed
run || fail "baseline: $(tail -n 2 "$T/run.log")"
expect_eq "$(count "$RECV/received.jsonl")" 0 "alerts after the baseline"

printf '%s\n%s\n%s\n' "$new" "$old1" "$old2" | feed
run || fail "second version: $(tail -n 2 "$T/run.log")"
R=$RECV/received.jsonl
expect_eq "$(count "$R")" 1 "alerts after the press release"
expect_eq "$(pyq "$R" 'rows[0]["body"]["event"]')" news "event"
expect_eq "$(pyq "$R" 'rows[0]["body"]["record"]["id"]')" jy1640 "item id"
expect_eq "$(pyq "$R" 'rows[0]["body"]["record"]["link"]')" \
	https://home.treasury.gov/news/press-releases/jy1640 "item link"
expect_eq "$(pyq "$R" 'sorted(m["watch"] for m in rows[0]["body"]["matches"])')" \
	"['country: Mali', 'name: Sadio Camara', 'name: Wagner Group']" "watches matched"
expect_eq "$(pyq "$R" 'rows[0]["sig_ok"]')" True "signature"

# Old items scroll off: nothing.
printf '%s\n' "$new" | feed
run || fail "third version"
expect_eq "$(count "$R")" 1 "alerts after items scrolled off"

# The same item edited: a modification of a matching record.
printf '%s\n' "$(echo "$new" | sed 's/Adama Bagayoko/Adama Bagayoko (updated)/')" | feed
run || fail "fourth version"
expect_eq "$(count "$R")" 2 "alerts after an edit"
expect_eq "$(pyq "$R" 'rows[1]["body"]["event"]')" modified "edit event"
expect_eq "$(pyq "$R" 'rows[1]["body"]["fields"]')" "['summary']" "edited fields"
echo "all news e2e checks passed"
