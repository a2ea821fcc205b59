-- Accounts (decision 0013): users, single-use tokens, dashboard sessions, the workspace read model
-- (projected from the workspace entities), scoped API keys and the audit log.

CREATE TABLE users (
  id UUID PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  email_verified_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  password_changed_at TIMESTAMPTZ NOT NULL
);

-- emails are compared without case: one account per mailbox
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

-- Single-use tokens sent by email, by SHA-256 hash only. purpose: verify_email, password_reset,
-- invitation. email: the address being verified (a changed email) or invited.
CREATE TABLE account_tokens (
  token_hash CHAR(64) PRIMARY KEY,
  purpose VARCHAR(32) NOT NULL,
  user_id UUID REFERENCES users (id) ON DELETE CASCADE,
  email VARCHAR(254),
  workspace_id VARCHAR(128),
  role VARCHAR(16),
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at TIMESTAMPTZ
);

CREATE INDEX account_tokens_user_idx ON account_tokens (user_id);

-- Dashboard sessions, by SHA-256 hash of the cookie value only. Sliding expiry: expires_at moves
-- forward as the session is used (at most once a minute).
CREATE TABLE sessions (
  id UUID PRIMARY KEY,
  token_hash CHAR(64) NOT NULL UNIQUE,
  csrf_token VARCHAR(64) NOT NULL,
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ,
  ip_prefix VARCHAR(64),
  user_agent VARCHAR(256)
);

CREATE INDEX sessions_user_idx ON sessions (user_id);

-- The workspace read model, written by the workspace projection (exactly once, offsets in the
-- projections' offset store); the entity stays the authority for roles.
CREATE TABLE workspaces (
  id VARCHAR(128) PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  deleted_at TIMESTAMPTZ,
  version BIGINT NOT NULL
);

CREATE TABLE workspace_members (
  workspace_id VARCHAR(128) NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id UUID NOT NULL,
  role VARCHAR(16) NOT NULL,
  joined_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

CREATE INDEX workspace_members_user_idx ON workspace_members (user_id);

-- API keys become keys of a workspace, with scopes, an optional expiry and revocation. Keys from
-- before workspaces keep working: their owner is their workspace, and they get every scope.
ALTER TABLE api_keys RENAME COLUMN owner TO workspace_id;
ALTER TABLE api_keys
  ADD COLUMN id UUID,
  ADD COLUMN name VARCHAR(100),
  ADD COLUMN prefix VARCHAR(16),
  ADD COLUMN scopes VARCHAR(32)[],
  ADD COLUMN created_by UUID,
  ADD COLUMN expires_at TIMESTAMPTZ,
  ADD COLUMN revoked_at TIMESTAMPTZ,
  ADD COLUMN last_used_at TIMESTAMPTZ;
UPDATE api_keys
   SET id = gen_random_uuid(),
       name = 'key from before workspaces',
       prefix = 'smo1_',
       scopes = ARRAY['links:read', 'links:write', 'analytics:read', 'workspace:read', 'workspace:admin'];
ALTER TABLE api_keys
  ALTER COLUMN id SET NOT NULL,
  ALTER COLUMN name SET NOT NULL,
  ALTER COLUMN prefix SET NOT NULL,
  ALTER COLUMN scopes SET NOT NULL,
  ADD CONSTRAINT api_keys_id_unique UNIQUE (id);
ALTER INDEX api_keys_owner_idx RENAME TO api_keys_workspace_idx;

-- The owners of keys from before workspaces: each becomes a workspace (id = the owner) when the
-- node next starts (it asks the workspace entity to adopt it, then deletes the row).
CREATE TABLE workspace_adoptions (
  workspace_id VARCHAR(128) PRIMARY KEY
);
INSERT INTO workspace_adoptions SELECT DISTINCT workspace_id FROM api_keys;

-- Security-relevant actions, newest first by (at, id) for cursor pages. workspace_id is null for
-- actions outside a workspace (login, password change). ip_prefix: /24 of IPv4, /48 of IPv6.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  workspace_id VARCHAR(128),
  actor_kind VARCHAR(16) NOT NULL,
  actor_id VARCHAR(64),
  action VARCHAR(64) NOT NULL,
  target VARCHAR(256),
  details JSONB,
  ip_prefix VARCHAR(64),
  user_agent VARCHAR(256)
);

CREATE INDEX audit_log_workspace_idx ON audit_log (workspace_id, at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);
