-- The SHA-256 of the request that created a draft with an Idempotency-Key: the same key with another request
-- is refused (422) instead of quietly returning the first draft. Drafts made before this have none.
ALTER TABLE application ADD COLUMN idempotency_hash CHAR(64);

-- The moment an offer lapses, worked out once when the award is made: the offer letter prints it (as the
-- date respond_by, the last day to answer), the acceptOffer timer fires at it, and the API shows it.
ALTER TABLE award ADD COLUMN lapses_at DATETIME(6);
