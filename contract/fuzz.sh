#!/usr/bin/env bash
# Contract fuzzing: schemathesis against a gateway this script starts, on every operation of the OpenAPI
# document the gateway serves (/openapi.json), three times: with a team key, with an admin key and with no key.
#
#   contract/fuzz.sh                               # what CI runs: SEED=1, MAX_EXAMPLES=60 per operation and key
#   SEED=7 MAX_EXAMPLES=1000 contract/fuzz.sh      # a longer run by hand (docs/CONTRACT.md)
#
# Checks on every response: not_a_server_error (no 5xx), status_code_conformance, content_type_conformance,
# response_headers_conformance and response_schema_conformance. Afterwards, on the gateway's own database:
#   - `s2v-meter verify` finds no drift (budget counters, daily rollups, billing lines, client-limit counters);
#   - the run without a key changed no count of tasks, ledger entries, upstream calls, budgets or prices;
#   - every task was admitted by a request the gateway answered 2xx, and no upstream call is left an intent.
# A failure prints schemathesis's reproducer (a curl command), the seed, and keeps the work directory.
#
# Needs the debug build (`swift build`; S2V_METER_BIN to use another), python3 with schemathesis
# (pip install schemathesis) and PostgreSQL's server binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${S2V_METER_BIN:-.build/debug/s2v-meter}
SEED=${SEED:-1}
MAX_EXAMPLES=${MAX_EXAMPLES:-60}
WORKERS=${WORKERS:-1}   # schemathesis's threads trip a CPython 3.11 bug (AST recursion depth mismatch)
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
[ -x "$BIN" ] || { echo "contract: $BIN not found; run swift build first" >&2; exit 1; }
command -v schemathesis >/dev/null || { echo "contract: needs schemathesis (pip install schemathesis)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/s2v-contract.XXXXXX)
chmod 755 "$WORK"
PIDS=()
KEEP=0
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$KEEP" = 0 ]; then rm -rf "$WORK"; else echo "contract: kept $WORK" >&2; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_ready() { # url
    for _ in $(seq 1 240); do
        curl -sf "$1" >/dev/null && return 0
        sleep 0.25
    done
    echo "contract: $1 never became ready" >&2
    exit 1
}
meter() { "$BIN" "$@" --data-dir "$WORK/gateway" --log-level error; }

SIM_PORT=$(free_port)
GW_PORT=$(free_port)
SIM_KEY=sk-contract-upstream
"$BIN" simulate --port "$SIM_PORT" --api-key "$SIM_KEY" --submissions-per-second 100000 \
    --queries-per-second 100000 --generation-seconds 1 --log-level error &
PIDS+=($!)

meter teams create contract >/dev/null
TEAM_KEY=$(meter keys create --team contract --name fuzz | tail -n 1)
ADMIN_KEY=$(meter keys create --admin --name fuzz-admin | tail -n 1)
meter budgets set --team contract --limit 1000 --period month >/dev/null
DASHSCOPE_API_KEY=$SIM_KEY "$BIN" serve --port "$GW_PORT" --data-dir "$WORK/gateway" \
    --upstream-url "http://127.0.0.1:$SIM_PORT/api/v1" --submissions-per-second 1000 --queries-per-second 1000 \
    --detect-wait 5 --poll-interval 0.5 --log-level error >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$GW_PORT/ready"

PG_DATA=$(readlink -f "$WORK/gateway/postgres")/data
SOCKET_DIR=$(sed -n 5p "$PG_DATA/postmaster.pid")
PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
PG_USER=$(stat -c %U "$PG_DATA")
PG_BIN=$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")")
sql() {
    if [ "$(id -u)" = 0 ] && [ "$PG_USER" != root ]; then
        runuser -u "$PG_USER" -- "$PG_BIN/psql" -X -q -At -h "$SOCKET_DIR" -p "$PG_PORT" -U s2v_meter -d s2v_meter -c "$1"
    else
        "$PG_BIN/psql" -X -q -At -h "$SOCKET_DIR" -p "$PG_PORT" -U s2v_meter -d s2v_meter -c "$1"
    fi
}
COUNTS="SELECT (SELECT count(*) FROM tasks) || ' tasks, ' || (SELECT count(*) FROM ledger_entries) || ' ledger entries, '
    || (SELECT count(*) FROM upstream_calls) || ' upstream calls, ' || (SELECT count(*) FROM budgets) || ' budgets, '
    || (SELECT count(*) FROM prices) || ' prices'"

fuzz() { # label, then extra schemathesis arguments
    local label=$1; shift
    echo "contract: schemathesis, $label (seed $SEED, at most $MAX_EXAMPLES examples per operation)" >&2
    if ! schemathesis run "http://127.0.0.1:$GW_PORT/openapi.json" --checks "$CHECKS" --seed "$SEED" \
        --max-examples "$MAX_EXAMPLES" --workers "$WORKERS" --request-timeout 30 --no-color \
        --suppress-health-check too_slow,filter_too_much --generation-database none \
        --report junit --report-dir "$WORK/report-$label" "$@"; then
        KEEP=1
        echo "contract: schemathesis found failures ($label); rerun with SEED=$SEED; reproducers above" >&2
        return 1
    fi
}

STATUS=0
BEFORE=$(sql "$COUNTS")
fuzz no-key || STATUS=1
AFTER=$(sql "$COUNTS")
if [ "$BEFORE" != "$AFTER" ]; then
    echo "contract: requests without a key changed the data: before $BEFORE, after $AFTER" >&2
    STATUS=1
fi
fuzz team-key --header "Authorization: Bearer $TEAM_KEY" || STATUS=1
fuzz admin-key --header "Authorization: Bearer $ADMIN_KEY" || STATUS=1

# Let admitted tasks settle, so that verify sees finished work as well as holds.
sleep 3
echo "contract: after the runs: $(sql "$COUNTS")" >&2
UNADMITTED=$(sql "SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM call_log c WHERE c.task_id = t.id
    AND c.method = 'POST' AND c.http_status BETWEEN 200 AND 299)")
if [ "$UNADMITTED" != 0 ]; then
    echo "contract: $UNADMITTED task(s) without a 2xx admission in the call log" >&2
    STATUS=1
fi
if ! meter verify; then
    echo "contract: verify found drift" >&2
    STATUS=1
fi
[ "$STATUS" = 0 ] || KEEP=1
[ "$STATUS" = 0 ] && echo "contract: passed" >&2
exit "$STATUS"
