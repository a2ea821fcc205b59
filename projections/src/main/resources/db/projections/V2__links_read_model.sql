-- The links read model: one row per link, maintained by the links-read-model projection
-- (exactly-once: the row and the projection offset commit in one transaction). `version` is the
-- sequence number of the last event applied; a row only ever moves to a higher version, so
-- replays and duplicates never move it backwards. Deleted links stay, with status 'deleted'.
CREATE TABLE links (
  domain VARCHAR(253) NOT NULL,
  code VARCHAR(64) NOT NULL,
  owner VARCHAR(128) NOT NULL,
  target VARCHAR(2048) NOT NULL,
  redirect_type SMALLINT NOT NULL,
  expires_at TIMESTAMPTZ,
  title VARCHAR(256),
  tags TEXT[] NOT NULL,
  status VARCHAR(16) NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (domain, code)
);

-- an owner's links, newest first, walked by keyset (created_at, code)
CREATE INDEX links_owner_newest_idx ON links (owner, domain, created_at DESC, code DESC);
CREATE INDEX links_tags_idx ON links USING GIN (tags);
