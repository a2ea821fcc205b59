-- A link's options (UTM, fallback URL, preview, max visits; decision 0025) as the API writes them
-- (JSON text), null for a link without any; max_visits beside them so lists can filter on it, and
-- the visits counted against it (LinkVisitCounted).
ALTER TABLE links ADD COLUMN options TEXT;
ALTER TABLE links ADD COLUMN max_visits INTEGER;
ALTER TABLE links ADD COLUMN visits BIGINT NOT NULL DEFAULT 0;
-- What the edge needs of them: the KV sync writes such links as format-2 records (decision 0024).
ALTER TABLE edge_kv_links ADD COLUMN options TEXT;
