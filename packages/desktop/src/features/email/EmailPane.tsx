import './email.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationDto } from '@parley/protocol';
import { useDesk } from '../../state/store';
import { canWrite } from '../../state/conversation';
import { emptyThread } from '../../state/thread';
import { useT } from '../i18n/i18n';
import { useChannelRules } from '../desk/context';
import { EmailComposer } from './EmailComposer';
import { EmailThread } from './EmailThread';
import { arrivedWhileWriting } from './thread';

const newestInboundId = (items: readonly { id: string; direction: string }[]) => [...items].reverse().find((m) => m.direction === 'inbound')?.id ?? null;

/** The pane of a channel whose rules say `richFormatting: 'html'`: the email thread and composer (SPEC F9). */
export function EmailPane({ conversation: c }: { conversation: ConversationDto }) {
  const t = useT();
  const items = (useDesk((s) => s.threads[c.id]) ?? emptyThread).items;
  const writable = useDesk((s) => canWrite(c, s.me?.id));
  const rules = useChannelRules(c.channel);
  const [writing, setWriting] = useState(false);
  const seen = useRef<string | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const onWriting = useCallback((w: boolean) => setWriting(w), []);
  // The newest inbound email when the agent started writing: a newer one is "new while writing".
  if (!writing) seen.current = newestInboundId(items);
  const arrived = arrivedWhileWriting(items, seen.current, writing);
  useEffect(() => {
    if (arrived) setHighlight(arrived);
  }, [arrived]);
  const thread = useRef<HTMLDivElement>(null);
  return (
    <div className="email-pane" ref={thread}>
      {highlight ? (
        <div className="email-banner" role="status">
          <button
            type="button"
            className="btn btn-link"
            onClick={() => {
              thread.current?.querySelector('.email-thread')?.scrollTo({ top: 0 });
              setHighlight(null);
            }}
          >
            {t('email.newBanner')}
          </button>
        </div>
      ) : null}
      <EmailThread items={items} highlightId={highlight} rules={rules} />
      {writable ? <EmailComposer conversation={c} items={items} onWriting={onWriting} /> : <div className="composer composer-readonly">{t('composer.readonly')}</div>}
    </div>
  );
}
