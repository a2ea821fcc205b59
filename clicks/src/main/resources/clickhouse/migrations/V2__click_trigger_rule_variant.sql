-- How a visit came and where it went (decision 0027): trigger is 'qr' for a scan of the link's QR
-- code, else 'link'; rule and variant are the position (from 1) of the targeting rule that matched
-- and of the A/B test variant the visitor was sent to, 0 for none. Rows stored before this read
-- as their defaults. A node of before this version inserting during a rolling upgrade writes ''
-- and 0: analytics read any trigger but 'qr' as 'link'.
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS: ClickHouseMigrations skips an ADD COLUMN whose
-- column exists, so this migration can be applied again after stopping half-way.
ALTER TABLE clicks ADD COLUMN trigger String DEFAULT 'link' AFTER utm_content;
ALTER TABLE clicks ADD COLUMN rule UInt8 DEFAULT 0 AFTER trigger;
ALTER TABLE clicks ADD COLUMN variant UInt8 DEFAULT 0 AFTER rule;

-- Scans per owner, UTC hour and domain, bots apart. Only 'qr' rows: followed links are the clicks
-- of clicks_hourly less these, so clicks stored before this view existed need no backfill (none
-- of them came from a QR code; the marker did not exist).
CREATE MATERIALIZED VIEW IF NOT EXISTS clicks_dims_hourly_trigger_mv TO clicks_dims_hourly AS
SELECT owner, domain, 'trigger' AS dimension, toStartOfHour(ts) AS hour, is_bot, trigger AS value,
       count() AS clicks
FROM clicks
WHERE trigger = 'qr'
GROUP BY owner, domain, hour, is_bot, value;
