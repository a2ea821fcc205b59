-- Webhooks (decision 0035): workspaces' endpoints, the deliveries queued for them by the
-- webhook projection (exactly once per event and endpoint: the unique key commits with the
-- projection's offset), and every attempt of each delivery (the delivery log).
CREATE TABLE webhook_endpoints (
  id UUID PRIMARY KEY,
  workspace_id VARCHAR(128) NOT NULL,
  url VARCHAR(2048) NOT NULL,
  events TEXT[] NOT NULL,
  secret VARCHAR(200) NOT NULL,
  enabled BOOLEAN NOT NULL,
  disabled_reason VARCHAR(300),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  -- the first failed attempt since the last success: sustained failure disables the endpoint
  failing_since TIMESTAMPTZ
);

CREATE INDEX webhook_endpoints_workspace_idx ON webhook_endpoints (workspace_id, created_at);

-- the owner of every link, as the projection learns it from LinkCreated (later events name none)
CREATE TABLE webhook_link_owners (
  domain VARCHAR(253) NOT NULL,
  code VARCHAR(64) NOT NULL,
  owner VARCHAR(128) NOT NULL,
  PRIMARY KEY (domain, code)
);

CREATE TABLE webhook_deliveries (
  id VARCHAR(64) PRIMARY KEY,
  endpoint_id UUID NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_type VARCHAR(32) NOT NULL,
  event_key VARCHAR(400) NOT NULL,
  body TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ,
  UNIQUE (endpoint_id, event_key)
);

CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
  delivery_id VARCHAR(64) NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt INT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  status_code INT,
  latency_ms INT NOT NULL,
  response_excerpt VARCHAR(500),
  error VARCHAR(300),
  PRIMARY KEY (delivery_id, attempt)
);
