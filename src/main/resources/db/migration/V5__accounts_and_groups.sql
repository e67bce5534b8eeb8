-- Accounts people make for themselves, and the group profile they tell once.
-- ${alter_column} is MODIFY COLUMN on MySQL/MariaDB and ALTER COLUMN on H2 (their syntax for a new column type).

-- Sign in with the email address: email_key is the address in lower case, unique among accounts.
-- Accounts that exist already (staff, demo) count as confirmed. Addresses shared by several existing accounts
-- get no key: those accounts sign in with their username only.
ALTER TABLE app_user ADD COLUMN email_key VARCHAR(320);
ALTER TABLE app_user ADD COLUMN email_confirmed_at DATETIME(6);
ALTER TABLE app_user ADD COLUMN created_at DATETIME(6);
UPDATE app_user SET email_confirmed_at = CURRENT_TIMESTAMP;
UPDATE app_user SET email_key = LOWER(TRIM(email))
WHERE email IS NOT NULL AND TRIM(email) <> '' AND LOWER(TRIM(email)) NOT IN (
  SELECT d.k FROM (SELECT LOWER(TRIM(email)) AS k FROM app_user WHERE email IS NOT NULL
                   GROUP BY LOWER(TRIM(email)) HAVING COUNT(*) > 1) d);
CREATE UNIQUE INDEX uq_app_user_email_key ON app_user (email_key);

-- Single-use links sent by email (confirm an address, change it, reset a password). Only the SHA-256 hash of
-- the token is kept: a copy of the database does not give anyone a working link.
CREATE TABLE account_token (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  token_hash  CHAR(64)     NOT NULL,
  purpose     VARCHAR(20)  NOT NULL,
  user_id     BIGINT       NOT NULL,
  email       VARCHAR(320),
  created_at  DATETIME(6)  NOT NULL,
  expires_at  DATETIME(6)  NOT NULL,
  used_at     DATETIME(6),
  CONSTRAINT uq_account_token_hash UNIQUE (token_hash),
  CONSTRAINT fk_account_token_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ${table_options};
CREATE INDEX ix_account_token_user ON account_token (user_id, purpose);

-- The group profile, told once: where it is, how to reach it, its charity and company numbers.
ALTER TABLE organisation ADD COLUMN charity_number VARCHAR(20);
ALTER TABLE organisation ADD COLUMN company_number VARCHAR(20);
ALTER TABLE organisation ADD COLUMN address_line1 VARCHAR(200);
ALTER TABLE organisation ADD COLUMN address_line2 VARCHAR(200);
ALTER TABLE organisation ADD COLUMN town VARCHAR(100);
ALTER TABLE organisation ADD COLUMN contact_name VARCHAR(200);
ALTER TABLE organisation ADD COLUMN contact_email VARCHAR(320);
ALTER TABLE organisation ADD COLUMN contact_phone VARCHAR(30);
ALTER TABLE organisation ADD COLUMN updated_at DATETIME(6);

-- A member asks someone to join the group; the link (token) is the proof.
CREATE TABLE group_invitation (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  organisation_id BIGINT       NOT NULL,
  email           VARCHAR(320) NOT NULL,
  token_hash      CHAR(64)     NOT NULL,
  invited_by      VARCHAR(100) NOT NULL,
  created_at      DATETIME(6)  NOT NULL,
  expires_at      DATETIME(6)  NOT NULL,
  accepted_at     DATETIME(6),
  accepted_by     VARCHAR(100),
  cancelled_at    DATETIME(6),
  cancelled_by    VARCHAR(100),
  CONSTRAINT uq_group_invitation_hash UNIQUE (token_hash),
  CONSTRAINT fk_group_invitation_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_group_invitation_organisation ON group_invitation (organisation_id, accepted_at, cancelled_at);

-- Messages about an account belong to no application, and may go to an address with no account yet
-- (an invitation): then address holds it and recipient names the address or the account it concerns.
ALTER TABLE notification ${alter_column} application_id BIGINT NULL;
ALTER TABLE notification ADD COLUMN address VARCHAR(320);
