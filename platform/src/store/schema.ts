import type { Generated } from 'kysely';
/**
 * The tables of the platform's store, as Kysely sees them. Booleans are 0/1 integers and times are
 * ISO 8601 strings, so the same rows fit SQLite and PostgreSQL.
 */
export interface CountersTable {
  name: string;
  value: number;
}

export interface DecisionsTable {
  id: string;
  seq: number;
  reference: string;
  content_sha256: string;
  document_sha256: string;
  document_name: string;
  document_bytes: number;
  input_json: string;
  status: string;
  parquet_id: string;
  province: string;
  nis: string;
  measure: string;
  prison_id: string | null;
  language: string;
  routing_json: string | null;
  process_instance_key: string | null;
  created_at: string;
  created_by: string;
  /** Migration 005 (the case's life): the measure's period, the release, the end. */
  measure_start: string | null;
  measure_end: string | null;
  measure_duration: string | null;
  awaiting_release: Generated<number>;
  released_at: string | null;
  ended_at: string | null;
}

export interface DecisionEventsTable {
  key: string;
  decision_id: string;
  at: string;
  event: string;
  mandate_id: string | null;
  agency_id: string | null;
}

export interface MandatesTable {
  id: string;
  decision_id: string;
  kind: string;
  recipient_id: string;
  province: string;
  parquet_id: string;
  origin: string;
  status: string;
  issued_at: string;
  deadline: string;
  overdue: number;
  escalated_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  report_outcome: string | null;
  report_breach: number | null;
  report_text: string | null;
  report_at: string | null;
  report_by: string | null;
  process_instance_key: string | null;
  manual_assignment: number;
  /** Migration 005: closed (measure over, revoked, moved away); reports received (periodic guidance). */
  closed_at?: string | null;
  close_reason?: string | null;
  report_count: Generated<number>;
}

export interface SignalementsTable {
  id: string;
  decision_id: string;
  register: string;
  external_id: string | null;
  status: string;
  created_at: string;
  created_by: string;
  /** Migration 005: the last update (revision, move) and the end sent to the register. */
  updated_at?: string | null;
  ended_at?: string | null;
}

/** Migration 005: what the parquet, a police zone or a prison changed on a decision, carried out once by a worker. */
export interface DecisionChangesTable {
  id: string;
  decision_id: string;
  /** `revision`, `revocation`, `move` or `release`. */
  kind: string;
  at: string;
  by_user: string;
  agency_id: string;
  payload_json: string;
  applied_at: string | null;
}

export interface NotificationsTable {
  id: string;
  dedup_key: string;
  kind: string;
  agency_id: string;
  province: string;
  decision_id: string;
  mandate_id: string | null;
  created_at: string;
  handled_at: string | null;
  handled_by: string | null;
  handle_note: string | null;
  detail: string;
}

export interface OutboxTable {
  key: string;
  kind: string;
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  done_at: string | null;
  given_up_at: string | null;
  last_error: string | null;
}

export interface CallbacksTable {
  id: string;
  mandate_id: string;
  url: string;
  created_by: string;
  created_at: string;
  delivered_at: string | null;
}

export interface UsersTable {
  name: string;
  password_hash: string;
  role: string;
  agency_id: string;
  language: string;
  created_at: string;
  disabled_at: string | null;
  /** 1 for an account seeded by IPLUS_DEMO (migration 002). */
  demo: number;
}

export interface SessionsTable {
  id_hash: string;
  user_name: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_name: string;
  secret_hash: string;
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  user_name: string;
  agency_id: string;
  action: string;
  object: string;
  justification: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

export interface RoutingTableVersionsTable {
  province: string;
  version: number;
  xml: string;
  sha256: string;
  source: string;
  deployed_at: string;
  deployed_by: string;
  comment: string;
  decision_key: string | null;
}

export interface RoutingTestsTable {
  province: string;
  tests_json: string;
  updated_at: string;
  updated_by: string;
}

export interface ModelDeploymentsTable {
  resource_name: string;
  sha256: string;
  bpmn_process_id: string;
  version: number;
  process_definition_key: string;
  xml: string;
  deployed_at: string;
  deployed_by: string;
  source: string;
  comment: string;
  approved_by: string | null;
}

export interface ModelFilesTable {
  resource_name: string;
  sha256: string;
  xml: string;
  status: string;
  seen_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ModelDraftsTable {
  id: string;
  bpmn_process_id: string;
  file_name: string;
  xml: string;
  comment: string;
  base_version: number | null;
  source: string;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  deployed_version: number | null;
  /** The forms sent with the draft (JSON list of `{ fileName, schema }`), deployed on approval. */
  forms_json: string;
}

export interface RolloutSwitchesTable {
  id: string;
  province: string;
  arrondissement: string | null;
  live: number;
  /** `switch` (now), `scheduled` (engine timer), `rollback` (off now, reason required). */
  kind: string;
  reason: string;
  resend_old_channel: number;
  requested_by: string;
  requested_at: string;
  due_at: string | null;
  /** `scheduled`, `applied`, `cancelled` or `failed`. */
  status: string;
  process_instance_key: string | null;
  done_at: string | null;
  done_by: string | null;
  table_version: number | null;
  detail: string;
}

/** Decision documents by SHA-256 (PostgreSQL only; SQLite keeps them as files). */
export interface DocumentsTable {
  sha256: string;
  bytes: Buffer;
  size: number;
  created_at: string;
}

export interface AgencyDeliveryTable {
  agency_id: string;
  language: string | null;
  /** JSON array of e-mail addresses. */
  emails: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  updated_at: string;
  updated_by: string;
}

export interface OutgoingMessagesTable {
  id: string;
  notification_id: string;
  agency_id: string;
  channel: string;
  target: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  given_up_at: string | null;
  last_error: string | null;
}

/** What is left of an erased case (migration 007): the person as a keyed pseudonym, the ids audit entries name. */
export interface ErasuresTable {
  decision_id: string;
  person_pseudonym: string;
  /** `retention` (the period ran out) or `request` (early erasure by an admin). */
  reason: string;
  justification: string;
  ended_at: string | null;
  erased_at: string;
  erased_by: string;
  /** The case's other ids (mandates, signalements, notifications, callbacks), comma-separated. */
  objects: string;
}

/** Ended cases whose process instances were deleted from the engine (migration 007). */
export interface EngineHistoryPurgesTable {
  decision_id: string;
  purged_at: string;
  instances: string;
}

/** Failed logins per throttled key (`a:<address>` or `u:<user>`), shared by every instance. */
export interface LoginFailuresTable {
  key: string;
  failures: number;
  last_failure_at: string;
}

export interface Database {
  counters: CountersTable;
  decisions: DecisionsTable;
  decision_events: DecisionEventsTable;
  mandates: MandatesTable;
  signalements: SignalementsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  callbacks: CallbacksTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  routing_table_versions: RoutingTableVersionsTable;
  routing_tests: RoutingTestsTable;
  model_deployments: ModelDeploymentsTable;
  model_files: ModelFilesTable;
  model_drafts: ModelDraftsTable;
  rollout_switches: RolloutSwitchesTable;
  documents: DocumentsTable;
  decision_changes: DecisionChangesTable;
  agency_delivery: AgencyDeliveryTable;
  outgoing_messages: OutgoingMessagesTable;
  erasures: ErasuresTable;
  engine_history_purges: EngineHistoryPurgesTable;
  login_failures: LoginFailuresTable;
  task_forms: TaskFormsTable;
}

/** Camunda Forms deployed with a process (migration 009). */
export interface TaskFormsTable {
  form_id: string;
  version: number;
  form_key: string;
  sha256: string;
  schema_json: string;
  deployed_at: string;
  deployed_by: string;
}
