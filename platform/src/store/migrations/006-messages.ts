import type { Kysely, Migration } from 'kysely';

/**
 * Messages outside the app (issue 15): each agency's delivery settings (e-mail addresses, webhook URL
 * and secret, language), and the messages to send, one row per notification and channel, kept until
 * sent or given up (the outbox of the messages use case).
 */
export const messages: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('agency_delivery')
      .addColumn('agency_id', 'text', (c) => c.primaryKey())
      .addColumn('language', 'text')
      .addColumn('emails', 'text', (c) => c.notNull())
      .addColumn('webhook_url', 'text')
      .addColumn('webhook_secret', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('outgoing_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('notification_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('given_up_at', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('outgoing_messages_due')
      .on('outgoing_messages')
      .columns(['sent_at', 'given_up_at', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('outgoing_messages_agency')
      .on('outgoing_messages')
      .columns(['agency_id', 'created_at'])
      .execute();
  },
};
