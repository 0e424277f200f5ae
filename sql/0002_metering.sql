-- s2v-meter schema, part 2: what the metering paths record beyond part 1.

-- An intent records the price it will charge, so a call left open by a crash can still be metered.
ALTER TABLE upstream_calls ADD COLUMN model text REFERENCES models (model);
ALTER TABLE upstream_calls ADD COLUMN tier text;
ALTER TABLE upstream_calls ADD COLUMN price_id bigint REFERENCES prices (id);

-- At most one submission per account is unresolved at a time (the dispatcher holds the account's lock),
-- so an ambiguous outcome can be matched against the upstream's task list unambiguously.
CREATE INDEX upstream_calls_open_submits ON upstream_calls (account, started_at)
    WHERE kind = 'submit' AND state IN ('intent', 'unknown');

-- Client listing of a team's tasks, newest first.
CREATE INDEX tasks_team_id ON tasks (team_id, id);

-- A task as DashScope shows it (`output`), under the gateway's task id. The upstream's own fields (timestamps,
-- results.video_url, code, message) are kept as the upstream sent them; jsonb keeps their numbers exact.
CREATE FUNCTION task_output(t tasks) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT coalesce(t.upstream_output, '{}'::jsonb)
        || CASE WHEN t.upstream_output ? 'submit_time' THEN '{}'::jsonb
                ELSE jsonb_build_object('submit_time',
                     to_char(t.admitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS.MS')) END
        || jsonb_build_object('task_id', t.id::text, 'task_status', t.status)
$$;
