/**
 * The engine's tables. They are the durable state and also what a read API queries, so every
 * entity is a real row with its key and state; `data` columns hold only runtime bookkeeping.
 * Bump SCHEMA_VERSION and add a migration when a table changes.
 */
export const SCHEMA_VERSION = 3;

/**
 * Steps from an older schema, by the version they lead to (3 only adds the read API's indexes,
 * which SCHEMA creates on an older database by itself). Partial indexes are written with
 * `<>` rather than `IN (...)`: SQLite evaluates an IN list in an index condition through a
 * temporary table on every write, which doubled the cost of each row change.
 */
export const MIGRATIONS: Record<number, string> = {
  2: 'DROP INDEX IF EXISTS element_instance_active; DROP INDEX IF EXISTS job_open_by_instance;',
};

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS deployment (
  key INTEGER PRIMARY KEY,
  deploy_time INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS process_definition (
  key INTEGER PRIMARY KEY,
  bpmn_process_id TEXT NOT NULL,
  name TEXT,
  version INTEGER NOT NULL,
  version_tag TEXT,
  resource_name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  resource TEXT NOT NULL,
  model TEXT NOT NULL,
  model_format INTEGER NOT NULL,
  deployment_key INTEGER NOT NULL,
  deploy_time INTEGER NOT NULL,
  UNIQUE (bpmn_process_id, version)
);

CREATE TABLE IF NOT EXISTS decision_requirements (
  key INTEGER PRIMARY KEY,
  decision_requirements_id TEXT NOT NULL,
  name TEXT,
  version INTEGER NOT NULL,
  resource_name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  resource TEXT NOT NULL,
  deployment_key INTEGER NOT NULL,
  deploy_time INTEGER NOT NULL,
  UNIQUE (decision_requirements_id, version)
);

CREATE TABLE IF NOT EXISTS decision (
  key INTEGER PRIMARY KEY,
  decision_id TEXT NOT NULL,
  name TEXT,
  version INTEGER NOT NULL,
  version_tag TEXT,
  decision_requirements_key INTEGER NOT NULL,
  decision_requirements_id TEXT NOT NULL,
  deployment_key INTEGER NOT NULL,
  UNIQUE (decision_id, version)
);

CREATE TABLE IF NOT EXISTS form (
  key INTEGER PRIMARY KEY,
  form_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  version_tag TEXT,
  resource_name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  resource TEXT NOT NULL,
  deployment_key INTEGER NOT NULL,
  deploy_time INTEGER NOT NULL,
  UNIQUE (form_id, version)
);

CREATE TABLE IF NOT EXISTS user_task (
  key INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  name TEXT,
  element_id TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  process_definition_version INTEGER NOT NULL,
  assignee TEXT,
  candidate_groups TEXT NOT NULL,
  candidate_users TEXT NOT NULL,
  due_date INTEGER,
  follow_up_date INTEGER,
  priority INTEGER NOT NULL,
  form_key INTEGER,
  external_form_reference TEXT,
  custom_headers TEXT NOT NULL,
  creation_date INTEGER NOT NULL,
  completion_date INTEGER
);
CREATE INDEX IF NOT EXISTS user_task_by_instance ON user_task (process_instance_key);
CREATE INDEX IF NOT EXISTS user_task_by_element ON user_task (element_instance_key);

CREATE TABLE IF NOT EXISTS deleted_resource (
  key INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  delete_time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deleted_resource_by_id ON deleted_resource (kind, resource_id);

CREATE TABLE IF NOT EXISTS process_instance (
  key INTEGER PRIMARY KEY,
  process_definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  state TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  parent_process_instance_key INTEGER,
  parent_element_instance_key INTEGER,
  incident_count INTEGER NOT NULL DEFAULT 0,
  data TEXT
);
CREATE INDEX IF NOT EXISTS process_instance_by_state ON process_instance (state, bpmn_process_id);
-- read API: a state filter pages in key order without walking the other states
CREATE INDEX IF NOT EXISTS process_instance_by_state_key ON process_instance (state, key);
CREATE INDEX IF NOT EXISTS process_instance_by_parent ON process_instance (parent_process_instance_key)
  WHERE parent_process_instance_key IS NOT NULL;

CREATE TABLE IF NOT EXISTS element_instance (
  key INTEGER PRIMARY KEY,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_type TEXT NOT NULL,
  flow_scope_key INTEGER NOT NULL,
  state TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  incident_key INTEGER,
  data TEXT
);
CREATE INDEX IF NOT EXISTS element_instance_by_instance ON element_instance (process_instance_key, key);
CREATE INDEX IF NOT EXISTS element_instance_open ON element_instance (process_instance_key)
  WHERE state <> 'COMPLETED' AND state <> 'TERMINATED';

CREATE TABLE IF NOT EXISTS variable (
  key INTEGER PRIMARY KEY,
  process_instance_key INTEGER NOT NULL,
  scope_key INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (scope_key, name)
);
CREATE INDEX IF NOT EXISTS variable_by_instance ON variable (process_instance_key);
-- read API: process instances by a variable's value (a prefix, so large values stay out of the index)
CREATE INDEX IF NOT EXISTS variable_by_name_value ON variable (name, substr(value, 1, 100));

CREATE TABLE IF NOT EXISTS job (
  key INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  process_instance_key INTEGER NOT NULL,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_definition_version INTEGER NOT NULL,
  retries INTEGER NOT NULL,
  worker TEXT,
  deadline INTEGER,
  retry_at INTEGER,
  custom_headers TEXT NOT NULL,
  error_message TEXT,
  error_code TEXT,
  creation_time INTEGER NOT NULL,
  end_time INTEGER
);
CREATE INDEX IF NOT EXISTS job_activatable ON job (type, key) WHERE state = 'ACTIVATABLE';
CREATE INDEX IF NOT EXISTS job_deadline ON job (deadline) WHERE state = 'ACTIVATED';
CREATE INDEX IF NOT EXISTS job_retry_at ON job (retry_at) WHERE state = 'FAILED' AND retry_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS job_open ON job (process_instance_key)
  WHERE state <> 'COMPLETED' AND state <> 'CANCELED';
-- read API: all jobs of an instance, ended ones too
CREATE INDEX IF NOT EXISTS job_by_instance ON job (process_instance_key);

CREATE TABLE IF NOT EXISTS timer (
  key INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  due_date INTEGER NOT NULL,
  repetitions INTEGER NOT NULL,
  interval TEXT,
  element_id TEXT NOT NULL,
  process_definition_key INTEGER NOT NULL,
  process_instance_key INTEGER,
  element_instance_key INTEGER
);
CREATE INDEX IF NOT EXISTS timer_due ON timer (due_date) WHERE state = 'CREATED';
CREATE INDEX IF NOT EXISTS timer_by_definition ON timer (process_definition_key) WHERE state = 'CREATED';
-- read API: the timers an instance waits on
CREATE INDEX IF NOT EXISTS timer_by_instance ON timer (process_instance_key) WHERE process_instance_key IS NOT NULL;

CREATE TABLE IF NOT EXISTS message_subscription (
  key INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  message_name TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  process_instance_key INTEGER NOT NULL,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  process_definition_key INTEGER NOT NULL,
  interrupting INTEGER NOT NULL,
  creation_time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS message_subscription_open ON message_subscription (message_name, correlation_key, key)
  WHERE state = 'CREATED';
CREATE INDEX IF NOT EXISTS message_subscription_by_instance ON message_subscription (process_instance_key);
-- read API: open (or correlated) subscriptions in key order
CREATE INDEX IF NOT EXISTS message_subscription_by_state ON message_subscription (state, key);

CREATE TABLE IF NOT EXISTS start_subscription (
  process_definition_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  PRIMARY KEY (process_definition_key, element_id)
);
CREATE INDEX IF NOT EXISTS start_subscription_by_name ON start_subscription (kind, name);

CREATE TABLE IF NOT EXISTS signal_subscription (
  key INTEGER PRIMARY KEY,
  signal_name TEXT NOT NULL,
  process_instance_key INTEGER NOT NULL,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS signal_subscription_by_name ON signal_subscription (signal_name);
CREATE INDEX IF NOT EXISTS signal_subscription_by_instance ON signal_subscription (process_instance_key);

CREATE TABLE IF NOT EXISTS message (
  key INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  message_id TEXT NOT NULL,
  variables TEXT NOT NULL,
  deadline INTEGER NOT NULL,
  publish_time INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS message_by_name ON message (name, correlation_key, key);
CREATE INDEX IF NOT EXISTS message_by_deadline ON message (deadline);

CREATE TABLE IF NOT EXISTS message_correlation (
  message_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  process_instance_key INTEGER NOT NULL,
  PRIMARY KEY (message_key, bpmn_process_id)
);

CREATE TABLE IF NOT EXISTS message_start_lock (
  bpmn_process_id TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  process_instance_key INTEGER NOT NULL,
  PRIMARY KEY (bpmn_process_id, correlation_key)
);
CREATE INDEX IF NOT EXISTS message_start_lock_by_instance ON message_start_lock (process_instance_key);

CREATE TABLE IF NOT EXISTS incident (
  key INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  error_type TEXT NOT NULL,
  error_message TEXT NOT NULL,
  process_instance_key INTEGER NOT NULL,
  process_definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  job_key INTEGER,
  creation_time INTEGER NOT NULL,
  resolve_time INTEGER
);
CREATE INDEX IF NOT EXISTS incident_by_instance ON incident (process_instance_key);
CREATE INDEX IF NOT EXISTS incident_active ON incident (creation_time) WHERE state = 'ACTIVE';

CREATE TABLE IF NOT EXISTS decision_instance (
  key INTEGER PRIMARY KEY,
  state TEXT NOT NULL,
  decision_key INTEGER NOT NULL,
  decision_id TEXT NOT NULL,
  decision_version INTEGER NOT NULL,
  decision_requirements_key INTEGER NOT NULL,
  process_instance_key INTEGER,
  element_instance_key INTEGER,
  element_id TEXT,
  evaluation_time INTEGER NOT NULL,
  output TEXT,
  evaluated_decisions TEXT NOT NULL,
  failure_message TEXT
);
CREATE INDEX IF NOT EXISTS decision_instance_by_instance ON decision_instance (process_instance_key);
`;
