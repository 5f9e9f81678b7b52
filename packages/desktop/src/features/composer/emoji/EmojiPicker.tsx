import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { COMMON_EMOJI, EMOJI_COLUMNS, moveInGrid } from './emoji-list';

/**
 * The composer's "Emoji" button and its grid (ARIA grid pattern with one tab stop: arrows, Home/End
 * move, Enter or a click inserts, Escape closes and gives the focus back to the button).
 */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const gridId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    if (open) cells.current[active]?.focus();
  }, [open, active]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    const next = moveInGrid(e.key, active, COMMON_EMOJI.length);
    if (next !== null) {
      e.preventDefault();
      setActive(next);
    }
  };
  const rows: string[][] = [];
  for (let i = 0; i < COMMON_EMOJI.length; i += EMOJI_COLUMNS) rows.push(COMMON_EMOJI.slice(i, i + EMOJI_COLUMNS));

  return (
    <div className="emoji-picker">
      <button
        ref={button}
        type="button"
        className="btn"
        aria-haspopup="grid"
        aria-expanded={open}
        aria-controls={open ? gridId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('composer.emoji')}
      </button>
      {open ? (
        // biome-ignore lint/a11y/useSemanticElements: an emoji grid is the ARIA grid pattern, not tabular data
        <div
          id={gridId}
          role="grid"
          aria-label={t('composer.emojiList')}
          className="emoji-grid"
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            // Closing when the focus leaves the grid (not when it moves between cells or back to the button).
            const to = e.relatedTarget as Node | null;
            if (!e.currentTarget.contains(to) && to !== button.current) setOpen(false);
          }}
        >
          {rows.map((row, r) => (
            // biome-ignore lint/a11y/useFocusableInteractive: rows are not focus stops in the grid pattern
            // biome-ignore lint/a11y/useSemanticElements: see the grid above
            <div role="row" key={row.join('')} className="emoji-row">
              {row.map((emoji, c) => {
                const i = r * EMOJI_COLUMNS + c;
                return (
                  // biome-ignore lint/a11y/useSemanticElements: a grid cell holding its button
                  // biome-ignore lint/a11y/useFocusableInteractive: the focus goes to the button inside (APG layout grid)
                  <span role="gridcell" key={emoji}>
                    <button
                      ref={(el) => {
                        cells.current[i] = el;
                      }}
                      type="button"
                      className="emoji-cell"
                      tabIndex={i === active ? 0 : -1}
                      onClick={() => {
                        setActive(i);
                        setOpen(false);
                        // The caller puts the emoji at the caret and gives the focus back to the text.
                        onPick(emoji);
                      }}
                    >
                      {emoji}
                    </button>
                  </span>
                );
              })}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
