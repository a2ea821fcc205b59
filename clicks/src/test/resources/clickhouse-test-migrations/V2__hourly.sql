CREATE TABLE IF NOT EXISTS events_hourly (
  hour DateTime,
  events UInt64
) ENGINE = SummingMergeTree ORDER BY hour;

CREATE MATERIALIZED VIEW IF NOT EXISTS events_hourly_mv TO events_hourly AS
SELECT toStartOfHour(ts) AS hour, count() AS events FROM events GROUP BY hour;
