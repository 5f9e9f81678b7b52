import { useEffect, useId, useState } from 'react';
import { parseAddressList } from './fields';

/** A To/Cc field: a comma-separated list, read-only where the mode fills it. */
export function AddressField({ label, value, editable, onChange }: { label: string; value: readonly string[]; editable: boolean; onChange: (list: string[]) => void }) {
  const id = useId();
  const joined = value.join(', ');
  // The text as typed (a trailing comma stays) until the list changes from outside (a mode switch).
  const [text, setText] = useState(joined);
  useEffect(() => {
    setText((cur) => (parseAddressList(cur).join(', ') === joined ? cur : joined));
  }, [joined]);
  return (
    <div className="email-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="text"
        inputMode="email"
        autoComplete="off"
        readOnly={!editable}
        aria-readonly={!editable}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseAddressList(e.target.value));
        }}
      />
    </div>
  );
}
