-- a raw table
CREATE TABLE IF NOT EXISTS events (
  id String,
  ts DateTime
) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (ts, id);
