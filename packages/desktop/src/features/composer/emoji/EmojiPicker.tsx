import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { loadEmoji, searchEmoji, type EmojiGroup } from './emoji-data';
import { EMOJI_COLUMNS, moveInSections } from './emoji-list';
import { readRecent, rememberRecent } from './recent';

interface Section {
  key: string;
  label: string;
  items: { emoji: string; label: string }[];
}

/**
 * The composer's "Emoji" button and its picker: a search field and an ARIA grid (Recent, then the
 * categories) with one tab stop: arrows move, Enter or a click inserts at the caret, typing goes to the
 * search, Escape closes and gives the focus back to the button.
 */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<EmojiGroup[] | null>(null);
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState<string[]>(() => readRecent());
  const [active, setActive] = useState(0);
  const gridId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  const focusGrid = useRef(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void loadEmoji(lang === 'zh-CN' ? 'zh' : 'en').then((g) => live && setGroups(g));
    return () => {
      live = false;
    };
  }, [open, lang]);

  const sections = useMemo<Section[]>(() => {
    if (!groups) return [];
    if (query.trim()) return [{ key: 'results', label: t('emoji.search'), items: searchEmoji(groups, query) }];
    const names = new Map(groups.flatMap((g) => g.items.map((e) => [e.emoji, e.label] as const)));
    const recentSection = recent.length ? [{ key: 'recent', label: t('emoji.recent'), items: recent.map((emoji) => ({ emoji, label: names.get(emoji) ?? emoji })) }] : [];
    return [...recentSection, ...groups.map((g) => ({ key: String(g.group), label: g.label, items: g.items }))];
  }, [groups, query, recent, t]);
  const flat = sections.flatMap((s) => s.items);

  // Opening puts the focus on the grid's first cell, once the emoji are there.
  useEffect(() => {
    if (open && groups && focusGrid.current) {
      focusGrid.current = false;
      cells.current[active]?.focus();
    }
  }, [open, groups, active]);

  const close = () => {
    setOpen(false);
    setQuery('');
    button.current?.focus();
  };
  const pick = (emoji: string) => {
    setRecent(rememberRecent(emoji));
    setOpen(false);
    setQuery('');
    setActive(0);
    // The caller puts the emoji at the caret and gives the focus back to the text.
    onPick(emoji);
  };
  const moveTo = (i: number) => {
    setActive(i);
    cells.current[i]?.focus();
  };
  const onGridKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = moveInSections(
      e.key,
      active,
      sections.map((s) => s.items.length),
    );
    if (next !== null) {
      e.preventDefault();
      moveTo(next);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
      // Typing while in the grid searches.
      e.preventDefault();
      setQuery((q) => q + e.key);
      setActive(0);
      search.current?.focus();
    }
  };
  const onSearchKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && flat.length) {
      e.preventDefault();
      moveTo(0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = flat[0];
      if (first) pick(first.emoji);
    }
  };

  let index = 0;
  return (
    <div className="emoji-picker">
      <button
        ref={button}
        type="button"
        className="btn"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? gridId : undefined}
        onClick={() => {
          if (open) return close();
          focusGrid.current = true;
          setActive(0);
          setOpen(true);
        }}
      >
        {t('composer.emoji')}
      </button>
      {open ? (
        <div
          ref={panel}
          role="dialog"
          aria-label={t('composer.emoji')}
          className="emoji-panel"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.stopPropagation();
            close();
          }}
          onBlur={(e) => {
            // Closing when the focus leaves the picker (not when it moves inside it or back to the button).
            const to = e.relatedTarget as Node | null;
            if (!e.currentTarget.contains(to) && to !== button.current) {
              setOpen(false);
              setQuery('');
            }
          }}
        >
          <input
            ref={search}
            type="search"
            className="emoji-search"
            aria-label={t('emoji.search')}
            placeholder={t('emoji.search')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onSearchKeyDown}
          />
          {groups && flat.length === 0 ? (
            <p className="hint emoji-none" role="status">
              {t('emoji.none')}
            </p>
          ) : null}
          {/* biome-ignore lint/a11y/useSemanticElements: an emoji grid is the ARIA grid pattern, not tabular data */}
          <div id={gridId} role="grid" aria-label={t('composer.emojiList')} aria-busy={!groups} className="emoji-grid" onKeyDown={onGridKeyDown}>
            {sections.map((s) => {
              const rows: { emoji: string; label: string }[][] = [];
              for (let i = 0; i < s.items.length; i += EMOJI_COLUMNS) rows.push(s.items.slice(i, i + EMOJI_COLUMNS));
              return (
                // biome-ignore lint/a11y/useSemanticElements: a section of the ARIA grid
                <div role="rowgroup" key={s.key} aria-label={s.label} className="emoji-section">
                  <div className="emoji-section-title" aria-hidden="true">
                    {s.label}
                  </div>
                  {rows.map((row, r) => (
                    // biome-ignore lint/a11y/useFocusableInteractive: rows are not focus stops in the grid pattern
                    // biome-ignore lint/a11y/useSemanticElements: see the grid above
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows of one section never reorder
                    <div role="row" key={r} className="emoji-row">
                      {row.map((e) => {
                        const i = index++;
                        return (
                          // biome-ignore lint/a11y/useSemanticElements: a grid cell holding its button
                          // biome-ignore lint/a11y/useFocusableInteractive: the focus goes to the button inside (APG layout grid)
                          <span role="gridcell" key={e.emoji}>
                            <button
                              ref={(el) => {
                                cells.current[i] = el;
                              }}
                              type="button"
                              className="emoji-cell"
                              aria-label={e.label}
                              title={e.label}
                              tabIndex={i === active ? 0 : -1}
                              onClick={() => pick(e.emoji)}
                            >
                              {e.emoji}
                            </button>
                          </span>
                        );
                      })}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      ) : null}
    </div>
  );
}
