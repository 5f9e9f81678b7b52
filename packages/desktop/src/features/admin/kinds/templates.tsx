import { CHANNEL_TYPES, type ChannelType } from '@parley/protocol';
import { errorsOf, idProblem, required } from '../checks';
import { CheckboxField, CheckboxGroup, TextField } from '../fields';
import { kind, type FormProps } from '../kind';
import type { TemplateItem } from '../types';

interface Draft {
  id: string;
  name: string;
  category: string;
  channels: ChannelType[];
  queues: string[];
  body: string;
  locked: boolean;
  /** The WhatsApp-approved template as JSON (name, language, category, header, buttons); empty: none. */
  providerTemplate: string;
}

function TemplateForm({ draft, set, errors, ctx }: FormProps<Draft>) {
  const { t, lists } = ctx;
  const queues = lists.queues.filter((q) => draft.channels.includes(q.channel));
  return (
    <>
      <TextField name="id" label={t('admin.field.id')} value={draft.id} onChange={(id) => set({ id })} error={errors.id} required disabled={!ctx.isNew} hint={ctx.isNew ? t('admin.hint.id') : undefined} />
      <TextField name="name" label={t('admin.field.name')} value={draft.name} onChange={(name) => set({ name })} error={errors.name} required />
      <TextField name="category" label={t('admin.field.category')} value={draft.category} onChange={(category) => set({ category })} hint={t('admin.hint.category')} />
      <CheckboxGroup
        name="channels"
        label={t('admin.field.channels')}
        value={draft.channels}
        onChange={(c) => set({ channels: c as ChannelType[], queues: draft.queues.filter((id) => lists.queues.some((q) => q.id === id && c.includes(q.channel))) })}
        options={CHANNEL_TYPES.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        error={errors.channels}
        required
        emptyText=""
      />
      <CheckboxGroup name="queues" label={t('admin.field.templateQueues')} value={draft.queues} onChange={(q) => set({ queues: q })} options={queues.map((q) => ({ value: q.id, label: q.name }))} hint={t('admin.hint.templateQueues')} emptyText={t('admin.none.queues')} />
      <TextField name="body" label={t('admin.field.body')} value={draft.body} onChange={(body) => set({ body })} error={errors.body} required multiline hint={t('admin.hint.body')} />
      <CheckboxField name="locked" label={t('admin.field.locked')} checked={draft.locked} onChange={(locked) => set({ locked })} hint={t('admin.hint.locked')} />
      <TextField name="providerTemplate" label={t('admin.field.providerTemplate')} value={draft.providerTemplate} onChange={(providerTemplate) => set({ providerTemplate })} error={errors.providerTemplate} multiline hint={t('admin.hint.providerTemplate')} />
    </>
  );
}

function jsonProblem(text: string, message: string): string | undefined {
  if (!text.trim()) return undefined;
  try {
    const v = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : message;
  } catch {
    return message;
  }
}

export const templates = kind<TemplateItem, Draft>({
  id: 'templates',
  label: 'admin.kind.templates',
  newLabel: 'admin.new.template',
  editLabel: 'admin.edit.template',
  columns: [
    { header: 'admin.field.id', cell: (x) => x.id },
    { header: 'admin.field.name', cell: (x) => x.name },
    { header: 'admin.field.category', cell: (x) => x.category ?? '' },
    { header: 'admin.field.channels', cell: (x, { t }) => x.channels.map((c) => t(`channel.${c}`)).join(', ') },
  ],
  toDraft: (x) => ({
    id: x?.id ?? '',
    name: x?.name ?? '',
    category: x?.category ?? '',
    channels: x?.channels ?? ['webchat'],
    queues: x?.queues ?? [],
    body: x?.body ?? '',
    locked: x?.locked ?? false,
    providerTemplate: x?.providerTemplate ? JSON.stringify(x.providerTemplate, null, 2) : '',
  }),
  validate: (d, { t, lists, isNew }) =>
    errorsOf({
      id: idProblem(t, d.id, lists.templates, isNew),
      name: required(t, d.name),
      channels: d.channels.length ? undefined : t('admin.err.channels'),
      body: required(t, d.body),
      providerTemplate: jsonProblem(d.providerTemplate, t('admin.err.json')),
    }),
  toBody: (d) => ({
    id: d.id.trim(),
    name: d.name.trim(),
    ...(d.category.trim() && { category: d.category.trim() }),
    channels: d.channels,
    queues: d.queues,
    body: d.body,
    locked: d.locked,
    ...(d.providerTemplate.trim() && { providerTemplate: JSON.parse(d.providerTemplate) }),
  }),
  Form: TemplateForm,
});
