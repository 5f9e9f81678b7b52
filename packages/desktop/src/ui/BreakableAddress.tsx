import { Fragment } from 'react';

/**
 * An e-mail address with line-break opportunities after `@` and before each `.`, so a narrow card
 * wraps it between its parts instead of mid-word. (`overflow-wrap: anywhere` on the container stays
 * the last resort, for one part longer than the whole line.)
 */
export function BreakableAddress({ text }: { text: string }) {
  const parts = text.split(/(?<=@)|(?=\.)/);
  return (
    <>
      {parts.map((part, i) =>
        i === 0 ? (
          part
        ) : (
          <Fragment key={i}>
            <wbr />
            {part}
          </Fragment>
        ),
      )}
    </>
  );
}
