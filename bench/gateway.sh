#!/usr/bin/env bash
# Gateway benchmarks (issue 7), through the release build's HTTP API against a standalone DashScope simulator.
#
#   bench/gateway.sh                               # about 3 minutes after the build
#   DETECTS=500 DURATION=5 ADMISSIONS=1000 bench/gateway.sh   # a quick run
#
# 1. Latency of a face-detect call, sequential and at CONCURRENCY clients, three ways: straight to the
#    simulator, through an nginx reverse proxy (keepalive upstream) to it, and through `s2v-meter serve`; plus
#    one PostgreSQL commit (a one-row INSERT, pgbench) on the gateway's embedded cluster.
# 2. GET /api/v1/tasks/{id} throughput on a finished task (answered from the store), wrk for DURATION seconds.
# 3. Admissions (POST video-synthesis: client limits + budget hold + durable queue) with a budget and client
#    limits on the team, ADMISSIONS requests at CONCURRENCY clients.
# 4. A backlog of POOL_TASKS short tasks (the simulator's generation takes POOL_GENERATION_SECONDS) run by one
#    upstream account and by a pool of three, against a simulator with DashScope's own limits.
#
# Needs hey, wrk, nginx, curl, python3 and PostgreSQL's pgbench (Debian packages hey, wrk, nginx,
# postgresql). Everything runs on 127.0.0.1 on the same machine as the load generators: see docs/BENCHMARKS.md.
# Run it on a quiet machine; it prints the load average it started with.
set -euo pipefail
cd "$(dirname "$0")/.."

DETECTS=${DETECTS:-2000}                 # face-detect requests per measurement
CONCURRENCY=${CONCURRENCY:-64}
DURATION=${DURATION:-10}                 # seconds of task polling
ADMISSIONS=${ADMISSIONS:-5000}           # video-synthesis requests
COMMITS=${COMMITS:-2000}                 # pgbench transactions per client count
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
PIDS+=($!)

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
"$BIN" teams create bench --data-dir "$GW_DATA" --log-level error >/dev/null
TEAM_KEY=$("$BIN" keys create --team bench --name detect --data-dir "$GW_DATA" --log-level error | tail -n 1)
"$BIN" teams create budgeted --data-dir "$GW_DATA" --log-level error >/dev/null
BUDGET_KEY=$("$BIN" keys create --team budgeted --name admissions --data-dir "$GW_DATA" --log-level error | tail -n 1)
"$BIN" budgets set --team budgeted --limit 100000000 --period month --data-dir "$GW_DATA" --log-level error >/dev/null
"$BIN" limits set --team budgeted --rps 100000 --burst 1000000 --max-active 100000000 --tasks-per-day 100000000 \
    --data-dir "$GW_DATA" --log-level error >/dev/null
DASHSCOPE_API_KEY=$SIM_KEY "$BIN" serve --port "$GW_PORT" --data-dir "$GW_DATA" \
    --upstream-url "http://127.0.0.1:$SIM_PORT/api/v1" --submissions-per-second 1000 --queries-per-second 1000 \
    --detect-wait 60 --poll-interval 0.2 --log-level warning &
GW_PID=$!
PIDS+=($GW_PID)
wait_ready "http://127.0.0.1:$GW_PORT/ready"
wait_ready "http://127.0.0.1:$SIM_PORT/sim/stats"

# ---------------------------------------------------------------------------------------------------------
# 1. Face-detect latency: direct, one nginx hop, the gateway.
DETECT_PATH=/api/v1/services/aigc/image2video/face-detect
DETECT_BODY='{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/face.jpg"}}'
rounded() { echo $(( ($1 + $2 - 1) / $2 * $2 )); }  # hey sends requests/clients per client, rounded down
detect() { # label url key clients requests
    hey -n "$(rounded 200 "$4")" -c "$4" -m POST -T application/json -d "$DETECT_BODY" -H "Authorization: Bearer $3" "$2" >/dev/null
    run_hey detect "$1" "$4" -n "$(rounded "$5" "$4")" -m POST -T application/json -d "$DETECT_BODY" \
        -H "Authorization: Bearer $3" "$2"
}
echo "bench: face-detect latency" >&2
for clients in 1 "$CONCURRENCY"; do
    detect "simulator, direct" "http://127.0.0.1:$SIM_PORT$DETECT_PATH" "$SIM_KEY" "$clients" "$DETECTS"
    detect "nginx → simulator" "http://127.0.0.1:$NGINX_PORT$DETECT_PATH" "$SIM_KEY" "$clients" "$DETECTS"
    detect "gateway → simulator" "http://127.0.0.1:$GW_PORT$DETECT_PATH" "$TEAM_KEY" "$clients" "$DETECTS"
    # The gateway's HTTP stack alone (no key, no PostgreSQL, no call log), for reference.
    hey -n "$(rounded 200 "$clients")" -c "$clients" "http://127.0.0.1:$GW_PORT/health" >/dev/null
    run_hey detect "gateway GET /health (no store), for reference" "$clients" -n "$(rounded "$DETECTS" "$clients")" \
        "http://127.0.0.1:$GW_PORT/health"
done

# One PostgreSQL commit on the gateway's cluster: a one-row INSERT in a scratch database, over the same Unix
# socket the gateway uses, as the cluster's own user.
echo "bench: PostgreSQL commit latency" >&2
PG_DATA=$(readlink -f "$GW_DATA/postgres")/data
SOCKET_DIR=$(sed -n 5p "$PG_DATA/postmaster.pid")
PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
PG_USER=$(stat -c %U "$PG_DATA")
as_pg() { if [ "$(id -u)" = 0 ] && [ "$PG_USER" != root ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }
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

# ---------------------------------------------------------------------------------------------------------
# 2. Task polls answered from the store: one finished task, polled as fast as wrk can for DURATION seconds.
echo "bench: task polls" >&2
GEN_BODY='{"model":"wan2.2-s2v","input":{"image_url":"https://example.com/face.jpg","audio_url":"https://example.com/voice.mp3?duration=3.5"},"parameters":{"resolution":"480P"}}'
TASK_ID=$(curl -sf "http://127.0.0.1:$GW_PORT/api/v1/services/aigc/image2video/video-synthesis" \
    -H "Authorization: Bearer $TEAM_KEY" -H 'X-DashScope-Async: enable' -H 'Content-Type: application/json' \
    -d "$GEN_BODY" | python3 -c 'import json,sys; print(json.load(sys.stdin)["output"]["task_id"])')
TASK_URL="http://127.0.0.1:$GW_PORT/api/v1/tasks/$TASK_ID"
for _ in $(seq 1 120); do
    STATUS=$(curl -sf -H "Authorization: Bearer $TEAM_KEY" "$TASK_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["output"]["task_status"])')
    [ "$STATUS" = SUCCEEDED ] && break
    sleep 0.25
done
[ "$STATUS" = SUCCEEDED ] || { echo "bench: task $TASK_ID is $STATUS, not SUCCEEDED" >&2; exit 1; }
wrk -t 2 -c "$CONCURRENCY" -d 2s -H "Authorization: Bearer $TEAM_KEY" "$TASK_URL" >/dev/null  # warm-up
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

# ---------------------------------------------------------------------------------------------------------
# 3. Admissions with a budget and client limits on the team: each one takes a token, a budget hold and queues
#    the task, in one transaction. (The dispatcher then feeds them to the simulator in the background.)
echo "bench: admissions" >&2
GEN_URL="http://127.0.0.1:$GW_PORT/api/v1/services/aigc/image2video/video-synthesis"
hey -n "$(rounded 200 "$CONCURRENCY")" -c "$CONCURRENCY" -m POST -T application/json -d "$GEN_BODY" -H "Authorization: Bearer $BUDGET_KEY" \
    -H 'X-DashScope-Async: enable' "$GEN_URL" >/dev/null  # warm-up
run_hey admit "POST video-synthesis, team with a budget and client limits" "$CONCURRENCY" \
    -n "$(rounded "$ADMISSIONS" "$CONCURRENCY")" -m POST \
    -T application/json -d "$GEN_BODY" -H "Authorization: Bearer $BUDGET_KEY" -H 'X-DashScope-Async: enable' "$GEN_URL"
BUDGET_STATUS=$("$BIN" budgets status --format json --data-dir "$GW_DATA" --log-level error | python3 -c '
import json, sys
doc = json.load(sys.stdin)
rows = doc if isinstance(doc, list) else next(v for v in doc.values() if isinstance(v, list))
print("; ".join("budget %s: spent %s, held %s of %s" % (r.get("id", r.get("budget_id")), r.get("spent"), r.get("held"), r.get("limit")) for r in rows))
' 2>/dev/null || echo "budget status unavailable")
stop "$GW_PID"

# ---------------------------------------------------------------------------------------------------------
# 4. A backlog on one upstream account and on a pool of three. The simulator keeps DashScope's limits (5
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
    "$POOL_TASKS" "$POOL_GENERATION_SECONDS" "$CONCURRENCY" <<'PY'
import json, sys
path, load, busy, pg, budget, detects, admissions, duration, pool_tasks, gen_seconds, concurrency = sys.argv[1:]
rows = [json.loads(line) for line in open(path)]
fmt = lambda v: "%.1f" % v if v is not None else "—"
codes = lambda r: " ".join("%s×%s" % (n, c) for c, n in r["codes"].items()) + (
    " (%s errors)" % r["errors"] if r.get("errors") not in (0, "0", None) else "")
print()
print("machine: %d cores, load average at start %s%s; %s" % (
    __import__("os").cpu_count(), load, ", a Swift build/test was running" if busy != "0" else "", pg))
print()
print("### Face-detect latency (%s requests each, after 200 warm-up) and one PostgreSQL commit" % detects)
print()
print("| path | clients | p50 ms | p99 ms | max ms | req/s | responses |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["section"] in ("detect", "commit"):
        print("| %s | %d | %s | %s | %s | %.0f | %s |" % (r["label"], r["clients"], fmt(r["p50"]), fmt(r["p99"]),
                                                         fmt(r["max"]), r["rps"], codes(r)))
def find(section, label, clients):
    return next((r for r in rows if r["section"] == section and r["label"].startswith(label) and r["clients"] == clients), None)
print()
print("| added over direct | clients | p50 ms | p99 ms |")
print("|---|---|---|---|")
for clients in (1, int(concurrency)):
    direct, hop, gw = find("detect", "simulator", clients), find("detect", "nginx", clients), find("detect", "gateway →", clients)
    commit = find("commit", "PostgreSQL", clients)
    if not (direct and hop and gw): continue
    print("| nginx hop | %d | %s | %s |" % (clients, fmt(hop["p50"] - direct["p50"]), fmt(hop["p99"] - direct["p99"])))
    print("| gateway | %d | %s | %s |" % (clients, fmt(gw["p50"] - direct["p50"]), fmt(gw["p99"] - direct["p99"])))
    if commit:
        print("| target: nginx hop + one commit + 1 ms | %d | %s | |" % (clients, fmt(hop["p50"] - direct["p50"] + commit["p50"] + 1)))
print()
print("### Task polls (%s s) and admissions (%s requests), %s clients" % (duration, admissions, concurrency))
print()
print("| what | clients | req/s | p50 ms | p99 ms | max ms | responses |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if r["section"] in ("poll", "admit"):
        print("| %s | %d | %.0f | %s | %s | %s | %s |" % (r["label"], r["clients"], r["rps"], fmt(r["p50"]), fmt(r["p99"]),
                                                         fmt(r["max"]), codes(r)))
print()
print("after the admissions: %s" % budget)
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
PY
