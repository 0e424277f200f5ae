-- s2v-meter schema, part 6: sign-in sessions of the web dashboard, shared by every gateway instance.
-- Only a SHA-256 hash of the random session token is stored, never the token nor the gateway key.

CREATE TABLE dashboard_sessions (
    token_hash  bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    key_id      bigint NOT NULL REFERENCES api_keys (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);
CREATE INDEX dashboard_sessions_key ON dashboard_sessions (key_id);
