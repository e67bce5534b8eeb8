-- Events about a person's account (invited, roles changed, deactivated) name the account they concern, so the
-- administrator's page about that person shows its history. NULL for events about an application or a fund.
ALTER TABLE audit_event ADD COLUMN account_id BIGINT;
CREATE INDEX ix_audit_event_account ON audit_event (account_id, id);
