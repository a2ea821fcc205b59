-- API keys, by SHA-256 hash only (see ApiKeys): the raw key is shown once and never stored.
CREATE TABLE api_keys (
  key_hash CHAR(64) PRIMARY KEY,
  owner VARCHAR(128) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX api_keys_owner_idx ON api_keys (owner);
