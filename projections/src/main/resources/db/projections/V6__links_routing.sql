-- A link's targeting rules and A/B test (decision 0023) as the API writes them (JSON text, one
-- object with rules, variants and variantsUntil); null for a link without any.
ALTER TABLE links ADD COLUMN routing TEXT;
