-- Custom domains of workspaces (issue 17, decision 0028). A workspace adds a domain, proves it with
-- a DNS TXT record holding a token shown once (only its SHA-256 is kept) and points it at SMO1.
-- Several workspaces may claim a domain while it is pending (a claim proves nothing); only one
-- can hold it verified. A removed domain that was ever verified keeps its row (removed_at): its
-- links answer 410 and no other workspace may take it over until an operator releases it; a
-- claim never verified is deleted when removed.
CREATE TABLE custom_domains (
  workspace_id VARCHAR(128) NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  domain VARCHAR(253) NOT NULL,
  challenge_sha256 CHAR(64) NOT NULL,
  -- pending: never verified; verified: proven and pointed at SMO1; failing: was verified, the last
  -- re-check failed (links keep working; the owner sees why)
  status VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'verified', 'failing')),
  created_at TIMESTAMPTZ NOT NULL,
  verified_at TIMESTAMPTZ,
  checked_at TIMESTAMPTZ,
  -- when the background re-check looks next; null: not any more (a pending domain given up on)
  next_check_at TIMESTAMPTZ,
  failed_checks INTEGER NOT NULL DEFAULT 0,
  last_problem VARCHAR(500),
  root_url VARCHAR(2048),
  not_found_url VARCHAR(2048),
  expired_url VARCHAR(2048),
  removed_at TIMESTAMPTZ,
  PRIMARY KEY (workspace_id, domain)
);

-- one holder of a domain ever verified, removed ones included: links are never reassigned
CREATE UNIQUE INDEX custom_domains_held ON custom_domains (domain) WHERE verified_at IS NOT NULL;

CREATE INDEX custom_domains_due ON custom_domains (next_check_at)
  WHERE next_check_at IS NOT NULL AND removed_at IS NULL;
