-- Links with targeting rules or an A/B test (decision 0023) are routed by the origin for now: the
-- KV sync removes their records, so the edge asks the origin for them, until the KV record can
-- carry their routing.
ALTER TABLE edge_kv_links ADD COLUMN routed BOOLEAN NOT NULL DEFAULT false;
