-- "Save and come back later" on the end-of-grant report: what the group has typed so far, kept as typed (JSON of
-- the page's fields, even a half-written number) without sending it. Sending the report clears it.
ALTER TABLE grant_report ADD COLUMN draft TEXT;
ALTER TABLE grant_report ADD COLUMN draft_saved_by VARCHAR(100);
ALTER TABLE grant_report ADD COLUMN draft_saved_at DATETIME(6);
