-- The staff inbox reads its lists from here, not from Flowable's task query joined to variables: one row per open
-- user task and candidate group, written by workflow/TaskReadModel (a Flowable event listener) in the engine's own
-- transaction, so a rolled-back task action leaves no row behind. A task with no candidate group has one row with
-- candidate_group ''; Kith's processes give each task exactly one group, so a task is one row in practice.
-- Rows of tasks open before this table existed are filled at start-up (workflow/TaskReadModelBackfill).
CREATE TABLE task_item (
  task_id             VARCHAR(64)   NOT NULL,
  candidate_group     VARCHAR(100)  NOT NULL,
  task_key            VARCHAR(100)  NOT NULL,
  name                VARCHAR(255),
  process_instance_id VARCHAR(64)   NOT NULL,
  application_id      BIGINT        NOT NULL,
  fund_id             BIGINT        NOT NULL,
  reference           VARCHAR(20),
  group_name          VARCHAR(300),
  amount_requested    DECIMAL(14,2),
  route               VARCHAR(20),
  received_at         DATETIME(6),
  created_at          DATETIME(6)   NOT NULL,
  due_at              DATETIME(6),
  -- due_at, or 9999-12-31 when there is none: sorts and filters by due date on an index, no date last
  due_sort            DATETIME(6)   NOT NULL,
  assignee            VARCHAR(100),
  -- 1 while nobody holds the task (assignee IS NULL): the pool's indexes lead with it, so the planner never reads
  -- the pool through the assignee index
  pooled              SMALLINT      NOT NULL,
  PRIMARY KEY (task_id, candidate_group)
) ${table_options};
-- my tasks: by assignee, in the page's default order
CREATE INDEX ix_task_item_assignee ON task_item (assignee, received_at, task_id);
-- the pool of one group (pooled = 1): each sort of the page, and each again within one fund; the columns the other
-- filters test come last, so rows that fail them are skipped in the index
CREATE INDEX ix_task_item_pool_received ON task_item (candidate_group, pooled, received_at, task_id, fund_id, due_sort,
  application_id);
CREATE INDEX ix_task_item_pool_due ON task_item (candidate_group, pooled, due_sort, task_id, fund_id, application_id);
CREATE INDEX ix_task_item_pool_amount ON task_item (candidate_group, pooled, amount_requested, task_id, fund_id,
  application_id);
CREATE INDEX ix_task_item_pool_fund_received ON task_item (candidate_group, pooled, fund_id, received_at, task_id,
  due_sort, application_id);
CREATE INDEX ix_task_item_pool_fund_due ON task_item (candidate_group, pooled, fund_id, due_sort, task_id,
  application_id);
CREATE INDEX ix_task_item_application ON task_item (application_id);
CREATE INDEX ix_task_item_process ON task_item (process_instance_id);

-- An assessor's score sheet saved before it is sent: what they typed (JSON of the page's fields, as typed), for that
-- task and that person only. Sending the assessment, or giving the task back, deletes it.
CREATE TABLE assessment_draft (
  task_id        VARCHAR(64)   NOT NULL,
  assessor       VARCHAR(100)  NOT NULL,
  application_id BIGINT        NOT NULL,
  content        TEXT          NOT NULL,
  saved_at       DATETIME(6)   NOT NULL,
  PRIMARY KEY (task_id, assessor)
) ${table_options};

-- Who has answered "Do you have a conflict of interest?" with No for a task, so the score page opens straight away
-- next time.
CREATE TABLE assessment_no_conflict (
  task_id      VARCHAR(64)  NOT NULL,
  assessor     VARCHAR(100) NOT NULL,
  confirmed_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (task_id, assessor)
) ${table_options};

-- the inbox leaves out what an assessor has scored or stepped aside from: read by assessor
CREATE INDEX ix_assessment_assessor ON assessment (assessor, application_id);
