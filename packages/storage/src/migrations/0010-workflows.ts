import type { Kysely } from 'kysely';

/*
 * Workflows (admin-defined HTTP calls an agent triggers from the pane) and their runs. The secret
 * is stored like entry points' secrets: sealed, or an `{env}`/`{file}` reference (JSON). Runs are
 * kept for supervisors; a run still `running` at start-up was cut short by a crash (startup marks it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workflows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('last_messages', 'integer', (c) => c.notNull())
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('queue_ids_json', 'text', (c) => c.notNull())
    .addColumn('idempotent', 'integer', (c) => c.notNull())
    .addColumn('secret_json', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('workflow_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    // Kept as run: the workflow may be renamed or deleted later.
    .addColumn('workflow_name', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('agent_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('message', 'text')
    .addColumn('link', 'text')
    .addColumn('error_code', 'text')
    .addColumn('reason', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('workflow_runs_conversation_idx').on('workflow_runs').columns(['conversation_id', 'started_at']).execute();
  await db.schema.createIndex('workflow_runs_workflow_idx').on('workflow_runs').columns(['workflow_id', 'started_at']).execute();
  await db.schema.createIndex('workflow_runs_status_idx').on('workflow_runs').columns(['status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('workflow_runs').ifExists().execute();
  await db.schema.dropTable('workflows').ifExists().execute();
}
