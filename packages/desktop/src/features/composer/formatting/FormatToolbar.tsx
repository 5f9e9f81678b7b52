import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { FormatKind } from './format-edits';

/** The buttons, their names and the shortcuts they announce (the help list shows the same). */
/** List icons are drawn (a "1." glyph would be visible text that is not part of the button's name). */
const LIST_ICONS = {
  bulleted: 'M4 6h1M4 12h1M4 18h1M8 6h12M8 12h12M8 18h12',
  numbered: 'M4 4v4M3 14h2l-2 3h2M8 6h12M8 12h12M8 18h12',
};

function ListIcon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

export const FORMAT_BUTTONS: { kind: FormatKind; label: MessageKey; keys: string; glyph: string }[] = [
  { kind: 'bold', label: 'fmt.bold', keys: 'Control+B', glyph: 'B' },
  { kind: 'italic', label: 'fmt.italic', keys: 'Control+I', glyph: 'I' },
  { kind: 'strike', label: 'fmt.strike', keys: 'Control+Shift+X', glyph: 'S' },
  { kind: 'code', label: 'fmt.code', keys: 'Control+E', glyph: '</>' },
  { kind: 'bulleted', label: 'fmt.bulleted', keys: 'Control+Shift+8', glyph: '' },
  { kind: 'numbered', label: 'fmt.numbered', keys: 'Control+Shift+7', glyph: '' },
  { kind: 'link', label: 'fmt.link', keys: 'Control+K', glyph: '🔗' },
];

/**
 * The composer's formatting toolbar (ARIA toolbar: one tab stop, arrows move between buttons). A button
 * edits the authoring format around the text's selection; the mouse never takes the focus from the text.
 */
export function FormatToolbar({ onFormat }: { onFormat: (kind: FormatKind) => void }) {
  const t = useT();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = buttons.current.indexOf(document.activeElement as HTMLButtonElement);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (at < 0 || !step) return;
    e.preventDefault();
    const next = buttons.current[(at + step + FORMAT_BUTTONS.length) % FORMAT_BUTTONS.length];
    for (const b of buttons.current) b?.setAttribute('tabindex', b === next ? '0' : '-1');
    next?.focus();
  };
  return (
    <div role="toolbar" aria-label={t('fmt.toolbar')} className="format-toolbar" onKeyDown={onKeyDown}>
      {FORMAT_BUTTONS.map((b, i) => (
        <button
          key={b.kind}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          className={`btn btn-icon fmt-${b.kind}`}
          tabIndex={i === 0 ? 0 : -1}
          aria-label={t(b.label)}
          title={`${t(b.label)} (${b.keys.replace('Control', 'Ctrl')})`}
          aria-keyshortcuts={b.keys}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onFormat(b.kind)}
        >
          {b.kind === 'bulleted' || b.kind === 'numbered' ? <ListIcon d={LIST_ICONS[b.kind]} /> : <span aria-hidden="true">{b.glyph}</span>}
        </button>
      ))}
    </div>
  );
}
