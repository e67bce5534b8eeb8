-- Failed sign-ins per username, shared by every node. The username is kept only as a SHA-256 hash: people
-- sometimes type a password into the username box.
CREATE TABLE login_throttle (
  username_hash    CHAR(64)      NOT NULL PRIMARY KEY,
  failures         INT           NOT NULL,
  first_failure_at DATETIME(6)   NOT NULL,
  locked_until     DATETIME(6)
) ${table_options};
CREATE INDEX ix_login_throttle_first_failure ON login_throttle (first_failure_at);
