import { Fragment } from 'react';

/**
 * An e-mail address with line-break opportunities after `@` and before each `.`, so a narrow card
 * wraps it between its parts instead of mid-word. (`overflow-wrap: anywhere` on the container stays
 * the last resort, for one part longer than the whole line.)
 */
export function BreakableAddress({ text }: { text: string }) {
  let at = 0;
  const parts = text.split(/(?<=@)|(?=\.)/).map((part) => {
    const start = at;
    at += part.length;
    return { start, part };
  });
  return (
    <>
      {parts.map(({ start, part }) =>
        start === 0 ? (
          part
        ) : (
          <Fragment key={start}>
            <wbr />
            {part}
          </Fragment>
        ),
      )}
    </>
  );
}
