-- Decisions: the conditions a fund manager adds to an award (optional). The offer prints the standard conditions
-- followed by these.
ALTER TABLE decision ADD COLUMN conditions TEXT;
