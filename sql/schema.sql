-- s2v-meter schema: what sql/0001… build, dumped by scripts/update-schema-snapshot.sh. Do not edit;
-- change the schema with a new numbered migration.
--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: admin_changes_record(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.admin_changes_record() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    ignored   text[] := TG_ARGV[2:TG_NARGS];
    old_doc   jsonb;
    new_doc   jsonb;
    doc       jsonb;
    verb      text;
    team      bigint;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_doc := to_jsonb(OLD) - ignored; END IF;
    IF TG_OP <> 'DELETE' THEN new_doc := to_jsonb(NEW) - ignored; END IF;
    IF TG_OP = 'UPDATE' AND (old_doc - 'updated_at') = (new_doc - 'updated_at') THEN RETURN NULL; END IF;
    doc := coalesce(new_doc, old_doc);
    verb := CASE
        WHEN TG_OP = 'INSERT' THEN 'create'
        WHEN TG_OP = 'DELETE' THEN 'delete'
        WHEN old_doc->>'revoked_at' IS NULL AND new_doc->>'revoked_at' IS NOT NULL THEN 'revoke'
        WHEN old_doc->>'deleted_at' IS NULL AND new_doc->>'deleted_at' IS NOT NULL THEN 'delete'
        WHEN old_doc->>'removed_at' IS NULL AND new_doc->>'removed_at' IS NOT NULL THEN 'remove'
        ELSE 'update' END;
    team := CASE
        WHEN TG_TABLE_NAME = 'teams' THEN (doc->>'id')::bigint
        ELSE coalesce((doc->>'team_id')::bigint,
                      (SELECT k.team_id FROM api_keys k WHERE k.id = (doc->>'key_id')::bigint)) END;
    INSERT INTO admin_changes (actor, object, object_id, action, team_id, before, after)
    VALUES (coalesce(nullif(current_setting('s2v.actor', true), ''), 'sql:' || session_user),
            TG_ARGV[0], doc->>TG_ARGV[1], verb, team, old_doc, new_doc);
    RETURN NULL;
END;
$$;


--
-- Name: admit_generation(uuid, bigint, bigint, text, text, bigint, numeric, numeric, numeric, text, text, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.admit_generation(p_task uuid, p_team bigint, p_key bigint, p_model text, p_tier text, p_price bigint, p_unit_price numeric, p_max_seconds numeric, p_hold numeric, p_currency text, p_request text, p_tags jsonb) RETURNS timestamp with time zone
    LANGUAGE plpgsql
    AS $$
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


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: budgets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.budgets (
    id bigint NOT NULL,
    scope text NOT NULL,
    team_id bigint,
    key_id bigint,
    limit_amount numeric NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    period text NOT NULL,
    timezone text DEFAULT 'UTC'::text NOT NULL,
    alert_thresholds numeric[] DEFAULT '{50,80,100}'::numeric[] NOT NULL,
    webhook_url text,
    webhook_format text DEFAULT 'json'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    tag_key text,
    tag_value text,
    CONSTRAINT budgets_check CHECK ((
CASE scope
    WHEN 'global'::text THEN ((team_id IS NULL) AND (key_id IS NULL))
    WHEN 'team'::text THEN ((team_id IS NOT NULL) AND (key_id IS NULL))
    WHEN 'key'::text THEN (key_id IS NOT NULL)
    WHEN 'tag'::text THEN (key_id IS NULL)
    ELSE NULL::boolean
END AND ((scope = 'tag'::text) = (tag_key IS NOT NULL)) AND ((tag_key IS NULL) = (tag_value IS NULL)))),
    CONSTRAINT budgets_key_names_team CHECK (((scope <> 'key'::text) OR (team_id IS NOT NULL))),
    CONSTRAINT budgets_limit_amount_check CHECK ((limit_amount >= (0)::numeric)),
    CONSTRAINT budgets_period_check CHECK ((period = ANY (ARRAY['month'::text, 'week'::text, 'day'::text, 'lifetime'::text]))),
    CONSTRAINT budgets_scope_check CHECK ((scope = ANY (ARRAY['global'::text, 'team'::text, 'key'::text, 'tag'::text]))),
    CONSTRAINT budgets_thresholds_in_range CHECK ((((0)::numeric < ALL (alert_thresholds)) AND ((1000)::numeric >= ALL (alert_thresholds)))),
    CONSTRAINT budgets_webhook_format_check CHECK ((webhook_format = ANY (ARRAY['json'::text, 'slack'::text])))
);


--
-- Name: budget_covers(public.budgets, bigint, bigint, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.budget_covers(b public.budgets, p_team bigint, p_key bigint, p_tags jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT CASE b.scope
        WHEN 'global' THEN true
        WHEN 'team' THEN b.team_id = p_team
        WHEN 'key' THEN b.key_id = p_key
        WHEN 'tag' THEN p_tags ->> b.tag_key = b.tag_value AND (b.team_id IS NULL OR b.team_id = p_team)
        ELSE false
    END
$$;


--
-- Name: budget_period_end(text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.budget_period_end(period text, zone text, start timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql STABLE STRICT
    AS $$
    SELECT CASE period
        WHEN 'lifetime' THEN NULL
        -- From the local calendar start (not the instant's local time, which differs where a zone skips
        -- midnight).
        ELSE (date_trunc(period, start AT TIME ZONE zone) + ('1 ' || period)::interval) AT TIME ZONE zone
    END
$$;


--
-- Name: budget_period_start(text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.budget_period_start(period text, zone text, at timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql STABLE STRICT
    AS $$
    SELECT CASE period
        WHEN 'lifetime' THEN timestamptz '1970-01-01 00:00:00+00'
        ELSE date_trunc(period, at AT TIME ZONE zone) AT TIME ZONE zone
    END
$$;


--
-- Name: budget_refuse(public.budgets, timestamp with time zone, numeric, numeric); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.budget_refuse(b public.budgets, start timestamp with time zone, used numeric, requested numeric) RETURNS void
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: client_limit_counters_follow_task(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.client_limit_counters_follow_task() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: client_limit_counters_start(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.client_limit_counters_start() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: client_limits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.client_limits (
    id bigint NOT NULL,
    scope text NOT NULL,
    team_id bigint,
    key_id bigint,
    requests_per_second numeric,
    burst integer,
    max_active_tasks integer,
    tasks_per_day integer,
    tokens numeric DEFAULT 0 NOT NULL,
    refilled_at timestamp with time zone DEFAULT '-infinity'::timestamp with time zone NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    active_tasks integer DEFAULT 0 NOT NULL,
    tasks_day date,
    tasks_today integer DEFAULT 0 NOT NULL,
    CONSTRAINT client_limits_burst_check CHECK (((burst >= 1) AND (burst <= 1000000))),
    CONSTRAINT client_limits_check CHECK ((((scope = 'team'::text) AND (team_id IS NOT NULL) AND (key_id IS NULL)) OR ((scope = 'key'::text) AND (key_id IS NOT NULL) AND (team_id IS NULL)))),
    CONSTRAINT client_limits_check1 CHECK (((requests_per_second IS NULL) = (burst IS NULL))),
    CONSTRAINT client_limits_max_active_tasks_check CHECK ((max_active_tasks >= 0)),
    CONSTRAINT client_limits_requests_per_second_check CHECK (((requests_per_second > (0)::numeric) AND (requests_per_second <= (100000)::numeric))),
    CONSTRAINT client_limits_scope_check CHECK ((scope = ANY (ARRAY['team'::text, 'key'::text]))),
    CONSTRAINT client_limits_tasks_per_day_check CHECK ((tasks_per_day >= 0))
);


--
-- Name: client_limit_refuse(public.client_limits, text, numeric, numeric, numeric, numeric); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.client_limit_refuse(l public.client_limits, which text, lim numeric, remaining numeric, reset_seconds numeric, retry_after_seconds numeric) RETURNS void
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: client_limits_take(bigint, bigint, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.client_limits_take(p_team bigint, p_key bigint, p_task boolean) RETURNS void
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: ledger_entries_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ledger_entries_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP;
END;
$$;


--
-- Name: ledger_entries_apply_to_budgets(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ledger_entries_apply_to_budgets() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: ledger_entries_apply_to_invoice_lines(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ledger_entries_apply_to_invoice_lines() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO invoice_lines AS i (month, team_id, model, tier, price_id, conservative, tags, items, quantity, amount)
    VALUES (date_trunc('month', NEW.attributed_at AT TIME ZONE 'UTC')::date, NEW.team_id, NEW.model, NEW.tier,
            NEW.price_id, NEW.conservative, NEW.tags, 1, NEW.quantity, NEW.amount)
    ON CONFLICT (month, team_id, model, tier, price_id, conservative, tags) DO UPDATE
        SET items = i.items + 1, quantity = i.quantity + EXCLUDED.quantity, amount = i.amount + EXCLUDED.amount;
    RETURN NULL;
END;
$$;


--
-- Name: ledger_entries_apply_to_usage_daily(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ledger_entries_apply_to_usage_daily() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: notify_cached_table_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.notify_cached_table_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_notify('s2v_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;


--
-- Name: open_detect_intent(bigint, bigint, text, text, bigint, numeric, text, text, text[], bigint[], bigint, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.open_detect_intent(p_team bigint, p_key bigint, p_model text, p_tier text, p_price bigint, p_unit_price numeric, p_currency text, p_lane text, p_accounts text[], p_spacings_us bigint[], p_max_wait_us bigint, p_tags jsonb, OUT call_id bigint, OUT account text, OUT wait interval) RETURNS record
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: reserve_upstream_slot(text, text, interval, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reserve_upstream_slot(p_account text, p_lane text, p_spacing interval, p_max_wait interval) RETURNS interval
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: tasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tasks (
    id uuid NOT NULL,
    team_id bigint NOT NULL,
    key_id bigint NOT NULL,
    model text NOT NULL,
    tier text NOT NULL,
    price_id bigint NOT NULL,
    hold_amount numeric NOT NULL,
    request jsonb NOT NULL,
    phase text DEFAULT 'admitted'::text NOT NULL,
    status text DEFAULT 'PENDING'::text NOT NULL,
    upstream_account text,
    upstream_task_id text,
    upstream_output jsonb,
    upstream_usage jsonb,
    error_code text,
    error_message text,
    admitted_at timestamp with time zone DEFAULT now() NOT NULL,
    submitted_at timestamp with time zone,
    finished_at timestamp with time zone,
    settled_at timestamp with time zone,
    next_poll_at timestamp with time zone,
    needs_review boolean DEFAULT false NOT NULL,
    tags jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT tasks_hold_amount_check CHECK ((hold_amount > (0)::numeric)),
    CONSTRAINT tasks_phase_check CHECK ((phase = ANY (ARRAY['admitted'::text, 'submitting'::text, 'submitted'::text, 'running'::text, 'settled'::text]))),
    CONSTRAINT tasks_status_check CHECK ((status = ANY (ARRAY['PENDING'::text, 'RUNNING'::text, 'SUCCEEDED'::text, 'FAILED'::text, 'CANCELED'::text, 'UNKNOWN'::text]))),
    CONSTRAINT tasks_tags_check CHECK ((jsonb_typeof(tags) = 'object'::text))
);


--
-- Name: task_output(public.tasks); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.task_output(t public.tasks) RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
    SELECT coalesce(t.upstream_output, '{}'::jsonb)
        || CASE WHEN t.upstream_output ? 'submit_time' THEN '{}'::jsonb
                ELSE jsonb_build_object('submit_time',
                     to_char(t.admitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS.MS')) END
        || jsonb_build_object('task_id', t.id::text, 'task_status', t.status)
$$;


--
-- Name: ledger_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ledger_entries (
    id bigint NOT NULL,
    kind text NOT NULL,
    team_id bigint NOT NULL,
    key_id bigint NOT NULL,
    task_id uuid,
    upstream_call_id bigint,
    model text NOT NULL,
    tier text NOT NULL,
    price_id bigint NOT NULL,
    quantity numeric NOT NULL,
    unit_price numeric NOT NULL,
    amount numeric NOT NULL,
    held numeric NOT NULL,
    currency text NOT NULL,
    attributed_at timestamp with time zone NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    conservative boolean DEFAULT false NOT NULL,
    tags jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT ledger_entries_amount_check CHECK ((amount >= (0)::numeric)),
    CONSTRAINT ledger_entries_check1 CHECK (
CASE kind
    WHEN 'charge'::text THEN (held = (0)::numeric)
    WHEN 'hold'::text THEN ((amount = (0)::numeric) AND (held > (0)::numeric))
    WHEN 'capture'::text THEN (held < (0)::numeric)
    WHEN 'release'::text THEN ((amount = (0)::numeric) AND (held < (0)::numeric))
    ELSE NULL::boolean
END),
    CONSTRAINT ledger_entries_kind_check CHECK ((kind = ANY (ARRAY['charge'::text, 'hold'::text, 'capture'::text, 'release'::text]))),
    CONSTRAINT ledger_entries_quantity_check CHECK ((quantity >= (0)::numeric)),
    CONSTRAINT ledger_entries_subject CHECK (((kind = 'charge'::text) OR (task_id IS NOT NULL) OR (upstream_call_id IS NOT NULL))),
    CONSTRAINT ledger_entries_tags_check CHECK ((jsonb_typeof(tags) = 'object'::text)),
    CONSTRAINT ledger_entries_unit_price_check CHECK ((unit_price > (0)::numeric))
);


--
-- Name: usage_daily_delta(public.ledger_entries, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.usage_daily_delta(l public.ledger_entries, task_status text, OUT calls bigint, OUT images bigint, OUT seconds numeric, OUT tasks_succeeded bigint, OUT tasks_failed bigint, OUT cost numeric) RETURNS record
    LANGUAGE plpgsql IMMUTABLE
    AS $$
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


--
-- Name: account_model_limits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_model_limits (
    account text NOT NULL,
    model text NOT NULL,
    submissions_per_second integer,
    max_concurrent_tasks integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_model_limits_check CHECK (((submissions_per_second IS NOT NULL) OR (max_concurrent_tasks IS NOT NULL))),
    CONSTRAINT account_model_limits_max_concurrent_tasks_check CHECK (((max_concurrent_tasks >= 1) AND (max_concurrent_tasks <= 1000))),
    CONSTRAINT account_model_limits_submissions_per_second_check CHECK (((submissions_per_second >= 1) AND (submissions_per_second <= 1000)))
);


--
-- Name: admin_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_changes (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor text NOT NULL,
    object text NOT NULL,
    object_id text NOT NULL,
    action text NOT NULL,
    team_id bigint,
    before jsonb,
    after jsonb,
    CONSTRAINT admin_changes_action_check CHECK ((action = ANY (ARRAY['create'::text, 'update'::text, 'delete'::text, 'revoke'::text, 'remove'::text]))),
    CONSTRAINT admin_changes_object_check CHECK ((object = ANY (ARRAY['team'::text, 'key'::text, 'budget'::text, 'price'::text, 'limit'::text, 'account'::text, 'model'::text])))
);


--
-- Name: admin_changes_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.admin_changes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.admin_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id bigint NOT NULL,
    team_id bigint,
    is_admin boolean DEFAULT false NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    prefix text NOT NULL,
    key_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    revoked_at timestamp with time zone,
    priority integer DEFAULT 0 NOT NULL,
    tags jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT api_keys_check CHECK ((is_admin OR (team_id IS NOT NULL))),
    CONSTRAINT api_keys_key_hash_check CHECK ((octet_length(key_hash) = 32)),
    CONSTRAINT api_keys_priority_check CHECK (((priority >= '-100'::integer) AND (priority <= 100))),
    CONSTRAINT api_keys_tags_check CHECK ((jsonb_typeof(tags) = 'object'::text))
);


--
-- Name: api_keys_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.api_keys ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.api_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: budget_alerts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.budget_alerts (
    id bigint NOT NULL,
    event_id uuid DEFAULT gen_random_uuid() NOT NULL,
    budget_id bigint NOT NULL,
    period_start timestamp with time zone NOT NULL,
    kind text NOT NULL,
    threshold numeric NOT NULL,
    limit_amount numeric NOT NULL,
    spent numeric NOT NULL,
    held numeric NOT NULL,
    requested numeric,
    occurred_at timestamp with time zone DEFAULT now() NOT NULL,
    webhook_url text,
    webhook_format text DEFAULT 'json'::text NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT now() NOT NULL,
    delivered_at timestamp with time zone,
    last_error text,
    CONSTRAINT budget_alerts_kind_check CHECK ((kind = ANY (ARRAY['threshold'::text, 'refused'::text])))
);


--
-- Name: budget_alerts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.budget_alerts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.budget_alerts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: budget_usage; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.budget_usage (
    budget_id bigint NOT NULL,
    period_start timestamp with time zone NOT NULL,
    spent numeric DEFAULT 0 NOT NULL,
    held numeric DEFAULT 0 NOT NULL,
    CONSTRAINT budget_usage_held_check CHECK ((held >= (0)::numeric)),
    CONSTRAINT budget_usage_spent_check CHECK ((spent >= (0)::numeric))
);


--
-- Name: budget_usage_from_ledger; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.budget_usage_from_ledger AS
 SELECT b.id AS budget_id,
    public.budget_period_start(b.period, b.timezone, l.attributed_at) AS period_start,
    sum(l.amount) AS spent,
    sum(l.held) AS held
   FROM (public.budgets b
     JOIN public.ledger_entries l ON (((l.currency = b.currency) AND public.budget_covers(b.*, l.team_id, l.key_id, l.tags))))
  WHERE (b.deleted_at IS NULL)
  GROUP BY b.id, (public.budget_period_start(b.period, b.timezone, l.attributed_at));


--
-- Name: budgets_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.budgets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.budgets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: call_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.call_log (
    id bigint NOT NULL,
    request_id uuid NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    key_id bigint,
    team_id bigint,
    method text NOT NULL,
    endpoint text NOT NULL,
    model text,
    tier text,
    upstream_request_id text,
    task_id uuid,
    http_status integer NOT NULL,
    error_code text,
    latency_us bigint NOT NULL,
    cost numeric DEFAULT 0 NOT NULL,
    CONSTRAINT call_log_cost_check CHECK ((cost >= (0)::numeric)),
    CONSTRAINT call_log_latency_us_check CHECK ((latency_us >= 0))
);


--
-- Name: call_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.call_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.call_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: client_limit_counters_from_tasks; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.client_limit_counters_from_tasks AS
 SELECT l.id,
    (( SELECT count(*) AS count
           FROM public.tasks t
          WHERE ((((l.scope = 'team'::text) AND (t.team_id = l.team_id)) OR ((l.scope = 'key'::text) AND (t.key_id = l.key_id))) AND (t.phase = ANY (ARRAY['admitted'::text, 'submitting'::text, 'submitted'::text, 'running'::text])))))::integer AS active_tasks,
    l.tasks_day,
    (( SELECT count(*) AS count
           FROM public.tasks t
          WHERE ((((l.scope = 'team'::text) AND (t.team_id = l.team_id)) OR ((l.scope = 'key'::text) AND (t.key_id = l.key_id))) AND (t.admitted_at >= ((l.tasks_day)::timestamp without time zone AT TIME ZONE 'UTC'::text)) AND (t.admitted_at < (((l.tasks_day + 1))::timestamp without time zone AT TIME ZONE 'UTC'::text)))))::integer AS tasks_today
   FROM public.client_limits l;


--
-- Name: client_limits_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.client_limits ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.client_limits_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: dashboard_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dashboard_sessions (
    token_hash bytea NOT NULL,
    key_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT dashboard_sessions_check CHECK ((expires_at > created_at)),
    CONSTRAINT dashboard_sessions_token_hash_check CHECK ((octet_length(token_hash) = 32))
);


--
-- Name: dispatch_queue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dispatch_queue (
    task_id uuid NOT NULL,
    team_id bigint NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
    not_before timestamp with time zone DEFAULT now() NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    model text NOT NULL
);


--
-- Name: invoice_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.invoice_lines (
    month date NOT NULL,
    team_id bigint NOT NULL,
    model text NOT NULL,
    tier text NOT NULL,
    price_id bigint NOT NULL,
    conservative boolean NOT NULL,
    items bigint DEFAULT 0 NOT NULL,
    quantity numeric DEFAULT 0 NOT NULL,
    amount numeric DEFAULT 0 NOT NULL,
    tags jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT invoice_lines_month_check CHECK ((EXTRACT(day FROM month) = (1)::numeric))
);


--
-- Name: invoice_lines_from_ledger; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.invoice_lines_from_ledger AS
 SELECT (date_trunc('month'::text, (ledger_entries.attributed_at AT TIME ZONE 'UTC'::text)))::date AS month,
    ledger_entries.team_id,
    ledger_entries.model,
    ledger_entries.tier,
    ledger_entries.price_id,
    ledger_entries.conservative,
    count(*) AS items,
    sum(ledger_entries.quantity) AS quantity,
    sum(ledger_entries.amount) AS amount,
    ledger_entries.tags
   FROM public.ledger_entries
  WHERE (ledger_entries.kind = ANY (ARRAY['charge'::text, 'capture'::text]))
  GROUP BY ((date_trunc('month'::text, (ledger_entries.attributed_at AT TIME ZONE 'UTC'::text)))::date), ledger_entries.team_id, ledger_entries.model, ledger_entries.tier, ledger_entries.price_id, ledger_entries.conservative, ledger_entries.tags;


--
-- Name: ledger_entries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.ledger_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.ledger_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: models; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.models (
    model text NOT NULL,
    kind text NOT NULL,
    max_billable_seconds numeric,
    endpoint text NOT NULL,
    inputs jsonb DEFAULT '{}'::jsonb NOT NULL,
    parameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    tier_source text DEFAULT 'none'::text NOT NULL,
    tier_field text,
    default_tier text,
    billed_usage_fields text[] DEFAULT '{}'::text[] NOT NULL,
    reported_tier_field text,
    verdict_field text,
    submissions_per_second integer DEFAULT 5 NOT NULL,
    max_concurrent_tasks integer,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT models_check CHECK (((kind = 'generation'::text) = (max_billable_seconds IS NOT NULL))),
    CONSTRAINT models_endpoint CHECK ((endpoint =
CASE kind
    WHEN 'detect'::text THEN 'image2video/face-detect'::text
    ELSE 'image2video/video-synthesis'::text
END)),
    CONSTRAINT models_generation_shape CHECK ((((kind = 'generation'::text) = (max_concurrent_tasks IS NOT NULL)) AND ((kind = 'generation'::text) = (cardinality(billed_usage_fields) > 0)) AND ((kind = 'detect'::text) = (verdict_field IS NOT NULL)))),
    CONSTRAINT models_inputs_check CHECK ((jsonb_typeof(inputs) = 'object'::text)),
    CONSTRAINT models_kind_check CHECK ((kind = ANY (ARRAY['detect'::text, 'generation'::text]))),
    CONSTRAINT models_max_billable_seconds_check CHECK ((max_billable_seconds > (0)::numeric)),
    CONSTRAINT models_max_concurrent_tasks_check CHECK (((max_concurrent_tasks >= 1) AND (max_concurrent_tasks <= 1000))),
    CONSTRAINT models_name CHECK ((model ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'::text)),
    CONSTRAINT models_parameters_check CHECK ((jsonb_typeof(parameters) = 'object'::text)),
    CONSTRAINT models_submissions_per_second_check CHECK (((submissions_per_second >= 1) AND (submissions_per_second <= 1000))),
    CONSTRAINT models_tier_shape CHECK (
CASE tier_source
    WHEN 'none'::text THEN ((tier_field IS NULL) AND (default_tier IS NULL))
    WHEN 'parameter'::text THEN ((tier_field IS NOT NULL) AND (kind = 'generation'::text))
    WHEN 'box_ratio'::text THEN ((tier_field IS NOT NULL) AND (default_tier IS NULL) AND (kind = 'generation'::text))
    ELSE NULL::boolean
END),
    CONSTRAINT models_tier_source_check CHECK ((tier_source = ANY (ARRAY['none'::text, 'parameter'::text, 'box_ratio'::text])))
);


--
-- Name: prices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.prices (
    id bigint NOT NULL,
    model text NOT NULL,
    tier text DEFAULT ''::text NOT NULL,
    unit text NOT NULL,
    unit_price numeric NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    effective_from timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    CONSTRAINT prices_currency_check CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT prices_unit_check CHECK ((unit = ANY (ARRAY['image'::text, 'second'::text]))),
    CONSTRAINT prices_unit_price_check CHECK ((unit_price > (0)::numeric))
);


--
-- Name: prices_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.prices ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.prices_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: teams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.teams (
    id bigint NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    required_tag_keys text[] DEFAULT '{}'::text[] NOT NULL,
    CONSTRAINT teams_name_check CHECK ((name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'::text))
);


--
-- Name: teams_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.teams ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.teams_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: upstream_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.upstream_accounts (
    name text NOT NULL,
    key_env text,
    key_file text,
    submissions_per_second integer,
    max_in_flight integer,
    queries_per_second integer DEFAULT 20 NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    removed_at timestamp with time zone,
    CONSTRAINT upstream_accounts_check CHECK (((key_env IS NULL) <> (key_file IS NULL))),
    CONSTRAINT upstream_accounts_key_env_check CHECK ((key_env ~ '^[A-Za-z_][A-Za-z0-9_]*$'::text)),
    CONSTRAINT upstream_accounts_key_file_check CHECK ((key_file ~~ '/%'::text)),
    CONSTRAINT upstream_accounts_max_in_flight_check CHECK (((max_in_flight >= 1) AND (max_in_flight <= 1000))),
    CONSTRAINT upstream_accounts_name_check CHECK ((name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$'::text)),
    CONSTRAINT upstream_accounts_queries_per_second_check CHECK (((queries_per_second >= 1) AND (queries_per_second <= 1000))),
    CONSTRAINT upstream_accounts_submissions_per_second_check CHECK (((submissions_per_second >= 1) AND (submissions_per_second <= 1000)))
);


--
-- Name: upstream_calls; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.upstream_calls (
    id bigint NOT NULL,
    kind text NOT NULL,
    task_id uuid,
    team_id bigint NOT NULL,
    key_id bigint NOT NULL,
    account text NOT NULL,
    state text DEFAULT 'intent'::text NOT NULL,
    upstream_request_id text,
    http_status integer,
    error_code text,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    model text,
    tier text,
    price_id bigint,
    CONSTRAINT upstream_calls_kind_check CHECK ((kind = ANY (ARRAY['detect'::text, 'submit'::text, 'cancel'::text]))),
    CONSTRAINT upstream_calls_state_check CHECK ((state = ANY (ARRAY['intent'::text, 'succeeded'::text, 'failed'::text, 'unknown'::text, 'resolved'::text, 'unresolved'::text])))
);


--
-- Name: upstream_calls_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.upstream_calls ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.upstream_calls_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: upstream_pacing; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.upstream_pacing (
    account text NOT NULL,
    lane text NOT NULL,
    next_at timestamp with time zone NOT NULL
);


--
-- Name: usage_daily; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.usage_daily (
    day date NOT NULL,
    team_id bigint NOT NULL,
    key_id bigint NOT NULL,
    model text NOT NULL,
    tier text NOT NULL,
    calls bigint DEFAULT 0 NOT NULL,
    images bigint DEFAULT 0 NOT NULL,
    seconds numeric DEFAULT 0 NOT NULL,
    tasks_succeeded bigint DEFAULT 0 NOT NULL,
    tasks_failed bigint DEFAULT 0 NOT NULL,
    cost numeric DEFAULT 0 NOT NULL,
    tags jsonb DEFAULT '{}'::jsonb NOT NULL
);


--
-- Name: usage_daily_from_ledger; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.usage_daily_from_ledger AS
 SELECT ((l.attributed_at AT TIME ZONE 'UTC'::text))::date AS day,
    l.team_id,
    l.key_id,
    l.model,
    l.tier,
    (sum(d.calls))::bigint AS calls,
    (sum(d.images))::bigint AS images,
    sum(d.seconds) AS seconds,
    (sum(d.tasks_succeeded))::bigint AS tasks_succeeded,
    (sum(d.tasks_failed))::bigint AS tasks_failed,
    sum(d.cost) AS cost,
    l.tags
   FROM ((public.ledger_entries l
     LEFT JOIN public.tasks t ON ((t.id = l.task_id)))
     CROSS JOIN LATERAL public.usage_daily_delta(l.*, t.status) d(calls, images, seconds, tasks_succeeded, tasks_failed, cost))
  GROUP BY (((l.attributed_at AT TIME ZONE 'UTC'::text))::date), l.team_id, l.key_id, l.model, l.tier, l.tags;


--
-- Name: account_model_limits account_model_limits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_model_limits
    ADD CONSTRAINT account_model_limits_pkey PRIMARY KEY (account, model);


--
-- Name: admin_changes admin_changes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_changes
    ADD CONSTRAINT admin_changes_pkey PRIMARY KEY (id);


--
-- Name: api_keys api_keys_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: budget_alerts budget_alerts_budget_id_period_start_kind_threshold_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_alerts
    ADD CONSTRAINT budget_alerts_budget_id_period_start_kind_threshold_key UNIQUE (budget_id, period_start, kind, threshold);


--
-- Name: budget_alerts budget_alerts_event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_alerts
    ADD CONSTRAINT budget_alerts_event_id_key UNIQUE (event_id);


--
-- Name: budget_alerts budget_alerts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_alerts
    ADD CONSTRAINT budget_alerts_pkey PRIMARY KEY (id);


--
-- Name: budget_usage budget_usage_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_usage
    ADD CONSTRAINT budget_usage_pkey PRIMARY KEY (budget_id, period_start);


--
-- Name: budgets budgets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budgets
    ADD CONSTRAINT budgets_pkey PRIMARY KEY (id);


--
-- Name: call_log call_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_log
    ADD CONSTRAINT call_log_pkey PRIMARY KEY (id);


--
-- Name: client_limits client_limits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client_limits
    ADD CONSTRAINT client_limits_pkey PRIMARY KEY (id);


--
-- Name: dashboard_sessions dashboard_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dashboard_sessions
    ADD CONSTRAINT dashboard_sessions_pkey PRIMARY KEY (token_hash);


--
-- Name: dispatch_queue dispatch_queue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_queue
    ADD CONSTRAINT dispatch_queue_pkey PRIMARY KEY (task_id);


--
-- Name: invoice_lines invoice_lines_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice_lines
    ADD CONSTRAINT invoice_lines_pkey PRIMARY KEY (month, team_id, model, tier, price_id, conservative, tags);


--
-- Name: ledger_entries ledger_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_pkey PRIMARY KEY (id);


--
-- Name: models models_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.models
    ADD CONSTRAINT models_pkey PRIMARY KEY (model);


--
-- Name: prices prices_model_tier_effective_from_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_model_tier_effective_from_key UNIQUE (model, tier, effective_from);


--
-- Name: prices prices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_pkey PRIMARY KEY (id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: tasks tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_pkey PRIMARY KEY (id);


--
-- Name: tasks tasks_upstream_account_upstream_task_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_upstream_account_upstream_task_id_key UNIQUE (upstream_account, upstream_task_id);


--
-- Name: teams teams_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_name_key UNIQUE (name);


--
-- Name: teams teams_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);


--
-- Name: upstream_accounts upstream_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_accounts
    ADD CONSTRAINT upstream_accounts_pkey PRIMARY KEY (name);


--
-- Name: upstream_calls upstream_calls_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_calls
    ADD CONSTRAINT upstream_calls_pkey PRIMARY KEY (id);


--
-- Name: upstream_pacing upstream_pacing_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_pacing
    ADD CONSTRAINT upstream_pacing_pkey PRIMARY KEY (account, lane);


--
-- Name: usage_daily usage_daily_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.usage_daily
    ADD CONSTRAINT usage_daily_pkey PRIMARY KEY (day, team_id, key_id, model, tier, tags);


--
-- Name: admin_changes_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_changes_at ON public.admin_changes USING btree (at);


--
-- Name: admin_changes_team; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_changes_team ON public.admin_changes USING btree (team_id, id);


--
-- Name: api_keys_team; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_keys_team ON public.api_keys USING btree (team_id);


--
-- Name: budget_alerts_to_deliver; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX budget_alerts_to_deliver ON public.budget_alerts USING btree (next_attempt_at) WHERE ((delivered_at IS NULL) AND (webhook_url IS NOT NULL));


--
-- Name: budgets_one_live; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX budgets_one_live ON public.budgets USING btree (scope, COALESCE(team_id, (0)::bigint), COALESCE(key_id, (0)::bigint), COALESCE(tag_key, ''::text), COALESCE(tag_value, ''::text), period, timezone) WHERE (deleted_at IS NULL);


--
-- Name: call_log_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_log_at ON public.call_log USING btree (at);


--
-- Name: call_log_key_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_log_key_id ON public.call_log USING btree (key_id, id);


--
-- Name: call_log_refusals; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_log_refusals ON public.call_log USING btree (id) WHERE ((http_status >= 400) OR (error_code IS NOT NULL));


--
-- Name: call_log_refusals_team; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_log_refusals_team ON public.call_log USING btree (team_id, id) WHERE ((http_status >= 400) OR (error_code IS NOT NULL));


--
-- Name: call_log_task; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_log_task ON public.call_log USING btree (task_id) WHERE (task_id IS NOT NULL);


--
-- Name: call_log_team_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_log_team_at ON public.call_log USING btree (team_id, at);


--
-- Name: call_log_team_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_log_team_id ON public.call_log USING btree (team_id, id);


--
-- Name: client_limits_one_per_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX client_limits_one_per_key ON public.client_limits USING btree (key_id) WHERE (scope = 'key'::text);


--
-- Name: client_limits_one_per_team; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX client_limits_one_per_team ON public.client_limits USING btree (team_id) WHERE (scope = 'team'::text);


--
-- Name: dashboard_sessions_expires; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dashboard_sessions_expires ON public.dashboard_sessions USING btree (expires_at);


--
-- Name: dashboard_sessions_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dashboard_sessions_key ON public.dashboard_sessions USING btree (key_id);


--
-- Name: dispatch_queue_order; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX dispatch_queue_order ON public.dispatch_queue USING btree (team_id, priority DESC, enqueued_at);


--
-- Name: ledger_key_attributed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_key_attributed ON public.ledger_entries USING btree (key_id, attributed_at);


--
-- Name: ledger_one_charge_per_call; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_one_charge_per_call ON public.ledger_entries USING btree (upstream_call_id) WHERE (kind = 'charge'::text);


--
-- Name: ledger_one_hold_per_call; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_one_hold_per_call ON public.ledger_entries USING btree (upstream_call_id) WHERE ((kind = 'hold'::text) AND (task_id IS NULL));


--
-- Name: ledger_one_hold_per_task; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_one_hold_per_task ON public.ledger_entries USING btree (task_id) WHERE (kind = 'hold'::text);


--
-- Name: ledger_one_settlement_per_call; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_one_settlement_per_call ON public.ledger_entries USING btree (upstream_call_id) WHERE ((kind = ANY (ARRAY['capture'::text, 'release'::text])) AND (task_id IS NULL));


--
-- Name: ledger_one_settlement_per_task; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ledger_one_settlement_per_task ON public.ledger_entries USING btree (task_id) WHERE (kind = ANY (ARRAY['capture'::text, 'release'::text]));


--
-- Name: ledger_team_attributed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ledger_team_attributed ON public.ledger_entries USING btree (team_id, attributed_at);


--
-- Name: tasks_active_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_active_key ON public.tasks USING btree (key_id) WHERE (phase = ANY (ARRAY['admitted'::text, 'submitting'::text, 'submitted'::text, 'running'::text]));


--
-- Name: tasks_active_team; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_active_team ON public.tasks USING btree (team_id) WHERE (phase = ANY (ARRAY['admitted'::text, 'submitting'::text, 'submitted'::text, 'running'::text]));


--
-- Name: tasks_in_flight; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_in_flight ON public.tasks USING btree (upstream_account) WHERE (phase = ANY (ARRAY['submitting'::text, 'submitted'::text, 'running'::text]));


--
-- Name: tasks_key_admitted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_key_admitted ON public.tasks USING btree (key_id, admitted_at);


--
-- Name: tasks_needing_review; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_needing_review ON public.tasks USING btree (admitted_at) WHERE needs_review;


--
-- Name: tasks_team_admitted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_team_admitted ON public.tasks USING btree (team_id, admitted_at DESC);


--
-- Name: tasks_team_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_team_id ON public.tasks USING btree (team_id, id);


--
-- Name: tasks_to_poll; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX tasks_to_poll ON public.tasks USING btree (next_poll_at) WHERE (phase = ANY (ARRAY['submitted'::text, 'running'::text]));


--
-- Name: upstream_calls_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX upstream_calls_open ON public.upstream_calls USING btree (started_at) WHERE (state = ANY (ARRAY['intent'::text, 'unknown'::text]));


--
-- Name: upstream_calls_open_submits; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX upstream_calls_open_submits ON public.upstream_calls USING btree (account, started_at) WHERE ((kind = 'submit'::text) AND (state = ANY (ARRAY['intent'::text, 'unknown'::text])));


--
-- Name: upstream_calls_team_submits; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX upstream_calls_team_submits ON public.upstream_calls USING btree (team_id, started_at) WHERE (kind = 'submit'::text);


--
-- Name: upstream_calls_unresolved; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX upstream_calls_unresolved ON public.upstream_calls USING btree (finished_at DESC) WHERE (state = 'unresolved'::text);


--
-- Name: account_model_limits account_model_limits_audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER account_model_limits_audit AFTER INSERT OR DELETE OR UPDATE ON public.account_model_limits FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('account', 'account');


--
-- Name: admin_changes admin_changes_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER admin_changes_append_only BEFORE DELETE OR UPDATE ON public.admin_changes FOR EACH ROW EXECUTE FUNCTION public.ledger_entries_append_only();


--
-- Name: admin_changes admin_changes_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER admin_changes_no_truncate BEFORE TRUNCATE ON public.admin_changes FOR EACH STATEMENT EXECUTE FUNCTION public.ledger_entries_append_only();


--
-- Name: api_keys api_keys_admin_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER api_keys_admin_changes AFTER INSERT OR DELETE OR UPDATE ON public.api_keys FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('key', 'id', 'key_hash');


--
-- Name: api_keys api_keys_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER api_keys_notify AFTER INSERT OR DELETE OR UPDATE ON public.api_keys FOR EACH STATEMENT EXECUTE FUNCTION public.notify_cached_table_change();


--
-- Name: budgets budgets_admin_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER budgets_admin_changes AFTER INSERT OR DELETE OR UPDATE ON public.budgets FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('budget', 'id');


--
-- Name: client_limits client_limits_admin_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER client_limits_admin_changes AFTER INSERT OR DELETE OR UPDATE ON public.client_limits FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('limit', 'id', 'tokens', 'refilled_at', 'active_tasks', 'tasks_day', 'tasks_today');


--
-- Name: client_limits client_limits_count_tasks; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER client_limits_count_tasks AFTER INSERT ON public.client_limits FOR EACH ROW EXECUTE FUNCTION public.client_limit_counters_start();


--
-- Name: ledger_entries ledger_entries_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_entries_append_only BEFORE DELETE OR UPDATE ON public.ledger_entries FOR EACH ROW EXECUTE FUNCTION public.ledger_entries_append_only();


--
-- Name: ledger_entries ledger_entries_apply_to_budgets; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_entries_apply_to_budgets AFTER INSERT ON public.ledger_entries FOR EACH ROW EXECUTE FUNCTION public.ledger_entries_apply_to_budgets();


--
-- Name: ledger_entries ledger_entries_apply_to_invoice_lines; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_entries_apply_to_invoice_lines AFTER INSERT ON public.ledger_entries FOR EACH ROW WHEN ((new.kind = ANY (ARRAY['charge'::text, 'capture'::text]))) EXECUTE FUNCTION public.ledger_entries_apply_to_invoice_lines();


--
-- Name: ledger_entries ledger_entries_apply_to_usage_daily; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_entries_apply_to_usage_daily AFTER INSERT ON public.ledger_entries FOR EACH ROW EXECUTE FUNCTION public.ledger_entries_apply_to_usage_daily();


--
-- Name: ledger_entries ledger_entries_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON public.ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION public.ledger_entries_append_only();


--
-- Name: models models_audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER models_audit AFTER INSERT OR DELETE OR UPDATE ON public.models FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('model', 'model');


--
-- Name: models models_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER models_notify AFTER INSERT OR DELETE OR UPDATE ON public.models FOR EACH STATEMENT EXECUTE FUNCTION public.notify_cached_table_change();


--
-- Name: prices prices_admin_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER prices_admin_changes AFTER INSERT OR DELETE OR UPDATE ON public.prices FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('price', 'id');


--
-- Name: prices prices_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER prices_notify AFTER INSERT OR DELETE OR UPDATE ON public.prices FOR EACH STATEMENT EXECUTE FUNCTION public.notify_cached_table_change();


--
-- Name: tasks tasks_client_limit_counters; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tasks_client_limit_counters AFTER INSERT OR UPDATE OF phase ON public.tasks FOR EACH ROW EXECUTE FUNCTION public.client_limit_counters_follow_task();


--
-- Name: teams teams_admin_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER teams_admin_changes AFTER INSERT OR DELETE OR UPDATE ON public.teams FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('team', 'id');


--
-- Name: teams teams_notify; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER teams_notify AFTER INSERT OR DELETE OR UPDATE ON public.teams FOR EACH STATEMENT EXECUTE FUNCTION public.notify_cached_table_change();


--
-- Name: upstream_accounts upstream_accounts_admin_changes; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER upstream_accounts_admin_changes AFTER INSERT OR DELETE OR UPDATE ON public.upstream_accounts FOR EACH ROW EXECUTE FUNCTION public.admin_changes_record('account', 'name');


--
-- Name: account_model_limits account_model_limits_account_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_model_limits
    ADD CONSTRAINT account_model_limits_account_fkey FOREIGN KEY (account) REFERENCES public.upstream_accounts(name);


--
-- Name: account_model_limits account_model_limits_model_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_model_limits
    ADD CONSTRAINT account_model_limits_model_fkey FOREIGN KEY (model) REFERENCES public.models(model);


--
-- Name: admin_changes admin_changes_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_changes
    ADD CONSTRAINT admin_changes_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: api_keys api_keys_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: budget_alerts budget_alerts_budget_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_alerts
    ADD CONSTRAINT budget_alerts_budget_id_fkey FOREIGN KEY (budget_id) REFERENCES public.budgets(id);


--
-- Name: budget_usage budget_usage_budget_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budget_usage
    ADD CONSTRAINT budget_usage_budget_id_fkey FOREIGN KEY (budget_id) REFERENCES public.budgets(id);


--
-- Name: budgets budgets_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budgets
    ADD CONSTRAINT budgets_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: budgets budgets_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.budgets
    ADD CONSTRAINT budgets_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: call_log call_log_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_log
    ADD CONSTRAINT call_log_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: call_log call_log_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_log
    ADD CONSTRAINT call_log_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: client_limits client_limits_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client_limits
    ADD CONSTRAINT client_limits_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: client_limits client_limits_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.client_limits
    ADD CONSTRAINT client_limits_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: dashboard_sessions dashboard_sessions_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dashboard_sessions
    ADD CONSTRAINT dashboard_sessions_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: dispatch_queue dispatch_queue_model_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_queue
    ADD CONSTRAINT dispatch_queue_model_fkey FOREIGN KEY (model) REFERENCES public.models(model);


--
-- Name: dispatch_queue dispatch_queue_task_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_queue
    ADD CONSTRAINT dispatch_queue_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.tasks(id);


--
-- Name: dispatch_queue dispatch_queue_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dispatch_queue
    ADD CONSTRAINT dispatch_queue_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: invoice_lines invoice_lines_price_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice_lines
    ADD CONSTRAINT invoice_lines_price_id_fkey FOREIGN KEY (price_id) REFERENCES public.prices(id);


--
-- Name: invoice_lines invoice_lines_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.invoice_lines
    ADD CONSTRAINT invoice_lines_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: ledger_entries ledger_entries_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: ledger_entries ledger_entries_model_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_model_fkey FOREIGN KEY (model) REFERENCES public.models(model);


--
-- Name: ledger_entries ledger_entries_price_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_price_id_fkey FOREIGN KEY (price_id) REFERENCES public.prices(id);


--
-- Name: ledger_entries ledger_entries_task_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.tasks(id);


--
-- Name: ledger_entries ledger_entries_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: ledger_entries ledger_entries_upstream_call_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ledger_entries
    ADD CONSTRAINT ledger_entries_upstream_call_id_fkey FOREIGN KEY (upstream_call_id) REFERENCES public.upstream_calls(id);


--
-- Name: prices prices_model_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_model_fkey FOREIGN KEY (model) REFERENCES public.models(model);


--
-- Name: tasks tasks_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: tasks tasks_model_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_model_fkey FOREIGN KEY (model) REFERENCES public.models(model);


--
-- Name: tasks tasks_price_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_price_id_fkey FOREIGN KEY (price_id) REFERENCES public.prices(id);


--
-- Name: tasks tasks_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: upstream_calls upstream_calls_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_calls
    ADD CONSTRAINT upstream_calls_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: upstream_calls upstream_calls_model_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_calls
    ADD CONSTRAINT upstream_calls_model_fkey FOREIGN KEY (model) REFERENCES public.models(model);


--
-- Name: upstream_calls upstream_calls_price_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_calls
    ADD CONSTRAINT upstream_calls_price_id_fkey FOREIGN KEY (price_id) REFERENCES public.prices(id);


--
-- Name: upstream_calls upstream_calls_task_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_calls
    ADD CONSTRAINT upstream_calls_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.tasks(id);


--
-- Name: upstream_calls upstream_calls_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upstream_calls
    ADD CONSTRAINT upstream_calls_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- Name: usage_daily usage_daily_key_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.usage_daily
    ADD CONSTRAINT usage_daily_key_id_fkey FOREIGN KEY (key_id) REFERENCES public.api_keys(id);


--
-- Name: usage_daily usage_daily_team_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.usage_daily
    ADD CONSTRAINT usage_daily_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);


--
-- PostgreSQL database dump complete
--
