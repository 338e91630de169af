-- sfn-ledger schema, version 1. Events are the source of truth and are append-only; the other
-- tables describe what the events belong to.

CREATE TABLE state_machines (
    arn  TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

-- Definitions are stored once per distinct text (SHA-256 of the exact text).
CREATE TABLE definitions (
    hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE executions (
    key               INTEGER PRIMARY KEY,
    arn               TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    state_machine_arn TEXT REFERENCES state_machines (arn),
    status            TEXT,
    start_ns          INTEGER,
    stop_ns           INTEGER,
    input             TEXT,
    output            TEXT,
    redrive_count     INTEGER,
    definition_hash   TEXT REFERENCES definitions (hash),
    recorded_ns       INTEGER NOT NULL
);
CREATE INDEX executions_by_name ON executions (name);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_ns);

CREATE TABLE events (
    execution    INTEGER NOT NULL REFERENCES executions (key),
    id           INTEGER NOT NULL,
    previous_id  INTEGER NOT NULL,
    type         TEXT NOT NULL,
    timestamp_ns INTEGER NOT NULL,
    raw          TEXT NOT NULL,
    PRIMARY KEY (execution, id)
) WITHOUT ROWID;

CREATE TRIGGER events_are_never_rewritten BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- For people querying with sqlite3: one row per event with its execution's ARN and an ISO time.
CREATE VIEW event_log AS
SELECT x.arn AS execution_arn,
       x.name AS execution_name,
       e.id,
       e.previous_id,
       e.type,
       strftime('%Y-%m-%dT%H:%M:%f', e.timestamp_ns / 1e9, 'unixepoch') || 'Z' AS timestamp,
       e.timestamp_ns,
       e.raw
FROM events e
JOIN executions x ON x.key = e.execution;
