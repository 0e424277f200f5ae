-- Gateways cache keys, models and prices (issue 17). A change to any of them is announced on the channel
-- s2v_changes, with the table's name as the payload, when its transaction commits; every gateway listening drops
-- what it cached from that table. A cache entry also expires after one second, the bound that holds if a
-- notification is missed (a gateway's listening connection is lost and re-established).
--
-- One notification per statement, not per row. No ledger transaction touches these tables, so NOTIFY's
-- commit-time lock never serializes metering.
CREATE FUNCTION notify_cached_table_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('s2v_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_keys_notify AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cached_table_change();
CREATE TRIGGER teams_notify AFTER INSERT OR UPDATE OR DELETE ON teams
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cached_table_change();
CREATE TRIGGER models_notify AFTER INSERT OR UPDATE OR DELETE ON models
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cached_table_change();
CREATE TRIGGER prices_notify AFTER INSERT OR UPDATE OR DELETE ON prices
    FOR EACH STATEMENT EXECUTE FUNCTION notify_cached_table_change();
