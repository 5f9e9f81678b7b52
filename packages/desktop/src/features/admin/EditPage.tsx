import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { Dialog } from '../../ui/Dialog';
import { useI18n } from '../i18n/i18n';
import { adminApi } from './admin-api';
import { useAdminData, type AdminLists } from './admin-data';
import type { Errors } from './fields';
import { flash, useFlash } from './flash';
import type { FormCtx, KindSpec } from './kind';

/** Create (id null) or edit one entity of a kind. */
export function EditPage({ spec, id }: { spec: KindSpec; id: string | null }) {
  const { t } = useI18n();
  const { lists } = useAdminData();
  if (!lists) return <p role="status">{t('admin.loading')}</p>;
  const original = id === null ? null : ((lists[spec.id] as { id: string }[]).find((x) => x.id === id) ?? undefined);
  if (original === undefined) {
    return (
      <section className="admin-page">
        <h2>{t(spec.label)}</h2>
        <p role="alert">{t('admin.notFound', { id: id ?? '' })}</p>
        <Link href={`/${spec.id}`}>{t('admin.back', { kind: t(spec.label) })}</Link>
      </section>
    );
  }
  return <EntityForm key={`${spec.id}/${id ?? ''}`} spec={spec} original={original} lists={lists} />;
}

function EntityForm({ spec, original, lists }: { spec: KindSpec; original: { id: string } | null; lists: AdminLists }) {
  const { t, lang } = useI18n();
  const { reload } = useAdminData();
  const [, navigate] = useLocation();
  const isNew = original === null;
  const [draft, setDraft] = useState(() => spec.toDraft(original));
  const [errors, setErrors] = useState<Errors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [status, setStatus] = useFlash(`/${spec.id}/${original?.id ?? ''}`);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const ctx: FormCtx = { lists, isNew, original, t, lang };
  const title = isNew ? t(spec.newLabel) : t(spec.editLabel, { id: original.id });

  const fail = (e: unknown) => setServerError(e instanceof Error ? e.message : String(e));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setStatus(null);
    setServerError(null);
    const found = spec.validate(draft, ctx);
    setErrors(found);
    if (Object.keys(found).length) {
      // Focus the first field that needs attention once React has marked it.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]:not(fieldset), fieldset[aria-invalid="true"] input')?.focus());
      return;
    }
    setBusy(true);
    try {
      const body = spec.toBody(draft, ctx) as { id: string };
      const saved = await adminApi.put<{ id: string }>(spec.id, body.id, body);
      await reload();
      if (isNew) {
        flash(`/${spec.id}/${body.id}`, t('admin.saved'));
        navigate(`/${spec.id}/${encodeURIComponent(body.id)}`);
        return;
      }
      setDraft(spec.toDraft(saved));
      setStatus(t('admin.saved'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!original) return;
    setConfirming(false);
    setBusy(true);
    setServerError(null);
    try {
      await adminApi.remove(spec.id, original.id);
      flash(`/${spec.id}`, t('admin.deleted', { id: original.id }));
      await reload();
      navigate(`/${spec.id}`);
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  const invalid = Object.keys(errors).length > 0;
  return (
    <section aria-labelledby={headingId} className="admin-page">
      <p>
        <Link href={`/${spec.id}`}>{t('admin.back', { kind: t(spec.label) })}</Link>
      </p>
      <h2 id={headingId}>{title}</h2>
      {serverError ? (
        <div role="alert" className="admin-alert">
          {t('admin.serverError', { message: serverError })}
        </div>
      ) : null}
      {invalid ? (
        <div role="alert" className="admin-alert">
          {t('admin.fixFields', { n: Object.keys(errors).length })}
        </div>
      ) : null}
      <form ref={formRef} className="admin-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
        <spec.Form draft={draft} set={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors} ctx={ctx} />
        <div className="admin-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {isNew ? t('admin.create') : t('admin.save')}
          </button>
          {isNew ? null : (
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('admin.delete')}
            </button>
          )}
          <span role="status" className="admin-status">
            {busy ? t('admin.saving') : (status ?? '')}
          </span>
        </div>
      </form>
      {confirming && original ? (
        <Dialog
          title={t('admin.confirmDelete.title', { id: original.id })}
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                {t('admin.cancel')}
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void remove()}>
                {t('admin.delete')}
              </button>
            </>
          }
        >
          <p>{t('admin.confirmDelete.body', { id: original.id, kind: t(spec.label) })}</p>
        </Dialog>
      ) : null}
    </section>
  );
}
