-- Unique-visitor states per owner and UTC hour, bots apart: the account-wide unique visitors
-- beyond the exact limit, merged from at most 745 small states per query instead of a scan of the
-- account's raw clicks (decision 0009). uniq states are idempotent: a visitor seen twice, or a row
-- folded in twice, is still one visitor, so the backfill below may overlap the view's inserts and
-- may run again.
CREATE TABLE IF NOT EXISTS clicks_visitors_hourly
(
    owner String,
    domain String,
    hour DateTime,
    is_bot UInt8,
    visitors AggregateFunction(uniq, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (owner, domain, hour, is_bot);

CREATE MATERIALIZED VIEW IF NOT EXISTS clicks_visitors_hourly_mv TO clicks_visitors_hourly AS
SELECT owner, domain, toStartOfHour(ts) AS hour, is_bot, uniqState(visitor) AS visitors
FROM clicks
GROUP BY owner, domain, hour, is_bot;

-- the clicks stored before this migration
INSERT INTO clicks_visitors_hourly
SELECT owner, domain, toStartOfHour(ts) AS hour, is_bot, uniqState(visitor) AS visitors
FROM clicks
GROUP BY owner, domain, hour, is_bot;
