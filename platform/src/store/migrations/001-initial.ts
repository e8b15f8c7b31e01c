import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect';

/** The first schema: decisions, mandates, signalements, notifications, outbox, access, audit, routing. */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('content_sha256', 'text', (c) => c.notNull())
      .addColumn('document_sha256', 'text', (c) => c.notNull())
      .addColumn('document_name', 'text', (c) => c.notNull())
      .addColumn('document_bytes', 'integer', (c) => c.notNull())
      .addColumn('input_json', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('parquet_id', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('nis', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('prison_id', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('routing_json', 'text')
      .addColumn('process_instance_key', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('decisions_parquet').on('decisions').columns(['parquet_id', 'seq']).execute();
    await db.schema.createIndex('decisions_province').on('decisions').columns(['province', 'seq']).execute();
    await db.schema.createIndex('decisions_prison').on('decisions').columns(['prison_id', 'seq']).execute();
    await db.schema
      .createIndex('decisions_unstarted')
      .on('decisions')
      .columns(['process_instance_key', 'seq'])
      .execute();

    await db.schema
      .createTable('decision_events')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('mandate_id', 'text')
      .addColumn('agency_id', 'text')
      .execute();
    await db.schema
      .createIndex('decision_events_decision')
      .on('decision_events')
      .columns(['decision_id', 'at'])
      .execute();

    await db.schema
      .createTable('mandates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recipient_id', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('parquet_id', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('escalated_at', 'text')
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addColumn('ack_note', 'text')
      .addColumn('report_outcome', 'text')
      .addColumn('report_breach', 'integer')
      .addColumn('report_text', 'text')
      .addColumn('report_at', 'text')
      .addColumn('report_by', 'text')
      .addColumn('process_instance_key', 'text')
      .addColumn('manual_assignment', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('mandates_inbox')
      .on('mandates')
      .columns(['recipient_id', 'deadline', 'id'])
      .execute();
    await db.schema
      .createIndex('mandates_inbox_status')
      .on('mandates')
      .columns(['recipient_id', 'status', 'deadline', 'id'])
      .execute();
    await db.schema.createIndex('mandates_decision').on('mandates').columns(['decision_id']).execute();
    await db.schema
      .createIndex('mandates_province')
      .on('mandates')
      .columns(['province', 'deadline', 'id'])
      .execute();
    await db.schema
      .createIndex('mandates_parquet')
      .on('mandates')
      .columns(['parquet_id', 'deadline', 'id'])
      .execute();

    await db.schema
      .createTable('signalements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('decision_id', 'text', (c) => c.notNull().unique().references('decisions.id'))
      .addColumn('register', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
      .addColumn('mandate_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('handled_at', 'text')
      .addColumn('handled_by', 'text')
      .addColumn('handle_note', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('notifications_agency')
      .on('notifications')
      .columns(['agency_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('outbox')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text')
      .addColumn('given_up_at', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('outbox_due')
      .on('outbox')
      .columns(['done_at', 'given_up_at', 'next_attempt_at'])
      .execute();

    await db.schema
      .createTable('callbacks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mandate_id', 'text', (c) => c.notNull().references('mandates.id'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema.createIndex('callbacks_mandate').on('callbacks').columns(['mandate_id']).execute();

    await db.schema
      .createTable('users')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_name', 'text', (c) => c.notNull().references('users.name'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_name', 'text', (c) => c.notNull().references('users.name'))
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('object', 'text', (c) => c.notNull())
      .addColumn('justification', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_user').on('audit_log').columns(['user_name', 'seq']).execute();
    await db.schema.createIndex('audit_object').on('audit_log').columns(['object', 'seq']).execute();
    // Append-only: the database itself refuses to change or remove an entry. The one place the
    // dialects differ in this migration (trigger syntax); SQLite's statements are unchanged.
    if (isPostgres(db)) {
      await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    } else {
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    }

    await db.schema
      .createTable('routing_table_versions')
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('xml', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('deployed_at', 'text', (c) => c.notNull())
      .addColumn('deployed_by', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('decision_key', 'text')
      .addPrimaryKeyConstraint('routing_table_versions_pk', ['province', 'version'])
      .execute();

    await db.schema
      .createTable('routing_tests')
      .addColumn('province', 'text', (c) => c.primaryKey())
      .addColumn('tests_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('model_deployments')
      .addColumn('resource_name', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('bpmn_process_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('process_definition_key', 'text', (c) => c.notNull())
      .addColumn('xml', 'text', (c) => c.notNull())
      .addColumn('deployed_at', 'text', (c) => c.notNull())
      .addColumn('deployed_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('model_deployments_pk', ['bpmn_process_id', 'version'])
      .execute();
  },
};
