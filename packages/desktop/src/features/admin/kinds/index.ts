import type { AuditKind } from '@parley/protocol';
import type { KindId } from '../admin-api';
import type { KindSpec } from '../kind';
import { agents } from './agents';
import { entryPoints } from './entry-points';
import { queues } from './queues';
import { idleReasons, wrapupReasons } from './reasons';
import { teams } from './teams';
import { templates } from './templates';
import { workflows } from './workflows';

/** The kinds of configuration, in the order the side list shows them. */
export const KINDS: readonly KindSpec[] = [entryPoints, queues, agents, teams, idleReasons, wrapupReasons, templates, workflows];

export const kindById = (id: string | undefined): KindSpec | undefined => KINDS.find((k) => k.id === id);

/** The audit log names each kind in the singular. */
export const AUDIT_KIND_OF: Record<KindId, AuditKind> = {
  'entry-points': 'entry-point',
  queues: 'queue',
  agents: 'agent',
  teams: 'team',
  'idle-reasons': 'idle-reason',
  'wrapup-reasons': 'wrapup-reason',
  templates: 'template',
  workflows: 'workflow',
};
