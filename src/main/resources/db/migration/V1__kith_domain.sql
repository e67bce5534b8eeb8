-- Kith's own tables. ${table_options} is utf8mb4/InnoDB on MySQL and empty on H2.
-- Flowable keeps its own ACT_* tables; only ids and routing facts cross into them.

CREATE TABLE organisation (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  name            VARCHAR(300) NOT NULL,
  legal_form      VARCHAR(40)  NOT NULL,
  org_identifier  VARCHAR(100),
  postcode        VARCHAR(12),
  local_authority VARCHAR(120),
  annual_income   DECIMAL(14,2),
  created_at      DATETIME(6)  NOT NULL,
  CONSTRAINT uq_organisation_identifier UNIQUE (org_identifier)
) ${table_options};

CREATE TABLE app_user (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  username        VARCHAR(100) NOT NULL,
  password_hash   VARCHAR(200) NOT NULL,
  display_name    VARCHAR(200) NOT NULL,
  email           VARCHAR(320),
  organisation_id BIGINT,
  enabled         BOOLEAN      NOT NULL,
  CONSTRAINT uq_app_user_username UNIQUE (username),
  CONSTRAINT fk_app_user_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ${table_options};

CREATE TABLE user_role (
  user_id BIGINT      NOT NULL,
  role    VARCHAR(20) NOT NULL,
  PRIMARY KEY (user_id, role),
  CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ${table_options};

CREATE TABLE fund (
  id                           BIGINT AUTO_INCREMENT PRIMARY KEY,
  slug                         VARCHAR(100)  NOT NULL,
  name                         VARCHAR(300)  NOT NULL,
  description                  TEXT          NOT NULL,
  currency                     CHAR(3)       NOT NULL,
  budget                       DECIMAL(14,2) NOT NULL,
  minimum_award                DECIMAL(14,2) NOT NULL,
  maximum_award                DECIMAL(14,2) NOT NULL,
  light_touch_threshold        DECIMAL(14,2) NOT NULL,
  opens_on                     DATE          NOT NULL,
  closes_on                    DATE          NOT NULL,
  eligibility                  TEXT          NOT NULL,
  questions                    TEXT          NOT NULL,
  criteria                     TEXT          NOT NULL,
  reporting                    TEXT          NOT NULL,
  payments                     TEXT          NOT NULL,
  time_limits                  TEXT          NOT NULL,
  CONSTRAINT uq_fund_slug UNIQUE (slug)
) ${table_options};

CREATE TABLE application (
  id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
  reference           VARCHAR(20),
  fund_id             BIGINT        NOT NULL,
  organisation_id     BIGINT        NOT NULL,
  created_by          VARCHAR(100)  NOT NULL,
  idempotency_key     VARCHAR(100),
  title               VARCHAR(300)  NOT NULL,
  summary             TEXT,
  amount_requested    DECIMAL(14,2),
  amount_awarded      DECIMAL(14,2),
  answers             TEXT          NOT NULL,
  status              VARCHAR(30)   NOT NULL,
  route               VARCHAR(20),
  eligibility_reasons TEXT,
  process_instance_id VARCHAR(64),
  created_at          DATETIME(6)   NOT NULL,
  updated_at          DATETIME(6)   NOT NULL,
  submitted_at        DATETIME(6),
  CONSTRAINT uq_application_reference UNIQUE (reference),
  CONSTRAINT uq_application_idempotency UNIQUE (organisation_id, idempotency_key),
  CONSTRAINT fk_application_fund FOREIGN KEY (fund_id) REFERENCES fund (id),
  CONSTRAINT fk_application_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
) ${table_options};
CREATE INDEX ix_application_fund_status ON application (fund_id, status);
CREATE INDEX ix_application_organisation ON application (organisation_id, fund_id, status);
CREATE INDEX ix_application_process ON application (process_instance_id);

CREATE TABLE assessment (
  id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id       BIGINT       NOT NULL,
  task_id              VARCHAR(64)  NOT NULL,
  assessor             VARCHAR(100) NOT NULL,
  conflict_of_interest BOOLEAN      NOT NULL,
  scores               TEXT,
  weighted_score       DECIMAL(7,2),
  comment              TEXT,
  recommendation       VARCHAR(20),
  recorded_at          DATETIME(6)  NOT NULL,
  CONSTRAINT fk_assessment_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};
CREATE INDEX ix_assessment_application ON assessment (application_id, assessor);

CREATE TABLE decision (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT        NOT NULL,
  outcome        VARCHAR(30)   NOT NULL,
  amount_awarded DECIMAL(14,2),
  reason         TEXT,
  question       TEXT,
  decided_by     VARCHAR(100)  NOT NULL,
  decided_at     DATETIME(6)   NOT NULL,
  CONSTRAINT fk_decision_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};
CREATE INDEX ix_decision_application ON decision (application_id);

CREATE TABLE information_request (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT       NOT NULL,
  question       TEXT         NOT NULL,
  requested_by   VARCHAR(100) NOT NULL,
  requested_at   DATETIME(6)  NOT NULL,
  answer         TEXT,
  answered_by    VARCHAR(100),
  answered_at    DATETIME(6),
  CONSTRAINT fk_information_request_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};
CREATE INDEX ix_information_request_application ON information_request (application_id);

CREATE TABLE award (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT        NOT NULL,
  amount         DECIMAL(14,2) NOT NULL,
  conditions     TEXT,
  offered_at     DATETIME(6)   NOT NULL,
  respond_by     DATE          NOT NULL,
  accepted       BOOLEAN,
  responded_by   VARCHAR(100),
  responded_at   DATETIME(6),
  CONSTRAINT uq_award_application UNIQUE (application_id),
  CONSTRAINT fk_award_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};

CREATE TABLE payment (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT        NOT NULL,
  tranche        INT           NOT NULL,
  amount         DECIMAL(14,2) NOT NULL,
  due_on         DATE          NOT NULL,
  paid_at        DATETIME(6),
  paid_by        VARCHAR(100),
  CONSTRAINT uq_payment_tranche UNIQUE (application_id, tranche),
  CONSTRAINT fk_payment_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};

CREATE TABLE grant_report (
  id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id     BIGINT        NOT NULL,
  due_on             DATE          NOT NULL,
  status             VARCHAR(30)   NOT NULL,
  what_we_did        TEXT,
  difference_it_made TEXT,
  what_we_learned    TEXT,
  people_reached     INT,
  amount_spent       DECIMAL(14,2),
  submitted_by       VARCHAR(100),
  submitted_at       DATETIME(6),
  feedback           TEXT,
  reviewed_by        VARCHAR(100),
  reviewed_at        DATETIME(6),
  CONSTRAINT uq_grant_report_application UNIQUE (application_id),
  CONSTRAINT fk_grant_report_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};

CREATE TABLE variation (
  id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id      BIGINT        NOT NULL,
  description         TEXT          NOT NULL,
  new_amount          DECIMAL(14,2),
  status              VARCHAR(20)   NOT NULL,
  reason              TEXT,
  requested_by        VARCHAR(100)  NOT NULL,
  requested_at        DATETIME(6)   NOT NULL,
  decided_by          VARCHAR(100),
  decided_at          DATETIME(6),
  process_instance_id VARCHAR(64),
  CONSTRAINT fk_variation_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};
CREATE INDEX ix_variation_application ON variation (application_id);

CREATE TABLE document (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT       NOT NULL,
  kind           VARCHAR(30)  NOT NULL,
  content_type   VARCHAR(100) NOT NULL,
  content        LONGBLOB     NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  CONSTRAINT uq_document_kind UNIQUE (application_id, kind),
  CONSTRAINT fk_document_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};

-- Outbox of messages to people; a sender delivers them, the process never waits on mail.
CREATE TABLE notification (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT       NOT NULL,
  kind           VARCHAR(40)  NOT NULL,
  recipient      VARCHAR(100) NOT NULL,
  created_at     DATETIME(6)  NOT NULL,
  sent_at        DATETIME(6),
  CONSTRAINT fk_notification_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};
CREATE INDEX ix_notification_application ON notification (application_id);

CREATE TABLE audit_event (
  id             BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT,
  occurred_at    DATETIME(6)  NOT NULL,
  actor          VARCHAR(100) NOT NULL,
  action         VARCHAR(60)  NOT NULL,
  from_status    VARCHAR(30),
  to_status      VARCHAR(30),
  detail         TEXT
) ${table_options};
CREATE INDEX ix_audit_event_application ON audit_event (application_id, id);

-- Spring Session JDBC: any node serves any user.
CREATE TABLE SPRING_SESSION (
  PRIMARY_ID            CHAR(36)     NOT NULL,
  SESSION_ID            CHAR(36)     NOT NULL,
  CREATION_TIME         BIGINT       NOT NULL,
  LAST_ACCESS_TIME      BIGINT       NOT NULL,
  MAX_INACTIVE_INTERVAL INT          NOT NULL,
  EXPIRY_TIME           BIGINT       NOT NULL,
  PRINCIPAL_NAME        VARCHAR(100),
  PRIMARY KEY (PRIMARY_ID)
) ${table_options};
CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
  SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
  ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
  ATTRIBUTE_BYTES    LONGBLOB     NOT NULL,
  PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
  CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID) REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
) ${table_options};
