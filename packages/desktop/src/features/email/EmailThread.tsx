import { useCallback, useState } from 'react';
import type { ChannelRules, MessageDto } from '@parley/protocol';
import { useT } from '../i18n/i18n';
import { MessageRow } from '../pane/MessageRow';
import { EmailBlock } from './EmailBlock';
import { newestFirst } from './thread';

const noRetry = () => undefined;

/**
 * The email thread, newest first; the email that arrived while the agent wrote is highlighted; system
 * notices inline. Remembers which emails the agent showed remote images for while the pane is open.
 */
export function EmailThread({ items, highlightId, rules }: { items: readonly MessageDto[]; highlightId: string | null; rules: ChannelRules }) {
  const t = useT();
  const [imagesShown, setImagesShown] = useState<ReadonlySet<string>>(() => new Set());
  const showImages = useCallback((id: string) => setImagesShown((shown) => new Set(shown).add(id)), []);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard
    <section className="email-thread" role="log" aria-label={t('pane.messages')} tabIndex={0} data-testid="email-thread" data-count={items.length}>
      {newestFirst(items).map((m) =>
        m.authorType === 'system' || m.notice ? (
          <MessageRow key={m.id} m={m} rules={rules} customerName="" meId={undefined} onRetry={noRetry} />
        ) : (
          <EmailBlock key={m.clientId ?? m.id} m={m} isNew={m.id === highlightId} imagesShown={imagesShown.has(m.id)} onShowImages={showImages} />
        ),
      )}
    </section>
  );
}
