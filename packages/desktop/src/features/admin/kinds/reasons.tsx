import { errorsOf, idProblem, required } from '../checks';
import { TextField } from '../fields';
import { kind, type FormProps } from '../kind';
import type { ReasonItem } from '../types';

interface Draft {
  id: string;
  label: string;
  labelZh: string;
}

function ReasonForm({ draft, set, errors, ctx }: FormProps<Draft>) {
  const { t } = ctx;
  return (
    <>
      <TextField name="id" label={t('admin.field.id')} value={draft.id} onChange={(id) => set({ id })} error={errors.id} required disabled={!ctx.isNew} hint={ctx.isNew ? t('admin.hint.id') : undefined} />
      <TextField name="label" label={t('admin.field.label')} value={draft.label} onChange={(label) => set({ label })} error={errors.label} required />
      <TextField name="labelZh" label={t('admin.field.labelZh')} value={draft.labelZh} onChange={(labelZh) => set({ labelZh })} hint={t('admin.hint.labelZh')} />
    </>
  );
}

/** Idle and wrap-up reasons share their shape and form. */
function reasons(id: 'idle-reasons' | 'wrapup-reasons') {
  const idle = id === 'idle-reasons';
  return kind<ReasonItem, Draft>({
    id,
    label: idle ? 'admin.kind.idle-reasons' : 'admin.kind.wrapup-reasons',
    newLabel: idle ? 'admin.new.idleReason' : 'admin.new.wrapupReason',
    editLabel: idle ? 'admin.edit.idleReason' : 'admin.edit.wrapupReason',
    columns: [
      { header: 'admin.field.id', cell: (x) => x.id },
      { header: 'admin.field.label', cell: (x) => x.label },
      { header: 'admin.field.labelZh', cell: (x) => x.labelZh ?? '' },
    ],
    toDraft: (x) => ({ id: x?.id ?? '', label: x?.label ?? '', labelZh: x?.labelZh ?? '' }),
    validate: (d, { t, lists, isNew }) => errorsOf({ id: idProblem(t, d.id, lists[id], isNew), label: required(t, d.label) }),
    toBody: (d) => ({ id: d.id.trim(), label: d.label.trim(), ...(d.labelZh.trim() && { labelZh: d.labelZh.trim() }) }),
    Form: ReasonForm,
  });
}

export const idleReasons = reasons('idle-reasons');
export const wrapupReasons = reasons('wrapup-reasons');
