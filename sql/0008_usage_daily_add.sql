-- The daily rollup's upsert as a function, so that the gateway (UsageDelta) and the one-statement settlements in
-- PostgreSQL (0009) write it the same way.

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
