import { parseMarkup } from './text';

export function RichText({ text, markup }: { text: string; markup: boolean }) {
  if (!markup) return <>{text}</>;
  // The segments of one text never reorder: their index is a stable key.
  return (
    <>
      {parseMarkup(text).map((s, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: segments of one text never reorder
        s.style === 'b' ? <strong key={i}>{s.text}</strong> : s.style === 'i' ? <em key={i}>{s.text}</em> : s.style === 's' ? <s key={i}>{s.text}</s> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
