import { WORKFLOW_FIELDS, type WorkflowField } from '@parley/protocol';
import { errorsOf, idProblem, numberProblem, numberText, required, toNumber } from '../checks';
import { CheckboxField, CheckboxGroup, NumberField, TextField } from '../fields';
import { kind, type FormProps } from '../kind';
import { isSecretShown, type SecretShown, type WorkflowItem } from '../types';

interface Draft {
  id: string;
  name: string;
  url: string;
  fields: WorkflowField[];
  lastMessages: string;
  timeoutSeconds: string;
  queues: string[];
  idempotent: boolean;
  /** A new signing secret; empty keeps the stored one. */
  secret: string;
  secretSet: SecretShown | null;
}

function WorkflowForm({ draft, set, errors, ctx }: FormProps<Draft>) {
  const { t, lists } = ctx;
  const state = draft.secretSet ? `${t('admin.secret.set', { source: draft.secretSet.source })} ${t('admin.secret.keep')}` : t('admin.secret.unset');
  return (
    <>
      <TextField name="id" label={t('admin.field.id')} value={draft.id} onChange={(id) => set({ id })} error={errors.id} required disabled={!ctx.isNew} hint={ctx.isNew ? t('admin.hint.id') : undefined} />
      <TextField name="name" label={t('admin.field.name')} value={draft.name} onChange={(name) => set({ name })} error={errors.name} required />
      <TextField name="url" type="url" label={t('admin.field.url')} value={draft.url} onChange={(url) => set({ url })} error={errors.url} required hint={t('admin.hint.url')} />
      <CheckboxGroup name="fields" label={t('admin.field.workflowFields')} value={draft.fields} onChange={(f) => set({ fields: f as WorkflowField[] })} options={WORKFLOW_FIELDS.map((f) => ({ value: f, label: f }))} emptyText="" />
      <div className="admin-grid">
        <NumberField name="lastMessages" label={t('admin.field.lastMessages')} value={draft.lastMessages} onChange={(lastMessages) => set({ lastMessages })} error={errors.lastMessages} />
        <NumberField name="timeoutSeconds" label={t('admin.field.timeoutSeconds')} value={draft.timeoutSeconds} onChange={(timeoutSeconds) => set({ timeoutSeconds })} error={errors.timeoutSeconds} />
      </div>
      <CheckboxGroup name="queues" label={t('admin.field.workflowQueues')} value={draft.queues} onChange={(queues) => set({ queues })} options={lists.queues.map((q) => ({ value: q.id, label: q.name }))} error={errors.queues} required emptyText={t('admin.none.queues')} />
      <CheckboxField name="idempotent" label={t('admin.field.idempotent')} checked={draft.idempotent} onChange={(idempotent) => set({ idempotent })} hint={t('admin.hint.idempotent')} />
      <TextField name="secret" type="password" autoComplete="new-password" label={t('admin.field.signingSecret')} value={draft.secret} onChange={(secret) => set({ secret })} error={errors.secret} required={!draft.secretSet} hint={state} />
    </>
  );
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export const workflows = kind<WorkflowItem, Draft>({
  id: 'workflows',
  label: 'admin.kind.workflows',
  newLabel: 'admin.new.workflow',
  editLabel: 'admin.edit.workflow',
  columns: [
    { header: 'admin.field.id', cell: (x) => x.id },
    { header: 'admin.field.name', cell: (x) => x.name },
    { header: 'admin.field.url', cell: (x) => x.url },
    { header: 'admin.field.workflowQueues', cell: (x, { lists }) => x.queues.map((id) => lists.queues.find((q) => q.id === id)?.name ?? id).join(', ') },
  ],
  toDraft: (x) => ({
    id: x?.id ?? '',
    name: x?.name ?? '',
    url: x?.url ?? '',
    fields: x?.fields ?? ['conversation.id'],
    lastMessages: numberText(x?.lastMessages),
    timeoutSeconds: numberText(x?.timeoutSeconds),
    queues: x?.queues ?? [],
    idempotent: x?.idempotent ?? false,
    secret: '',
    secretSet: isSecretShown(x?.secret) ? x.secret : null,
  }),
  validate: (d, { t, lists, isNew }) =>
    errorsOf({
      id: idProblem(t, d.id, lists.workflows, isNew),
      name: required(t, d.name),
      url: required(t, d.url) ?? (isHttpUrl(d.url.trim()) ? undefined : t('admin.err.url')),
      lastMessages: numberProblem(t, d.lastMessages, { min: 1, max: 50, integer: true }),
      timeoutSeconds: numberProblem(t, d.timeoutSeconds, { min: 0, max: 60, exclusiveMin: true }),
      queues: d.queues.length ? undefined : t('admin.err.workflowQueues'),
      secret: d.secret || d.secretSet ? undefined : t('admin.err.secretNew'),
    }),
  toBody: (d) => ({
    id: d.id.trim(),
    name: d.name.trim(),
    url: d.url.trim(),
    fields: d.fields,
    ...(toNumber(d.lastMessages) !== undefined && { lastMessages: toNumber(d.lastMessages) }),
    ...(toNumber(d.timeoutSeconds) !== undefined && { timeoutSeconds: toNumber(d.timeoutSeconds) }),
    queues: d.queues,
    idempotent: d.idempotent,
    ...(d.secret ? { secret: d.secret } : d.secretSet ? { secret: d.secretSet } : {}),
  }),
  Form: WorkflowForm,
});
