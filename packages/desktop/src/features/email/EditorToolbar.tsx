import { useRef } from 'react';
import type { Editor } from '@tiptap/react';
import { useT } from '../i18n/i18n';

/** Bold, italic, lists, link, inline image (uploaded first). */
export function EditorToolbar({ editor, onImage }: { editor: Editor | null; onImage: (file: File) => void }) {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  if (!editor) return null;
  const btn = (label: string, active: boolean, run: () => void, glyph: string) => (
    <button type="button" className={`btn btn-icon${active ? ' is-active' : ''}`} aria-label={label} title={label} aria-pressed={active} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
  const link = () => {
    const url = window.prompt(t('email.linkPrompt'), editor.getAttributes('link').href ?? 'https://');
    if (url === null) return;
    if (!url.trim()) editor.chain().focus().unsetLink().run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: url.trim() }).run();
  };
  return (
    <div className="email-toolbar" role="toolbar" aria-label={t('email.formatting')}>
      {btn(t('email.bold'), editor.isActive('bold'), () => editor.chain().focus().toggleBold().run(), 'B')}
      {btn(t('email.italic'), editor.isActive('italic'), () => editor.chain().focus().toggleItalic().run(), 'I')}
      {btn(t('email.bulletList'), editor.isActive('bulletList'), () => editor.chain().focus().toggleBulletList().run(), '•')}
      {btn(t('email.orderedList'), editor.isActive('orderedList'), () => editor.chain().focus().toggleOrderedList().run(), '#')}
      {btn(t('email.link'), editor.isActive('link'), link, '🔗')}
      {btn(t('email.image'), false, () => file.current?.click(), '🖼')}
      <input
        ref={file}
        type="file"
        accept="image/*"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onImage(f);
        }}
      />
    </div>
  );
}
