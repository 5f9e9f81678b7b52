import { useId, type ReactNode } from 'react';

/**
 * Form inputs of the admin area: a visible label, the field's error tied to it (`aria-invalid`,
 * `aria-describedby`) and an optional hint. `name` is also the key of its error in a form's errors.
 */
export type Errors = Record<string, string>;

interface Base {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

function useDescribed(p: Base) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [p.error ? errId : null, p.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const notes = (
    <>
      {p.hint ? (
        <span id={hintId} className="field-note">
          {p.hint}
        </span>
      ) : null}
      {p.error ? (
        <span id={errId} className="error-text">
          {p.error}
        </span>
      ) : null}
    </>
  );
  return { id, describedBy, notes, aria: { 'aria-invalid': p.error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': p.required || undefined } };
}

export function TextField(p: Base & { value: string; onChange: (v: string) => void; type?: 'text' | 'password' | 'url' | 'number'; autoComplete?: string; multiline?: boolean; inputMode?: 'numeric' | 'decimal' }) {
  const d = useDescribed(p);
  const common = { id: d.id, name: p.name, value: p.value, disabled: p.disabled, ...d.aria };
  return (
    <div className="form-field">
      <label htmlFor={d.id}>{p.label}</label>
      {p.multiline ? (
        <textarea className="input" rows={5} {...common} onChange={(e) => p.onChange(e.target.value)} />
      ) : (
        <input className="input" type={p.type ?? 'text'} autoComplete={p.autoComplete ?? 'off'} inputMode={p.inputMode} {...common} onChange={(e) => p.onChange(e.target.value)} />
      )}
      {d.notes}
    </div>
  );
}

/** A number kept as text while typed (so "1." or "" can be edited); the form parses and checks it. */
export function NumberField(p: Base & { value: string; onChange: (v: string) => void }) {
  return <TextField {...p} inputMode="decimal" />;
}

export function SelectField(p: Base & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const d = useDescribed(p);
  return (
    <div className="form-field">
      <label htmlFor={d.id}>{p.label}</label>
      <select className="select" id={d.id} name={p.name} value={p.value} disabled={p.disabled} onChange={(e) => p.onChange(e.target.value)} {...d.aria}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {d.notes}
    </div>
  );
}

export function CheckboxField(p: Omit<Base, 'required'> & { checked: boolean; onChange: (v: boolean) => void }) {
  const d = useDescribed(p);
  return (
    <div className="form-field form-check">
      <label htmlFor={d.id}>
        <input type="checkbox" id={d.id} name={p.name} checked={p.checked} disabled={p.disabled} onChange={(e) => p.onChange(e.target.checked)} {...d.aria} /> {p.label}
      </label>
      {d.notes}
    </div>
  );
}

/** Several choices from a list (members, channels, queues): a fieldset of checkboxes. */
export function CheckboxGroup(p: Base & { value: string[]; onChange: (v: string[]) => void; options: { value: string; label: string }[]; emptyText: string }) {
  const d = useDescribed(p);
  const toggle = (v: string, on: boolean) => p.onChange(on ? [...p.value, v] : p.value.filter((x) => x !== v));
  return (
    <fieldset className="form-field check-group" aria-invalid={p.error ? true : undefined} aria-describedby={d.describedBy}>
      <legend>{p.label}</legend>
      {p.options.length === 0 ? <span className="field-note">{p.emptyText}</span> : null}
      {p.options.map((o, i) => (
        <label key={o.value}>
          <input
            type="checkbox"
            name={p.name}
            value={o.value}
            checked={p.value.includes(o.value)}
            disabled={p.disabled}
            onChange={(e) => toggle(o.value, e.target.checked)}
            aria-describedby={i === 0 ? d.describedBy : undefined}
          />{' '}
          {o.label}
        </label>
      ))}
      {d.notes}
    </fieldset>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="admin-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
