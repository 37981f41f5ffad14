#!/bin/sh
# Crash: `kill -9` of the daemon at random points while it delivers
# hundreds of real alerts (OFAC 2021-12-30 → 2022-04-22, watching Russia),
# repeated 60 times. Afterwards every alert was delivered; the receiver
# saw only ids of real alerts; and an id arrived again only when the
# daemon had not recorded its 2xx before the kill (never twice in one life,
# never after the store said delivered).
. "$(dirname "$0")/lib.sh"

ITER=${CRASH_ITERATIONS:-60}
SEED=${CRASH_SEED:-$$}
SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
WWW=$T/www
R=$T/recv
start_httpd "$WWW"
# A slow receiver keeps deliveries in flight when the kill comes.
RECEIVER_DELAY=0.1 receiver_up "$(free_port)" "$R" "$SECRET"

cat >"$T/watchlist.txt" <<'W'
country: Russia
W
conf_source ofac-sdn ofac-sdn-csv sdn.csv
cat >>"$T/sanctwatch.conf" <<C

[notify hook]
type = webhook
url = http://127.0.0.1:$(cat "$R/port")/hook
secret = $SECRET
timeout = 5s
retry_min = 1s
retry_max = 1s
C
cp "$(fixture ofac/sdn__2021-12-30__3a4f9ab.csv)" "$WWW/sdn.csv"
"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log" || fail "baseline"
cp "$(fixture ofac/sdn__2022-04-22__5fe5f27.csv)" "$WWW/sdn.csv"

echo "seed $SEED, $ITER kills"
: >"$T/marks"
hits=0
i=0
while [ $i -lt $ITER ]; do
	i=$((i + 1))
	before=$(db "SELECT count(*) FROM deliveries WHERE state='delivered'" 2>/dev/null || echo 0)
	"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log" &
	pid=$!
	if [ $((i % 2)) -eq 1 ]; then
		# Odd lives die after a random number (1..24) of further requests
		# reached the receiver: mid-delivery whatever the machine's speed.
		k=$(awk -v s=$((SEED + i)) 'BEGIN { srand(s); printf "%d", 1 + rand() * 24 }')
		goal=$(($(count "$R/requests.jsonl") + k))
		wait_until 20 "[ \$(count "$R/requests.jsonl") -ge $goal ] || ! kill -0 $pid 2>/dev/null" || true
	else
		# Even lives die after a random time: in start-up, the poll,
		# the commit or delivery.
		sleep "$(awk -v s=$((SEED + i)) 'BEGIN { srand(s); printf "%.3f", 0.01 + rand() * 0.2 }')"
	fi
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	# Requests are logged as they arrive (requests.jsonl), before the
	# receiver's delay; let the last ones land, then note where this life
	# ends in that log and what the store says.
	sleep 0.05
	after=$(db "SELECT count(*) FROM deliveries WHERE state='delivered'")
	[ "$after" -gt "$before" ] && hits=$((hits + 1))
	echo "$(wc -c <"$R/requests.jsonl" 2>/dev/null || echo 0)" >>"$T/marks"
	db "SELECT alert_id FROM deliveries WHERE state='delivered'" >"$T/delivered.$i"
done
echo "$hits of $ITER lives delivered something before being killed"
[ "$hits" -ge $((ITER / 4)) ] || fail "too few kills landed during delivery ($hits)"

# A last life without a kill finishes the queue.
"$SANCTWATCH" run --once --config "$T/sanctwatch.conf" 2>>"$T/run.log" || fail "final run"
N=$(db "SELECT count(*) FROM alerts")
[ "$N" -ge 300 ] || fail "expected hundreds of alerts, got $N"
expect_eq "$(db "SELECT count(*) FROM deliveries WHERE state='delivered'")" "$N" "every alert delivered"
db "SELECT id FROM alerts" >"$T/alerts"

cat >"$T/check.py" <<'P'
import json, sys
T, iters = sys.argv[1], int(sys.argv[2])
alerts = set(open(T + "/alerts").read().split())
marks = [int(x) for x in open(T + "/marks").read().split()]
delivered = [set(open(f"{T}/delivered.{i}").read().split()) for i in range(1, iters + 1)]
data = open(T + "/recv/requests.jsonl", "rb").read()
ok = {json.loads(l)["id"]: json.loads(l)["sig_ok"]
      for l in open(T + "/recv/received.jsonl")}
off, life, seen_in_life, errors, dups = 0, 0, set(), [], 0
first = {}
for line in data.splitlines(keepends=True):
    while life < len(marks) and off >= marks[life]:
        life += 1
        seen_in_life = set()
    off += len(line)
    r = json.loads(line)
    i = r["id"]
    if not ok.get(i, False):
        errors.append(f"no verified receipt of {i}")
    if i not in alerts:
        errors.append(f"{i} is not an alert the daemon made")
    if i in seen_in_life:
        errors.append(f"{i} sent twice in life {life}")
    seen_in_life.add(i)
    if i in first:
        dups += 1
        # A re-send is allowed only if the store had not recorded the
        # 2xx when the previous life died.
        if life > 0 and i in delivered[life - 1]:
            errors.append(f"{i} re-sent in life {life} after the store "
                          f"recorded it delivered")
    else:
        first[i] = life
print(len(first), dups, len(ok))
for e in errors[:10]:
    print("ERROR", e)
sys.exit(1 if errors else 0)
P
OUT=$($PY "$T/check.py" "$T" "$ITER") || fail "$OUT"
set -- $OUT
expect_eq "$1" "$N" "unique ids that reached the receiver = alerts"
expect_eq "$3" "$N" "unique ids processed (signature verified) = alerts"
echo "ok: $2 re-sends, each of an id whose 2xx the daemon never recorded"
echo "all crash checks passed"
