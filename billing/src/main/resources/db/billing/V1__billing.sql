-- billing (billing module): each paying workspace's Stripe customer and subscription as SMO1 last
-- applied it, the Stripe events processed (each once), and the notices emailed (each once)

CREATE TABLE billing_accounts (
  workspace_id VARCHAR(128) PRIMARY KEY,
  stripe_customer_id VARCHAR(255) NOT NULL UNIQUE,
  subscription_id VARCHAR(255),
  -- Stripe's status of that subscription: active, trialing, past_due, unpaid, canceled, ...
  subscription_status VARCHAR(32),
  subscription_created_at TIMESTAMPTZ,
  price_id VARCHAR(255),
  -- the plan the subscription pays for (what the workspace entity was last told)
  plan VARCHAR(32),
  current_period_end TIMESTAMPTZ,
  cancel_at_period_end BOOLEAN NOT NULL DEFAULT false,
  -- a failed payment: since when, and when the grace period ends (then the workspace goes to free)
  past_due_since TIMESTAMPTZ,
  grace_ends_at TIMESTAMPTZ,
  downgraded_at TIMESTAMPTZ,
  updated_at TIMESTAMPTZ NOT NULL
);

-- the grace sweep's look-up
CREATE INDEX billing_accounts_grace_idx ON billing_accounts (grace_ends_at)
  WHERE grace_ends_at IS NOT NULL AND downgraded_at IS NULL;

CREATE TABLE stripe_events (
  event_id VARCHAR(255) PRIMARY KEY,
  type VARCHAR(100) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE billing_notices (
  workspace_id VARCHAR(128) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  -- what makes one notice of the kind (a subscription, a period, a threshold): sent once per key
  notice_key VARCHAR(255) NOT NULL,
  sent_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (workspace_id, kind, notice_key)
);
