-- s2v-meter schema, part 1: the ground every capability stands on.
-- Money is NUMERIC (exact), never float. The ledger is append-only and is the source of truth; counters and
-- rollups are derived from it in the same transaction and can be rebuilt from it.

-- Teams own keys, tasks, usage and budgets.
CREATE TABLE teams (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Gateway keys. Only a SHA-256 hash of a key is stored; `prefix` is its first characters, for listings.
CREATE TABLE api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id     bigint REFERENCES teams (id),
    is_admin    boolean NOT NULL DEFAULT false,
    name        text NOT NULL DEFAULT '',
    prefix      text NOT NULL,
    key_hash    bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    CHECK (is_admin OR team_id IS NOT NULL)
);
CREATE INDEX api_keys_team ON api_keys (team_id);

-- The models the gateway can meter. A generation task holds max_billable_seconds × price at admission.
CREATE TABLE models (
    model                 text PRIMARY KEY,
    kind                  text NOT NULL CHECK (kind IN ('detect', 'generation')),
    max_billable_seconds  numeric CHECK (max_billable_seconds > 0),
    CHECK ((kind = 'generation') = (max_billable_seconds IS NOT NULL))
);

INSERT INTO models (model, kind, max_billable_seconds) VALUES
    ('wan2.2-s2v-detect', 'detect', NULL),
    ('wan2.2-s2v', 'generation', 20);

-- Versioned price book: a new price is a new row effective from a time; old rows stay for the charges that
-- used them. Tier '' means untiered (the detect model).
CREATE TABLE prices (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model           text NOT NULL REFERENCES models (model),
    tier            text NOT NULL DEFAULT '',
    unit            text NOT NULL CHECK (unit IN ('image', 'second')),
    unit_price      numeric NOT NULL CHECK (unit_price > 0),
    currency        text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    effective_from  timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (model, tier, effective_from)
);

-- The upstream's USD list prices (Beijing region, as shown on alibabacloud.com).
INSERT INTO prices (model, tier, unit, unit_price, currency, effective_from) VALUES
    ('wan2.2-s2v-detect', '', 'image', 0.000574, 'USD', '2025-01-01 00:00:00+00'),
    ('wan2.2-s2v', '480P', 'second', 0.071677, 'USD', '2025-01-01 00:00:00+00'),
    ('wan2.2-s2v', '720P', 'second', 0.129018, 'USD', '2025-01-01 00:00:00+00');

-- A generation task as the gateway sees it, under the gateway's own id.
-- phase: admitted (held, queued) → submitting (intent recorded, call in flight) → submitted (upstream PENDING)
--        → running (upstream RUNNING) → settled (captured or released, exactly once).
-- status is what clients see, in DashScope's words.
CREATE TABLE tasks (
    id                uuid PRIMARY KEY,
    team_id           bigint NOT NULL REFERENCES teams (id),
    key_id            bigint NOT NULL REFERENCES api_keys (id),
    model             text NOT NULL REFERENCES models (model),
    tier              text NOT NULL,
    price_id          bigint NOT NULL REFERENCES prices (id),
    hold_amount       numeric NOT NULL CHECK (hold_amount > 0),
    request           jsonb NOT NULL,
    phase             text NOT NULL DEFAULT 'admitted'
                      CHECK (phase IN ('admitted', 'submitting', 'submitted', 'running', 'settled')),
    status            text NOT NULL DEFAULT 'PENDING'
                      CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN')),
    upstream_account  text,
    upstream_task_id  text,
    upstream_output   jsonb,
    upstream_usage    jsonb,
    error_code        text,
    error_message     text,
    admitted_at       timestamptz NOT NULL DEFAULT now(),
    submitted_at      timestamptz,
    finished_at       timestamptz,
    settled_at        timestamptz,
    next_poll_at      timestamptz,
    needs_review      boolean NOT NULL DEFAULT false,
    UNIQUE (upstream_account, upstream_task_id)
);
CREATE INDEX tasks_team_admitted ON tasks (team_id, admitted_at DESC);
CREATE INDEX tasks_to_poll ON tasks (next_poll_at) WHERE phase IN ('submitted', 'running');
CREATE INDEX tasks_needing_review ON tasks (admitted_at) WHERE needs_review;

-- Admitted tasks waiting for room on an upstream account. A row leaves the queue in the transaction that
-- records the submission intent.
CREATE TABLE dispatch_queue (
    task_id      uuid PRIMARY KEY REFERENCES tasks (id),
    team_id      bigint NOT NULL REFERENCES teams (id),
    priority     integer NOT NULL DEFAULT 0,
    enqueued_at  timestamptz NOT NULL DEFAULT now(),
    not_before   timestamptz NOT NULL DEFAULT now(),
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX dispatch_queue_order ON dispatch_queue (team_id, priority DESC, enqueued_at);

-- Every paid upstream call: the intent is committed before the call is sent, the outcome after it returns.
-- An intent left open by a crash is resolved at startup.
CREATE TABLE upstream_calls (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 text NOT NULL CHECK (kind IN ('detect', 'submit', 'cancel')),
    task_id              uuid REFERENCES tasks (id),
    team_id              bigint NOT NULL REFERENCES teams (id),
    key_id               bigint NOT NULL REFERENCES api_keys (id),
    account              text NOT NULL,
    state                text NOT NULL DEFAULT 'intent'
                         CHECK (state IN ('intent', 'succeeded', 'failed', 'unknown', 'resolved')),
    upstream_request_id  text,
    http_status          integer,
    error_code           text,
    started_at           timestamptz NOT NULL DEFAULT now(),
    finished_at          timestamptz
);
CREATE INDEX upstream_calls_open ON upstream_calls (started_at) WHERE state IN ('intent', 'unknown');

-- The ledger. Append-only. `amount` is money spent (charges and captures); `held` is the change in money held
-- (+hold at admission, -hold at settlement). So spent = Σ amount and held = Σ held, for any grouping.
-- attributed_at is the admission time: the period an amount belongs to.
CREATE TABLE ledger_entries (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('charge', 'hold', 'capture', 'release')),
    team_id           bigint NOT NULL REFERENCES teams (id),
    key_id            bigint NOT NULL REFERENCES api_keys (id),
    task_id           uuid REFERENCES tasks (id),
    upstream_call_id  bigint REFERENCES upstream_calls (id),
    model             text NOT NULL REFERENCES models (model),
    tier              text NOT NULL,
    price_id          bigint NOT NULL REFERENCES prices (id),
    quantity          numeric NOT NULL CHECK (quantity >= 0),
    unit_price        numeric NOT NULL CHECK (unit_price > 0),
    amount            numeric NOT NULL CHECK (amount >= 0),
    held              numeric NOT NULL,
    currency          text NOT NULL,
    attributed_at     timestamptz NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    conservative      boolean NOT NULL DEFAULT false,
    CHECK (kind = 'charge' OR task_id IS NOT NULL),
    CHECK (CASE kind
        WHEN 'charge' THEN held = 0
        WHEN 'hold' THEN amount = 0 AND held > 0
        WHEN 'capture' THEN held < 0 AND amount <= -held
        WHEN 'release' THEN amount = 0 AND held < 0
    END)
);
-- Settle-once, enforced by the database whatever number of pollers or instances see the end of a task.
CREATE UNIQUE INDEX ledger_one_hold_per_task ON ledger_entries (task_id) WHERE kind = 'hold';
CREATE UNIQUE INDEX ledger_one_settlement_per_task ON ledger_entries (task_id) WHERE kind IN ('capture', 'release');
CREATE UNIQUE INDEX ledger_one_charge_per_call ON ledger_entries (upstream_call_id) WHERE kind = 'charge';
CREATE INDEX ledger_team_attributed ON ledger_entries (team_id, attributed_at);

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate
    BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();

-- Every client request, metered or refused.
CREATE TABLE call_log (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id           uuid NOT NULL,
    at                   timestamptz NOT NULL DEFAULT now(),
    key_id               bigint REFERENCES api_keys (id),
    team_id              bigint REFERENCES teams (id),
    method               text NOT NULL,
    endpoint             text NOT NULL,
    model                text,
    tier                 text,
    upstream_request_id  text,
    task_id              uuid,
    http_status          integer NOT NULL,
    error_code           text,
    latency_us           bigint NOT NULL CHECK (latency_us >= 0),
    cost                 numeric NOT NULL DEFAULT 0 CHECK (cost >= 0)
);
CREATE INDEX call_log_at ON call_log (at);
CREATE INDEX call_log_team_at ON call_log (team_id, at);
CREATE INDEX call_log_task ON call_log (task_id) WHERE task_id IS NOT NULL;

-- Budgets: hard ceilings on any scope, per calendar period in an IANA time zone (or lifetime).
CREATE TABLE budgets (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope             text NOT NULL CHECK (scope IN ('global', 'team', 'key')),
    team_id           bigint REFERENCES teams (id),
    key_id            bigint REFERENCES api_keys (id),
    limit_amount      numeric NOT NULL CHECK (limit_amount >= 0),
    currency          text NOT NULL DEFAULT 'USD',
    period            text NOT NULL CHECK (period IN ('month', 'week', 'day', 'lifetime')),
    timezone          text NOT NULL DEFAULT 'UTC',
    alert_thresholds  numeric[] NOT NULL DEFAULT '{50,80,100}',
    webhook_url       text,
    webhook_format    text NOT NULL DEFAULT 'json' CHECK (webhook_format IN ('json', 'slack')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    CHECK (CASE scope
        WHEN 'global' THEN team_id IS NULL AND key_id IS NULL
        WHEN 'team' THEN team_id IS NOT NULL AND key_id IS NULL
        WHEN 'key' THEN key_id IS NOT NULL
    END)
);

-- Usage per budget and period start; a new period is a new row, so no reset job exists.
CREATE TABLE budget_usage (
    budget_id     bigint NOT NULL REFERENCES budgets (id),
    period_start  timestamptz NOT NULL,
    spent         numeric NOT NULL DEFAULT 0 CHECK (spent >= 0),
    held          numeric NOT NULL DEFAULT 0 CHECK (held >= 0),
    PRIMARY KEY (budget_id, period_start)
);

-- Daily rollup (UTC day of attributed_at), maintained in the same transactions as the ledger rows.
CREATE TABLE usage_daily (
    day              date NOT NULL,
    team_id          bigint NOT NULL REFERENCES teams (id),
    key_id           bigint NOT NULL REFERENCES api_keys (id),
    model            text NOT NULL,
    tier             text NOT NULL,
    calls            bigint NOT NULL DEFAULT 0,
    images           bigint NOT NULL DEFAULT 0,
    seconds          numeric NOT NULL DEFAULT 0,
    tasks_succeeded  bigint NOT NULL DEFAULT 0,
    tasks_failed     bigint NOT NULL DEFAULT 0,
    cost             numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (day, team_id, key_id, model, tier)
);
