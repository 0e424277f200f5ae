-- s2v-meter schema, part 3: hard budgets, enforced where the ledger is written, and their alerts.
--
-- Every ledger row passes through one trigger that applies it to every budget it falls under, in the
-- transaction that writes it. A row that would take a budget's spent + held past its limit raises
-- SQLSTATE S2VB1 and the whole transaction (task, hold, queue entry, rollup) rolls back. Because the counter
-- row is updated under its row lock, the check holds with any number of gateway instances on one database.

-- A face-detect call takes a hold at its intent, like a task at admission, so that its budget room is
-- reserved before the call is sent: the answer captures it, a refusal releases it. Those rows name the call.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_subject
    CHECK (kind = 'charge' OR task_id IS NOT NULL OR upstream_call_id IS NOT NULL);
CREATE UNIQUE INDEX ledger_one_hold_per_call ON ledger_entries (upstream_call_id)
    WHERE kind = 'hold' AND task_id IS NULL;
CREATE UNIQUE INDEX ledger_one_settlement_per_call ON ledger_entries (upstream_call_id)
    WHERE kind IN ('capture', 'release') AND task_id IS NULL;
CREATE INDEX ledger_key_attributed ON ledger_entries (key_id, attributed_at);
-- Detect intents open at the upgrade get the hold they would have taken, so they settle like new ones.
INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity, unit_price,
                            amount, held, currency, attributed_at)
SELECT 'hold', c.team_id, c.key_id, c.id, c.model, c.tier, c.price_id, 1, p.unit_price, 0, p.unit_price, p.currency,
       c.started_at
FROM upstream_calls c JOIN prices p ON p.id = c.price_id
WHERE c.kind = 'detect' AND c.state IN ('intent', 'unknown');

-- A key budget also names the key's team, so a team's listing shows it.
ALTER TABLE budgets ADD CONSTRAINT budgets_key_names_team CHECK (scope <> 'key' OR team_id IS NOT NULL);
ALTER TABLE budgets ADD CONSTRAINT budgets_thresholds_in_range
    CHECK (0 < ALL (alert_thresholds) AND 1000 >= ALL (alert_thresholds));
ALTER TABLE budgets ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- One live budget per scope, period and time zone; `budgets set` on the same ones changes it in place.
CREATE UNIQUE INDEX budgets_one_live ON budgets (scope, coalesce(team_id, 0), coalesce(key_id, 0), period, timezone)
    WHERE deleted_at IS NULL;

-- The start of the period `at` falls in: a calendar month, ISO week (from Monday) or day in the IANA zone
-- `zone`, daylight saving time included; every lifetime budget has one period, starting at the epoch.
CREATE FUNCTION budget_period_start(period text, zone text, at timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE STRICT AS $$
    SELECT CASE period
        WHEN 'lifetime' THEN timestamptz '1970-01-01 00:00:00+00'
        ELSE date_trunc(period, at AT TIME ZONE zone) AT TIME ZONE zone
    END
$$;

-- The end of the period that starts at `start` (the next one's start); NULL for a lifetime budget.
CREATE FUNCTION budget_period_end(period text, zone text, start timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE STRICT AS $$
    SELECT CASE period
        WHEN 'lifetime' THEN NULL
        -- From the local calendar start (not the instant's local time, which differs where a zone skips
        -- midnight).
        ELSE (date_trunc(period, start AT TIME ZONE zone) + ('1 ' || period)::interval) AT TIME ZONE zone
    END
$$;

-- Alerts: one per budget, period, kind and threshold, written in the transaction that crossed the threshold
-- (or, for a refusal, right after it). Rows with a webhook form the outbox the gateway delivers from.
CREATE TABLE budget_alerts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    budget_id        bigint NOT NULL REFERENCES budgets (id),
    period_start     timestamptz NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('threshold', 'refused')),
    threshold        numeric NOT NULL,
    limit_amount     numeric NOT NULL,
    spent            numeric NOT NULL,
    held             numeric NOT NULL,
    requested        numeric,
    occurred_at      timestamptz NOT NULL DEFAULT now(),
    webhook_url      text,
    webhook_format   text NOT NULL DEFAULT 'json',
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    last_error       text,
    UNIQUE (budget_id, period_start, kind, threshold)
);
CREATE INDEX budget_alerts_to_deliver ON budget_alerts (next_attempt_at)
    WHERE delivered_at IS NULL AND webhook_url IS NOT NULL;

-- Refuses a ledger row that would take budget `b` past its limit: SQLSTATE S2VB1, with what the gateway needs
-- to tell the caller in the detail, as JSON.
CREATE FUNCTION budget_refuse(b budgets, start timestamptz, used numeric, requested numeric) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'S2VB1',
        MESSAGE = format('budget %s would be exceeded', b.id),
        DETAIL = json_build_object(
            'budget_id', b.id, 'scope', b.scope, 'team_id', b.team_id, 'key_id', b.key_id,
            'period', b.period, 'timezone', b.timezone, 'currency', b.currency,
            'period_start', to_char(start AT TIME ZONE b.timezone, 'YYYY-MM-DD"T"HH24:MI:SS'),
            'period_end', to_char(budget_period_end(b.period, b.timezone, start) AT TIME ZONE b.timezone,
                                  'YYYY-MM-DD"T"HH24:MI:SS'),
            'period_start_instant', start,
            'limit', b.limit_amount::text, 'used', used::text, 'requested', requested::text)::text;
END;
$$;

-- Applies one ledger row to every live budget it falls under. Budgets are taken in id order, so two
-- transactions never wait on each other's counters in opposite orders.
CREATE FUNCTION ledger_entries_apply_to_budgets() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    b budgets;
    start timestamptz;
    used_after numeric;
    used_before numeric;
    delta numeric := NEW.amount + NEW.held;
    threshold numeric;
BEGIN
    FOR b IN
        SELECT * FROM budgets
        WHERE deleted_at IS NULL
          AND (scope = 'global' OR (scope = 'team' AND team_id = NEW.team_id) OR (scope = 'key' AND key_id = NEW.key_id))
        ORDER BY id
    LOOP
        IF b.currency <> NEW.currency THEN
            IF delta > 0 THEN
                RAISE EXCEPTION USING ERRCODE = 'S2VB2',
                    MESSAGE = format('budget %s is kept in %s but this call is priced in %s', b.id, b.currency, NEW.currency);
            END IF;
            CONTINUE;
        END IF;
        start := budget_period_start(b.period, b.timezone, NEW.attributed_at);
        -- A budget already too full is seen without waiting for its counter's row lock, so refusals do not
        -- queue behind admissions. The check under the lock below is the one that guarantees the limit.
        IF delta > 0 THEN
            SELECT spent + held INTO used_before FROM budget_usage WHERE budget_id = b.id AND period_start = start;
            IF coalesce(used_before, 0) + delta > b.limit_amount THEN
                PERFORM budget_refuse(b, start, coalesce(used_before, 0), delta);
            END IF;
        END IF;
        UPDATE budget_usage SET spent = spent + NEW.amount, held = held + NEW.held
        WHERE budget_id = b.id AND period_start = start
        RETURNING spent + held INTO used_after;
        IF NOT FOUND THEN
            INSERT INTO budget_usage (budget_id, period_start) VALUES (b.id, start) ON CONFLICT DO NOTHING;
            UPDATE budget_usage SET spent = spent + NEW.amount, held = held + NEW.held
            WHERE budget_id = b.id AND period_start = start
            RETURNING spent + held INTO used_after;
        END IF;
        CONTINUE WHEN delta <= 0;
        used_before := used_after - delta;
        IF used_after > b.limit_amount THEN
            PERFORM budget_refuse(b, start, used_before, delta);
        END IF;
        FOREACH threshold IN ARRAY b.alert_thresholds LOOP
            IF used_before < b.limit_amount * threshold / 100 AND used_after >= b.limit_amount * threshold / 100 THEN
                INSERT INTO budget_alerts (budget_id, period_start, kind, threshold, limit_amount, spent, held,
                                           webhook_url, webhook_format)
                SELECT b.id, start, 'threshold', threshold, b.limit_amount, u.spent, u.held, b.webhook_url, b.webhook_format
                FROM budget_usage u WHERE u.budget_id = b.id AND u.period_start = start
                ON CONFLICT DO NOTHING;
            END IF;
        END LOOP;
    END LOOP;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_entries_apply_to_budgets
    AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_apply_to_budgets();

-- What every live budget's counters must be, recomputed from the ledger (`s2v-meter verify`).
CREATE VIEW budget_usage_from_ledger AS
    SELECT b.id AS budget_id, budget_period_start(b.period, b.timezone, l.attributed_at) AS period_start,
           sum(l.amount) AS spent, sum(l.held) AS held
    FROM budgets b
    JOIN ledger_entries l ON l.currency = b.currency
        AND (b.scope = 'global' OR (b.scope = 'team' AND l.team_id = b.team_id) OR (b.scope = 'key' AND l.key_id = b.key_id))
    WHERE b.deleted_at IS NULL
    GROUP BY 1, 2;

-- What the daily rollup must be, recomputed from the ledger (and the tasks' final status).
CREATE VIEW usage_daily_from_ledger AS
    SELECT (l.attributed_at AT TIME ZONE 'UTC')::date AS day, l.team_id, l.key_id, l.model, l.tier,
           count(*) FILTER (WHERE (l.kind = 'hold' AND l.task_id IS NOT NULL)
                               OR (l.kind = 'capture' AND l.task_id IS NULL) OR l.kind = 'charge') AS calls,
           coalesce(sum(l.quantity) FILTER (WHERE l.task_id IS NULL AND l.kind IN ('capture', 'charge')), 0)::bigint AS images,
           coalesce(sum(l.quantity) FILTER (WHERE l.task_id IS NOT NULL AND l.kind = 'capture'), 0) AS seconds,
           count(*) FILTER (WHERE l.kind = 'capture' AND t.status = 'SUCCEEDED') AS tasks_succeeded,
           count(*) FILTER (WHERE l.kind = 'release' AND t.status = 'FAILED') AS tasks_failed,
           sum(l.amount) AS cost
    FROM ledger_entries l LEFT JOIN tasks t ON t.id = l.task_id
    GROUP BY 1, 2, 3, 4, 5;
