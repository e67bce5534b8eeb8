-- Payments, reports, variations and messages in the staff workspace.

-- The finance system's reference for a payment, told by the fund manager who marks it paid.
ALTER TABLE payment ADD COLUMN reference VARCHAR(50);

-- A fund's own wording for one kind of message to groups (APPLICATION_SUBMITTED, OFFER_MADE, ...). None: the
-- standard wording. Subject and body are staff-written text with plain {name} placeholders, never evaluated.
CREATE TABLE message_template (
  fund_id    BIGINT        NOT NULL,
  kind       VARCHAR(40)   NOT NULL,
  subject    VARCHAR(200)  NOT NULL,
  body       TEXT          NOT NULL,
  updated_by VARCHAR(100)  NOT NULL,
  updated_at DATETIME(6)   NOT NULL,
  PRIMARY KEY (fund_id, kind),
  CONSTRAINT fk_message_template_fund FOREIGN KEY (fund_id) REFERENCES fund (id)
) ${table_options};
