-- API tokens for scripts: a person makes named tokens and sends one as "Authorization: Bearer kith_<prefix>_<secret>".
-- The prefix (12 lower-case letters and digits, not secret) finds the row through its unique index; only the
-- SHA-256 of the whole token is kept. The secret part is 256 random bits, so a fast hash is enough: nobody can
-- guess their way back from it, and a slow hash (bcrypt, 87 ms) would cost on every call what the token saves.
-- A revoked token keeps its row (revoked_at, revoked_by) for the record; the owner's account must be enabled.
CREATE TABLE api_token (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT       NOT NULL,
  name          VARCHAR(100) NOT NULL,
  token_prefix  VARCHAR(12)  NOT NULL,
  secret_hash   CHAR(64)     NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  last_used_at  DATETIME(6),
  revoked_at    DATETIME(6),
  revoked_by    VARCHAR(100),
  CONSTRAINT uq_api_token_prefix UNIQUE (token_prefix),
  CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ${table_options};
CREATE INDEX ix_api_token_user ON api_token (user_id, revoked_at);
