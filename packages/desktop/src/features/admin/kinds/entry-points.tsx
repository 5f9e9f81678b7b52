import { CHANNEL_TYPES, type ChannelSettingsField, type ChannelType } from '@parley/protocol';
import type { Translate } from '../../i18n/i18n';
import type { AdminLists } from '../admin-data';
import { errorsOf, idProblem, required } from '../checks';
import { CheckboxField, SelectField, TextField, type Errors } from '../fields';
import { kind, type FormProps } from '../kind';
import { isSecretShown, type EntryPointItem, type SecretShown } from '../types';

/** Settings as typed: text for text/number/choice/secret fields, a flag for booleans. */
type SettingsDraft = Record<string, string | boolean>;

interface Draft {
  id: string;
  name: string;
  channel: ChannelType;
  queue: string;
  address: string;
  settings: SettingsDraft;
  /** Secrets already stored (GET shows them as `{ set, source }`): an empty input keeps them. */
  secretsSet: Record<string, SecretShown>;
}

const fieldsOf = (lists: AdminLists, channel: string): ChannelSettingsField[] => lists.channelSettings.find((c) => c.channel === channel)?.fields ?? [];

function settingsDraft(fields: ChannelSettingsField[], stored: Record<string, unknown> | undefined): SettingsDraft {
  return Object.fromEntries(
    fields.map((f) => {
      const v = stored?.[f.name];
      if (f.type === 'boolean') return [f.name, v === true];
      if (f.type === 'secret' || v === undefined || v === null) return [f.name, ''];
      return [f.name, String(v)];
    }),
  );
}

function SettingsFields({ draft, set, errors, t, fields }: { draft: Draft; set: (p: Partial<Draft>) => void; errors: Errors; t: Translate; fields: ChannelSettingsField[] }) {
  const put = (name: string, v: string | boolean) => set({ settings: { ...draft.settings, [name]: v } });
  if (!fields.length) return <p className="field-note">{t('admin.settings.none')}</p>;
  return (
    <fieldset className="admin-section">
      <legend>{t('admin.settings.title', { channel: t(`channel.${draft.channel}`) })}</legend>
      {fields.map((f) => (
        <SettingInput key={f.name} f={f} value={draft.settings[f.name]} shown={draft.secretsSet[f.name]} error={errors[`settings.${f.name}`]} put={put} t={t} />
      ))}
    </fieldset>
  );
}

/** One setting's input, by its type in the channel's schema; a secret is write-only. */
function SettingInput({ f, value, shown, error, put, t }: { f: ChannelSettingsField; value: string | boolean | undefined; shown: SecretShown | undefined; error?: string; put: (name: string, v: string | boolean) => void; t: Translate }) {
  const common = { name: `settings.${f.name}`, label: f.name, error };
  const onText = (x: string) => put(f.name, x);
  if (f.type === 'boolean') return <CheckboxField {...common} checked={value === true} onChange={(x) => put(f.name, x)} hint={f.description} />;
  if (f.type === 'choice') {
    const options = [...(f.required ? [] : [{ value: '', label: t('admin.settings.unset') }]), ...(f.choices ?? []).map((c) => ({ value: c, label: c }))];
    return <SelectField {...common} value={String(value ?? '')} onChange={onText} options={options} required={f.required} hint={f.description} />;
  }
  if (f.type === 'secret') {
    const state = shown ? `${t('admin.secret.set', { source: shown.source })} ${t('admin.secret.keep')}` : t('admin.secret.unset');
    return (
      <TextField {...common} type="password" autoComplete="new-password" value={String(value ?? '')} onChange={onText} required={f.required && !shown} hint={f.description ? `${f.description}. ${state}` : state} />
    );
  }
  return <TextField {...common} value={String(value ?? '')} onChange={onText} required={f.required} hint={f.description} />;
}

function EntryPointForm({ draft, set, errors, ctx }: FormProps<Draft>) {
  const { t, lists } = ctx;
  const queues = lists.queues.filter((q) => q.channel === draft.channel);
  const changeChannel = (c: ChannelType) =>
    set({ channel: c, queue: lists.queues.find((q) => q.channel === c)?.id ?? '', settings: settingsDraft(fieldsOf(lists, c), undefined), secretsSet: {} });
  return (
    <>
      <TextField name="id" label={t('admin.field.id')} value={draft.id} onChange={(id) => set({ id })} error={errors.id} required disabled={!ctx.isNew} hint={ctx.isNew ? t('admin.hint.id') : undefined} />
      <TextField name="name" label={t('admin.field.name')} value={draft.name} onChange={(name) => set({ name })} error={errors.name} required />
      <SelectField name="channel" label={t('admin.field.channel')} value={draft.channel} onChange={(c) => changeChannel(c as ChannelType)} options={CHANNEL_TYPES.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
      <SelectField
        name="queue"
        label={t('admin.field.queue')}
        value={draft.queue}
        onChange={(queue) => set({ queue })}
        options={[{ value: '', label: t('admin.choose') }, ...queues.map((q) => ({ value: q.id, label: q.name }))]}
        error={errors.queue}
        required
        hint={t('admin.hint.queueOfChannel', { channel: t(`channel.${draft.channel}`) })}
      />
      <TextField name="address" label={t('admin.field.address')} value={draft.address} onChange={(address) => set({ address })} hint={t('admin.hint.address')} />
      <SettingsFields draft={draft} set={set} errors={errors} t={t} fields={fieldsOf(lists, draft.channel)} />
    </>
  );
}

function settingsProblems(t: Translate, d: Draft, fields: ChannelSettingsField[]): Errors {
  const e: Errors = {};
  for (const f of fields) {
    const v = d.settings[f.name];
    const key = `settings.${f.name}`;
    if (f.type === 'boolean') continue;
    const text = String(v ?? '').trim();
    if (!text) {
      if (f.required && !(f.type === 'secret' && d.secretsSet[f.name])) e[key] = t('admin.err.required');
      continue;
    }
    if (f.type === 'integer' && (!Number.isInteger(Number(text)) || (f.minimum !== undefined && Number(text) < f.minimum) || (f.maximum !== undefined && Number(text) > f.maximum))) {
      e[key] = t('admin.err.intRange', { min: f.minimum ?? 0, max: f.maximum ?? Number.MAX_SAFE_INTEGER });
    }
    if (f.type === 'text' && f.pattern && !new RegExp(f.pattern).test(text)) e[key] = t('admin.err.pattern', { what: f.description ?? f.name });
  }
  return e;
}

function settingsBody(d: Draft, fields: ChannelSettingsField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = d.settings[f.name];
    if (f.type === 'boolean') {
      if (v === true || !f.required) out[f.name] = v === true;
      continue;
    }
    const text = String(v ?? '').trim();
    if (f.type === 'secret') {
      if (text) out[f.name] = String(v);
      else if (d.secretsSet[f.name]) out[f.name] = d.secretsSet[f.name];
    } else if (text) out[f.name] = f.type === 'integer' ? Number(text) : text;
  }
  return out;
}

export const entryPoints = kind<EntryPointItem, Draft>({
  id: 'entry-points',
  label: 'admin.kind.entry-points',
  newLabel: 'admin.new.entryPoint',
  editLabel: 'admin.edit.entryPoint',
  columns: [
    { header: 'admin.field.id', cell: (x) => x.id },
    { header: 'admin.field.name', cell: (x) => x.name },
    { header: 'admin.field.channel', cell: (x, { t }) => t(`channel.${x.channel}`) },
    { header: 'admin.field.queue', cell: (x, { lists }) => lists.queues.find((q) => q.id === x.queue)?.name ?? x.queue },
    { header: 'admin.field.address', cell: (x) => x.address ?? '' },
  ],
  toDraft: (x) => ({
    id: x?.id ?? '',
    name: x?.name ?? '',
    channel: x?.channel ?? 'webchat',
    queue: x?.queue ?? '',
    address: x?.address ?? '',
    settings: Object.fromEntries(Object.entries(x?.settings ?? {}).filter(([, v]) => !isSecretShown(v)).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v)])),
    secretsSet: Object.fromEntries(Object.entries(x?.settings ?? {}).filter((e): e is [string, SecretShown] => isSecretShown(e[1]))),
  }),
  validate: (d, { t, lists, isNew }) => ({
    ...errorsOf({ id: idProblem(t, d.id, lists['entry-points'], isNew), name: required(t, d.name), queue: d.queue ? undefined : t('admin.err.queue') }),
    ...settingsProblems(t, d, fieldsOf(lists, d.channel)),
  }),
  toBody: (d, { lists }) => {
    const fields = fieldsOf(lists, d.channel);
    return {
      id: d.id.trim(),
      name: d.name.trim(),
      channel: d.channel,
      queue: d.queue,
      ...(d.address.trim() && { address: d.address.trim() }),
      ...(fields.length && { settings: settingsBody(d, fields) }),
    };
  },
  Form: EntryPointForm,
});
