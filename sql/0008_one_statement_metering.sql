-- One statement per metering transaction on the hot paths. A team's shared rows (its client-limit buckets, its
-- budget counters, its daily rollup) are locked until the commit. When the gateway sent each step of a
-- transaction as its own statement, those rows stayed locked across several network round trips, and a team's
-- admissions and face-detect charges queued behind one another (docs/BENCHMARKS.md). In a function, the steps
-- run back to back inside PostgreSQL, and the gateway sends the whole transaction as one statement.

-- The daily rollup: adds a delta to the row of (UTC day of p_at, team, key, model, tier).
CREATE FUNCTION usage_daily_add(p_at timestamptz, p_team bigint, p_key bigint, p_model text, p_tier text,
                                p_calls bigint, p_images bigint, p_seconds numeric, p_succeeded bigint,
                                p_failed bigint, p_cost numeric) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO usage_daily AS u (day, team_id, key_id, model, tier, calls, images, seconds,
                                  tasks_succeeded, tasks_failed, cost)
    VALUES ((p_at AT TIME ZONE 'UTC')::date, p_team, p_key, p_model, p_tier,
            p_calls, p_images, p_seconds, p_succeeded, p_failed, p_cost)
    ON CONFLICT (day, team_id, key_id, model, tier) DO UPDATE SET
        calls = u.calls + EXCLUDED.calls,
        images = u.images + EXCLUDED.images,
        seconds = u.seconds + EXCLUDED.seconds,
        tasks_succeeded = u.tasks_succeeded + EXCLUDED.tasks_succeeded,
        tasks_failed = u.tasks_failed + EXCLUDED.tasks_failed,
        cost = u.cost + EXCLUDED.cost;
$$;

-- Admits a generation task: the client limits of its team and key (a refusal raises), the task, its place in
-- the dispatch queue, the budget hold of its longest billable video (a budget refusal raises from the ledger's
-- trigger) and the call in the daily rollup. Returns the admission time. Called as one statement, it is one
-- transaction: a refusal leaves nothing behind.
CREATE FUNCTION admit_task(p_task uuid, p_team bigint, p_key bigint, p_model text, p_tier text, p_price bigint,
                           p_seconds numeric, p_unit_price numeric, p_hold numeric, p_currency text,
                           p_request jsonb) RETURNS timestamptz
LANGUAGE plpgsql AS $$
DECLARE
    admitted timestamptz;
BEGIN
    PERFORM client_limits_take(p_team, p_key, true);
    INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request)
    VALUES (p_task, p_team, p_key, p_model, p_tier, p_price, p_hold, p_request)
    RETURNING admitted_at INTO admitted;
    INSERT INTO dispatch_queue (task_id, team_id, priority, enqueued_at)
    SELECT p_task, p_team, priority, admitted FROM api_keys WHERE id = p_key;
    INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                amount, held, currency, attributed_at)
    VALUES ('hold', p_team, p_key, p_task, p_model, p_tier, p_price, p_seconds, p_unit_price, 0, p_hold,
            p_currency, admitted);
    PERFORM usage_daily_add(admitted, p_team, p_key, p_model, p_tier, 1, 0, 0, 0, 0, 0);
    RETURN admitted;
END;
$$;
