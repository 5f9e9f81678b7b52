import { useEffect, useMemo, useRef, useState } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { isBlank, type AttachmentDto, type ConversationDto, type MessageDto } from '@parley/protocol';
import { api } from '../../api/endpoints';
import { useDesk } from '../../state/store';
import { useI18n } from '../i18n/i18n';
import { openDialog, useDeskContext } from '../desk/context';
import { useDraft } from '../composer/drafts';
import { renderTemplate, templateParams } from '@parley/protocol';
import { TemplateBlock } from '../templates/TemplateBlock';
import { agentTimeZone, templateContext } from '../templates/template-context';
import { LockIcon } from '../../ui/icons';
import { AddressField } from './AddressField';
import { EditorToolbar } from './EditorToolbar';
import { editField, editability, fieldsProblem, initialFields, switchMode, type EmailFields, type EmailMode, type FieldContext } from './fields';
import { forwardedHtml } from './forward';
import { answeredEmail, latestEmail, ownAddresses, parentEmail } from './thread';
import { inlineImageIds, type InlineUpload } from './inline-images';
import { escapeHtml } from './frame';

const MODES: { mode: EmailMode; key: 'email.reply' | 'email.replyAll' | 'email.forward' }[] = [
  { mode: 'reply', key: 'email.reply' },
  { mode: 'replyAll', key: 'email.replyAll' },
  { mode: 'forward', key: 'email.forward' },
];

/** Images always carry an alt (empty when the source had none: decorative), also in the editor's own view. */
const EmailImage = Image.extend({
  addAttributes() {
    return { ...this.parent?.(), alt: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('alt') ?? '' } };
  },
});

/** Plain text (a template) as editor paragraphs. */
const textToHtml = (text: string) => text.split(/\n/).map((l) => `<p>${escapeHtml(l)}</p>`).join('');

/** The email composer: Reply / Reply all / Forward / Cc with SPEC F9's field rules, a rich editor, attachments. */
export function EmailComposer({ conversation: c, items, onWriting }: { conversation: ConversationDto; items: readonly MessageDto[]; onWriting: (writing: boolean) => void }) {
  const { session } = useDeskContext();
  const me = useDesk((s) => s.me);
  const { t, lang } = useI18n();
  const answered = answeredEmail(items);
  const latest = latestEmail(items);
  const ctx: FieldContext | null = useMemo(
    () =>
      answered?.email
        ? { answered: answered.email, own: ownAddresses(items), forwardedHtml: latest ? forwardedHtml(latest, lang) : '' }
        : null,
    [answered, latest, items, lang],
  );
  const [fields, setFields] = useState<EmailFields | null>(() => (ctx ? initialFields('reply', ctx) : null));
  // The email the fields were filled from: the reply threads on it, even if a newer one arrives meanwhile.
  const [parentId, setParentId] = useState<string | undefined>(() => (ctx ? answered?.id : undefined));
  const [showCc, setShowCc] = useState(false);
  const [size, setSize] = useState<'normal' | 'minimized' | 'maximized'>('normal');
  const [files, setFiles] = useState<AttachmentDto[]>([]);
  // Images uploaded into the editor: sent as attachments too, so they travel as inline parts.
  const [inlineUploads, setInlineUploads] = useState<InlineUpload[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const attachInput = useRef<HTMLInputElement>(null);
  const [draft, updateDraft] = useDraft(c.id);
  // A locked template fills the editor read-only and goes as written (the server renders it again).
  const [locked, setLocked] = useState<{ id: string; name: string; values: Record<string, string> } | null>(null);

  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false, autolink: true } }), EmailImage.configure({ inline: true })],
    content: '',
    editorProps: { attributes: { 'aria-label': t('email.body.label'), role: 'textbox', 'aria-multiline': 'true', class: 'email-editor' } },
    onUpdate: ({ editor: ed }) => {
      setText(ed.getText());
      setFields((f) => (f ? { ...f, body: ed.getHTML() } : f));
    },
  });

  // The thread may load after the composer: fill the fields once there is an email to answer.
  useEffect(() => {
    if (!fields && ctx) {
      setFields(initialFields('reply', ctx));
      setParentId(answered?.id);
    }
  }, [ctx, fields, answered]);

  const writing = !isBlank(text);
  useEffect(() => onWriting(writing), [writing, onWriting]);

  // A template chosen in the picker replaces the editor's text (SPEC F9), once its fields are filled.
  const pendingTemplate = draft.template && templateParams(draft.template.body).some((p) => !draft.template?.values[p]?.trim()) ? draft.template : null;
  useEffect(() => {
    if (!editor || (!draft.text && !draft.template) || pendingTemplate) return;
    const body = draft.template ? renderTemplate(draft.template.body, templateContext(c, me?.displayName ?? '', lang), draft.template.values) : draft.text;
    editor.commands.setContent(textToHtml(body));
    const lock = draft.template?.locked ? { id: draft.template.id, name: draft.template.name, values: draft.template.values } : null;
    editor.setEditable(!lock);
    setLocked(lock);
    setText(editor.getText());
    setFields((f) => (f ? { ...f, body: editor.getHTML() } : f));
    updateDraft(() => ({ text: '', template: null }));
  }, [draft, pendingTemplate, editor, c, me?.displayName, lang, updateDraft]);

  if (!fields || !ctx) return <div className="composer composer-readonly">{t('email.nothingToAnswer')}</div>;
  const can = editability(fields.mode);

  const choose = (mode: EmailMode) => {
    const switched = switchMode(fields, mode, ctx);
    // A locked template's text stays as it is (nothing forwarded joins it): it goes as written.
    const next = locked ? { ...switched, body: fields.body, forwardLoaded: fields.forwardLoaded } : switched;
    if (next.body !== fields.body && editor) {
      editor.commands.setContent(next.body);
      setText(editor.getText());
    }
    setFields(next);
    // A forward threads on the email it quotes, and re-attaches that email's files (server side).
    setParentId(parentEmail(mode, items)?.id);
  };
  const upload = async (file: File) => {
    setError(null);
    try {
      return await api.upload(file, c.id);
    } catch (e) {
      setError(t('email.uploadFailed', { message: e instanceof Error ? e.message : String(e) }));
      return null;
    }
  };
  const unlock = () => {
    editor?.setEditable(true);
    setLocked(null);
  };
  const discard = () => {
    unlock();
    editor?.commands.clearContent();
    setText('');
    setFiles([]);
    setInlineUploads([]);
    setShowCc(false);
    setFields(initialFields('reply', ctx));
    setParentId(answered?.id);
  };
  const problem = fieldsProblem(fields);
  const canSend = problem === null && (writing || files.length > 0);
  const send = () => {
    if (!canSend || !editor) return;
    const html = editor.getHTML();
    const email = { mode: fields.mode, to: fields.to, cc: fields.cc, subject: fields.subject, html, ...(parentId ? { parentId } : {}) };
    const attachmentIds = [...files.map((f) => f.id), ...inlineImageIds(html, inlineUploads)];
    const template = locked ? { id: locked.id, params: locked.values, locale: lang, timeZone: agentTimeZone() } : undefined;
    // A locked template's text is the server's rendering ('' asks for it), so a minute passing can't make it differ.
    void session.send(c.id, locked ? '' : editor.getText(), undefined, template, { email, ...(attachmentIds.length ? { attachmentIds } : {}) });
    discard();
  };

  return (
    <form
      className={`composer email-composer is-${size}`}
      aria-label={t('email.composer')}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="email-composer-head">
        <fieldset className="email-modes">
          <legend className="sr-only">{t('email.mode')}</legend>
          {MODES.map(({ mode, key }) => (
            <button key={mode} type="button" className={`btn${fields.mode === mode ? ' is-active' : ''}`} aria-pressed={fields.mode === mode} onClick={() => choose(mode)}>
              {t(key)}
            </button>
          ))}
          <button type="button" className={`btn${showCc ? ' is-active' : ''}`} aria-pressed={showCc || fields.cc.length > 0} onClick={() => setShowCc((s) => !s)}>
            {t('email.ccButton')}
          </button>
        </fieldset>
        <div className="email-window">
          <button type="button" className="btn btn-icon" aria-label={t(size === 'minimized' ? 'email.restore' : 'email.minimize')} onClick={() => setSize((s) => (s === 'minimized' ? 'normal' : 'minimized'))}>
            {size === 'minimized' ? '▢' : '–'}
          </button>
          <button type="button" className="btn btn-icon" aria-label={t(size === 'maximized' ? 'email.restore' : 'email.maximize')} onClick={() => setSize((s) => (s === 'maximized' ? 'normal' : 'maximized'))}>
            {size === 'maximized' ? '❐' : '⤢'}
          </button>
          <button type="button" className="btn btn-icon" aria-label={t('email.discard')} onClick={discard}>
            🗑
          </button>
        </div>
      </div>
      <div className="email-composer-body" hidden={size === 'minimized'}>
        <AddressField label={t('email.to')} value={fields.to} editable={can.to} onChange={(to) => setFields((f) => (f ? editField(f, 'to', to) : f))} />
        {showCc || fields.mode !== 'reply' || fields.cc.length > 0 ? (
          <AddressField label={t('email.cc')} value={fields.cc} editable={can.cc} onChange={(cc) => setFields((f) => (f ? editField(f, 'cc', cc) : f))} />
        ) : null}
        <div className="email-field">
          <label htmlFor={`subject-${c.id}`}>{t('email.subject')}</label>
          <input
            id={`subject-${c.id}`}
            className="input"
            readOnly={!can.subject}
            aria-readonly={!can.subject}
            value={fields.subject}
            onChange={(e) => {
              const subject = e.target.value;
              setFields((f) => (f ? editField(f, 'subject', subject) : f));
            }}
          />
        </div>
        <EditorToolbar
          editor={editor}
          onImage={(file) =>
            void upload(file).then((a) => {
              if (!a) return;
              setInlineUploads((l) => [...l, { id: a.id, url: a.url }]);
              editor?.chain().focus().setImage({ src: a.url, alt: a.name }).run();
            })
          }
        />
        {pendingTemplate ? (
          <TemplateBlock
            conversationId={c.id}
            template={pendingTemplate}
            rendered={renderTemplate(pendingTemplate.body, templateContext(c, me?.displayName ?? '', lang), pendingTemplate.values)}
          />
        ) : null}
        {locked ? (
          <div className="template-block" data-locked="true">
            <div className="template-head">
              <span className="template-name">
                <span className="lock" title={t('templates.locked')}>
                  <LockIcon /> <span className="sr-only">{t('templates.locked')}</span>
                </span>
                {locked.name}
              </span>
              <button
                type="button"
                className="btn btn-link"
                onClick={() => {
                  unlock();
                  editor?.commands.clearContent();
                  setText('');
                }}
              >
                {t('templates.remove')}
              </button>
            </div>
            <p className="hint">{t('templates.lockedHint')}</p>
          </div>
        ) : null}
        <EditorContent editor={editor} className="email-editor-wrap" />
        {files.length ? (
          <ul className="email-attachments">
            {files.map((f) => (
              <li key={f.id}>
                <span>{f.name}</span>
                <button type="button" className="btn btn-link" aria-label={t('email.removeAttachment', { name: f.name })} onClick={() => setFiles((l) => l.filter((x) => x.id !== f.id))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="composer-bar">
          <button type="button" className="btn" onClick={() => openDialog('templates', c.id)}>
            {t('composer.templates')}
          </button>
          <button type="button" className="btn" onClick={() => attachInput.current?.click()}>
            {t('email.attach')}
          </button>
          <input
            ref={attachInput}
            type="file"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f)
                void upload(f).then((a) => {
                  if (a) setFiles((l) => [...l, a]);
                });
            }}
          />
          {problem === 'badAddress' ? <span className="error-text">{t('email.badAddress')}</span> : null}
          <button type="submit" className="btn btn-primary" disabled={!canSend}>
            {t('composer.send')}
          </button>
        </div>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
