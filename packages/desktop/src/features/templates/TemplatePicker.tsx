import { useMemo, useState } from 'react';
import type { TemplateDto } from '@parley/protocol';
import { Dialog } from '../../ui/Dialog';
import { useDesk } from '../../state/store';
import { useI18n } from '../i18n/i18n';
import { channelRules, closeDialog, useDeskContext } from '../desk/context';
import { updateDraft } from '../composer/drafts';
import { COMPOSER_ID } from '../composer/Composer';
import { renderTemplate, conversationContext, templateParams } from './fill';
import { replyWindow } from '../composer/reply-window';

/** Templates for the conversation's channel; choosing one attaches it to the reply box. */
export default function TemplatePicker({ conversationId }: { conversationId: string }) {
  const c = useDesk((s) => s.conversations[conversationId]);
  const me = useDesk((s) => s.me);
  const { config } = useDeskContext();
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  // Past WhatsApp's window only a template the provider approved can go: the others are not offered.
  const templatesOnly = !!c && replyWindow(channelRules(config, c.channel), c.lastInboundAt, Date.now()).phase === 'templates';
  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    return config.templates
      .filter((tp) => !c || tp.channels.includes(c.channel))
      .filter((tp) => !templatesOnly || tp.providerTemplate)
      .filter((tp) => !q || tp.name.toLowerCase().includes(q) || tp.body.toLowerCase().includes(q));
  }, [config.templates, c, query, templatesOnly]);
  if (!c) return null;
  const ctx = conversationContext(c, me?.displayName ?? '', lang);
  const choose = (tp: TemplateDto) => {
    const params = templateParams(tp.body);
    // Past WhatsApp's window only a template may go: keep it a template, not free text in the box.
    if (!tp.locked && params.length === 0 && !templatesOnly) {
      const text = renderTemplate(tp.body, ctx);
      updateDraft(c.id, (d) => ({ ...d, text: d.text ? `${d.text}${d.text.endsWith('\n') ? '' : ' '}${text}` : text }));
    } else {
      updateDraft(c.id, (d) => ({ ...d, template: { id: tp.id, name: tp.name, body: tp.body, locked: tp.locked, values: {} } }));
    }
    closeDialog();
    requestAnimationFrame(() => {
      const firstParam = document.querySelector<HTMLInputElement>('.template-params input');
      (firstParam ?? document.getElementById(COMPOSER_ID))?.focus();
    });
  };
  return (
    <Dialog title={t('templates.title')} onClose={closeDialog} className="dialog-templates">
      <label className="sr-only" htmlFor="template-search">
        {t('templates.search')}
      </label>
      <input
        id="template-search"
        type="search"
        className="input"
        placeholder={t('templates.search')}
        value={query}
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && list[0]) {
            e.preventDefault();
            choose(list[0]);
          }
        }}
      />
      {list.length === 0 ? <p className="muted">{t('templates.none')}</p> : null}
      <ul className="template-list">
        {list.map((tp) => (
          <li key={tp.id}>
            <button type="button" className="template-item" onClick={() => choose(tp)}>
              <span className="template-name">
                {tp.name}
                {tp.locked ? <span className="badge">{t('templates.locked')}</span> : null}
                {tp.providerTemplate ? <span className="badge">{t('templates.approved')}</span> : null}
              </span>
              <span className="template-preview">{renderTemplate(tp.body, ctx)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
