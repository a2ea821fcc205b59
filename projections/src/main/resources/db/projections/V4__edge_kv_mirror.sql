-- The edge KV sync projection's own copy of what the edge needs per link (decision 0006). Each
-- group of events is folded into it (version-guarded: a row only moves to a higher version), then
-- the current records of the links the group touched are written to Workers KV, and only then
-- the projection's offset is saved. A disabled link keeps its target here so that enabling it
-- again restores the redirect; deleted links stay as tombstones.
CREATE TABLE edge_kv_links (
  kv_key VARCHAR(320) PRIMARY KEY,
  domain VARCHAR(253) NOT NULL,
  code VARCHAR(64) NOT NULL,
  version BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
  target VARCHAR(2048) NOT NULL,
  redirect_type SMALLINT NOT NULL,
  expires_at TIMESTAMPTZ,
  forward_query BOOLEAN NOT NULL
);
