import type { Kysely } from 'kysely';

/*
 * Portable DDL only (runs on SQLite and PostgreSQL 15): text / bigint / integer columns, JSON as
 * text, no database-generated keys. Unique constraints allow several NULLs on both databases,
 * which is what the message dedupe keys rely on.
 */

export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;

  await s
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('capacity_json', 'text', (c) => c.notNull())
    .addColumn('team_ids_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('idle_reason_id', 'text')
    .addColumn('state_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('ready_since', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('queues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('offer_timeout_ms', 'bigint', (c) => c.notNull())
    .addColumn('max_wait_ms', 'bigint', (c) => c.notNull())
    .addColumn('transfer_fallback', 'text', (c) => c.notNull())
    .addColumn('overflow_queue_id', 'text')
    .addColumn('agent_ids_json', 'text', (c) => c.notNull())
    .addColumn('team_ids_json', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('entry_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .execute();

  for (const table of ['idle_reasons', 'wrapup_reasons']) {
    await s
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('label_zh', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
  }

  await s
    .createTable('templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channels_json', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await s
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('customers_channel_external_uq', ['channel', 'external_id'])
    .execute();

  await s
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('entry_point_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_agent_id', 'text')
    .addColumn('state_json', 'text', (c) => c.notNull())
    .addColumn('offer_deadline', 'bigint')
    .addColumn('max_wait_deadline', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await s.createIndex('conversations_status_idx').on('conversations').column('status').execute();
  await s.createIndex('conversations_offer_deadline_idx').on('conversations').column('offer_deadline').execute();
  await s
    .createIndex('conversations_max_wait_deadline_idx')
    .on('conversations')
    .column('max_wait_deadline')
    .execute();

  await s
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('attachments_json', 'text', (c) => c.notNull())
    .addColumn('notice_json', 'text')
    .addColumn('client_id', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('messages_conversation_client_uq', ['conversation_id', 'client_id'])
    .addUniqueConstraint('messages_channel_provider_uq', ['channel', 'provider_id'])
    .execute();
  await s
    .createIndex('messages_conversation_created_idx')
    .on('messages')
    .columns(['conversation_id', 'created_at', 'id'])
    .execute();

  await s
    .createTable('events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('agent_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('events_agent_seq_idx').on('events').columns(['agent_id', 'seq']).execute();

  await s
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('webchat_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('wrapups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('reason_ids_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('wrapups_conversation_idx').on('wrapups').column('conversation_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'wrapups',
    'webchat_sessions',
    'attachments',
    'events',
    'messages',
    'conversations',
    'customers',
    'sessions',
    'templates',
    'wrapup_reasons',
    'idle_reasons',
    'entry_points',
    'queues',
    'teams',
    'agents',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
