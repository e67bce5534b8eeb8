-- The outbox carries the message itself, written when the event happens, and what delivery has made of it.
ALTER TABLE notification ADD COLUMN subject VARCHAR(200);
ALTER TABLE notification ADD COLUMN body TEXT;
ALTER TABLE notification ADD COLUMN attempts INT NOT NULL DEFAULT 0;
-- A node sending it holds it until then; after a failure, the next try waits until then.
ALTER TABLE notification ADD COLUMN claimed_until DATETIME(6);
ALTER TABLE notification ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE notification ADD COLUMN last_error VARCHAR(500);
ALTER TABLE notification ADD COLUMN failed_at DATETIME(6);
CREATE INDEX ix_notification_unsent ON notification (sent_at, failed_at, claimed_until);
