-- Takedowns (decision 0034): one row per time a link was blocked (blocked_at is the entity's
-- LinkBlocked instant), written with its audit entry in one transaction, so the owner's email and
-- the audit entry happen once however many nodes' sweeps or admins' retries block the same link.
CREATE TABLE link_takedowns (
  domain VARCHAR(253) NOT NULL,
  code VARCHAR(64) NOT NULL,
  blocked_at TIMESTAMPTZ NOT NULL,
  owner VARCHAR(128) NOT NULL,
  blocked_by VARCHAR(128) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  PRIMARY KEY (domain, code, blocked_at)
);

-- Abuse reports from anyone (no login), oldest open first for the platform admins' queue.
CREATE TABLE abuse_reports (
  id UUID PRIMARY KEY,
  received_at TIMESTAMPTZ NOT NULL,
  short_url VARCHAR(2048) NOT NULL,
  domain VARCHAR(253) NOT NULL,
  code VARCHAR(64) NOT NULL,
  reason VARCHAR(16) NOT NULL CHECK (reason IN ('phishing', 'malware', 'spam', 'illegal', 'other')),
  details VARCHAR(2000),
  contact VARCHAR(320),
  status VARCHAR(16) NOT NULL CHECK (status IN ('open', 'actioned', 'dismissed')),
  resolved_at TIMESTAMPTZ,
  resolved_by VARCHAR(64)
);

CREATE INDEX abuse_reports_queue_idx ON abuse_reports (status, received_at, id);
CREATE INDEX abuse_reports_link_idx ON abuse_reports (domain, code);

-- the platform admins' audit log: the platform's own actions across every workspace
CREATE INDEX audit_log_platform_idx ON audit_log (at DESC, id DESC)
  WHERE action IN ('link.blocked', 'link.unblocked', 'abuse_report.received', 'abuse_report.resolved');
