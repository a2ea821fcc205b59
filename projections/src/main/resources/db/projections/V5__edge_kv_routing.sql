-- A link's targeting rules and A/B test (decision 0023), as the API writes them (JSON text: rules,
-- variants and variantsUntil); null for a link without any. The KV sync writes such links as
-- format-2 records (decision 0024).
ALTER TABLE edge_kv_links ADD COLUMN routing TEXT;
