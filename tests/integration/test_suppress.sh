#!/bin/sh
# Suppressions in the daemon, on real OFAC rows (tests/data/match) edited
# the way OFAC edits them: a designation alerts once with its content hash;
# a reviewed (watch, record) pair is silenced through a remarks-only change
# while another watch of that record and another watched record still
# alert; a new alias fires again even though the line was loaded by an
# earlier process, and keeps firing until it is reviewed again; hash= taken
# from `sanctwatch alerts` silences that version; an expired line silences
# nothing; on SIGHUP a malformed file keeps the running suppressions with
# one error line, and a good one pins its new lines to the snapshot. Every
# silenced match is kept in the store: `sanctwatch alerts --suppressed`
# lists it with its line, reviewer and reason (a change silenced whole
# alerts nobody and is still listed), and `status` counts them.
. "$(dirname "$0")/lib.sh"

# A failure shows what the daemon said.
fail() {
	echo "FAIL: $*" >&2
	[ -f "$T/daemon.log" ] && sed 's/^/daemon: /' "$T/daemon.log" >&2
	exit 1
}

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
WWW=$T/www
RECV=$T/recv
R=$RECV/received.jsonl
LOG=$T/run.log
start_httpd "$WWW"
start_receiver "$RECV" "$SECRET"
SDN=$TOP/tests/data/match/sdn_excerpt.csv

cat >"$T/watchlist.txt" <<'W'
name: Sadio Camara
country: France
name: Vitalii Viktorovitch Perfilev
name: Konstantin Aleksandrovitch Pikalov
W
conf() {
	cat >"$T/sanctwatch.conf" <<C
[sanctwatch]
state_dir = state
watchlist = watchlist.txt
$1

[source ofac-sdn]
format = ofac-sdn-csv
url = http://127.0.0.1:$HTTP_PORT/sdn.csv
interval = 10s

[notify hook]
type = webhook
url = http://127.0.0.1:$RECV_PORT/hook
secret = $SECRET
C
}
run() {
	"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$LOG" ||
		fail "run failed: $(tail -n 3 "$LOG")"
}
# Remarks a reviewer would call immaterial, and a new alias, which is not.
ADDL="Additional Sanctions Information - Subject to Secondary Sanctions; "
RHFA="Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Russian Harmful Foreign Activities Sanctions Regulations; "
ALIAS="a.k.a. 'KAMARA, Sadio'; "
# publish [-d]: the excerpt with $CAM, $PER and $PIK added to the remarks
# of CAMARA, PERFILEV and PIKALOV (-d: without CAMARA) is the served list.
CAM= PER= PIK=
publish() {
	del=
	[ "${1:-}" = -d ] && del='/^42618,/d;'
	sed "$del/^42618,/s/Linked To:/${CAM}Linked To:/;/^44477,/s/Linked To:/${PER}Linked To:/;/^47739,/s/Tax ID/${PIK}Tax ID/" \
		"$SDN" >"$WWW/sdn.csv.tmp"
	mv "$WWW/sdn.csv.tmp" "$WWW/sdn.csv"
}
# content_hash ID: of the record as served now (`screen`, the daemon's hash).
content_hash() {
	printf 'id: ofac-sdn:%s\n' "$1" >"$T/idwl"
	"$SANCTWATCH" screen --watchlist "$T/idwl" "$WWW/sdn.csv" 2>/dev/null |
		$PY -c 'import json, sys; print(json.loads(sys.stdin.readline())["content_hash"])'
}
# alerts_for ID: alert bodies for a record, as a Python list expression.
body_of() { echo "[r['body'] for r in rows if r['body'].get('record', {}).get('id') == '$1']"; }
new_alerts() { echo $(($(count "$R") - $1)); }
# suppressed [ARGS]: `sanctwatch alerts --suppressed`, its times as TIME.
suppressed() {
	"$SANCTWATCH" alerts --suppressed --config "$T/sanctwatch.conf" "$@" \
		>"$T/supp.out" || fail "sanctwatch alerts --suppressed failed"
	sed 's/^[0-9][0-9T:-]*Z  /TIME  /' "$T/supp.out"
}
# nsuppressed: the count `sanctwatch status` gives.
nsuppressed() {
	"$SANCTWATCH" status --config "$T/sanctwatch.conf" >"$T/status.out" ||
		fail "sanctwatch status failed"
	sed -n 's/^  history .*, \([0-9]*\) matches suppressed$/\1/p' "$T/status.out"
}

conf ""
# 0. Baseline without CAMARA, Sadio.
publish -d
run
expect_eq "$(count "$R")" 0 "alerts after the baseline"
expect_eq "$(suppressed)" "no suppressed matches" "suppressed matches listed"
expect_eq "$(nsuppressed)" 0 "suppressed matches in status"

# 1. OFAC designates him: one alert, both watches, with its content hash.
publish
H1=$(content_hash 42618)
run
expect_eq "$(count "$R")" 1 "alerts after the designation"
expect_eq "$(pyq "$R" "[m['watch'] for m in $(body_of 42618)[0]['matches']]")" \
	"['name: Sadio Camara', 'country: France']" "matches of 42618"
expect_eq "$(pyq "$R" "$(body_of 42618)[0]['content_hash']")" "$H1" \
	"content_hash in the alert"
"$SANCTWATCH" alerts --config "$T/sanctwatch.conf" >"$T/alerts.out" ||
	fail "sanctwatch alerts failed"
grep -q "^    content_hash   $H1\$" "$T/alerts.out" ||
	fail "alerts does not show the content hash: $(cat "$T/alerts.out")"
echo "ok: sanctwatch alerts shows content_hash $H1"

# 2. A reviewer silences the name watch (no hash=: the record as stored
#    now); an old review of PERFILEV expired in 2020.
cat >"$T/supp.txt" <<'S'
# reviewed false positives
name: Sadio Camara | ofac-sdn:42618 | reason=different DOB, see case 1187 | reviewer=ci | expires=2099-12-31
name:Vitalii  Viktorovitch Perfilev | ofac-sdn:44477 | reason=old review | reviewer=ci | expires=2020-01-01
S
conf "suppressions = supp.txt"
"$SANCTWATCH" check-config --config "$T/sanctwatch.conf" >"$T/cc.out" 2>"$T/cc.err" ||
	fail "check-config refused the suppressions"
grep -q "1 sources, 1 channels, 4 watches, 2 suppressions" "$T/cc.out" ||
	fail "check-config: $(cat "$T/cc.out")"
[ -s "$T/cc.err" ] && fail "check-config warned about watched lines: $(cat "$T/cc.err")"
# A line whose watch is not in the watchlist is reported, not refused.
cp "$T/supp.txt" "$T/supp.good"
echo "name: Sadio Kamara | ofac-sdn:42618 | reason=typo | reviewer=ci | expires=2099-12-31" >>"$T/supp.txt"
"$SANCTWATCH" check-config --config "$T/sanctwatch.conf" >"$T/cc.out" 2>"$T/cc.err" ||
	fail "check-config refused an unwatched line"
grep -q 'supp.txt:4: warning: "name: Sadio Kamara" is not in the watchlist' "$T/cc.err" ||
	fail "check-config did not report the unwatched line: $(cat "$T/cc.err")"
echo "ok: check-config reports a line whose watch is not watched"
cp "$T/supp.good" "$T/supp.txt"
# Remarks-only changes to both records.
CAM=$ADDL PER=$ADDL
publish
expect_eq "$(content_hash 42618)" "$H1" "content hash after a remarks-only change"
before=$(count "$R")
run
expect_eq "$(new_alerts $before)" 2 "alerts for two remarks-only changes"
expect_eq "$(pyq "$R" "[m['watch'] for m in $(body_of 42618)[-1]['matches']]")" \
	"['country: France']" "42618 alerts for the watch not suppressed only"
expect_eq "$(pyq "$R" "[(s['watch'], s['reviewer'], s['expires']) for s in $(body_of 42618)[-1]['suppressed']]")" \
	"[('name: Sadio Camara', 'ci', '2099-12-31')]" "suppressed matches in the alert"
expect_eq "$(pyq "$R" "$(body_of 44477)[-1]['event']")" modified \
	"the expired suppression silences nothing"
grep -q "ofac-sdn: ofac-sdn:42618 suppressed for \"name: Sadio Camara\": reviewed by ci, until 2099-12-31, content $H1" "$LOG" ||
	fail "no log line for the suppressed match: $(grep -i suppress "$LOG")"
grep -q "supp.txt:2: ofac-sdn:42618 pinned to content $H1" "$LOG" ||
	fail "the line was not pinned to the snapshot: $(grep -i supp "$LOG")"
# The silenced match is kept with the alert the other one raised; the
# expired line silenced nothing and is not listed.
A2=$(pyq "$R" "$(body_of 42618)[-1]['alert_id']")
expect_eq "$(suppressed)" "TIME  modified ofac-sdn:42618  CAMARA, Sadio
    watch          name: Sadio Camara
    reviewed by    ci, until 2099-12-31: different DOB, see case 1187
    line           $T/supp.txt:2
    content_hash   $H1
    alert          $A2 (for the other matches)" "suppressed matches listed"
expect_eq "$(nsuppressed)" 1 "suppressed matches in status"

# 3. The France watch is reviewed too; PIKALOV's remarks change in the same
#    download. CAMARA's next remarks-only change raises no alert at all.
echo 'country: France | ofac-sdn:42618 | reason=dual national, not our client | reviewer=ci | expires=2099-12-31' >>"$T/supp.txt"
CAM=$RHFA PIK=$ADDL
publish
before=$(count "$R")
run
expect_eq "$(new_alerts $before)" 1 "alerts for CAMARA (silenced) and PIKALOV"
expect_eq "$(pyq "$R" "rows[-1]['body']['record']['id']")" 47739 "the alert that came"
expect_eq "$(grep -c "ofac-sdn:42618 suppressed for" "$LOG")" 3 \
	"suppressed log lines so far"
# Silenced whole: no alert, no notification, and both matches listed,
# newest first.
expect_eq "$(pyq "$R" "len($(body_of 42618))")" 2 "notifications about 42618"
expect_eq "$(db "SELECT count(*) FROM alerts WHERE record_id = '42618'")" 2 \
	"alerts about 42618 in the store"
expect_eq "$(suppressed --limit 2)" "TIME  modified ofac-sdn:42618  CAMARA, Sadio
    watch          name: Sadio Camara
    reviewed by    ci, until 2099-12-31: different DOB, see case 1187
    line           $T/supp.txt:2
    content_hash   $H1
    alert          none (every match suppressed)
TIME  modified ofac-sdn:42618  CAMARA, Sadio
    watch          country: France
    reviewed by    ci, until 2099-12-31: dual national, not our client
    line           $T/supp.txt:4
    content_hash   $H1
    alert          none (every match suppressed)" "a change silenced whole, listed"
expect_eq "$(nsuppressed)" 3 "suppressed matches in status"

# 4. A new alias is a material change: it fires again, although the lines
#    were pinned by earlier processes (each run is a restart).
CAM=$ALIAS
publish
H4=$(content_hash 42618)
[ "$H4" != "$H1" ] || fail "a new alias left the content hash alone"
before=$(count "$R")
run
expect_eq "$(new_alerts $before)" 1 "alerts for the new alias"
expect_eq "$(pyq "$R" "[m['watch'] for m in $(body_of 42618)[-1]['matches']]")" \
	"['name: Sadio Camara', 'country: France']" "matches after the new alias"
expect_eq "$(pyq "$R" "$(body_of 42618)[-1]['content_hash']")" "$H4" \
	"content_hash after the new alias"
expect_eq "$(pyq "$R" "'suppressed' in $(body_of 42618)[-1]")" False \
	"nothing suppressed after the new alias"
expect_eq "$(nsuppressed)" 3 "suppressed matches after the new alias"
expect_eq "$(suppressed --limit 1 | head -n 5 | tail -n 1)" \
	"    content_hash   $H1" "the newest suppressed match is of the old version"

# 5. Unreviewed, the new version keeps alerting, even on remarks alone.
CAM=$ALIAS$ADDL
publish
before=$(count "$R")
run
expect_eq "$(new_alerts $before)" 1 "alerts for a remarks change after the alias"

# 6. The reviewer copies the hash from `sanctwatch alerts` into hash=.
"$SANCTWATCH" alerts --config "$T/sanctwatch.conf" --limit 1 >"$T/alerts.out"
H=$(sed -n 's/^    content_hash   //p' "$T/alerts.out")
expect_eq "$H" "$H4" "the hash shown for the newest alert"
cat >"$T/supp.txt" <<S
name: Sadio Camara | ofac-sdn:42618 | reason=the alias is his cousin's | reviewer=ci | expires=2099-12-31 | hash=$H
country: France | ofac-sdn:42618 | reason=dual national | reviewer=ci | expires=2099-12-31 | hash=$H
S

# 7. The daemon proper, for SIGHUP.
"$SANCTWATCH" run --config "$T/sanctwatch.conf" 2>"$T/daemon.log" &
DPID=$!
PIDS="$PIDS $DPID"
# polls: downloads the daemon applied (not the unchanged ones).
polls() { sqlite3 "$T/state/sanctwatch.db" "SELECT count(*) FROM fetches WHERE result = 'changed'"; }
# next_poll N: waits for the next applied download and its deliveries.
next_poll() {
	wait_until 30 "[ \"\$(polls)\" -gt $1 ]" || fail "no poll after $1"
	wait_until 10 '[ "$(sqlite3 "$T/state/sanctwatch.db" "SELECT count(*) FROM deliveries WHERE state = '"'pending'"'")" = 0 ]' ||
		fail "deliveries still pending"
}
wait_until 10 'grep -q "started:.* 2 suppressions" "$T/daemon.log"' ||
	fail "daemon did not start: $(tail -n 3 "$T/daemon.log")"

# 7a. A malformed file on SIGHUP: one error line naming file:line, and the
#     running suppressions stay (CAMARA's remarks change is silenced).
printf 'name: Sadio Camara | ofac-sdn:42618 | reason=x | reviewer=ci | expires=2099-12-31\nname: Sadio Camara | ofac-sdn:42618 | reviewer=ci | expires=31.12.2099\n' \
	>"$T/supp.txt"
kill -HUP $DPID
wait_until 10 'grep -q "reload failed" "$T/daemon.log"' || fail "no reload error"
expect_eq "$(grep -c "reload failed" "$T/daemon.log")" 1 "reload error lines"
grep -q "reload failed, keeping the running configuration: $T/supp.txt:2: expires is YYYY-MM-DD" "$T/daemon.log" ||
	fail "reload error: $(grep "reload failed" "$T/daemon.log")"
p=$(polls)
before=$(count "$R")
CAM=$ALIAS$RHFA
publish
next_poll "$p"
expect_eq "$(new_alerts $before)" 0 "alerts for a remarks change after a bad reload"
grep -q "ofac-sdn:42618 suppressed for \"country: France\": reviewed by ci, until 2099-12-31, content $H4" "$T/daemon.log" ||
	fail "the old suppressions did not apply: $(grep -i supp "$T/daemon.log")"

# 7b. A good file on SIGHUP: a new review of PERFILEV and PIKALOV as they
#     stand. Then PERFILEV's remarks change is silenced while PIKALOV's new
#     alias, after the reload, fires.
cat >"$T/supp.txt" <<S
name: Sadio Camara | ofac-sdn:42618 | reason=the alias is his cousin's | reviewer=ci | expires=2099-12-31 | hash=$H
name: Vitalii Viktorovitch Perfilev | ofac-sdn:44477 | reason=born 1983, ours 1961 | reviewer=ci2 | expires=2099-06-30
name: Konstantin Aleksandrovitch Pikalov | ofac-sdn:47739 | reason=different tax id | reviewer=ci2 | expires=2099-06-30
S
kill -HUP $DPID
wait_until 10 'grep -q "reloaded .*3 suppressions" "$T/daemon.log"' ||
	fail "no reload: $(tail -n 3 "$T/daemon.log")"
p=$(polls)
before=$(count "$R")
PER=$RHFA PIK="a.k.a. 'PIKALOV, Konstantin'; $ADDL"
publish
next_poll "$p"
expect_eq "$(new_alerts $before)" 1 "alerts after the good reload"
expect_eq "$(pyq "$R" "rows[-1]['body']['record']['id']")" 47739 \
	"PIKALOV's new alias fires after the reload"
grep -q "ofac-sdn:44477 suppressed for \"name: Vitalii Viktorovitch Perfilev\": reviewed by ci2, until 2099-06-30" "$T/daemon.log" ||
	fail "PERFILEV not suppressed: $(grep -i supp "$T/daemon.log")"
expect_eq "$(suppressed --limit 1 | sed -n '1,3p')" "TIME  modified ofac-sdn:44477  PERFILEV, Vitalij Viktorovic
    watch          name: Vitalii Viktorovitch Perfilev
    reviewed by    ci2, until 2099-06-30: born 1983, ours 1961" \
	"the daemon's suppressed match, listed"
# CAMARA's two after the bad reload, PERFILEV's after the good one.
expect_eq "$(nsuppressed)" 6 "suppressed matches at the end"
kill -TERM $DPID
wait $DPID
echo "all suppression checks passed"
