import { parseMarkup } from './text';

export function RichText({ text, markup }: { text: string; markup: boolean }) {
  if (!markup) return <>{text}</>;
  return (
    <>
      {parseMarkup(text).map((s, i) =>
        s.style === 'b' ? <strong key={i}>{s.text}</strong> : s.style === 'i' ? <em key={i}>{s.text}</em> : s.style === 's' ? <s key={i}>{s.text}</s> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
