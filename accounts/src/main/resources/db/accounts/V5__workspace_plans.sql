-- the plan each workspace is on, from the workspace entity's PlanChanged events (the entity is the
-- authority; this column serves listings, billing's lookups and analysts)
ALTER TABLE workspaces ADD COLUMN plan VARCHAR(32) NOT NULL DEFAULT 'free';
