-- The staff workspace: which funds a funder (or a fund manager) is linked to, accounts an administrator has
-- switched off, and each fund's templates for the reason a group is declined.

-- A FUNDER sees only the funds linked here. A FUND_MANAGER linked to funds manages those; one with no link
-- manages every fund (a small funder's one team). Admins see all.
CREATE TABLE staff_fund (
  user_id BIGINT NOT NULL,
  fund_id BIGINT NOT NULL,
  PRIMARY KEY (user_id, fund_id),
  CONSTRAINT fk_staff_fund_user FOREIGN KEY (user_id) REFERENCES app_user (id),
  CONSTRAINT fk_staff_fund_fund FOREIGN KEY (fund_id) REFERENCES fund (id)
) ${table_options};
CREATE INDEX ix_staff_fund_fund ON staff_fund (fund_id);

-- Deactivated accounts keep their row (the audit trail names them) but cannot sign in (enabled = false).
ALTER TABLE app_user ADD COLUMN deactivated_at DATETIME(6);
ALTER TABLE app_user ADD COLUMN deactivated_by VARCHAR(100);

-- The fund's decline reason templates (JSON list of {key, label, text}), part of the fund's rules as data.
ALTER TABLE fund ADD COLUMN decline_reasons TEXT;
