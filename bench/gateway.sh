#!/usr/bin/env bash
# Gateway benchmarks (issues 7 and 17), through the release build's HTTP API against a standalone DashScope
# simulator.
#
#   bench/gateway.sh                               # about 5 minutes after the build
#   DETECTS=500 DURATION=5 ADMISSIONS=1000 bench/gateway.sh   # a quick run
#   TAGS=1 bench/gateway.sh                        # every call carries cost-attribution tags (issue 19)
#
# 1. Latency of a face-detect call, sequential and at CONCURRENCY clients, three ways: straight to the
#    simulator, through an nginx reverse proxy (keepalive upstream) to it, and through `s2v-meter serve`.
# 2. The floor, measured in the same run on the gateway's embedded cluster over the Unix socket the gateway
#    uses, as the cluster's user, in a scratch database: one PostgreSQL commit (a one-row INSERT, pgbench) at 1
#    and at CONCURRENCY clients, and pgbench's built-in select-only script (`pgbench -S`, scale 1) at
#    CONCURRENCY clients for DURATION seconds.
# 3. GET /api/v1/tasks/{id} throughput on a finished task (answered from the store), wrk for DURATION seconds.
# 4. Admissions (POST video-synthesis: client limits + budget hold + durable queue) with a budget and client
#    limits on the team, ADMISSIONS requests at CONCURRENCY clients; then the same spread over TEAMS teams
#    (each with its own key, budget and client limits): TEAMS hey processes at once, CONCURRENCY/TEAMS clients
#    and ADMISSIONS/TEAMS requests each (rounded), throughput = all their requests / the slowest one's time.
# 5. A backlog of POOL_TASKS short tasks (the simulator's generation takes POOL_GENERATION_SECONDS) run by one
#    upstream account and by a pool of three, against a simulator with DashScope's own limits.
#
# CPU per request, from /proc (bench/proc_cpu.py), around the CONCURRENCY-client detect run through the
# gateway, the poll run (per request wrk reports) and both admission runs: utime+stime of the gateway and of
# the cluster (the postmaster with the backends it has reaped, and its live children), sampled before and
# CPU_SETTLE s after; the simulator's too, for reference.
#
# Prints tables, then the issue 17 targets (goal from this run's floor, measured value, met or MISSED), CPU
# per request first. Every result and target is also a JSON line in results.jsonl, copied to RESULTS_OUT.
#
# TAGS=1: the gateway's keys carry default tags (project=bench, env=prod), every team requires the tag key
# cost_center, every request sends `X-S2V-Tags: cost_center=cc-42,customer=acme`, and the budgeted teams also have
# a budget on their tag, so each hold is checked against one more budget.
#
# Needs hey, wrk, nginx, curl, python3 and PostgreSQL's pgbench (Debian packages hey, wrk, nginx,
# postgresql). Everything runs on 127.0.0.1 on the same machine as the load generators: see docs/BENCHMARKS.md.
# Run it on a quiet machine; it prints the load average it started with.
set -euo pipefail
cd "$(dirname "$0")/.."

DETECTS=${DETECTS:-2000}                 # face-detect requests per measurement
CONCURRENCY=${CONCURRENCY:-64}
DURATION=${DURATION:-10}                 # seconds of task polling, and of pgbench -S
ADMISSIONS=${ADMISSIONS:-5000}           # video-synthesis requests
COMMITS=${COMMITS:-2000}                 # pgbench transactions per client count
TEAMS=${TEAMS:-8}                        # teams the second admission run is spread over
CPU_SETTLE=${CPU_SETTLE:-1}              # seconds after a run before its closing CPU sample (work left behind)
RESULTS_OUT=${RESULTS_OUT:-/tmp/s2v-bench-gateway.jsonl}  # where results.jsonl is copied at the end
TAGS=${TAGS:-0}                          # 1: every call carries tags (see above)
POOL_TASKS=${POOL_TASKS:-12}
POOL_GENERATION_SECONDS=${POOL_GENERATION_SECONDS:-2}
BASE_PORT=${BASE_PORT:-18590}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

SIM_PORT=$BASE_PORT; NGINX_PORT=$((BASE_PORT + 1)); GW_PORT=$((BASE_PORT + 2))
POOL_SIM_PORT=$((BASE_PORT + 3)); POOL_GW_PORT=$((BASE_PORT + 4))

for tool in hey wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done
[ -x "$NGINX" ] || { echo "bench: needs nginx (apt-get install -y nginx)" >&2; exit 1; }
[ -x "$PG_BIN/pgbench" ] || { echo "bench: needs pgbench (apt-get install -y postgresql)" >&2; exit 1; }
[ "$TEAMS" -ge 1 ] && [ "$CONCURRENCY" -ge 1 ] || { echo "bench: TEAMS and CONCURRENCY must be at least 1" >&2; exit 1; }
CPU_TOOL=bench/proc_cpu.py

# A scratch path of its own, so a debug build in .build is not blocked while this runs.
# S2V_METER_BIN=path skips the build and uses that binary.
SCRATCH=${SCRATCH:-.build-release}
if [ -n "${S2V_METER_BIN:-}" ]; then
    BIN=$S2V_METER_BIN
else
    swift build -c release --product s2v-meter --scratch-path "$SCRATCH" >&2
    BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/s2v-meter
fi

WORK=$(mktemp -d /tmp/s2v-bench-gateway.XXXXXX)
chmod 755 "$WORK"  # the embedded cluster's server runs as postgres and must reach its data directory
RESULTS=$WORK/results.jsonl
PIDS=()
FLAG=""
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -n "$FLAG" ] && rm -f "$FLAG"
    if [ -s "$RESULTS" ] && [ -n "$RESULTS_OUT" ]; then
        cp "$RESULTS" "$RESULTS_OUT" 2>/dev/null && echo "bench: results in $RESULTS_OUT" >&2
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
# Tells others sharing the machine that a measurement is running (and removed at the end).
if [ ! -e /tmp/bench-running ]; then FLAG=/tmp/bench-running; echo "bench/gateway.sh $$" > "$FLAG"; fi

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
BUSY=$(pgrep -f 'swift-build|swift-frontend|xctest' | wc -l || true)

wait_ready() { # url
    for _ in $(seq 1 240); do
        curl -sf "$1" >/dev/null && return 0
        sleep 0.25
    done
    echo "bench: $1 never became ready" >&2; exit 1
}
stop() { # pid
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# hey output -> one JSON result line. Args: section, label, clients, then the hey arguments.
run_hey() {
    local section=$1 label=$2 clients=$3; shift 3
    hey -c "$clients" "$@" | python3 -c '
import json, re, sys
text = sys.stdin.read()
def secs(pattern):
    m = re.search(pattern, text)
    return float(m.group(1)) * 1000 if m else None
slowest = secs(r"Slowest:\s+([0-9.]+) secs")
pct = lambda p: secs(r"\s" + str(p) + r"% in ([0-9.]+) secs") or slowest  # hey leaves out percentiles it cannot resolve
rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
codes = re.findall(r"\[(\d+)\]\s+(\d+) responses", text)
errors = re.findall(r"^\s+\[(\d+)\]\s+(Post|Get) .*$", text, re.M)
print(json.dumps({"section": sys.argv[1], "label": sys.argv[2], "clients": int(sys.argv[3]), "p50": pct(50),
                  "p99": pct(99), "max": slowest, "rps": rps, "codes": {c: int(n) for c, n in codes},
                  "errors": sum(int(n) for n, _ in errors)}))
' "$section" "$label" "$clients" >> "$RESULTS"
}

# ---------------------------------------------------------------------------------------------------------
# Upstream: a simulator whose own limits do not get in the way, and nginx in front of it.
SIM_KEY=sk-bench-detect
"$BIN" simulate --port "$SIM_PORT" --api-key "$SIM_KEY" --submissions-per-second 100000 \
    --queries-per-second 100000 --generation-seconds 1 --log-level warning &
SIM_PID=$!
PIDS+=($SIM_PID)

mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    upstream simulator { server 127.0.0.1:$SIM_PORT; keepalive 128; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://simulator;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
PIDS+=($!)

# The gateway, on a fresh embedded cluster. Its account's pacing is raised to the most serve accepts (1000
# submissions/s, i.e. a slot every 1.25 ms) and a detect may wait up to 60 s for a slot, so nothing is refused.
GW_DATA=$WORK/gateway
KEY_TAGS=()
TAG_HEADER=()
if [ "$TAGS" = 1 ]; then
    KEY_TAGS=(--tag project=bench --tag env=prod)
    TAG_HEADER=(-H 'X-S2V-Tags: cost_center=cc-42,customer=acme')
fi
with_tags() { # team: require the tag key cost_center and budget the team's tag, when TAGS=1
    [ "$TAGS" = 1 ] || return 0
    "$BIN" teams require-tags "$1" cost_center --data-dir "$GW_DATA" --log-level error >/dev/null
    "$BIN" budgets set --team "$1" --tag project=bench --limit 100000000 --period month --data-dir "$GW_DATA" \
        --log-level error >/dev/null
}
"$BIN" teams create bench --data-dir "$GW_DATA" --log-level error >/dev/null
TEAM_KEY=$("$BIN" keys create --team bench --name detect "${KEY_TAGS[@]}" --data-dir "$GW_DATA" --log-level error | tail -n 1)
with_tags bench
"$BIN" teams create budgeted --data-dir "$GW_DATA" --log-level error >/dev/null
BUDGET_KEY=$("$BIN" keys create --team budgeted --name admissions "${KEY_TAGS[@]}" --data-dir "$GW_DATA" \
    --log-level error | tail -n 1)
with_tags budgeted
"$BIN" budgets set --team budgeted --limit 100000000 --period month --data-dir "$GW_DATA" --log-level error >/dev/null
"$BIN" limits set --team budgeted --rps 100000 --burst 1000000 --max-active 100000000 --tasks-per-day 100000000 \
    --data-dir "$GW_DATA" --log-level error >/dev/null
# TEAMS more teams like `budgeted`, each with its own key, budget and client limits, for admissions side by side.
TEAM_KEYS=()
for team in $(seq 1 "$TEAMS"); do
    "$BIN" teams create "budgeted-$team" --data-dir "$GW_DATA" --log-level error >/dev/null
    key=$("$BIN" keys create --team "budgeted-$team" --name admissions "${KEY_TAGS[@]}" --data-dir "$GW_DATA" \
        --log-level error | tail -n 1)
    TEAM_KEYS+=("$key")
    with_tags "budgeted-$team"
    "$BIN" budgets set --team "budgeted-$team" --limit 100000000 --period month --data-dir "$GW_DATA" \
        --log-level error >/dev/null
    "$BIN" limits set --team "budgeted-$team" --rps 100000 --burst 1000000 --max-active 100000000 \
        --tasks-per-day 100000000 --data-dir "$GW_DATA" --log-level error >/dev/null
done
DASHSCOPE_API_KEY=$SIM_KEY "$BIN" serve --port "$GW_PORT" --data-dir "$GW_DATA" \
    --upstream-url "http://127.0.0.1:$SIM_PORT/api/v1" --submissions-per-second 1000 --queries-per-second 1000 \
    --detect-wait 60 --poll-interval 0.2 --log-level warning &
GW_PID=$!
PIDS+=($GW_PID)
wait_ready "http://127.0.0.1:$GW_PORT/ready"
wait_ready "http://127.0.0.1:$SIM_PORT/sim/stats"

# The gateway's embedded cluster: its socket, its user and its postmaster (for the CPU samples).
PG_DATA=$(readlink -f "$GW_DATA/postgres")/data
PG_POSTMASTER=$(sed -n 1p "$PG_DATA/postmaster.pid")
SOCKET_DIR=$(sed -n 5p "$PG_DATA/postmaster.pid")
PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
PG_USER=$(stat -c %U "$PG_DATA")
as_pg() { if [ "$(id -u)" = 0 ] && [ "$PG_USER" != root ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

# CPU used by the gateway and its cluster (and the simulator) between cpu_before and cpu_after, per request of
# the measurement row that run_hey, wrk or the teams' run has just appended to $RESULTS. cpu_after's arg: kind.
cpu_sample() { python3 "$CPU_TOOL" sample "$GW_PID" "$PG_POSTMASTER" "$SIM_PID"; }
cpu_before() { CPU_BEFORE=$(cpu_sample); }
cpu_after() {
    local after
    sleep "$CPU_SETTLE"  # work the requests left behind (e.g. writes off the request path) counts too
    after=$(cpu_sample)
    python3 "$CPU_TOOL" delta "$1" "$CPU_BEFORE" "$after" "$(tail -n 1 "$RESULTS")" >> "$RESULTS"
}

# ---------------------------------------------------------------------------------------------------------
# 1. Face-detect latency: direct, one nginx hop, the gateway.
DETECT_PATH=/api/v1/services/aigc/image2video/face-detect
DETECT_BODY='{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/face.jpg"}}'
rounded() { echo $(( ($1 + $2 - 1) / $2 * $2 )); }  # hey sends requests/clients per client, rounded down
detect() { # label url key clients requests [cpu kind: sample the CPU around the measurement]
    hey -n "$(rounded 200 "$4")" -c "$4" -m POST -T application/json -d "$DETECT_BODY" -H "Authorization: Bearer $3" \
        "${TAG_HEADER[@]}" "$2" >/dev/null
    if [ -n "${6:-}" ]; then cpu_before; fi
    run_hey detect "$1" "$4" -n "$(rounded "$5" "$4")" -m POST -T application/json -d "$DETECT_BODY" \
        -H "Authorization: Bearer $3" "${TAG_HEADER[@]}" "$2"
    if [ -n "${6:-}" ]; then cpu_after "$6"; fi
}
echo "bench: face-detect latency" >&2
for clients in 1 "$CONCURRENCY"; do
    detect "simulator, direct" "http://127.0.0.1:$SIM_PORT$DETECT_PATH" "$SIM_KEY" "$clients" "$DETECTS"
    detect "nginx → simulator" "http://127.0.0.1:$NGINX_PORT$DETECT_PATH" "$SIM_KEY" "$clients" "$DETECTS"
    cpu_kind=""
    if [ "$clients" = "$CONCURRENCY" ]; then cpu_kind=detect; fi
    detect "gateway → simulator" "http://127.0.0.1:$GW_PORT$DETECT_PATH" "$TEAM_KEY" "$clients" "$DETECTS" $cpu_kind
    # The gateway's HTTP stack alone (no key, no PostgreSQL, no call log), for reference.
    hey -n "$(rounded 200 "$clients")" -c "$clients" "http://127.0.0.1:$GW_PORT/health" >/dev/null
    run_hey detect "gateway GET /health (no store), for reference" "$clients" -n "$(rounded "$DETECTS" "$clients")" \
        "http://127.0.0.1:$GW_PORT/health"
done

# ---------------------------------------------------------------------------------------------------------
# 2. The floor, on the gateway's cluster while it runs: one PostgreSQL commit (a one-row INSERT) and pgbench's
#    select-only script, in a scratch database, over the same Unix socket the gateway uses, as the cluster's
#    own user.
echo "bench: PostgreSQL commit latency" >&2
mkdir -p "$WORK/pgbench" && chmod 777 "$WORK/pgbench"
echo 'INSERT INTO commit_probe DEFAULT VALUES;' > "$WORK/pgbench/insert.sql"
chmod 644 "$WORK/pgbench/insert.sql"
PSQL=("$PG_BIN/psql" -X -q -h "$SOCKET_DIR" -p "$PG_PORT" -U s2v_meter)
as_pg "${PSQL[@]}" -d postgres -c "CREATE DATABASE s2v_bench"
as_pg "${PSQL[@]}" -d s2v_bench -c "CREATE TABLE commit_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())"
PG_SETTINGS=$(as_pg "${PSQL[@]}" -d s2v_bench -Atc \
    "SELECT 'PostgreSQL ' || current_setting('server_version') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync') || ', wal_sync_method=' || current_setting('wal_sync_method')")
for clients in 1 "$CONCURRENCY"; do
    rm -f "$WORK"/pgbench/log*
    (cd "$WORK/pgbench" && as_pg "$PG_BIN/pgbench" -h "$SOCKET_DIR" -p "$PG_PORT" -U s2v_meter -n -f insert.sql \
        -c "$clients" -j $(( clients < 2 ? clients : 2 )) -t $(( (COMMITS + clients - 1) / clients )) -l --log-prefix=log s2v_bench >/dev/null 2>&1)
    cat "$WORK"/pgbench/log* | python3 -c '
import json, sys
rows = [line.split() for line in sys.stdin if line.strip()]
lat = sorted(int(r[2]) / 1000 for r in rows)
first = min(int(r[4]) + int(r[5]) / 1e6 - int(r[2]) / 1e6 for r in rows)
last = max(int(r[4]) + int(r[5]) / 1e6 for r in rows)
pct = lambda p: lat[min(len(lat) - 1, int(round(p / 100 * len(lat) + 0.5)) - 1)]
print(json.dumps({"section": "commit", "label": "PostgreSQL commit (pgbench, one-row INSERT)", "clients": int(sys.argv[1]),
                  "p50": pct(50), "p99": pct(99), "max": lat[-1], "rps": len(lat) / (last - first),
                  "codes": {"commit": len(lat)}, "errors": 0}))
' "$clients" >> "$RESULTS"
done

# Select-only: pgbench's built-in script (one SELECT by primary key of pgbench_accounts, scale 1: 100,000
# rows) at CONCURRENCY clients for DURATION seconds, simple query protocol; its tps without connection time.
echo "bench: PostgreSQL select-only rate" >&2
(cd "$WORK/pgbench" && as_pg "$PG_BIN/pgbench" -h "$SOCKET_DIR" -p "$PG_PORT" -U s2v_meter -i -s 1 -q s2v_bench >/dev/null 2>&1)
as_pg "${PSQL[@]}" -d s2v_bench -c CHECKPOINT  # the load's WAL written out now, not during the next runs
(cd "$WORK/pgbench" && as_pg "$PG_BIN/pgbench" -h "$SOCKET_DIR" -p "$PG_PORT" -U s2v_meter -n -S \
    -c "$CONCURRENCY" -j $(( CONCURRENCY < 2 ? CONCURRENCY : 2 )) -T "$DURATION" s2v_bench 2>&1) | python3 -c '
import json, re, sys
text = sys.stdin.read()
done = int(re.search(r"number of transactions actually processed: (\d+)", text).group(1))
failed = re.search(r"number of failed transactions: (\d+)", text)
print(json.dumps({"section": "select", "label": "PostgreSQL select-only (pgbench -S, scale 1)", "clients": int(sys.argv[1]),
                  "p50": None, "p99": None, "max": None,
                  "latency_avg": float(re.search(r"latency average = ([0-9.]+) ms", text).group(1)),
                  "rps": float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text).group(1)),
                  "codes": {"select": done}, "errors": int(failed.group(1)) if failed else 0}))
' "$CONCURRENCY" >> "$RESULTS"

# ---------------------------------------------------------------------------------------------------------
# 3. Task polls answered from the store: one finished task, polled as fast as wrk can for DURATION seconds.
echo "bench: task polls" >&2
GEN_BODY='{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"https://example.com/voice.mp3?duration=3.5"},"parameters":{"resolution":"480P"}}'
TASK_ID=$(curl -sf "http://127.0.0.1:$GW_PORT/api/v1/services/aigc/image2video/video-synthesis" \
    -H "Authorization: Bearer $TEAM_KEY" -H 'X-DashScope-Async: enable' -H 'Content-Type: application/json' \
    "${TAG_HEADER[@]}" -d "$GEN_BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["output"]["task_id"])')
TASK_URL="http://127.0.0.1:$GW_PORT/api/v1/tasks/$TASK_ID"
for _ in $(seq 1 120); do
    STATUS=$(curl -sf -H "Authorization: Bearer $TEAM_KEY" "$TASK_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["output"]["task_status"])')
    [ "$STATUS" = SUCCEEDED ] && break
    sleep 0.25
done
[ "$STATUS" = SUCCEEDED ] || { echo "bench: task $TASK_ID is $STATUS, not SUCCEEDED" >&2; exit 1; }
wrk -t 2 -c "$CONCURRENCY" -d 2s -H "Authorization: Bearer $TEAM_KEY" "$TASK_URL" >/dev/null  # warm-up
cpu_before
wrk -t 2 -c "$CONCURRENCY" -d "${DURATION}s" --latency -H "Authorization: Bearer $TEAM_KEY" "$TASK_URL" | python3 -c '
import json, re, sys
text = sys.stdin.read()
def ms(value):
    number, unit = re.match(r"([0-9.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
pct = lambda p: ms(re.search(r"\s" + str(p) + r"%\s+(\S+)", text).group(1))
total = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
bad = int(bad.group(1)) if bad else 0
errors = re.search(r"Socket errors: (.*)", text)
codes = {"2xx": total - bad}
if bad: codes["non-2xx"] = bad
print(json.dumps({"section": "poll", "label": "GET /api/v1/tasks/{id} (SUCCEEDED task), wrk", "clients": int(sys.argv[1]),
                  "p50": pct(50), "p99": pct(99), "max": ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text).group(1)),
                  "rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1)), "codes": codes,
                  "errors": errors.group(1) if errors else 0}))
' "$CONCURRENCY" >> "$RESULTS"
cpu_after poll

# ---------------------------------------------------------------------------------------------------------
# 4. Admissions with a budget and client limits on the team: each one takes a token, a budget hold and queues
#    the task, in one transaction. (The dispatcher then feeds them to the simulator in the background.)
echo "bench: admissions" >&2
GEN_URL="http://127.0.0.1:$GW_PORT/api/v1/services/aigc/image2video/video-synthesis"
hey -n "$(rounded 200 "$CONCURRENCY")" -c "$CONCURRENCY" -m POST -T application/json -d "$GEN_BODY" -H "Authorization: Bearer $BUDGET_KEY" \
    -H 'X-DashScope-Async: enable' "${TAG_HEADER[@]}" "$GEN_URL" >/dev/null  # warm-up
cpu_before
run_hey admit "POST video-synthesis, team with a budget and client limits" "$CONCURRENCY" \
    -n "$(rounded "$ADMISSIONS" "$CONCURRENCY")" -m POST \
    -T application/json -d "$GEN_BODY" -H "Authorization: Bearer $BUDGET_KEY" -H 'X-DashScope-Async: enable' \
    "${TAG_HEADER[@]}" "$GEN_URL"
cpu_after admit

# The same spread over TEAMS teams. hey takes one set of headers, so one hey per team, all at once, with
# CONCURRENCY/TEAMS clients (rounded, at least 1) and ADMISSIONS/TEAMS requests (rounded up to a multiple of
# them) each.
echo "bench: admissions, $TEAMS teams" >&2
TEAM_CLIENTS=$(( (CONCURRENCY + TEAMS / 2) / TEAMS ))
[ "$TEAM_CLIENTS" -ge 1 ] || TEAM_CLIENTS=1
TEAM_REQUESTS=$(rounded $(( (ADMISSIONS + TEAMS - 1) / TEAMS )) "$TEAM_CLIENTS")
admit_teams() { # requests-per-team output-prefix
    local team pid pids=()
    for team in "${!TEAM_KEYS[@]}"; do
        hey -n "$1" -c "$TEAM_CLIENTS" -m POST -T application/json -d "$GEN_BODY" \
            -H "Authorization: Bearer ${TEAM_KEYS[$team]}" -H 'X-DashScope-Async: enable' "${TAG_HEADER[@]}" \
            "$GEN_URL" > "$2.$team" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
}
admit_teams "$(rounded $(( (200 + TEAMS - 1) / TEAMS )) "$TEAM_CLIENTS")" "$WORK/admit-warm-up"  # warm-up
cpu_before
STARTED=$(date +%s%N)
admit_teams "$TEAM_REQUESTS" "$WORK/admit-team"
ENDED=$(date +%s%N)
python3 - "$TEAMS" "$TEAM_CLIENTS" "$(( (ENDED - STARTED) / 1000000 ))" "$WORK"/admit-team.* >> "$RESULTS" <<'MERGE'
import json, re, statistics, sys
teams, clients, outer_ms, paths = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
runs = []
for path in paths:
    text = open(path).read()
    def secs(pattern):
        m = re.search(pattern, text)
        return float(m.group(1)) * 1000 if m else None
    slowest = secs(r"Slowest:\s+([0-9.]+) secs")
    pct = lambda p: secs(r"\s" + str(p) + r"% in ([0-9.]+) secs") or slowest
    codes = {c: int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
    errors = sum(int(n) for n, _ in re.findall(r"^\s+\[(\d+)\]\s+(Post|Get) .*$", text, re.M))
    runs.append({"total": secs(r"Total:\s+([0-9.]+) secs"), "p50": pct(50), "p99": pct(99), "max": slowest,
                 "rps": float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1)), "codes": codes,
                 "errors": errors, "requests": sum(codes.values()) + errors})
codes = {}
for run in runs:
    for code, count in run["codes"].items():
        codes[code] = codes.get(code, 0) + count
slowest_run = max(run["total"] for run in runs)  # ms
# Throughput: all the teams' requests over the slowest hey's own total time. Latency: hey reports percentiles
# per run only, so p50 is the median of the runs' p50 and p99 the largest of their p99.
print(json.dumps({"section": "admit", "label": "POST video-synthesis, %d teams, each with a budget and client limits" % teams,
                  "clients": teams * clients, "teams": teams, "clients_per_team": clients,
                  "p50": statistics.median(run["p50"] for run in runs), "p99": max(run["p99"] for run in runs),
                  "max": max(run["max"] for run in runs),
                  "rps": sum(run["requests"] for run in runs) / (slowest_run / 1000), "wall_ms": slowest_run,
                  "outer_wall_ms": outer_ms, "team_rps": [run["rps"] for run in runs], "codes": codes,
                  "errors": sum(run["errors"] for run in runs)}))
MERGE
cpu_after admit-teams
BUDGET_STATUS=$("$BIN" budgets status --format json --data-dir "$GW_DATA" --log-level error | python3 -c '
import json, sys
doc = json.load(sys.stdin)
rows = doc if isinstance(doc, list) else next(v for v in doc.values() if isinstance(v, list))
print("; ".join("budget %s: spent %s, held %s of %s" % (r.get("id", r.get("budget_id")), r.get("spent"), r.get("held"), r.get("limit")) for r in rows))
' 2>/dev/null || echo "budget status unavailable")
stop "$GW_PID"

# ---------------------------------------------------------------------------------------------------------
# 5. A backlog on one upstream account and on a pool of three. The simulator keeps DashScope's limits (5
#    submissions/s, one running task per key); the gateway keeps its defaults (5/s, 1 in flight, 20 queries/s)
#    and polls each task every 0.2 s.
echo "bench: account pool" >&2
"$BIN" simulate --port "$POOL_SIM_PORT" --api-key sk-pool-a --api-key sk-pool-b --api-key sk-pool-c \
    --generation-seconds "$POOL_GENERATION_SECONDS" --log-level warning &
PIDS+=($!)
wait_ready "http://127.0.0.1:$POOL_SIM_PORT/sim/stats"
backlog() { # accounts
    local data=$WORK/pool$1 key pid
    "$BIN" teams create pool --data-dir "$data" --log-level error >/dev/null
    key=$("$BIN" keys create --team pool --name backlog --data-dir "$data" --log-level error | tail -n 1)
    [ "$1" -ge 2 ] && "$BIN" accounts add pool-b --key-env S2V_BENCH_POOL_B --data-dir "$data" --log-level error >/dev/null
    [ "$1" -ge 3 ] && "$BIN" accounts add pool-c --key-env S2V_BENCH_POOL_C --data-dir "$data" --log-level error >/dev/null
    DASHSCOPE_API_KEY=sk-pool-a S2V_BENCH_POOL_B=sk-pool-b S2V_BENCH_POOL_C=sk-pool-c "$BIN" serve \
        --port "$POOL_GW_PORT" --data-dir "$data" --upstream-url "http://127.0.0.1:$POOL_SIM_PORT/api/v1" \
        --poll-interval 0.2 --log-level warning &
    pid=$!
    PIDS+=($pid)
    wait_ready "http://127.0.0.1:$POOL_GW_PORT/ready"
    sleep 1
    python3 - "$1" "$POOL_GW_PORT" "$key" "$POOL_TASKS" "$GEN_BODY" "$POOL_SIM_PORT" >> "$RESULTS" <<'PY'
import json, sys, time, urllib.request
accounts, port, key, count, body, sim_port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
base = "http://127.0.0.1:%s/api/v1" % port
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
def call(url, data=None, extra={}):
    request = urllib.request.Request(url, data=data, headers={**headers, **extra})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)
def accepted():
    stats = json.load(urllib.request.urlopen("http://127.0.0.1:%s/sim/stats" % sim_port))
    return {name[-1]: a["accepted_submissions"]["wan2.2-s2v"] for name, a in sorted(stats["accounts"].items())}
before = accepted()
start = time.monotonic()
ids = [call(base + "/services/aigc/image2video/video-synthesis", body.encode(), {"X-DashScope-Async": "enable"})
       ["output"]["task_id"] for _ in range(count)]
admitted = time.monotonic() - start
pending, statuses = set(ids), {}
while pending and time.monotonic() - start < 600:
    for task in list(pending):
        status = call(base + "/tasks/" + task)["output"]["task_status"]
        if status in ("SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"):
            statuses[status] = statuses.get(status, 0) + 1
            pending.discard(task)
    time.sleep(0.05)
wall = time.monotonic() - start
after = accepted()
spread = " ".join("%s:%d" % (k, after[k] - before.get(k, 0)) for k in after if after[k] - before.get(k, 0))
print(json.dumps({"section": "pool", "label": "%s account%s" % (accounts, "" if accounts == "1" else "s"),
                  "clients": 1, "wall": wall, "admitted": admitted, "tasks": count, "codes": statuses,
                  "unfinished": len(pending), "spread": spread}))
PY
    stop "$pid"
}
backlog 1
backlog 3

# ---------------------------------------------------------------------------------------------------------
python3 - "$RESULTS" "$LOAD" "$BUSY" "$PG_SETTINGS" "$BUDGET_STATUS" "$DETECTS" "$ADMISSIONS" "$DURATION" \
    "$POOL_TASKS" "$POOL_GENERATION_SECONDS" "$CONCURRENCY" "$TEAMS" <<'PY'
import json, os, sys
path, load, busy, pg, budget, detects, admissions, duration, pool_tasks, gen_seconds, concurrency, teams = sys.argv[1:]
concurrency, teams = int(concurrency), int(teams)
# Target rows from an earlier rendering of the same file are dropped and written again below.
rows = [row for row in map(json.loads, open(path)) if row["section"] != "target"]
fmt = lambda v: "%.1f" % v if v is not None else "—"
codes = lambda r: " ".join("%s×%s" % (n, c) for c, n in r["codes"].items()) + (
    " (%s errors)" % r["errors"] if r.get("errors") not in (0, "0", None) else "")
print()
print("machine: %d cores, load average at start %s%s; %s" % (
    os.cpu_count(), load, ", a Swift build/test was running" if busy != "0" else "", pg))
print()
print("### Face-detect latency (%s requests each, after 200 warm-up) and the PostgreSQL floor" % detects)
print()
print("| path | clients | p50 ms | p99 ms | max ms | req/s | responses |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["section"] in ("detect", "commit", "select"):
        mean = ", mean %.2f ms" % r["latency_avg"] if r.get("latency_avg") is not None else ""
        print("| %s | %d | %s | %s | %s | %.0f | %s%s |" % (r["label"], r["clients"], fmt(r["p50"]), fmt(r["p99"]),
                                                           fmt(r["max"]), r["rps"], codes(r), mean))
def find(section, label, clients=None):
    return next((r for r in rows if r["section"] == section and r["label"].startswith(label)
                 and (clients is None or r["clients"] == clients)), None)
print()
print("| added over direct | clients | p50 ms | p99 ms |")
print("|---|---|---|---|")
for clients in sorted({1, concurrency}):
    direct, hop, gw = find("detect", "simulator", clients), find("detect", "nginx", clients), find("detect", "gateway →", clients)
    commit = find("commit", "PostgreSQL", 1)
    if not (direct and hop and gw): continue
    print("| nginx hop | %d | %s | %s |" % (clients, fmt(hop["p50"] - direct["p50"]), fmt(hop["p99"] - direct["p99"])))
    print("| gateway | %d | %s | %s |" % (clients, fmt(gw["p50"] - direct["p50"]), fmt(gw["p99"] - direct["p99"])))
    if commit and clients == 1:
        print("| target: nginx hop + 2 commits + 0.5 ms | %d | %.2f | |" % (
            clients, hop["p50"] - direct["p50"] + 2 * commit["p50"] + 0.5))
print()
print("### Task polls (%s s) and admissions (%s requests), %s clients" % (duration, admissions, concurrency))
print()
print("| what | clients | req/s | p50 ms | p99 ms | max ms | responses |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["section"] in ("poll", "admit"):
        print("| %s | %d | %.0f | %s | %s | %s | %s |" % (r["label"], r["clients"], r["rps"], fmt(r["p50"]), fmt(r["p99"]),
                                                         fmt(r["max"]), codes(r)))
for r in rows:
    if r["section"] == "admit" and r.get("teams"):
        print()
        print("%d teams: %d hey runs at once, %d clients each, %.2f s for the slowest (%.2f s from the first start to the "
              "last end); req/s by team %s; p50 is the median of the runs' p50, p99 the largest of their p99" % (
                  r["teams"], len(r["team_rps"]), r["clients_per_team"], r["wall_ms"] / 1000, r["outer_wall_ms"] / 1000,
                  ", ".join("%.0f" % v for v in r["team_rps"])))
print()
print("after the admissions: %s" % budget)
cpu = [r for r in rows if r["section"] == "cpu"]
per = lambda v: "%.2f" % v if v is not None else "—"
if cpu:
    print()
    print("### CPU per request, from /proc (utime+stime; PostgreSQL: the postmaster, its reaped and live children)")
    print()
    print("| run | clients | requests | s | gateway ms/req | PostgreSQL ms/req | both ms/req | simulator ms/req (reference) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in cpu:
        print("| %s | %d | %d | %.1f | %s | %s | %s | %s |" % (
            r["label"], r["clients"], r["requests"], r["seconds"], per(r["gateway_ms_per_request"]),
            per(r["postgres_ms_per_request"]), per(r["total_ms_per_request"]), per(r["simulator_ms_per_request"])))
print()
print("### Backlog of %s tasks (%s s of generation each) by the account pool" % (pool_tasks, gen_seconds))
print()
print("| accounts | wall time s | admitted in s | tasks per account | outcome |")
print("|---|---|---|---|---|")
pool = [r for r in rows if r["section"] == "pool"]
for r in pool:
    print("| %s | %.1f | %.2f | %s | %s%s |" % (r["label"], r["wall"], r["admitted"], r["spread"], codes(r),
                                               ", %d unfinished" % r["unfinished"] if r["unfinished"] else ""))
if len(pool) == 2:
    print()
    print("speed-up of 3 accounts over 1: %.2f×" % (pool[0]["wall"] / pool[1]["wall"]))

# Targets (issue 17): each goal is computed from this run's floor. ratio = measured / reference, where the goal
# is a factor of that reference (CPU and added latency: the reference is the goal itself).
targets = []
def target(name, comparison, goal, measured, unit, goal_text, ratio=None, ratio_text="", detail="", basis=None):
    known = goal is not None and measured is not None
    met = (measured <= goal if comparison == "<=" else measured >= goal) if known else None
    targets.append({"section": "target", "target": name, "comparison": comparison, "goal": goal, "measured": measured,
                    "unit": unit, "ratio": ratio, "ratio_of": ratio_text, "met": met, "basis": basis or {},
                    "goal_text": goal_text, "detail": detail})
def cpu_target(kind, what, limit):
    r = next((r for r in reversed(cpu) if r["of"] == kind), None)
    measured = r["total_ms_per_request"] if r else None
    target("CPU per %s (gateway + PostgreSQL), %d clients" % (what, r["clients"] if r else concurrency), "<=", limit,
           measured, "ms", "≤ %.1f ms" % limit, measured / limit if measured is not None else None, "× goal",
           "gateway %.2f + PostgreSQL %.2f" % (r["gateway_ms_per_request"], r["postgres_ms_per_request"]) if r else "",
           {"requests": r["requests"], "gateway_ms_per_request": r["gateway_ms_per_request"],
            "postgres_ms_per_request": r["postgres_ms_per_request"]} if r else None)
cpu_target("poll", "poll", 0.5)
cpu_target("admit", "admission", 1.0)
cpu_target("detect", "detect", 1.0)

direct, hop, gw = find("detect", "simulator", 1), find("detect", "nginx", 1), find("detect", "gateway →", 1)
commit1 = find("commit", "PostgreSQL", 1)
if direct and hop and gw and commit1:
    hop_added, added = hop["p50"] - direct["p50"], gw["p50"] - direct["p50"]
    goal = hop_added + 2 * commit1["p50"] + 0.5
    target("face-detect added p50, 1 client", "<=", goal, added, "ms",
           "≤ hop %.2f + 2 × commit %.2f + 0.5 = %.2f ms" % (hop_added, commit1["p50"], goal), added / goal, "× goal",
           "gateway p50 %.2f − direct p50 %.2f" % (gw["p50"], direct["p50"]),
           {"direct_p50": direct["p50"], "nginx_p50": hop["p50"], "gateway_p50": gw["p50"], "commit_p50": commit1["p50"]})
else:
    target("face-detect added p50, 1 client", "<=", None, None, "ms", "≤ nginx hop + 2 commits + 0.5 ms")
hopC, gwC = find("detect", "nginx", concurrency), find("detect", "gateway →", concurrency)
if hopC and gwC:
    target("face-detect throughput, %d clients, one team" % concurrency, ">=", 0.4 * hopC["rps"], gwC["rps"], "req/s",
           "≥ 40 %% of nginx %.0f = %.0f req/s" % (hopC["rps"], 0.4 * hopC["rps"]), gwC["rps"] / hopC["rps"],
           "of nginx", basis={"nginx_rps": hopC["rps"]})
    target("face-detect p99, %d clients, one team" % concurrency, "<=", 2 * hopC["p99"], gwC["p99"], "ms",
           "≤ 2 × nginx %.1f = %.1f ms" % (hopC["p99"], 2 * hopC["p99"]), gwC["p99"] / hopC["p99"],
           "× nginx p99", basis={"nginx_p99": hopC["p99"]})
else:
    target("face-detect throughput, %d clients, one team" % concurrency, ">=", None, None, "req/s", "≥ 40 % of nginx")
    target("face-detect p99, %d clients, one team" % concurrency, "<=", None, None, "ms", "≤ 2 × nginx p99")
poll, select = find("poll", "GET"), find("select", "PostgreSQL", concurrency)
if poll and select:
    target("GET /tasks/{id}, %d clients" % poll["clients"], ">=", 0.25 * select["rps"], poll["rps"], "req/s",
           "≥ 25 %% of pgbench -S %.0f = %.0f req/s" % (select["rps"], 0.25 * select["rps"]), poll["rps"] / select["rps"],
           "of pgbench -S", basis={"select_rps": select["rps"]})
else:
    target("GET /tasks/{id}, %d clients" % concurrency, ">=", None, None, "req/s", "≥ 25 % of pgbench -S")
one = next((r for r in rows if r["section"] == "admit" and not r.get("teams")), None)
many = next((r for r in rows if r["section"] == "admit" and r.get("teams")), None)
commitC = find("commit", "PostgreSQL", concurrency)
if one and commitC:
    target("admissions, %d clients, one team, budget + client limits" % one["clients"], ">=", 0.1 * commitC["rps"],
           one["rps"], "req/s", "≥ 10 %% of one-row commits %.0f = %.0f req/s" % (commitC["rps"], 0.1 * commitC["rps"]),
           one["rps"] / commitC["rps"], "of pgbench commits", basis={"commit_rps": commitC["rps"]})
else:
    target("admissions, %d clients, one team, budget + client limits" % concurrency, ">=", None, None, "req/s",
           "≥ 10 % of pgbench one-row commits")
if one and many:
    target("admissions, %d clients over %d teams" % (many["clients"], many["teams"]), ">=", 1.5 * one["rps"], many["rps"],
           "req/s", "≥ 1.5 × one team %.0f = %.0f req/s" % (one["rps"], 1.5 * one["rps"]), many["rps"] / one["rps"],
           "× one team", basis={"one_team_rps": one["rps"]})
else:
    target("admissions, %d clients over %d teams" % (concurrency, teams), ">=", None, None, "req/s", "≥ 1.5 × one team")

def value(v, unit):
    if v is None: return "—"
    return "%.0f req/s" % v if unit == "req/s" else "%.2f ms" % v
def ratio(t):
    if t["ratio"] is None: return "—"
    if t["ratio_of"].startswith("of "):
        return "%.1f %% %s" % (100 * t["ratio"], t["ratio_of"])
    return "%.2f%s" % (t["ratio"], t["ratio_of"])
print()
print("### Targets (issue 17), goals from this run's floor; CPU per request first")
print()
print("| target | goal | measured | ratio | met? |")
print("|---|---|---|---|---|")
for t in targets:
    print("| %s | %s | %s%s | %s | %s |" % (t["target"], t["goal_text"], value(t["measured"], t["unit"]),
                                           " (%s)" % t["detail"] if t["detail"] else "", ratio(t),
                                           "n/a" if t["met"] is None else "met" if t["met"] else "MISSED"))
with open(path, "w") as out:
    for row in rows + targets:
        out.write(json.dumps(row) + "\n")
PY
