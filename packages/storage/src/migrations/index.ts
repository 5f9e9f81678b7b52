import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial';
import * as attachmentUploader from './0002-attachment-uploader';
import * as sequences from './0003-sequences';
import * as supervisionIndexes from './0004-supervision-indexes';
import * as outbox from './0005-outbox';
import * as entryPointSettings from './0006-entry-point-settings';
import * as messageDetails from './0007-message-details';
import * as providerTemplates from './0008-provider-templates';
import * as queueReopen from './0009-queue-reopen';
import * as workflows from './0010-workflows';
import * as templates from './0011-templates';
import * as auditLog from './0012-audit-log';
import * as queueHours from './0013-queue-hours';
import * as reportFacts from './0014-report-facts';

/** In-code migrations, so they ship inside the bundle. To add one: a new NNNN-name.ts and a line here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-attachment-uploader': attachmentUploader,
  '0003-sequences': sequences,
  '0004-supervision-indexes': supervisionIndexes,
  '0005-outbox': outbox,
  '0006-entry-point-settings': entryPointSettings,
  '0007-message-details': messageDetails,
  '0008-provider-templates': providerTemplates,
  '0009-queue-reopen': queueReopen,
  '0010-workflows': workflows,
  '0011-templates': templates,
  '0012-audit-log': auditLog,
  '0013-queue-hours': queueHours,
  '0014-report-facts': reportFacts,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
