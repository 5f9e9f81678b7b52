import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';

export type Availability = 'available' | 'idle' | 'rona' | 'offline' | 'busy' | 'none';

export interface ListItem {
  id: string;
  label: string;
  detail?: string;
  availability?: Availability;
  availabilityLabel?: string;
  disabled?: boolean;
}

interface Props {
  legend: string;
  searchLabel: string;
  items: ListItem[];
  selected: string[];
  onChange: (ids: string[]) => void;
  multiple?: boolean;
  emptyText: string;
  loading?: boolean;
  loadingText?: string;
  toolbar?: ReactNode;
  /** Submit on Enter in the search box when exactly one item is selected/visible. */
  onSubmit?: () => void;
}

/** A searchable single- or multi-select list made of native radios/checkboxes (keyboard and screen-reader friendly). */
export function SearchList(p: Props) {
  const [query, setQuery] = useState('');
  const id = useId();
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? p.items.filter((i) => i.label.toLowerCase().includes(q) || i.detail?.toLowerCase().includes(q)) : p.items;
  }, [p.items, query]);
  // A refresh can turn a chosen item unavailable (an agent went Idle): unselect it rather than submit a choice that fails.
  const { items, selected, onChange } = p;
  useEffect(() => {
    const usable = selected.filter((sel) => items.some((i) => i.id === sel && !i.disabled));
    if (usable.length !== selected.length) onChange(usable);
  }, [items, selected, onChange]);
  const toggle = (itemId: string, on: boolean) => {
    if (!p.multiple) p.onChange(on ? [itemId] : []);
    else p.onChange(on ? [...p.selected.filter((x) => x !== itemId), itemId] : p.selected.filter((x) => x !== itemId));
  };
  return (
    <div className="search-list">
      <div className="search-row">
        <label htmlFor={`${id}-q`} className="sr-only">
          {p.searchLabel}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className="input"
          placeholder={p.searchLabel}
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              const only = visible.filter((i) => !i.disabled);
              if (only.length === 1 && !p.multiple && p.selected[0] !== only[0]!.id) toggle(only[0]!.id, true);
              else if (p.selected.length > 0) p.onSubmit?.();
            }
          }}
        />
        {p.toolbar}
      </div>
      <fieldset className="options">
        <legend className="sr-only">{p.legend}</legend>
        {p.loading && p.items.length === 0 ? <p className="muted">{p.loadingText}</p> : null}
        {!p.loading && visible.length === 0 ? <p className="muted">{p.emptyText}</p> : null}
        {visible.map((item) => {
          const checked = p.selected.includes(item.id);
          return (
            <label key={item.id} className={`option ${checked ? 'is-checked' : ''} ${item.disabled ? 'is-disabled' : ''}`}>
              <input
                type={p.multiple ? 'checkbox' : 'radio'}
                name={`${id}-opt`}
                value={item.id}
                checked={checked}
                disabled={item.disabled}
                onChange={(e) => toggle(item.id, e.target.checked)}
              />
              {item.availability && item.availability !== 'none' ? (
                <span className={`dot dot-${item.availability}`} aria-hidden="true" />
              ) : null}
              <span className="option-label">{item.label}</span>
              {item.availabilityLabel ? <span className="option-detail">{item.availabilityLabel}</span> : null}
              {item.detail ? <span className="option-detail">{item.detail}</span> : null}
            </label>
          );
        })}
      </fieldset>
    </div>
  );
}
