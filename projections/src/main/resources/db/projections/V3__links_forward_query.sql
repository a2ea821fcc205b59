-- Links may forward the short URL's query string to their target (LinkSettings.forwardQuery).
-- Rows written before this column existed came from events without the setting: false.
ALTER TABLE links ADD COLUMN forward_query BOOLEAN NOT NULL DEFAULT false;
