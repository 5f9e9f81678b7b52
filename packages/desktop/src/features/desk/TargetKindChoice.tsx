/** One choice of the segmented "Queue / Agent" control of the Transfer and Conference dialogs. */
export interface TargetKindOption<K extends string> {
  kind: K;
  label: string;
}

/** Radio buttons choosing what kind of target a dialog lists; `legend` names the group for screen readers. */
export function TargetKindChoice<K extends string>(props: {
  name: string;
  legend: string;
  options: TargetKindOption<K>[];
  value: K;
  onChange: (kind: K) => void;
}) {
  const { name, legend, options, value, onChange } = props;
  return (
    <fieldset className="segmented">
      <legend className="sr-only">{legend}</legend>
      {options.map((o) => (
        <label key={o.kind} className={value === o.kind ? 'is-on' : ''}>
          <input type="radio" name={name} value={o.kind} checked={value === o.kind} onChange={() => onChange(o.kind)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
