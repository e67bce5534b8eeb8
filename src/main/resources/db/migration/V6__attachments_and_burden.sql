-- Files that answer an application's `file` questions, kept in the database (never on disk) so every node
-- serves them; and the burden record of each submitted application, for the funder dashboards.

-- One file per question of a draft; replacing it replaces the row. file_name is what the person's computer
-- called it, cleaned (no path, no control characters, at most 120 characters): display text only, never a path.
-- content_type is the type detected from the content (an allow-list), never what the browser said.
CREATE TABLE application_attachment (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT        NOT NULL,
  question_key    VARCHAR(100)  NOT NULL,
  file_name       VARCHAR(200)  NOT NULL,
  content_type    VARCHAR(100)  NOT NULL,
  size_bytes      BIGINT        NOT NULL,
  content         LONGBLOB      NOT NULL,
  uploaded_by     VARCHAR(100)  NOT NULL,
  uploaded_at     DATETIME(6)   NOT NULL,
  CONSTRAINT uq_application_attachment_question UNIQUE (application_id, question_key),
  CONSTRAINT fk_application_attachment_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};

-- What applying asked of a group, recorded when it submits (started and submitted times are on application):
-- how many questions (the fund's questions and the three project fields: title, summary, amount), how many
-- words those questions and their hints held, how many words the answers held, and how many files were added.
CREATE TABLE application_burden (
  application_id  BIGINT        PRIMARY KEY,
  questions_asked INT           NOT NULL,
  question_words  INT           NOT NULL,
  answer_words    INT           NOT NULL,
  files_attached  INT           NOT NULL,
  recorded_at     DATETIME(6)   NOT NULL,
  CONSTRAINT fk_application_burden_application FOREIGN KEY (application_id) REFERENCES application (id)
) ${table_options};
