-- sfn-ledger schema, version 3: `events` becomes an ordinary (rowid) table with a unique
-- (execution, id) index, instead of a WITHOUT ROWID table keyed by (execution, id).
--
-- Each row carries the event's raw JSON (about 550 bytes): stored in the primary-key B-tree
-- of a WITHOUT ROWID table, every insert moved and split pages of large rows (SQLite advises
-- WITHOUT ROWID only for rows under about 1/20 of a page). Rows now append to the table in
-- rowid order and the small (execution, id) index keeps them unique. Same columns, same
-- append-only triggers, same view; every stored event is copied over unchanged.

DROP VIEW event_log;
DROP TRIGGER events_are_never_rewritten;
DROP TRIGGER events_are_never_deleted;

CREATE TABLE events_v3 (
    execution    INTEGER NOT NULL REFERENCES executions (key),
    id           INTEGER NOT NULL,
    previous_id  INTEGER NOT NULL,
    type         TEXT NOT NULL,
    timestamp_ns INTEGER NOT NULL,
    raw          TEXT NOT NULL,
    UNIQUE (execution, id)
);

INSERT INTO events_v3 (execution, id, previous_id, type, timestamp_ns, raw)
SELECT execution, id, previous_id, type, timestamp_ns, raw FROM events ORDER BY execution, id;

DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;

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
