-- Client limits count with counters, not count(*) (issue 17). Each limit row keeps how many of its team's or
-- key's tasks are active (queued or upstream) and how many were admitted on one UTC day. A trigger on tasks
-- keeps them, in the transaction that admits or settles the task; client_limits_take reads them from the row it
-- has locked anyway. `s2v-meter verify` compares them with a recount (client_limit_counters_from_tasks).
--
-- Only rows that exist are kept, so a team without limits costs its admissions nothing. A new row is counted
-- once, after tasks' writers have committed (SHARE lock), so that no task is missed or counted twice.
ALTER TABLE client_limits
    ADD COLUMN active_tasks integer NOT NULL DEFAULT 0,
    ADD COLUMN tasks_day    date,
    ADD COLUMN tasks_today  integer NOT NULL DEFAULT 0;

-- What the counters of each limit row must be: its active tasks, and its tasks admitted on tasks_day (UTC).
CREATE VIEW client_limit_counters_from_tasks AS
SELECT l.id,
       (SELECT count(*) FROM tasks t
        WHERE ((l.scope = 'team' AND t.team_id = l.team_id) OR (l.scope = 'key' AND t.key_id = l.key_id))
          AND t.phase IN ('admitted', 'submitting', 'submitted', 'running'))::integer AS active_tasks,
       l.tasks_day,
       (SELECT count(*) FROM tasks t
        WHERE ((l.scope = 'team' AND t.team_id = l.team_id) OR (l.scope = 'key' AND t.key_id = l.key_id))
          AND t.admitted_at >= l.tasks_day::timestamp AT TIME ZONE 'UTC'
          AND t.admitted_at < (l.tasks_day + 1)::timestamp AT TIME ZONE 'UTC')::integer AS tasks_today
FROM client_limits l;

-- A task admitted counts once in its day and, while active, once in the active count; a settled one leaves it.
-- A task admitted on a day the counter has already left (a transaction that began before midnight and committed
-- after it) is counted in no later day.
CREATE FUNCTION client_limit_counters_follow_task() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_active boolean := TG_OP = 'UPDATE' AND OLD.phase IN ('admitted', 'submitting', 'submitted', 'running');
    is_active  boolean := NEW.phase IN ('admitted', 'submitting', 'submitted', 'running');
    day        date := (NEW.admitted_at AT TIME ZONE 'UTC')::date;
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE client_limits SET
            active_tasks = active_tasks + is_active::integer,
            tasks_today = CASE WHEN tasks_day = day THEN tasks_today + 1
                               WHEN tasks_day IS NULL OR tasks_day < day THEN 1
                               ELSE tasks_today END,
            tasks_day = CASE WHEN tasks_day IS NULL OR tasks_day < day THEN day ELSE tasks_day END
        WHERE (scope = 'team' AND team_id = NEW.team_id) OR (scope = 'key' AND key_id = NEW.key_id);
    ELSIF was_active <> is_active THEN
        UPDATE client_limits SET active_tasks = active_tasks + CASE WHEN is_active THEN 1 ELSE -1 END
        WHERE (scope = 'team' AND team_id = NEW.team_id) OR (scope = 'key' AND key_id = NEW.key_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER tasks_client_limit_counters AFTER INSERT OR UPDATE OF phase ON tasks
    FOR EACH ROW EXECUTE FUNCTION client_limit_counters_follow_task();

-- A new limit row starts from a recount. SHARE waits for every transaction writing tasks to commit and holds
-- off new ones until this one commits; from then on the trigger above sees the row. AFTER INSERT, so an upsert
-- that updates an existing row (whose lock an admission may hold) never takes it.
CREATE FUNCTION client_limit_counters_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE tasks IN SHARE MODE;
    UPDATE client_limits l
    SET active_tasks = c.active_tasks, tasks_day = c.tasks_day, tasks_today = c.tasks_today
    FROM (SELECT r.active_tasks, (now() AT TIME ZONE 'UTC')::date AS tasks_day,
                 (SELECT count(*) FROM tasks t
                  WHERE ((NEW.scope = 'team' AND t.team_id = NEW.team_id) OR (NEW.scope = 'key' AND t.key_id = NEW.key_id))
                    AND t.admitted_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')::integer
                     AS tasks_today
          FROM client_limit_counters_from_tasks r WHERE r.id = NEW.id) c
    WHERE l.id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER client_limits_count_tasks AFTER INSERT ON client_limits
    FOR EACH ROW EXECUTE FUNCTION client_limit_counters_start();

-- The counters are the gateway's state, like the token bucket: not admin changes.
DROP TRIGGER client_limits_admin_changes ON client_limits;
CREATE TRIGGER client_limits_admin_changes AFTER INSERT OR UPDATE OR DELETE ON client_limits
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('limit', 'id', 'tokens', 'refilled_at', 'active_tasks',
                                                       'tasks_day', 'tasks_today');

-- Rows that exist now start from a recount.
LOCK TABLE tasks IN SHARE MODE;
UPDATE client_limits l
SET active_tasks = (SELECT r.active_tasks FROM client_limit_counters_from_tasks r WHERE r.id = l.id),
    tasks_day = (now() AT TIME ZONE 'UTC')::date;
UPDATE client_limits l
SET tasks_today = (SELECT r.tasks_today FROM client_limit_counters_from_tasks r WHERE r.id = l.id);

-- The limits, as before, with the counters read from the locked row.
CREATE OR REPLACE FUNCTION client_limits_take(p_team bigint, p_key bigint, p_task boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    l client_limits;
    now_at timestamptz := clock_timestamp();
    available numeric;
    used bigint;
    today date := (now_at AT TIME ZONE 'UTC')::date;
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
        IF p_task AND l.max_active_tasks IS NOT NULL AND l.active_tasks >= l.max_active_tasks THEN
            PERFORM client_limit_refuse(l, 'max_active_tasks', l.max_active_tasks, 0, 1, 1);
        END IF;
        IF p_task AND l.tasks_per_day IS NOT NULL THEN
            used := CASE WHEN l.tasks_day = today THEN l.tasks_today ELSE 0 END;
            IF used >= l.tasks_per_day THEN
                PERFORM client_limit_refuse(l, 'tasks_per_day', l.tasks_per_day, 0,
                                            extract(epoch FROM day_start + interval '1 day' - now_at)::numeric,
                                            extract(epoch FROM day_start + interval '1 day' - now_at)::numeric);
            END IF;
        END IF;
    END LOOP;
END;
$$;
