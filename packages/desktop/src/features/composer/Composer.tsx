import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { isBlank, missingParams, nonGsmCharacters, renderTemplate, textProblem, type ConversationDto } from '@parley/protocol';
import { useDesk } from '../../state/store';
import { canWrite } from '../../state/conversation';
import { useI18n } from '../i18n/i18n';
import { openDialog, useChannelRules, useDeskContext } from '../desk/context';
import { templateContext } from '../templates/template-context';
import { TemplateBlock } from '../templates/TemplateBlock';
import { joinParts, useDraft } from './drafts';
import { useTypingSignal } from './typing-signal';
import { composerFocusRequest, takeFocusRequest } from './focus';
import { useClockValue } from '../../state/clock';
import { measureText } from './counting';
import { replyWindow, windowAllowsSend } from './reply-window';
import { WindowNote } from './WindowNote';
import { EmojiPicker } from './emoji/EmojiPicker';
import { insertAtCaret } from './emoji/emoji-list';
import { filesOf, useAttachments } from './attachments/useAttachments';
import { AttachButton, AttachmentTray } from './attachments/AttachmentTray';
import { FormatToolbar } from './formatting/FormatToolbar';
import { FormatPreview } from './formatting/FormatPreview';
import { applyFormat, formatShortcut, type TextEdit } from './formatting/format-edits';
import { renderFor } from '@parley/channels/formatting';

export const COMPOSER_ID = 'composer-input';

/** Reply box: per-channel length limit, Enter sends, Shift+Enter adds a line, templates with parameters. */
export function Composer({ conversation: c }: { conversation: ConversationDto }) {
  const { session } = useDeskContext();
  const me = useDesk((s) => s.me);
  const rules = useChannelRules(c.channel);
  const { t, lang } = useI18n();
  const [draft, update] = useDraft(c.id);
  const errId = useId();
  const countId = useId();
  const smsId = useId();
  const writable = canWrite(c, me?.id);
  const ctx = templateContext(c, me?.displayName ?? '', lang);
  const tplText = draft.template ? renderTemplate(draft.template.body, ctx, draft.template.values) : '';
  const missing = draft.template ? missingParams(draft.template.body, draft.template.values) : [];
  // A locked (or provider-approved) template goes exactly as written: nothing typed joins it.
  const fixed = !!draft.template?.locked;
  const outgoing = fixed ? tplText : joinParts(tplText, draft.text);
  // What goes out (the text rendered for the channel), counted the provider's way, as the server counts.
  const sent = renderFor(outgoing, rules.formatting).text;
  const { length, limit, over, sms } = measureText(sent, rules);
  const win = useClockValue((now) => replyWindow(rules, c.lastInboundAt, now));
  // Past the window: WhatsApp takes an approved template only, a closed window nothing (the server checks too).
  const windowAllows = windowAllowsSend(win.phase, { template: !!draft.template, extraText: !fixed && !isBlank(draft.text) });
  const files = useAttachments(c.id, rules);
  // The server's rule, on what goes out: no text made only of invisible characters, none that isn't
  // valid Unicode; files alone are a message, none may still be uploading.
  const contentOk = textProblem(sent) === null || (isBlank(sent) && files.ids.length > 0);
  const canSend = writable && windowAllows && contentOk && !files.uploading && over <= 0 && missing.length === 0;
  const typing = useTypingSignal(c.id, session.typingSignal);
  // After Accept the reply box takes the focus: when it appears (ref) or, if already shown, when asked.
  const input = useRef<HTMLTextAreaElement | null>(null);
  const attach = (el: HTMLTextAreaElement | null) => {
    input.current = el;
    takeFocusRequest(c.id, el);
  };
  useEffect(() => {
    const take = () => takeFocusRequest(c.id, input.current);
    take();
    return composerFocusRequest.subscribe(take);
  }, [c.id]);

  const send = () => {
    if (!canSend) return;
    typing.stop();
    // The server renders the template again with the same engine (and refuses a locked one altered).
    const template = draft.template && { id: draft.template.id, params: draft.template.values, locale: ctx.locale, timeZone: ctx.timeZone ?? 'UTC', fixed };
    void session.send(c.id, outgoing, undefined, template ?? undefined, files.ids.length ? { attachmentIds: files.ids } : undefined);
    update(() => ({ text: '', template: null }));
    files.clear();
  };
  /** Edits the text around its selection (emoji, formatting), then gives the focus and selection back. */
  const edit = (make: (text: string, start: number, end: number) => TextEdit) => {
    const el = input.current;
    const e = make(draft.text, el?.selectionStart ?? draft.text.length, el?.selectionEnd ?? draft.text.length);
    update((d) => ({ ...d, text: e.text }));
    typing.keystroke();
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(e.start, e.end);
    });
  };
  const insertEmoji = (emoji: string) =>
    edit((text, s, end) => {
      const at = insertAtCaret(text, s, end, emoji);
      return { text: at.text, start: at.caret, end: at.caret };
    });
  const rich = rules.formatting !== 'plain';
  const format = (kind: Parameters<typeof applyFormat>[0]) => edit((text, s, end) => applyFormat(kind, text, s, end));
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const kind = rich ? formatShortcut(e) : null;
    if (kind) {
      e.preventDefault();
      format(kind);
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  if (!writable) {
    return <div className="composer composer-readonly">{t('composer.readonly')}</div>;
  }
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <WindowNote conversationId={c.id} channel={c.channel} win={win} />
      {draft.template ? <TemplateBlock conversationId={c.id} template={draft.template} rendered={tplText} /> : null}
      {rich ? <FormatToolbar onFormat={format} /> : null}
      <label htmlFor={COMPOSER_ID} className="sr-only">
        {t('composer.label')}
      </label>
      <textarea
        id={COMPOSER_ID}
        ref={attach}
        className={`composer-input ${over > 0 ? 'is-invalid' : ''}`}
        rows={3}
        value={draft.text}
        readOnly={fixed}
        placeholder={fixed ? t('templates.lockedHint') : t('composer.placeholder')}
        aria-invalid={over > 0}
        aria-describedby={[over > 0 ? errId : '', countId, sms ? smsId : ''].filter(Boolean).join(' ')}
        onChange={(e) => {
          const text = e.target.value;
          update((d) => ({ ...d, text }));
          if (text) typing.keystroke();
          else typing.stop();
        }}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          const pasted = rules.attachments ? filesOf(e.clipboardData) : [];
          if (pasted.length === 0) return;
          e.preventDefault();
          files.add(pasted);
        }}
      />
      {rules.attachments ? <AttachmentTray files={files.files} error={files.error} onRemove={files.remove} /> : null}
      <FormatPreview text={draft.text} rules={rules} />
      <div className="composer-bar">
        {rules.templates ? (
          <button type="button" className="btn" aria-keyshortcuts="Alt+P" onClick={() => openDialog('templates', c.id)}>
            {t('composer.templates')}
          </button>
        ) : null}
        {rules.emoji ? <EmojiPicker onPick={insertEmoji} /> : null}
        {rules.attachments ? <AttachButton onFiles={files.add} /> : null}
        <span id={countId} className={`count ${over > 0 ? 'is-over' : ''}`}>
          {t('composer.count', { count: length, limit })}
        </span>
        <button type="submit" className="btn btn-primary" disabled={!canSend} aria-keyshortcuts="Enter">
          {t('composer.send')}
        </button>
      </div>
      {sms ? (
        <p id={smsId} className="hint sms-segments" data-testid="sms-segments">
          {t('composer.segments', { segments: sms.segments, encoding: sms.encoding })}
        </p>
      ) : null}
      {sms?.encoding === 'UCS-2' ? (
        <p className="hint" data-testid="sms-ucs2">
          {t('composer.segmentsWhy', { chars: nonGsmCharacters(sent).slice(0, 5).join(' ') })}
        </p>
      ) : null}
      {over > 0 ? (
        <p id={errId} className="error-text composer-error" role="alert">
          {t('composer.tooLong', { over, limit })}
        </p>
      ) : null}
      {missing.length > 0 ? <p className="hint">{t('composer.fillParams')}</p> : null}
    </form>
  );
}
