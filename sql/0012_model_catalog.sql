-- The model catalog: every model of the digital-human family is a row, and everything the gateway must know to
-- validate, price, hold, dispatch and settle a call of it is a column. A new model of a known shape is a new row
-- (`s2v-meter models set`), not new code.
--
-- inputs and parameters map a field of the request's `input` / `parameters` object to its rule:
--   {"type": "url" | "box" | "choice" | "number" | "integer" | "boolean" | "text",
--    "required": true,             -- absent or null is a 400
--    "values": ["normal", "calm"], -- choice
--    "minimum": 0, "maximum": 1,   -- number, integer (inclusive)
--    "aliases": ["img_url"]}       -- other names the same field may be sent under
-- Fields a rule does not name are forwarded untouched (the official SDK sends `prompt` and `extend_prompt`).
--
-- tier_source says where a call's price tier comes from:
--   'parameter'  the parameters field tier_field (wan2.2-s2v's resolution), default_tier when absent;
--   'box_ratio'  the aspect ratio of the input box tier_field, as "w:h" in lowest terms (emo-v1's ext_bbox);
--   'none'       the model has one price, tier ''.
-- billed_usage_fields: the usage fields that carry the billed seconds, the first present wins.
-- reported_tier_field: a usage field in which the upstream reports the tier it billed (emo-v1's video_ratio).
-- verdict_field: the output field that carries a detect's verdict (check_pass, or LivePortrait's pass).
-- submissions_per_second and max_concurrent_tasks: the upstream's limits for the model, per account (an account
-- may override them in account_model_limits).
ALTER TABLE models
    ADD COLUMN endpoint text,
    ADD COLUMN inputs jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(inputs) = 'object'),
    ADD COLUMN parameters jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(parameters) = 'object'),
    ADD COLUMN tier_source text NOT NULL DEFAULT 'none' CHECK (tier_source IN ('none', 'parameter', 'box_ratio')),
    ADD COLUMN tier_field text,
    ADD COLUMN default_tier text,
    ADD COLUMN billed_usage_fields text[] NOT NULL DEFAULT '{}',
    ADD COLUMN reported_tier_field text,
    ADD COLUMN verdict_field text,
    ADD COLUMN submissions_per_second integer NOT NULL DEFAULT 5 CHECK (submissions_per_second BETWEEN 1 AND 1000),
    ADD COLUMN max_concurrent_tasks integer CHECK (max_concurrent_tasks BETWEEN 1 AND 1000),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

UPDATE models SET
    endpoint = 'image2video/face-detect',
    inputs = '{"image_url": {"type": "url", "required": true}}',
    verdict_field = 'check_pass'
WHERE model = 'wan2.2-s2v-detect';

UPDATE models SET
    endpoint = 'image2video/video-synthesis',
    inputs = '{"image_url": {"type": "url", "required": true, "aliases": ["img_url"]},
               "audio_url": {"type": "url", "required": true}}',
    parameters = '{"resolution": {"type": "text"}}',
    tier_source = 'parameter', tier_field = 'resolution', default_tier = '480P',
    billed_usage_fields = '{duration,video_duration}',
    max_concurrent_tasks = 1
WHERE model = 'wan2.2-s2v';

INSERT INTO models (model, kind, max_billable_seconds, endpoint, inputs, parameters, tier_source, tier_field,
                    billed_usage_fields, reported_tier_field, verdict_field, submissions_per_second,
                    max_concurrent_tasks) VALUES
    ('emo-detect-v1', 'detect', NULL, 'image2video/face-detect',
     '{"image_url": {"type": "url", "required": true}}',
     '{"ratio": {"type": "choice", "values": ["1:1", "3:4"]}}',
     'none', NULL, '{}', NULL, 'check_pass', 5, NULL),
    -- Audio under 60 s.
    ('emo-v1', 'generation', 60, 'image2video/video-synthesis',
     '{"image_url": {"type": "url", "required": true, "aliases": ["img_url"]},
       "audio_url": {"type": "url", "required": true},
       "face_bbox": {"type": "box", "required": true},
       "ext_bbox": {"type": "box", "required": true}}',
     '{"style_level": {"type": "choice", "values": ["normal", "calm", "active"]}}',
     'box_ratio', 'ext_bbox', '{video_duration}', 'video_ratio', NULL, 5, 1),
    ('liveportrait-detect', 'detect', NULL, 'image2video/face-detect',
     '{"image_url": {"type": "url", "required": true}}',
     '{}', 'none', NULL, '{}', NULL, 'pass', 5, NULL),
    -- Audio up to 3 minutes.
    ('liveportrait', 'generation', 180, 'image2video/video-synthesis',
     '{"image_url": {"type": "url", "required": true, "aliases": ["img_url"]},
       "audio_url": {"type": "url", "required": true}}',
     '{"template_id": {"type": "choice", "values": ["normal", "calm", "active"]},
       "eye_move_freq": {"type": "number", "minimum": 0, "maximum": 1},
       "video_fps": {"type": "integer", "minimum": 15, "maximum": 30},
       "mouth_move_strength": {"type": "number", "minimum": 0, "maximum": 1.5},
       "paste_back": {"type": "boolean"},
       "head_move_strength": {"type": "number", "minimum": 0, "maximum": 1}}',
     'none', NULL, '{video_duration}', NULL, NULL, 5, 1),
    -- Audio of 2 to 120 s; one submission per second.
    ('videoretalk', 'generation', 120, 'image2video/video-synthesis',
     '{"video_url": {"type": "url", "required": true},
       "audio_url": {"type": "url", "required": true},
       "ref_image_url": {"type": "url"}}',
     '{"video_extension": {"type": "boolean"},
       "query_face_threshold": {"type": "integer", "minimum": 120, "maximum": 200}}',
     'none', NULL, '{video_duration}', NULL, NULL, 1, 1);

ALTER TABLE models
    ALTER COLUMN endpoint SET NOT NULL,
    ADD CONSTRAINT models_name CHECK (model ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    ADD CONSTRAINT models_endpoint CHECK (
        endpoint = CASE kind WHEN 'detect' THEN 'image2video/face-detect' ELSE 'image2video/video-synthesis' END),
    ADD CONSTRAINT models_generation_shape CHECK (
        (kind = 'generation') = (max_concurrent_tasks IS NOT NULL)
        AND (kind = 'generation') = (cardinality(billed_usage_fields) > 0)
        AND (kind = 'detect') = (verdict_field IS NOT NULL)),
    ADD CONSTRAINT models_tier_shape CHECK (
        CASE tier_source
            WHEN 'none' THEN tier_field IS NULL AND default_tier IS NULL
            WHEN 'parameter' THEN tier_field IS NOT NULL AND kind = 'generation'
            WHEN 'box_ratio' THEN tier_field IS NOT NULL AND default_tier IS NULL AND kind = 'generation'
        END);

-- What this migration changes in audited tables is recorded as the migration's doing, not an unnamed SQL user's.
SELECT set_config('s2v.actor', 'migration:0012_model_catalog', true);

-- A price may say where it comes from, e.g. that it is derived from a price published in another currency.
ALTER TABLE prices ADD COLUMN note text NOT NULL DEFAULT '';

-- EMO is published in CNY only; its USD prices are derived at the CNY/USD ratio of the published wan2.2-s2v
-- pairs (0.071677 / 0.5 = 0.129018 / 0.9 = 0.143354), at the 6 decimals the USD list uses. VideoRetalk's USD
-- price is published. LivePortrait has no price we can verify: it ships unpriced, refused until one is set.
-- Like 0001's, these are the price book's first rows, not an admin's change: the audit trail starts after them.
ALTER TABLE prices DISABLE TRIGGER prices_admin_changes;
INSERT INTO prices (model, tier, unit, unit_price, currency, effective_from, note) VALUES
    ('emo-detect-v1', '', 'image', 0.000574, 'USD', '2025-01-01T00:00:00Z',
     'derived: CNY 0.004 at 0.143354 USD/CNY'),
    ('emo-v1', '1:1', 'second', 0.011469, 'USD', '2025-01-01T00:00:00Z',
     'derived: CNY 0.08 at 0.143354 USD/CNY (0.01146832)'),
    ('emo-v1', '3:4', 'second', 0.022937, 'USD', '2025-01-01T00:00:00Z',
     'derived: CNY 0.16 at 0.143354 USD/CNY (0.02293664)'),
    ('videoretalk', '', 'second', 0.011469, 'USD', '2025-01-01T00:00:00Z', 'published (alibabacloud.com)');
ALTER TABLE prices ENABLE TRIGGER prices_admin_changes;

-- An account's own limits for one model, over the catalog's defaults (an account granted more concurrency by
-- DashScope, or kept below it to leave room for callers outside the gateway).
CREATE TABLE account_model_limits (
    account                 text NOT NULL REFERENCES upstream_accounts (name),
    model                   text NOT NULL REFERENCES models (model),
    submissions_per_second  integer CHECK (submissions_per_second BETWEEN 1 AND 1000),
    max_concurrent_tasks    integer CHECK (max_concurrent_tasks BETWEEN 1 AND 1000),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, model),
    CHECK (submissions_per_second IS NOT NULL OR max_concurrent_tasks IS NOT NULL)
);

-- The account-wide figures become what they always meant for wan2.2-s2v: overrides of the catalog, for every
-- model of the account. NULL (the default) leaves each model its catalog figure.
ALTER TABLE upstream_accounts
    ALTER COLUMN submissions_per_second DROP NOT NULL,
    ALTER COLUMN submissions_per_second DROP DEFAULT,
    ALTER COLUMN max_in_flight DROP NOT NULL,
    ALTER COLUMN max_in_flight DROP DEFAULT;
UPDATE upstream_accounts SET submissions_per_second = NULL WHERE submissions_per_second = 5;
UPDATE upstream_accounts SET max_in_flight = NULL WHERE max_in_flight = 1;

-- The dispatcher claims by model (each has its own slots), so the queue carries it.
ALTER TABLE dispatch_queue ADD COLUMN model text REFERENCES models (model);
UPDATE dispatch_queue q SET model = t.model FROM tasks t WHERE t.id = q.task_id;
ALTER TABLE dispatch_queue ALTER COLUMN model SET NOT NULL;

ALTER TABLE admin_changes DROP CONSTRAINT admin_changes_object_check;
ALTER TABLE admin_changes ADD CONSTRAINT admin_changes_object_check
    CHECK (object IN ('team', 'key', 'budget', 'price', 'limit', 'account', 'model'));
CREATE TRIGGER models_audit AFTER INSERT OR UPDATE OR DELETE ON models
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('model', 'model');
CREATE TRIGGER account_model_limits_audit AFTER INSERT OR UPDATE OR DELETE ON account_model_limits
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('account', 'account');

-- A capture may exceed its hold in one case: the upstream billed another tier than the one admitted (emo-v1's
-- video_ratio). What the upstream bills is recorded in full, never trimmed, and the task is flagged.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_check1;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_check1 CHECK (
    CASE kind
        WHEN 'charge' THEN held = 0
        WHEN 'hold' THEN amount = 0 AND held > 0
        WHEN 'capture' THEN held < 0
        WHEN 'release' THEN amount = 0 AND held < 0
    END);

-- As in 0003, but a capture is never refused.
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
        SELECT * FROM budgets
        WHERE deleted_at IS NULL
          AND (scope = 'global' OR (scope = 'team' AND team_id = NEW.team_id) OR (scope = 'key' AND key_id = NEW.key_id))
        ORDER BY id
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
