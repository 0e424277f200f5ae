#!/usr/bin/env bash
# Report latencies on a seeded data set, through the release build's HTTP API.
#
#   bench/reports.sh                       # 10M calls, 1M tasks, 50 teams, a year (seeds once, ~8 GB)
#   CALLS=100000 TASKS=10000 bench/reports.sh   # a quick run
#
# Seeds DATA_DIR once (kept for later runs), starts `s2v-meter serve --demo` on it, and times each report with
# `hey` (Debian package): REQUESTS sequential requests each, after one warm-up. Prints a table of p50/p99/max.
set -euo pipefail
cd "$(dirname "$0")/.."

CALLS=${CALLS:-10000000}
TASKS=${TASKS:-1000000}
TEAMS=${TEAMS:-50}
DAYS=${DAYS:-365}
REQUESTS=${REQUESTS:-50}
PORT=${PORT:-18480}
DATA_DIR=${DATA_DIR:-/tmp/s2v-bench-reports-${CALLS}}

command -v hey >/dev/null || { echo "bench: needs hey (apt-get install -y hey)" >&2; exit 1; }
# A scratch path of its own, so a debug build in .build is not blocked while this runs.
SCRATCH=${SCRATCH:-.build-release}
swift build -c release --product s2v-meter --scratch-path "$SCRATCH" >&2
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/s2v-meter

if [ ! -f "$DATA_DIR/.seeded" ]; then
    echo "bench: seeding $DATA_DIR with $CALLS calls, $TASKS tasks, $TEAMS teams over $DAYS days" >&2
    /usr/bin/time -f "bench: seed took %e s, max RSS %M KB" \
        "$BIN" seed --data-dir "$DATA_DIR" --calls "$CALLS" --tasks "$TASKS" --teams "$TEAMS" --days "$DAYS" >&2
    touch "$DATA_DIR/.seeded"
fi
ADMIN_KEY=$("$BIN" keys create --admin --name bench --data-dir "$DATA_DIR" | tail -n 1)
TEAM_KEY=$("$BIN" keys create --team seed-007 --name bench --data-dir "$DATA_DIR" | tail -n 1)

"$BIN" serve --demo --port "$PORT" --data-dir "$DATA_DIR" --log-level warning &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/ready" >/dev/null && break
    sleep 0.5
done

MONTH=$(date -u +%Y-%m)
YEAR_AGO=$(date -u -d "-$DAYS days" +%Y-%m-%d)
TOMORROW=$(date -u -d "+1 day" +%Y-%m-%d)
DEEP_CURSOR=$("$BIN" audit calls --limit 1 --format json --data-dir "$DATA_DIR" | python3 -c \
    'import json,sys; calls=json.load(sys.stdin)["calls"]; print(int(calls[0]["id"]) // 2 if calls else 1)')

measure() { # name key path
    local url="http://127.0.0.1:$PORT$3"
    curl -sf -o /dev/null -H "Authorization: Bearer $2" "$url" || { echo "bench: $1 failed: $url" >&2; exit 1; }
    hey -n "$REQUESTS" -c 1 -H "Authorization: Bearer $2" "$url" | python3 -c '
import re, sys
text = sys.stdin.read()
def pct(p):
    m = re.search(r"\s" + str(p) + r"% in ([0-9.]+) secs", text)
    return float(m.group(1)) * 1000 if m else slowest  # hey leaves out percentiles it cannot resolve
slowest = float(re.search(r"Slowest:\s+([0-9.]+) secs", text).group(1)) * 1000
codes = re.findall(r"\[(\d+)\]\s+(\d+) responses", text)
print("| %s | %.1f | %.1f | %.1f | %s |" % (sys.argv[1], pct(50), pct(99), slowest, " ".join("%s×%s" % (n, c) for c, n in codes)))
' "$1"
}

echo
echo "data set: $CALLS calls, $TASKS tasks, $TEAMS teams, $DAYS days; $REQUESTS sequential requests each"
echo
echo "| report | p50 ms | p99 ms | max ms | responses |"
echo "|---|---|---|---|---|"
measure "invoice, $MONTH, all teams (JSON)" "$ADMIN_KEY" "/v1/reports/invoice?month=$MONTH"
measure "invoice, $MONTH, all teams (HTML)" "$ADMIN_KEY" "/v1/reports/invoice?month=$MONTH&format=html"
measure "usage by day, a year, all teams" "$ADMIN_KEY" "/v1/reports/usage?from=$YEAR_AGO&to=$TOMORROW&by=day"
measure "usage by team and model, a year" "$ADMIN_KEY" "/v1/reports/usage?from=$YEAR_AGO&to=$TOMORROW&by=team,model,tier"
measure "usage by day, a year, one team (team key)" "$TEAM_KEY" "/v1/reports/usage?from=$YEAR_AGO&to=$TOMORROW&by=day"
measure "budget status, all teams" "$ADMIN_KEY" "/v1/reports/budgets"
measure "audit, newest 100 calls" "$ADMIN_KEY" "/v1/audit?limit=100"
measure "audit, 100 calls from the middle (cursor)" "$ADMIN_KEY" "/v1/audit?limit=100&cursor=$DEEP_CURSOR"
measure "audit, one team's 100 calls, 4xx only" "$ADMIN_KEY" "/v1/audit?limit=100&team=seed-007&status=4xx"
measure "audit, one team, a day's calls" "$TEAM_KEY" "/v1/audit?limit=100&from=$(date -u -d '-30 days' +%Y-%m-%d)&to=$(date -u -d '-29 days' +%Y-%m-%d)"
