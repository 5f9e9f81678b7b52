import { useMemo, useState, type KeyboardEvent } from 'react';
import { renderTemplate, takesApprovedTemplates, templateParams, templatesFor, type TemplateDto } from '@parley/protocol';
import { Dialog } from '../../ui/Dialog';
import { useDesk } from '../../state/store';
import { useI18n } from '../i18n/i18n';
import { channelRules, closeDialog, useDeskContext } from '../desk/context';
import { updateDraft } from '../composer/drafts';
import { COMPOSER_ID } from '../composer/Composer';
import { templateContext } from './template-context';
import { replyWindow } from '../composer/reply-window';

/** Matches name, category or body, case-insensitively. */
function matches(tp: TemplateDto, q: string): boolean {
  return !q || [tp.name, tp.category, tp.body].some((s) => s.toLowerCase().includes(q));
}

/** Arrow keys move between the search box and the templates (Enter on one chooses it). */
function moveFocus(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('#template-search, .template-item')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = items[Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/** Templates of the conversation's channel and queue, by category; choosing one attaches it to the reply box. */
export default function TemplatePicker({ conversationId }: { conversationId: string }) {
  const c = useDesk((s) => s.conversations[conversationId]);
  const me = useDesk((s) => s.me);
  const { config } = useDeskContext();
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const rules = c ? channelRules(config, c.channel) : null;
  // Past WhatsApp's window only a template the provider approved can go: the others are not offered.
  const approvedOnly = !!c && !!rules && replyWindow(rules, c.lastInboundAt, Date.now()).phase === 'templates';
  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    const offered = c ? templatesFor(config.templates, { channel: c.channel, queueId: c.queueId, approvedOnly }) : [];
    return offered.filter((tp) => matches(tp, q));
  }, [config.templates, c, query, approvedOnly]);
  const groups = useMemo(() => {
    const by = new Map<string, TemplateDto[]>();
    for (const tp of list) by.set(tp.category, [...(by.get(tp.category) ?? []), tp]);
    return [...by.entries()];
  }, [list]);
  if (!c || !rules) return null;
  const ctx = templateContext(c, me?.displayName ?? '', lang);
  const choose = (tp: TemplateDto) => {
    // Sent as the provider approved it (WhatsApp): as fixed as a locked template.
    const approved = !!tp.providerTemplate && takesApprovedTemplates(rules);
    if (!tp.locked && !approved && templateParams(tp.body).length === 0 && !approvedOnly) {
      const text = renderTemplate(tp.body, ctx);
      updateDraft(c.id, (d) => ({ ...d, text: d.text ? `${d.text}${d.text.endsWith('\n') ? '' : ' '}${text}` : text }));
    } else {
      updateDraft(c.id, (d) => ({ ...d, template: { id: tp.id, name: tp.name, body: tp.body, locked: tp.locked || approved, values: {} } }));
    }
    closeDialog();
    requestAnimationFrame(() => {
      const firstParam = document.querySelector<HTMLInputElement>('.template-params input');
      (firstParam ?? document.getElementById(COMPOSER_ID))?.focus();
    });
  };
  return (
    <Dialog title={t('templates.title')} onClose={closeDialog} className="dialog-templates">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys only move focus between the controls inside */}
      <div className="template-picker" onKeyDown={moveFocus}>
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
        {groups.map(([category, items]) => (
          <section key={category} className="template-group" aria-label={category || t('templates.uncategorized')}>
            <h3 className="template-category">{category || t('templates.uncategorized')}</h3>
            <ul className="template-list">
              {items.map((tp) => (
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
          </section>
        ))}
      </div>
    </Dialog>
  );
}
