import { Type, type Static } from '@sinclair/typebox';
import { SecretRef } from '@parley/channels';
import { WORKFLOW_FIELDS } from '@parley/protocol';

const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });

export const DEFAULT_WORKFLOW_TIMEOUT_SECONDS = 10;
export const DEFAULT_WORKFLOW_LAST_MESSAGES = 10;

const fields = {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: Type.String({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: 2000, description: 'http(s) endpoint, called with POST' }),
    method: Type.Optional(Type.Literal('POST')),
    fields: Type.Array(Type.Union(WORKFLOW_FIELDS.map((f) => Type.Literal(f))), { uniqueItems: true, maxItems: WORKFLOW_FIELDS.length }),
    lastMessages: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: `with the messages field: how many (default ${DEFAULT_WORKFLOW_LAST_MESSAGES})` })),
    timeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 60, description: `per attempt (default ${DEFAULT_WORKFLOW_TIMEOUT_SECONDS})` })),
    queues: Type.Array(Id, { minItems: 1, description: 'the queues whose conversations may run it' }),
    idempotent: Type.Optional(Type.Boolean({ description: 'retried (3 attempts) on network errors, timeouts and 5xx only when true' })),
};
const secretDescription = 'HMAC key: the value, {env: NAME} or {file: /path}. Write-only; required for a new workflow.';

/** A workflow as written in the config file's `workflows:`. */
export const WorkflowConfig = Type.Object({ ...fields, secret: Type.Optional({ ...SecretRef, description: secretDescription }) }, { additionalProperties: false });
export type WorkflowConfig = Static<typeof WorkflowConfig>;

/** What a GET shows for the secret; sent back unchanged it means "keep the stored one", like leaving it out. */
const SecretShown = Type.Object({ set: Type.Literal(true), source: Type.String() }, { additionalProperties: false });

/** PUT /api/admin/workflows/:id: the file's fields; the secret may also be sent back as GET showed it. */
export const WorkflowPutBody = Type.Object(
  { ...fields, secret: Type.Optional(Type.Union([SecretRef, SecretShown], { description: secretDescription })) },
  { additionalProperties: false },
);
export type WorkflowPutBody = Static<typeof WorkflowPutBody>;

/** Problems a schema can't see: a parseable http(s) URL, known queues, a secret. */
export function workflowProblems(w: WorkflowConfig | WorkflowPutBody, queueIds: ReadonlySet<string>, secretKnown: boolean): string[] {
  const problems: string[] = [];
  const where = `workflow "${w.id}"`;
  if (!isHttpUrl(w.url)) problems.push(`${where} url must be an http(s) URL`);
  for (const q of w.queues) if (!queueIds.has(q)) problems.push(`${where} names unknown queue "${q}"`);
  if ((!w.secret || isSecretShown(w.secret)) && !secretKnown) problems.push(`${where} needs a secret (it signs each request)`);
  return problems;
}

export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function isSecretShown(v: unknown): v is { set: true; source: string } {
  return typeof v === 'object' && v !== null && (v as { set?: unknown }).set === true;
}
