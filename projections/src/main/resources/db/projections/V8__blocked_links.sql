-- Links the platform took down (malicious-URL screening or an admin, decision 0034) are stored
-- with status 'blocked' in the read model and in the edge mirror.
ALTER TABLE links DROP CONSTRAINT links_status_check;
ALTER TABLE links ADD CONSTRAINT links_status_check
  CHECK (status IN ('active', 'disabled', 'deleted', 'blocked'));
ALTER TABLE edge_kv_links DROP CONSTRAINT edge_kv_links_status_check;
ALTER TABLE edge_kv_links ADD CONSTRAINT edge_kv_links_status_check
  CHECK (status IN ('active', 'disabled', 'deleted', 'blocked'));
