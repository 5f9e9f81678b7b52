import type { ReactionDto } from '@parley/protocol';
import { useT } from '../i18n/i18n';

/** Reactions under a bubble, one chip each, named for screen readers ("Reaction 👍 by customer"). */
export function Reactions({ items }: { items: ReactionDto[] | undefined }) {
  const t = useT();
  if (!items?.length) return null;
  return (
    <ul className="reactions" aria-label={t('msg.reactions')}>
      {items.map((r) => (
        <li key={`${r.by}:${r.emoji}:${r.at}`} className="reaction">
          <span role="img" aria-label={t('msg.reaction', { emoji: r.emoji, by: r.by })}>
            {r.emoji}
          </span>
        </li>
      ))}
    </ul>
  );
}
