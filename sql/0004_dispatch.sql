-- s2v-meter schema, part 4: the upstream accounts' limits, a fair dispatch queue and client limits, all enforced
-- through PostgreSQL so that they hold across any number of gateway instances.

-- The pool of upstream (DashScope) accounts. The key itself is never stored: an account names the environment
-- variable or the file each gateway instance reads it from.
CREATE TABLE upstream_accounts (
    name                    text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$'),
    key_env                 text CHECK (key_env ~ '^[A-Za-z_][A-Za-z0-9_]*$'),
    key_file                text CHECK (key_file LIKE '/%'),
    submissions_per_second  integer NOT NULL DEFAULT 5 CHECK (submissions_per_second BETWEEN 1 AND 1000),
    max_in_flight           integer NOT NULL DEFAULT 1 CHECK (max_in_flight BETWEEN 1 AND 1000),
    queries_per_second      integer NOT NULL DEFAULT 20 CHECK (queries_per_second BETWEEN 1 AND 1000),
    added_at                timestamptz NOT NULL DEFAULT now(),
    removed_at              timestamptz,
    CHECK ((key_env IS NULL) <> (key_file IS NULL))
);

-- The next free moment per account and lane ('submit:<model>' or 'query'). Calls are spaced evenly, one
-- reservation each, so no window of one second ever holds more than the account allows (see
-- reserve_upstream_slot). One row per lane, updated under its row lock.
CREATE TABLE upstream_pacing (
    account  text NOT NULL,
    lane     text NOT NULL,
    next_at  timestamptz NOT NULL,
    PRIMARY KEY (account, lane)
);

-- Reserves the next slot of a lane: returns how long the caller must wait before sending, or NULL (and
-- reserves nothing) when that is longer than max_wait. The row stays locked until the caller's transaction
-- ends, so a reservation made inside a transaction that rolls back is not kept.
CREATE FUNCTION reserve_upstream_slot(p_account text, p_lane text, p_spacing interval, p_max_wait interval)
RETURNS interval LANGUAGE plpgsql AS $$
DECLARE
    slot timestamptz;
    now_at timestamptz;
BEGIN
    INSERT INTO upstream_pacing (account, lane, next_at) VALUES (p_account, p_lane, '-infinity')
    ON CONFLICT (account, lane) DO NOTHING;
    SELECT next_at INTO slot FROM upstream_pacing WHERE account = p_account AND lane = p_lane FOR UPDATE;
    now_at := clock_timestamp();
    slot := greatest(slot, now_at);
    IF slot - now_at > p_max_wait THEN
        RETURN NULL;
    END IF;
    UPDATE upstream_pacing SET next_at = slot + p_spacing WHERE account = p_account AND lane = p_lane;
    RETURN slot - now_at;
END;
$$;

-- Tasks holding an account's slot: claimed for submission, submitted or running upstream.
CREATE INDEX tasks_in_flight ON tasks (upstream_account) WHERE phase IN ('submitting', 'submitted', 'running');

-- Queued and in-flight tasks per team and per key, for the client limits.
CREATE INDEX tasks_active_team ON tasks (team_id) WHERE phase IN ('admitted', 'submitting', 'submitted', 'running');
CREATE INDEX tasks_active_key ON tasks (key_id) WHERE phase IN ('admitted', 'submitting', 'submitted', 'running');
CREATE INDEX tasks_key_admitted ON tasks (key_id, admitted_at);

-- When each team was last served, for round-robin between teams with queued work.
CREATE INDEX upstream_calls_team_submits ON upstream_calls (team_id, started_at) WHERE kind = 'submit';

-- Per-key dispatch priority: a key's tasks go before its team's other queued tasks, never before another
-- team's turn.
ALTER TABLE api_keys ADD COLUMN priority integer NOT NULL DEFAULT 0 CHECK (priority BETWEEN -100 AND 100);

-- Client limits, per team or per key. Each limit is optional (NULL: none). The token bucket's state lives in
-- the row: `tokens` as of `refilled_at`.
CREATE TABLE client_limits (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope                text NOT NULL CHECK (scope IN ('team', 'key')),
    team_id              bigint REFERENCES teams (id),
    key_id               bigint REFERENCES api_keys (id),
    requests_per_second  numeric CHECK (requests_per_second > 0 AND requests_per_second <= 100000),
    burst                integer CHECK (burst BETWEEN 1 AND 1000000),
    max_active_tasks     integer CHECK (max_active_tasks >= 0),
    tasks_per_day        integer CHECK (tasks_per_day >= 0),
    tokens               numeric NOT NULL DEFAULT 0,
    refilled_at          timestamptz NOT NULL DEFAULT '-infinity',
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope = 'team' AND team_id IS NOT NULL AND key_id IS NULL)
        OR (scope = 'key' AND key_id IS NOT NULL AND team_id IS NULL)),
    CHECK ((requests_per_second IS NULL) = (burst IS NULL))
);
CREATE UNIQUE INDEX client_limits_one_per_team ON client_limits (team_id) WHERE scope = 'team';
CREATE UNIQUE INDEX client_limits_one_per_key ON client_limits (key_id) WHERE scope = 'key';

-- Refuses a request over a client limit: SQLSTATE S2VR1, the figures in JSON in the detail.
CREATE FUNCTION client_limit_refuse(l client_limits, which text, lim numeric, remaining numeric,
                                    reset_seconds numeric, retry_after_seconds numeric) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'S2VR1',
        MESSAGE = format('client limit %s of %s %s reached', which, l.scope, coalesce(l.team_id, l.key_id)),
        DETAIL = json_build_object(
            'scope', l.scope, 'team_id', l.team_id, 'key_id', l.key_id, 'limit_name', which,
            'limit', lim::text, 'remaining', remaining::text,
            'reset_seconds', ceil(reset_seconds)::bigint, 'retry_after_seconds', greatest(ceil(retry_after_seconds), 1)::bigint
        )::text;
END;
$$;

-- Applies the client limits of a team and a key to one request, in the caller's transaction. `p_task` is true
-- for a request that queues a generation task: it also counts against the queued + in-flight cap and the daily
-- task count. The limit rows are locked in id order until the transaction ends, so concurrent requests of one
-- team or key are counted one after another, and a refusal (by any limit, or later by a budget) rolls back
-- everything the request took, tokens included.
CREATE FUNCTION client_limits_take(p_team bigint, p_key bigint, p_task boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    l client_limits;
    now_at timestamptz := clock_timestamp();
    available numeric;
    used bigint;
    day_start timestamptz := date_trunc('day', now_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
BEGIN
    FOR l IN
        SELECT * FROM client_limits
        WHERE (scope = 'team' AND team_id = p_team) OR (scope = 'key' AND key_id = p_key)
        ORDER BY id FOR UPDATE
    LOOP
        IF l.requests_per_second IS NOT NULL THEN
            IF l.refilled_at = '-infinity' THEN
                available := l.burst;
            ELSE
                available := least(l.burst::numeric,
                                   l.tokens + l.requests_per_second * extract(epoch FROM now_at - l.refilled_at)::numeric);
            END IF;
            IF available < 1 THEN
                PERFORM client_limit_refuse(l, 'requests_per_second', l.burst, 0,
                                            (l.burst - available) / l.requests_per_second,
                                            (1 - available) / l.requests_per_second);
            END IF;
            UPDATE client_limits SET tokens = available - 1, refilled_at = now_at WHERE id = l.id;
        END IF;
        IF p_task AND l.max_active_tasks IS NOT NULL THEN
            IF l.scope = 'team' THEN
                SELECT count(*) INTO used FROM tasks
                WHERE team_id = p_team AND phase IN ('admitted', 'submitting', 'submitted', 'running');
            ELSE
                SELECT count(*) INTO used FROM tasks
                WHERE key_id = p_key AND phase IN ('admitted', 'submitting', 'submitted', 'running');
            END IF;
            IF used >= l.max_active_tasks THEN
                PERFORM client_limit_refuse(l, 'max_active_tasks', l.max_active_tasks, 0, 1, 1);
            END IF;
        END IF;
        IF p_task AND l.tasks_per_day IS NOT NULL THEN
            IF l.scope = 'team' THEN
                SELECT count(*) INTO used FROM tasks WHERE team_id = p_team AND admitted_at >= day_start;
            ELSE
                SELECT count(*) INTO used FROM tasks WHERE key_id = p_key AND admitted_at >= day_start;
            END IF;
            IF used >= l.tasks_per_day THEN
                PERFORM client_limit_refuse(l, 'tasks_per_day', l.tasks_per_day, 0,
                                            extract(epoch FROM day_start + interval '1 day' - now_at)::numeric,
                                            extract(epoch FROM day_start + interval '1 day' - now_at)::numeric);
            END IF;
        END IF;
    END LOOP;
END;
$$;
