-- sfn-ledger schema, version 2: a cache of per-execution statistics samples (see docs/stats.md).
-- Derived data, never the source of truth: a row is valid only while `events` equals the
-- execution's stored event count and `version` the sample format the reader knows; anything
-- else is recomputed from the events. Existing ledgers start with an empty cache (filled by the
-- first `stats` run), so no backfill is needed.

CREATE TABLE execution_samples (
    execution INTEGER PRIMARY KEY REFERENCES executions (key),
    events    INTEGER NOT NULL,
    version   INTEGER NOT NULL,
    sample    TEXT NOT NULL
);
