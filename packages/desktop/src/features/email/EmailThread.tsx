import type { MessageDto } from '@parley/protocol';
import { useT } from '../i18n/i18n';
import { EmailBlock } from './EmailBlock';
import { newestFirst } from './thread';

/** The email thread, newest first; the email that arrived while the agent wrote is highlighted. */
export function EmailThread({ items, highlightId }: { items: readonly MessageDto[]; highlightId: string | null }) {
  const t = useT();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard
    <section className="email-thread" role="log" aria-label={t('pane.messages')} tabIndex={0} data-testid="email-thread" data-count={items.length}>
      {newestFirst(items).map((m) => (
        <EmailBlock key={m.clientId ?? m.id} m={m} isNew={m.id === highlightId} />
      ))}
    </section>
  );
}
