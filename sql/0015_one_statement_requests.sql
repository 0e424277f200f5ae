-- Each request step in one statement, so one round trip and at most one commit (issue 17). The rows a team
-- shares (client limits, budget counters, an account's pacing row) are locked inside that one statement and
-- released by its commit, never held across a round trip to the gateway.

-- An admission: the client limits of its team and key, the task, its place in the dispatch queue (with its
-- key's priority) and its hold, in that order. The hold is last, so the budget counters its triggers lock are
-- held for the shortest time. A client limit (S2VR1) or a budget (S2VB1) refuses by raising: nothing is written.
CREATE FUNCTION admit_generation(p_task uuid, p_team bigint, p_key bigint, p_model text, p_tier text,
                                 p_price bigint, p_unit_price numeric, p_max_seconds numeric, p_hold numeric,
                                 p_currency text, p_request text)
RETURNS timestamptz LANGUAGE plpgsql AS $$
DECLARE
    admitted timestamptz;
BEGIN
    PERFORM client_limits_take(p_team, p_key, true);
    INSERT INTO tasks (id, team_id, key_id, model, tier, price_id, hold_amount, request)
    VALUES (p_task, p_team, p_key, p_model, p_tier, p_price, p_hold, p_request::jsonb)
    RETURNING admitted_at INTO admitted;
    INSERT INTO dispatch_queue (task_id, team_id, model, priority, enqueued_at)
    SELECT p_task, p_team, p_model, priority, admitted FROM api_keys WHERE id = p_key;
    INSERT INTO ledger_entries (kind, team_id, key_id, task_id, model, tier, price_id, quantity, unit_price,
                                amount, held, currency, attributed_at)
    VALUES ('hold', p_team, p_key, p_task, p_model, p_tier, p_price, p_max_seconds, p_unit_price, 0, p_hold,
            p_currency, admitted);
    RETURN admitted;
END;
$$;

-- A paid face-detect call's intent, before it is sent: the call (on the first account, tentatively), the client
-- limits, a hold of one image's price, and a submission slot on the first account that has one now, else on the
-- first with one within p_max_wait_us (spacings and wait in microseconds). No slot refuses with S2VS1, and nothing is written.
CREATE FUNCTION open_detect_intent(p_team bigint, p_key bigint, p_model text, p_tier text, p_price bigint,
                                   p_unit_price numeric, p_currency text, p_lane text, p_accounts text[],
                                   p_spacings_us bigint[], p_max_wait_us bigint,
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
                                unit_price, amount, held, currency, attributed_at)
    VALUES ('hold', p_team, p_key, call_id, p_model, p_tier, p_price, 1, p_unit_price, 0, p_unit_price,
            p_currency, started);
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
