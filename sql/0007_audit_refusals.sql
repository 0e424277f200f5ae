-- Auditors look for refused and failed calls: a listing filtered by status class or error code walks only these
-- rows, newest first, for one team or for all. (A filter on 4xx for a team with none otherwise walks every
-- call of that team.) A filter `http_status BETWEEN 400 AND 499` or `error_code = '…'` implies the predicate.
CREATE INDEX call_log_refusals_team ON call_log (team_id, id) WHERE http_status >= 400 OR error_code IS NOT NULL;
CREATE INDEX call_log_refusals ON call_log (id) WHERE http_status >= 400 OR error_code IS NOT NULL;
