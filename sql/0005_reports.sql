-- s2v-meter schema, part 5: what reports and the audit trail read.
-- Reports never scan the ledger or the call log: they read rollups written in the same transaction as the
-- ledger rows they derive from, and `s2v-meter verify` recomputes every rollup from the ledger.

-- Billing lines per UTC month of admission, team, model, tier and price version. A charge or capture adds its
-- quantity and amount to its line in the transaction that writes it; conservative captures (tasks the
-- upstream forgot) have lines of their own so a statement can flag them.
CREATE TABLE invoice_lines (
    month         date NOT NULL CHECK (extract(day FROM month) = 1),
    team_id       bigint NOT NULL REFERENCES teams (id),
    model         text NOT NULL,
    tier          text NOT NULL,
    price_id      bigint NOT NULL REFERENCES prices (id),
    conservative  boolean NOT NULL,
    items         bigint NOT NULL DEFAULT 0,
    quantity      numeric NOT NULL DEFAULT 0,
    amount        numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (month, team_id, model, tier, price_id, conservative)
);

CREATE FUNCTION ledger_entries_apply_to_invoice_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO invoice_lines AS i (month, team_id, model, tier, price_id, conservative, items, quantity, amount)
    VALUES (date_trunc('month', NEW.attributed_at AT TIME ZONE 'UTC')::date, NEW.team_id, NEW.model, NEW.tier,
            NEW.price_id, NEW.conservative, 1, NEW.quantity, NEW.amount)
    ON CONFLICT (month, team_id, model, tier, price_id, conservative) DO UPDATE
        SET items = i.items + 1, quantity = i.quantity + EXCLUDED.quantity, amount = i.amount + EXCLUDED.amount;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_entries_apply_to_invoice_lines
    AFTER INSERT ON ledger_entries
    FOR EACH ROW WHEN (NEW.kind IN ('charge', 'capture'))
    EXECUTE FUNCTION ledger_entries_apply_to_invoice_lines();

-- What the billing lines must be, recomputed from the ledger (`s2v-meter verify`).
CREATE VIEW invoice_lines_from_ledger AS
    SELECT date_trunc('month', attributed_at AT TIME ZONE 'UTC')::date AS month, team_id, model, tier, price_id,
           conservative, count(*) AS items, sum(quantity) AS quantity, sum(amount) AS amount
    FROM ledger_entries
    WHERE kind IN ('charge', 'capture')
    GROUP BY 1, 2, 3, 4, 5, 6;

-- Lines already in the ledger when this migration runs.
INSERT INTO invoice_lines (month, team_id, model, tier, price_id, conservative, items, quantity, amount)
SELECT month, team_id, model, tier, price_id, conservative, items, quantity, amount FROM invoice_lines_from_ledger;

-- Admin changes: who changed a team, key, budget, price, client limit or upstream account, when, and the row
-- before and after. Written by triggers on those tables, so no code path can change them unrecorded.
-- The actor is the transaction's or session's `s2v.actor` setting (the CLI sets `cli:<user>@<host>`, the admin
-- API `key:<id>`), or the database user for changes made by hand.
CREATE TABLE admin_changes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor      text NOT NULL,
    object     text NOT NULL CHECK (object IN ('team', 'key', 'budget', 'price', 'limit', 'account')),
    object_id  text NOT NULL,
    action     text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'revoke', 'remove')),
    team_id    bigint REFERENCES teams (id),
    before     jsonb,
    after      jsonb
);
CREATE INDEX admin_changes_at ON admin_changes (at);
CREATE INDEX admin_changes_team ON admin_changes (team_id, id);

CREATE TRIGGER admin_changes_append_only
    BEFORE UPDATE OR DELETE ON admin_changes
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER admin_changes_no_truncate
    BEFORE TRUNCATE ON admin_changes
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();

-- TG_ARGV[0]: the object's name; TG_ARGV[1]: its id column; the rest: columns left out of the record (secrets,
-- and state the gateway itself keeps in the row, such as a token bucket's level).
CREATE FUNCTION admin_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER teams_admin_changes AFTER INSERT OR UPDATE OR DELETE ON teams
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('team', 'id');
CREATE TRIGGER api_keys_admin_changes AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('key', 'id', 'key_hash');
CREATE TRIGGER budgets_admin_changes AFTER INSERT OR UPDATE OR DELETE ON budgets
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('budget', 'id');
CREATE TRIGGER prices_admin_changes AFTER INSERT OR UPDATE OR DELETE ON prices
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('price', 'id');
CREATE TRIGGER client_limits_admin_changes AFTER INSERT OR UPDATE OR DELETE ON client_limits
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('limit', 'id', 'tokens', 'refilled_at');
CREATE TRIGGER upstream_accounts_admin_changes AFTER INSERT OR UPDATE OR DELETE ON upstream_accounts
    FOR EACH ROW EXECUTE FUNCTION admin_changes_record('account', 'name');

-- The audit listing pages through the call log newest first, by id, optionally for one team or key.
CREATE INDEX call_log_team_id ON call_log (team_id, id);
CREATE INDEX call_log_key_id ON call_log (key_id, id);
