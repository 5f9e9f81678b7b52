import { CHANNEL_TYPES, type ChannelType } from '@parley/protocol';
import { errorsOf, idProblem, numberProblem, numberText, required, toNumber } from '../checks';
import { CheckboxGroup, NumberField, SelectField, TextField } from '../fields';
import { kind, type FormProps } from '../kind';
import type { QueueHours, QueueItem } from '../types';
import { HoursEditor, hoursProblems } from './hours';

interface Draft {
  id: string;
  name: string;
  channel: ChannelType;
  offerTimeoutSeconds: string;
  maxWaitSeconds: string;
  transferFallback: 'drop' | 'requeue';
  reopenTo: 'queue' | 'lastAgent';
  overflowQueue: string;
  agents: string[];
  teams: string[];
  hours: QueueHours | undefined;
}

function QueueForm({ draft, set, errors, ctx }: FormProps<Draft>) {
  const { t, lists } = ctx;
  const overflow = lists.queues.filter((q) => q.channel === draft.channel && q.id !== draft.id);
  return (
    <>
      <TextField name="id" label={t('admin.field.id')} value={draft.id} onChange={(id) => set({ id })} error={errors.id} required disabled={!ctx.isNew} hint={ctx.isNew ? t('admin.hint.id') : undefined} />
      <TextField name="name" label={t('admin.field.name')} value={draft.name} onChange={(name) => set({ name })} error={errors.name} required />
      <SelectField
        name="channel"
        label={t('admin.field.channel')}
        value={draft.channel}
        onChange={(c) => set({ channel: c as ChannelType, overflowQueue: '' })}
        options={CHANNEL_TYPES.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        disabled={!ctx.isNew}
        hint={ctx.isNew ? t('admin.hint.channelFixed') : t('admin.hint.channelKept')}
      />
      <p className="form-field">
        <span>{t('admin.field.strategy')}</span> <span className="field-note">{t('admin.strategy.longestAvailable')}</span>
      </p>
      <CheckboxGroup name="agents" label={t('admin.field.memberAgents')} value={draft.agents} onChange={(agents) => set({ agents })} options={lists.agents.map((a) => ({ value: a.id, label: a.displayName }))} emptyText={t('admin.none.agents')} />
      <CheckboxGroup name="teams" label={t('admin.field.memberTeams')} value={draft.teams} onChange={(teams) => set({ teams })} options={lists.teams.map((x) => ({ value: x.id, label: x.name }))} emptyText={t('admin.none.teams')} />
      <div className="admin-grid">
        <NumberField name="offerTimeoutSeconds" label={t('admin.field.offerTimeout')} value={draft.offerTimeoutSeconds} onChange={(v) => set({ offerTimeoutSeconds: v })} error={errors.offerTimeoutSeconds} hint={t('admin.hint.offerTimeout')} />
        <NumberField name="maxWaitSeconds" label={t('admin.field.maxWait')} value={draft.maxWaitSeconds} onChange={(v) => set({ maxWaitSeconds: v })} error={errors.maxWaitSeconds} hint={t('admin.hint.maxWait')} />
      </div>
      <SelectField
        name="overflowQueue"
        label={t('admin.field.overflowQueue')}
        value={draft.overflowQueue}
        onChange={(overflowQueue) => set({ overflowQueue })}
        options={[{ value: '', label: t('admin.overflow.none') }, ...overflow.map((q) => ({ value: q.id, label: q.name }))]}
        hint={t('admin.hint.overflow')}
      />
      <SelectField
        name="transferFallback"
        label={t('admin.field.transferFallback')}
        value={draft.transferFallback}
        onChange={(v) => set({ transferFallback: v as Draft['transferFallback'] })}
        options={[
          { value: 'drop', label: t('admin.fallback.drop') },
          { value: 'requeue', label: t('admin.fallback.requeue') },
        ]}
      />
      <SelectField
        name="reopenTo"
        label={t('admin.field.reopenTo')}
        value={draft.reopenTo}
        onChange={(v) => set({ reopenTo: v as Draft['reopenTo'] })}
        options={[
          { value: 'queue', label: t('admin.reopen.queue') },
          { value: 'lastAgent', label: t('admin.reopen.lastAgent') },
        ]}
      />
      <HoursEditor hours={draft.hours} onChange={(hours) => set({ hours })} errors={errors} t={t} />
    </>
  );
}

export const queues = kind<QueueItem, Draft>({
  id: 'queues',
  label: 'admin.kind.queues',
  newLabel: 'admin.new.queue',
  editLabel: 'admin.edit.queue',
  columns: [
    { header: 'admin.field.id', cell: (x) => x.id },
    { header: 'admin.field.name', cell: (x) => x.name },
    { header: 'admin.field.channel', cell: (x, { t }) => t(`channel.${x.channel}`) },
    {
      header: 'admin.col.members',
      cell: (x, { lists }) =>
        [...(x.agents ?? []).map((id) => lists.agents.find((a) => a.id === id)?.displayName ?? id), ...(x.teams ?? []).map((id) => lists.teams.find((tm) => tm.id === id)?.name ?? id)].join(', '),
    },
    { header: 'admin.col.hours', cell: (x, { t }) => (x.hours ? x.hours.timezone : t('admin.hours.always')) },
  ],
  toDraft: (x) => ({
    id: x?.id ?? '',
    name: x?.name ?? '',
    channel: x?.channel ?? 'webchat',
    offerTimeoutSeconds: numberText(x ? x.offerTimeoutSeconds : 30),
    maxWaitSeconds: numberText(x ? x.maxWaitSeconds : 3600),
    transferFallback: x?.transferFallback ?? 'drop',
    reopenTo: x?.reopenTo ?? 'queue',
    overflowQueue: x?.overflowQueue ?? '',
    agents: x?.agents ?? [],
    teams: x?.teams ?? [],
    hours: x?.hours ?? undefined,
  }),
  validate: (d, { t, lists, isNew }) => ({
    ...errorsOf({
      id: idProblem(t, d.id, lists.queues, isNew),
      name: required(t, d.name),
      offerTimeoutSeconds: numberProblem(t, d.offerTimeoutSeconds, { min: 0, max: 3600, exclusiveMin: true }),
      maxWaitSeconds: numberProblem(t, d.maxWaitSeconds, { min: 0, exclusiveMin: true }),
    }),
    ...(d.hours ? hoursProblems(t, d.hours) : {}),
  }),
  toBody: (d) => ({
    id: d.id.trim(),
    name: d.name.trim(),
    channel: d.channel,
    ...(toNumber(d.offerTimeoutSeconds) !== undefined && { offerTimeoutSeconds: toNumber(d.offerTimeoutSeconds) }),
    ...(toNumber(d.maxWaitSeconds) !== undefined && { maxWaitSeconds: toNumber(d.maxWaitSeconds) }),
    transferFallback: d.transferFallback,
    reopenTo: d.reopenTo,
    ...(d.overflowQueue && { overflowQueue: d.overflowQueue }),
    agents: d.agents,
    teams: d.teams,
    ...(d.hours && { hours: { ...d.hours, closedDates: (d.hours.closedDates ?? []).filter((x) => x.trim()) } }),
  }),
  Form: QueueForm,
});
