import type { TemplateDraft } from '../composer/drafts';
import { updateDraft } from '../composer/drafts';
import { LockIcon } from '../../ui/icons';
import { useT } from '../i18n/i18n';
import { templateParams } from '@parley/protocol';

/** A chosen template above the reply box: read-only text (locked) with inputs for its `{{param:…}}` fields. */
export function TemplateBlock({ conversationId, template, rendered }: { conversationId: string; template: TemplateDraft; rendered: string }) {
  const t = useT();
  const params = templateParams(template.body);
  const setValue = (name: string, value: string) =>
    updateDraft(conversationId, (d) => (d.template ? { ...d, template: { ...d.template, values: { ...d.template.values, [name]: value } } } : d));
  const remove = () => updateDraft(conversationId, (d) => ({ ...d, template: null }));
  const editAsText = () => updateDraft(conversationId, (d) => ({ text: d.text ? `${rendered}\n${d.text}` : rendered, template: null }));
  const complete = params.every((p) => template.values[p]?.trim());
  return (
    <div className="template-block" data-locked={template.locked ? 'true' : 'false'}>
      <div className="template-head">
        <span className="template-name">
          {template.locked ? (
            <span className="lock" title={t('templates.locked')}>
              <LockIcon /> <span className="sr-only">{t('templates.locked')}</span>
            </span>
          ) : null}
          {template.name}
        </span>
        {!template.locked && complete ? (
          <button type="button" className="btn btn-link" onClick={editAsText}>
            {t('templates.edit')}
          </button>
        ) : null}
        <button type="button" className="btn btn-link" onClick={remove}>
          {t('templates.remove')}
        </button>
      </div>
      <output className="template-text" data-testid="template-text">
        {rendered}
      </output>
      {params.length > 0 ? (
        <div className="template-params">
          {params.map((p) => (
            <label key={p} className="param">
              <span>{t('templates.param', { name: p })}</span>
              <input className="input" value={template.values[p] ?? ''} onChange={(e) => setValue(p, e.target.value)} />
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
