-- Requests sent with an Idempotency-Key (decision 0019), one row per caller and key: a workspace
-- and, in it, an API key ('api_key:<id>') or a signed-in user ('user:<id>'), so two callers may
-- use the same key string. Kept until expires_at (24 hours after the first request by default);
-- expired rows are taken as absent and purged in the background.
--
-- fingerprint: SHA-256 of the operation's request as the API understood it; the same key with
-- another fingerprint is refused. request_id: the id every attempt of the request carries to the
-- link entity, which persists it with the link it makes. resource_id: the short code the request
-- generated, kept before any entity is asked for it, so a later attempt asks the same one.
-- attempt and locked_until: the attempt holding the key and until when; null once it ended
-- without an answer worth keeping (a timeout), so the next attempt may take over. response_*: the
-- answer replayed to every later attempt, null until there is one.
CREATE TABLE idempotency_keys (
  workspace_id VARCHAR(128) NOT NULL,
  caller VARCHAR(64) NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  operation VARCHAR(32) NOT NULL,
  fingerprint CHAR(64) NOT NULL,
  request_id UUID NOT NULL,
  resource_id VARCHAR(128),
  attempt INTEGER NOT NULL,
  locked_until TIMESTAMPTZ,
  response_status SMALLINT,
  response_location VARCHAR(512),
  response_body TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (workspace_id, caller, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
