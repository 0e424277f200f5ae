-- Every figure derived from the ledger is maintained one way: by a trigger on ledger_entries, in the transaction
-- that writes the ledger row, with one definition that `s2v-meter verify` recomputes from.
--
-- Budget counters (0003) and billing lines (0005) already were. The daily rollup was written by hand, its rule
-- four times: at admission and in the task settlement (Swift), in settle_detect (0009) and in the verify view
-- (0003). It now has one definition, usage_daily_delta, used by its trigger and by its view. settle_detect goes:
-- both kinds of call settle the same way, in Swift with plain statements (docs/DESIGN.md, "Where each rule
-- lives").

-- What one ledger row adds to its UTC day's usage row, given the final status of its task (NULL for a detect
-- call). The one definition of the daily rollup:
--   calls            a task's hold (the task was admitted), a detect call's capture, a charge;
--   images           the quantity of a detect call's capture or of a charge;
--   seconds          the quantity of a task's capture;
--   tasks_succeeded  a task's capture when the task SUCCEEDED (not the conservative capture of a task the
--                    upstream forgot or a submission left unresolved);
--   tasks_failed     a task's release when the task FAILED (not when it was CANCELED);
--   cost             the row's amount.
--
-- PL/pgSQL rather than SQL: PostgreSQL 15 plans a SQL function it cannot inline anew on every call, which the
-- trigger below would pay on every ledger row; PL/pgSQL keeps its expressions' plans for the session.
CREATE FUNCTION usage_daily_delta(l ledger_entries, task_status text,
                                  OUT calls bigint, OUT images bigint, OUT seconds numeric,
                                  OUT tasks_succeeded bigint, OUT tasks_failed bigint, OUT cost numeric)
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    calls := CASE WHEN (l.kind = 'hold' AND l.task_id IS NOT NULL) OR (l.kind = 'capture' AND l.task_id IS NULL)
                       OR l.kind = 'charge' THEN 1 ELSE 0 END;
    images := CASE WHEN l.task_id IS NULL AND l.kind IN ('capture', 'charge') THEN l.quantity ELSE 0 END;
    seconds := CASE WHEN l.task_id IS NOT NULL AND l.kind = 'capture' THEN l.quantity ELSE 0 END;
    tasks_succeeded := CASE WHEN l.kind = 'capture' AND task_status = 'SUCCEEDED' THEN 1 ELSE 0 END;
    tasks_failed := CASE WHEN l.kind = 'release' AND task_status = 'FAILED' THEN 1 ELSE 0 END;
    cost := l.amount;
END;
$$;

-- Adds a ledger row's delta to its day's usage row. A task's settlement writes the task's final status before
-- its ledger row, so the status read here is the final one. A delta of zeros (a detect hold, a release of a
-- canceled task) touches no row.
CREATE FUNCTION ledger_entries_apply_to_usage_daily() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    task_status text;
    d record;
BEGIN
    IF NEW.task_id IS NOT NULL THEN
        SELECT t.status INTO task_status FROM tasks t WHERE t.id = NEW.task_id;
    END IF;
    SELECT * INTO d FROM usage_daily_delta(NEW, task_status);
    IF (d.calls, d.images, d.seconds, d.tasks_succeeded, d.tasks_failed, d.cost) = (0, 0, 0, 0, 0, 0) THEN
        RETURN NULL;
    END IF;
    INSERT INTO usage_daily AS u (day, team_id, key_id, model, tier, calls, images, seconds, tasks_succeeded,
                                  tasks_failed, cost)
    VALUES ((NEW.attributed_at AT TIME ZONE 'UTC')::date, NEW.team_id, NEW.key_id, NEW.model, NEW.tier,
            d.calls, d.images, d.seconds, d.tasks_succeeded, d.tasks_failed, d.cost)
    ON CONFLICT (day, team_id, key_id, model, tier) DO UPDATE SET
        calls = u.calls + EXCLUDED.calls,
        images = u.images + EXCLUDED.images,
        seconds = u.seconds + EXCLUDED.seconds,
        tasks_succeeded = u.tasks_succeeded + EXCLUDED.tasks_succeeded,
        tasks_failed = u.tasks_failed + EXCLUDED.tasks_failed,
        cost = u.cost + EXCLUDED.cost;
    RETURN NULL;
END;
$$;
-- Triggers of one event fire in name order: the budget trigger (…_apply_to_budgets) refuses a full budget
-- before this one locks a usage row, so a refused burst never queues on the rollup.
CREATE TRIGGER ledger_entries_apply_to_usage_daily
    AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_apply_to_usage_daily();

-- What the daily rollup must be, recomputed from the ledger with the same definition (`s2v-meter verify`).
CREATE OR REPLACE VIEW usage_daily_from_ledger AS
    SELECT (l.attributed_at AT TIME ZONE 'UTC')::date AS day, l.team_id, l.key_id, l.model, l.tier,
           sum(d.calls)::bigint AS calls, sum(d.images)::bigint AS images, sum(d.seconds) AS seconds,
           sum(d.tasks_succeeded)::bigint AS tasks_succeeded, sum(d.tasks_failed)::bigint AS tasks_failed,
           sum(d.cost) AS cost
    FROM ledger_entries l
    LEFT JOIN tasks t ON t.id = l.task_id
    CROSS JOIN LATERAL usage_daily_delta(l, t.status) d
    GROUP BY 1, 2, 3, 4, 5;

-- Nothing writes the rollup by hand any more.
DROP FUNCTION settle_detect(bigint, text, boolean, text, bigint, text);
DROP FUNCTION usage_daily_add(timestamptz, bigint, bigint, text, text, bigint, bigint, numeric, bigint, bigint,
                              numeric);
