-- A face-detect call's settlement in one statement: the capture or release of its hold,
-- the call's outcome and, for a capture, the daily rollup. The ledger row's triggers lock the team's budget
-- counters and billing line; in one statement they are held only while PostgreSQL runs it and commits.
--
-- p_outcome 'capture' charges the held image (p_conservative: the outcome was unknown and the image is charged
-- so that spend is never under-counted; flagged for review); 'release' frees the hold (the upstream refused
-- the call and did not bill it). Returns the amount charged: 0 when the call was already settled (settlement
-- is idempotent), NULL when there is no such detect call.
CREATE FUNCTION settle_detect(p_call bigint, p_outcome text, p_conservative boolean, p_request_id text,
                              p_http_status bigint, p_error_code text) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
    hold record;
    charged numeric;
BEGIN
    IF p_outcome NOT IN ('capture', 'release') THEN
        RAISE EXCEPTION 'settle_detect: outcome must be capture or release, not %', p_outcome;
    END IF;
    SELECT c.state, h.team_id, h.key_id, h.model, h.tier, h.price_id, h.unit_price, h.held, h.currency, h.attributed_at
    INTO hold
    FROM upstream_calls c
    JOIN ledger_entries h ON h.upstream_call_id = c.id AND h.kind = 'hold' AND h.task_id IS NULL
    WHERE c.id = p_call AND c.kind = 'detect'
    FOR UPDATE OF c;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF hold.state NOT IN ('intent', 'unknown') THEN
        RETURN 0;
    END IF;
    charged := CASE WHEN p_outcome = 'capture' THEN hold.held ELSE 0 END;

    IF p_outcome = 'capture' THEN
        UPDATE upstream_calls
        SET state = CASE WHEN p_conservative THEN 'resolved' ELSE 'succeeded' END,
            upstream_request_id = p_request_id,
            http_status = CASE WHEN p_conservative THEN http_status ELSE 200 END,
            finished_at = now()
        WHERE id = p_call;
        PERFORM usage_daily_add(hold.attributed_at, hold.team_id, hold.key_id, hold.model, hold.tier,
                                1, 1, 0, 0, 0, charged);
    ELSE
        UPDATE upstream_calls
        SET state = 'failed', http_status = p_http_status, error_code = p_error_code,
            upstream_request_id = p_request_id, finished_at = now()
        WHERE id = p_call;
    END IF;
    -- Last: the unique index on the call makes a second settlement fail instead of counting twice.
    INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                unit_price, amount, held, currency, attributed_at, conservative)
    VALUES (p_outcome, hold.team_id, hold.key_id, p_call, hold.model, hold.tier, hold.price_id,
            CASE WHEN p_outcome = 'capture' THEN 1 ELSE 0 END, hold.unit_price, charged, -hold.held, hold.currency,
            hold.attributed_at, p_conservative AND p_outcome = 'capture');
    RETURN charged;
END;
$$;
