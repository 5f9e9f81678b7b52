import { errorsOf, idProblem, required } from '../checks';
import { TextField } from '../fields';
import { kind, type FormProps } from '../kind';
import type { TeamItem } from '../types';

function TeamForm({ draft, set, errors, ctx }: FormProps<TeamItem>) {
  const { t } = ctx;
  return (
    <>
      <TextField name="id" label={t('admin.field.id')} value={draft.id} onChange={(id) => set({ id })} error={errors.id} required disabled={!ctx.isNew} hint={ctx.isNew ? t('admin.hint.id') : undefined} />
      <TextField name="name" label={t('admin.field.name')} value={draft.name} onChange={(name) => set({ name })} error={errors.name} required />
    </>
  );
}

export const teams = kind<TeamItem, TeamItem>({
  id: 'teams',
  label: 'admin.kind.teams',
  newLabel: 'admin.new.team',
  editLabel: 'admin.edit.team',
  columns: [
    { header: 'admin.field.id', cell: (x) => x.id },
    { header: 'admin.field.name', cell: (x) => x.name },
    {
      header: 'admin.col.members',
      cell: (x, { lists }) => lists.agents.filter((a) => a.teams?.includes(x.id)).map((a) => a.displayName).join(', '),
    },
  ],
  toDraft: (x) => x ?? { id: '', name: '' },
  validate: (d, { t, lists, isNew }) => errorsOf({ id: idProblem(t, d.id, lists.teams, isNew), name: required(t, d.name) }),
  toBody: (d) => ({ id: d.id.trim(), name: d.name.trim() }),
  Form: TeamForm,
});
