import { BreakableAddress } from '../../ui/BreakableAddress';
import { useT } from '../i18n/i18n';
import type { Field } from './fields';

/** A field's value as shown in offers and the pane: addresses breakable, a number's kind after it. */
export function FieldValue({ field }: { field: Field }) {
  const t = useT();
  return (
    <>
      {field.address ? <BreakableAddress text={field.value} /> : field.value}
      {field.noteKey ? <span className="field-note"> ({t(field.noteKey)})</span> : null}
    </>
  );
}
