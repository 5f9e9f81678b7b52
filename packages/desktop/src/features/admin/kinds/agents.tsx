import { CHANNEL_TYPES, type ChannelType } from '@parley/protocol';
import { errorsOf, idProblem, numberProblem, numberText, required } from '../checks';
import { CheckboxGroup, NumberField, Section, SelectField, TextField } from '../fields';
import { kind, type FormProps } from '../kind';
import type { AgentItem, Role } from '../types';

interface Draft {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teams: string[];
  capacity: Record<ChannelType, string>;
  password: string;
}

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

function AgentForm({ draft, set, errors, ctx }: FormProps<Draft>) {
  const { t, lists } = ctx;
  return (
    <>
      <TextField name="id" label={t('admin.field.id')} value={draft.id} onChange={(id) => set({ id })} error={errors.id} required disabled={!ctx.isNew} hint={ctx.isNew ? t('admin.hint.id') : undefined} />
      <TextField name="username" label={t('admin.field.username')} value={draft.username} onChange={(username) => set({ username })} error={errors.username} required />
      <TextField name="displayName" label={t('admin.field.displayName')} value={draft.displayName} onChange={(displayName) => set({ displayName })} error={errors.displayName} required />
      <TextField
        name="password"
        type="password"
        autoComplete="new-password"
        label={t('admin.field.password')}
        value={draft.password}
        onChange={(password) => set({ password })}
        error={errors.password}
        required={ctx.isNew}
        hint={ctx.isNew ? undefined : t('admin.hint.passwordKeep')}
      />
      <SelectField name="role" label={t('admin.field.role')} value={draft.role} onChange={(role) => set({ role: role as Role })} options={ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))} />
      <CheckboxGroup
        name="teams"
        label={t('admin.field.teams')}
        value={draft.teams}
        onChange={(teams) => set({ teams })}
        options={lists.teams.map((x) => ({ value: x.id, label: x.name }))}
        emptyText={t('admin.none.teams')}
      />
      <Section title={t('admin.field.capacity')}>
        <p className="field-note">{t('admin.hint.capacity')}</p>
        <div className="admin-grid">
          {CHANNEL_TYPES.map((c) => (
            <NumberField
              key={c}
              name={`capacity.${c}`}
              label={t(`channel.${c}`)}
              value={draft.capacity[c]}
              onChange={(v) => set({ capacity: { ...draft.capacity, [c]: v } })}
              error={errors[`capacity.${c}`]}
            />
          ))}
        </div>
      </Section>
    </>
  );
}

export const agents = kind<AgentItem, Draft>({
  id: 'agents',
  label: 'admin.kind.agents',
  newLabel: 'admin.new.agent',
  editLabel: 'admin.edit.agent',
  columns: [
    { header: 'admin.field.id', cell: (x) => x.id },
    { header: 'admin.field.displayName', cell: (x) => x.displayName },
    { header: 'admin.field.username', cell: (x) => x.username },
    { header: 'admin.field.role', cell: (x, { t }) => t(`admin.role.${x.role ?? 'agent'}`) },
    { header: 'admin.field.teams', cell: (x, { lists }) => (x.teams ?? []).map((id) => lists.teams.find((tm) => tm.id === id)?.name ?? id).join(', ') },
  ],
  toDraft: (x) => ({
    id: x?.id ?? '',
    username: x?.username ?? '',
    displayName: x?.displayName ?? '',
    role: x?.role ?? 'agent',
    teams: x?.teams ?? [],
    capacity: Object.fromEntries(CHANNEL_TYPES.map((c) => [c, numberText(x ? x.capacity?.[c] : 0)])) as Record<ChannelType, string>,
    password: '',
  }),
  validate: (d, { t, lists, isNew, original }) => {
    const prev = original as AgentItem | null;
    const taken = lists.agents.some((a) => a.username === d.username.trim() && a.id !== prev?.id);
    return errorsOf({
      id: idProblem(t, d.id, lists.agents, isNew),
      username: required(t, d.username) ?? (taken ? t('admin.err.usernameTaken') : undefined),
      displayName: required(t, d.displayName),
      password: isNew && !d.password ? t('admin.err.passwordNew') : undefined,
      ...Object.fromEntries(CHANNEL_TYPES.map((c) => [`capacity.${c}`, numberProblem(t, d.capacity[c], { min: 0, max: 100, integer: true })])),
    });
  },
  toBody: (d) => ({
    id: d.id.trim(),
    username: d.username.trim(),
    displayName: d.displayName.trim(),
    role: d.role,
    teams: d.teams,
    capacity: Object.fromEntries(CHANNEL_TYPES.filter((c) => d.capacity[c].trim()).map((c) => [c, Number(d.capacity[c])])),
    ...(d.password && { password: d.password }),
  }),
  Form: AgentForm,
});
