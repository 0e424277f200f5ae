-- Cost attribution tags (issue 19). A call's tags are its key's default tags plus those its request adds
-- (`X-S2V-Tags`), checked and merged by S2VCore's CostTags before anything is written. They are recorded once,
-- on the call's hold, at admission; every later ledger row of the call (capture, release) copies its hold's
-- tags, so a charge always carries the tags in force when it was admitted.

-- A key's default tags, and the tag keys a team requires on every call. Both are audited like any other
-- column of their tables (admin_changes_record, before and after).
ALTER TABLE api_keys ADD COLUMN tags jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(tags) = 'object');
ALTER TABLE teams ADD COLUMN required_tag_keys text[] NOT NULL DEFAULT '{}';

-- A task keeps its tags for its settlement; the ledger rows carry them.
ALTER TABLE tasks ADD COLUMN tags jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(tags) = 'object');
ALTER TABLE ledger_entries ADD COLUMN tags jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(tags) = 'object');

-- The rollups by tag are the existing rollups with the call's whole tag set in their key: one row per distinct
-- tag set, so a report can split by any tag key, or several, and spend without a tag is still there (its value
-- is absent), never dropped. The triggers below and the verify views group by the same columns.
ALTER TABLE usage_daily ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE usage_daily DROP CONSTRAINT usage_daily_pkey;
ALTER TABLE usage_daily ADD PRIMARY KEY (day, team_id, key_id, model, tier, tags);
ALTER TABLE invoice_lines ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_pkey;
ALTER TABLE invoice_lines ADD PRIMARY KEY (month, team_id, model, tier, price_id, conservative, tags);

CREATE OR REPLACE FUNCTION ledger_entries_apply_to_usage_daily() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO usage_daily AS u (day, team_id, key_id, model, tier, tags, calls, images, seconds, tasks_succeeded,
                                  tasks_failed, cost)
    VALUES ((NEW.attributed_at AT TIME ZONE 'UTC')::date, NEW.team_id, NEW.key_id, NEW.model, NEW.tier, NEW.tags,
            d.calls, d.images, d.seconds, d.tasks_succeeded, d.tasks_failed, d.cost)
    ON CONFLICT (day, team_id, key_id, model, tier, tags) DO UPDATE SET
        calls = u.calls + EXCLUDED.calls,
        images = u.images + EXCLUDED.images,
        seconds = u.seconds + EXCLUDED.seconds,
        tasks_succeeded = u.tasks_succeeded + EXCLUDED.tasks_succeeded,
        tasks_failed = u.tasks_failed + EXCLUDED.tasks_failed,
        cost = u.cost + EXCLUDED.cost;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION ledger_entries_apply_to_invoice_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO invoice_lines AS i (month, team_id, model, tier, price_id, conservative, tags, items, quantity, amount)
    VALUES (date_trunc('month', NEW.attributed_at AT TIME ZONE 'UTC')::date, NEW.team_id, NEW.model, NEW.tier,
            NEW.price_id, NEW.conservative, NEW.tags, 1, NEW.quantity, NEW.amount)
    ON CONFLICT (month, team_id, model, tier, price_id, conservative, tags) DO UPDATE
        SET items = i.items + 1, quantity = i.quantity + EXCLUDED.quantity, amount = i.amount + EXCLUDED.amount;
    RETURN NULL;
END;
$$;

-- New columns go last in a replaced view.
CREATE OR REPLACE VIEW usage_daily_from_ledger AS
SELECT (l.attributed_at AT TIME ZONE 'UTC')::date AS day, l.team_id, l.key_id, l.model, l.tier,
       sum(d.calls)::bigint AS calls, sum(d.images)::bigint AS images, sum(d.seconds) AS seconds,
       sum(d.tasks_succeeded)::bigint AS tasks_succeeded, sum(d.tasks_failed)::bigint AS tasks_failed,
       sum(d.cost) AS cost, l.tags
FROM ledger_entries l
LEFT JOIN tasks t ON t.id = l.task_id
CROSS JOIN LATERAL usage_daily_delta(l, t.status) d
GROUP BY 1, l.team_id, l.key_id, l.model, l.tier, l.tags;

CREATE OR REPLACE VIEW invoice_lines_from_ledger AS
SELECT date_trunc('month', attributed_at AT TIME ZONE 'UTC')::date AS month, team_id, model, tier, price_id,
       conservative, count(*) AS items, sum(quantity) AS quantity, sum(amount) AS amount, tags
FROM ledger_entries
WHERE kind IN ('charge', 'capture')
GROUP BY 1, team_id, model, tier, price_id, conservative, tags;

-- Budgets on a tag: every call whose tags hold tag_key = tag_value, gateway-wide or within one team.
ALTER TABLE budgets ADD COLUMN tag_key text, ADD COLUMN tag_value text;
ALTER TABLE budgets DROP CONSTRAINT budgets_check;
ALTER TABLE budgets DROP CONSTRAINT budgets_scope_check;
ALTER TABLE budgets ADD CONSTRAINT budgets_scope_check CHECK (scope IN ('global', 'team', 'key', 'tag'));
ALTER TABLE budgets ADD CONSTRAINT budgets_check CHECK (
    CASE scope
        WHEN 'global' THEN team_id IS NULL AND key_id IS NULL
        WHEN 'team' THEN team_id IS NOT NULL AND key_id IS NULL
        WHEN 'key' THEN key_id IS NOT NULL
        WHEN 'tag' THEN key_id IS NULL
    END
    AND (scope = 'tag') = (tag_key IS NOT NULL) AND (tag_key IS NULL) = (tag_value IS NULL));
DROP INDEX budgets_one_live;
CREATE UNIQUE INDEX budgets_one_live ON budgets (scope, coalesce(team_id, 0), coalesce(key_id, 0),
                                                 coalesce(tag_key, ''), coalesce(tag_value, ''), period, timezone)
    WHERE deleted_at IS NULL;

CREATE OR REPLACE FUNCTION budget_refuse(b budgets, start timestamptz, used numeric, requested numeric)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'S2VB1',
        MESSAGE = format('budget %s would be exceeded', b.id),
        DETAIL = json_build_object(
            'budget_id', b.id, 'scope', b.scope, 'team_id', b.team_id, 'key_id', b.key_id,
            'tag_key', b.tag_key, 'tag_value', b.tag_value,
            'period', b.period, 'timezone', b.timezone, 'currency', b.currency,
            'period_start', to_char(start AT TIME ZONE b.timezone, 'YYYY-MM-DD"T"HH24:MI:SS'),
            'period_end', to_char(budget_period_end(b.period, b.timezone, start) AT TIME ZONE b.timezone,
                                  'YYYY-MM-DD"T"HH24:MI:SS'),
            'period_start_instant', start,
            'limit', b.limit_amount::text, 'used', used::text, 'requested', requested::text)::text;
END;
$$;

-- Whether a budget counts a ledger row: the one definition, used by the trigger and by the verify view.
CREATE FUNCTION budget_covers(b budgets, p_team bigint, p_key bigint, p_tags jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE b.scope
        WHEN 'global' THEN true
        WHEN 'team' THEN b.team_id = p_team
        WHEN 'key' THEN b.key_id = p_key
        WHEN 'tag' THEN p_tags ->> b.tag_key = b.tag_value AND (b.team_id IS NULL OR b.team_id = p_team)
        ELSE false
    END
$$;

CREATE OR REPLACE FUNCTION ledger_entries_apply_to_budgets() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    b budgets;
    start timestamptz;
    used_after numeric;
    used_before numeric;
    delta numeric := NEW.amount + NEW.held;
    -- A capture records what the upstream billed: it may pass a budget (another tier than admitted), never fail.
    refusable boolean := NEW.amount + NEW.held > 0 AND NEW.kind <> 'capture';
    threshold numeric;
BEGIN
    FOR b IN
        SELECT * FROM budgets c
        WHERE c.deleted_at IS NULL AND budget_covers(c, NEW.team_id, NEW.key_id, NEW.tags)
        ORDER BY c.id
    LOOP
        IF b.currency <> NEW.currency THEN
            IF refusable THEN
                RAISE EXCEPTION USING ERRCODE = 'S2VB2',
                    MESSAGE = format('budget %s is kept in %s but this call is priced in %s', b.id, b.currency, NEW.currency);
            END IF;
            CONTINUE;
        END IF;
        start := budget_period_start(b.period, b.timezone, NEW.attributed_at);
        -- A budget already too full is seen without waiting for its counter's row lock, so refusals do not
        -- queue behind admissions. The check under the lock below is the one that guarantees the limit.
        IF refusable THEN
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
        IF refusable AND used_after > b.limit_amount THEN
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

CREATE OR REPLACE VIEW budget_usage_from_ledger AS
SELECT b.id AS budget_id, budget_period_start(b.period, b.timezone, l.attributed_at) AS period_start,
       sum(l.amount) AS spent, sum(l.held) AS held
FROM budgets b
JOIN ledger_entries l ON l.currency = b.currency AND budget_covers(b, l.team_id, l.key_id, l.tags)
WHERE b.deleted_at IS NULL
GROUP BY b.id, 2;

-- An admission and a detect intent take the call's tags (checked and merged by the gateway), and write them on
-- the task and the hold.
DROP FUNCTION admit_generation(uuid, bigint, bigint, text, text, bigint, numeric, numeric, numeric, text, text);
CREATE FUNCTION admit_generation(p_task uuid, p_team bigint, p_key bigint, p_model text, p_tier text,
                                 p_price bigint, p_unit_price numeric, p_max_seconds numeric, p_hold numeric,
                                 p_currency text, p_request text, p_tags jsonb)
RETURNS timestamptz LANGUAGE plpgsql AS $$
DECLARE
    admitted timestamptz;
BEGIN
    PERFORM client_limits_take(p_team, p_key, true);
    INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request, tags)
    VALUES (p_task, p_team, p_key, p_model, p_tier, p_price, p_hold, p_request::jsonb, p_tags)
    RETURNING admitted_at INTO admitted;
    INSERT INTO dispatch_queue (task_id, team_id, model, priority, enqueued_at)
    SELECT p_task, p_team, p_model, priority, admitted FROM api_keys WHERE id = p_key;
    INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                amount, held, currency, attributed_at, tags)
    VALUES ('hold', p_team, p_key, p_task, p_model, p_tier, p_price, p_max_seconds, p_unit_price, 0, p_hold,
            p_currency, admitted, p_tags);
    RETURN admitted;
END;
$$;

DROP FUNCTION open_detect_intent(bigint, bigint, text, text, bigint, numeric, text, text, text[], bigint[], bigint);
CREATE FUNCTION open_detect_intent(p_team bigint, p_key bigint, p_model text, p_tier text, p_price bigint,
                                   p_unit_price numeric, p_currency text, p_lane text, p_accounts text[],
                                   p_spacings_us bigint[], p_max_wait_us bigint, p_tags jsonb,
                                   OUT call_id bigint, OUT account text, OUT wait interval)
LANGUAGE plpgsql AS $$
DECLARE
    started timestamptz;
    patience interval;
BEGIN
    INSERT INTO upstream_calls (kind, team_id, key_id, account, model, tier, price_id, started_at)
    VALUES ('detect', p_team, p_key, p_accounts[1], p_model, p_tier, p_price, clock_timestamp())
    RETURNING id, started_at INTO call_id, started;
    PERFORM client_limits_take(p_team, p_key, false);
    INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                unit_price, amount, held, currency, attributed_at, tags)
    VALUES ('hold', p_team, p_key, call_id, p_model, p_tier, p_price, 1, p_unit_price, 0, p_unit_price,
            p_currency, started, p_tags);
    FOREACH patience IN ARRAY ARRAY[interval '0', p_max_wait_us * interval '1 microsecond'] LOOP
        FOR i IN 1 .. coalesce(array_length(p_accounts, 1), 0) LOOP
            wait := reserve_upstream_slot(p_accounts[i], p_lane, p_spacings_us[i] * interval '1 microsecond',
                                          patience);
            IF wait IS NOT NULL THEN
                account := p_accounts[i];
                IF i > 1 THEN
                    UPDATE upstream_calls SET account = p_accounts[i] WHERE id = call_id;
                END IF;
                RETURN;
            END IF;
        END LOOP;
        EXIT WHEN p_max_wait_us = 0;
    END LOOP;
    RAISE EXCEPTION USING ERRCODE = 'S2VS1', MESSAGE = 'no upstream account has a submission slot in time';
END;
$$;
