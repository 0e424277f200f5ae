-- A submission whose outcome could not be determined within --unresolved-submission-limit (no usable answer,
-- and the upstream's task list unreadable or silent) is settled by rule: its task is captured at the full hold,
-- flagged for review, and the account's running place is freed. Its upstream call ends in a state of its own,
-- 'unresolved', so that an auditor can tell it from a call the task list resolved ('resolved').
ALTER TABLE upstream_calls DROP CONSTRAINT upstream_calls_state_check;
ALTER TABLE upstream_calls ADD CONSTRAINT upstream_calls_state_check
    CHECK (state IN ('intent', 'succeeded', 'failed', 'unknown', 'resolved', 'unresolved'));

-- Reviewers list the submissions settled by rule, newest first.
CREATE INDEX upstream_calls_unresolved ON upstream_calls (finished_at DESC) WHERE state = 'unresolved';
