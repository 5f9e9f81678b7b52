import { useEffect, useId, useReducer, useRef } from 'react';
import type { ConversationStatus, FollowedEvent, MessageDto, SupervisorConversationDto, SupervisorMessageDto } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { channelRules, useDeskContext } from '../desk/context';
import { MessageRow } from '../pane/MessageRow';
import type { FloorSocket } from './floor-socket';
import { channelLabel, statusLabel } from './labels';
import { supervisorApi } from './supervisor-api';

interface View {
  conversation: SupervisorConversationDto | null;
  status: ConversationStatus | null;
  ownerAgentId: string | null;
  queueName: string | null;
  /** Messages by id, in arrival order; live events win over the first read (they are newer). */
  messages: Map<string, MessageDto>;
  error: string | null;
}

type Action =
  | { type: 'loaded'; conversation: SupervisorConversationDto; messages: SupervisorMessageDto[] }
  | { type: 'event'; event: FollowedEvent }
  | { type: 'failed'; message: string };

/** Read-only: no client id, so a failed message offers no Retry. */
const asMessage = (m: SupervisorMessageDto | MessageDto): MessageDto => ({ ...(m as MessageDto), clientId: null });

function reduce(v: View, a: Action): View {
  if (a.type === 'failed') return { ...v, error: a.message };
  if (a.type === 'loaded') {
    const messages = new Map<string, MessageDto>();
    for (const m of a.messages) messages.set(m.id, asMessage(m));
    for (const [id, m] of v.messages) messages.set(id, m);
    const c = a.conversation;
    return { ...v, conversation: c, status: v.status ?? c.status, ownerAgentId: v.status ? v.ownerAgentId : (c.owner?.id ?? null), queueName: v.queueName ?? c.queue.name, messages, error: null };
  }
  const e = a.event;
  const messages = new Map(v.messages);
  if (e.type === 'message.created') messages.set(e.message.id, asMessage(e.message));
  else if (e.type === 'conversation.updated') {
    return { ...v, status: e.conversation.status, ownerAgentId: e.conversation.ownerAgentId, queueName: e.conversation.queueName };
  } else {
    const m = messages.get(e.messageId);
    if (!m) return v;
    messages.set(e.messageId, e.type === 'message.status' ? { ...m, status: e.status, statusReason: e.reason ?? m.statusReason } : { ...m, reactions: e.reactions });
  }
  return { ...v, messages };
}

interface Props {
  conversationId: string;
  socket: FloorSocket;
  agentName: (id: string) => string;
  onClose: () => void;
}

/**
 * One conversation, read-only, followed live: the follow is set up first, then the thread is read,
 * so nothing said in between is missed (live messages and the read are merged by id).
 */
export function FollowedConversation({ conversationId, socket, agentName, onClose }: Props) {
  const { t } = useI18n();
  const { config } = useDeskContext();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const [v, dispatch] = useReducer(reduce, { conversation: null, status: null, ownerAgentId: null, queueName: null, messages: new Map(), error: null });

  useEffect(() => {
    let loaded = false;
    const stop = socket.follow(conversationId, (e) => {
      if (e.type === 'error') return dispatch({ type: 'failed', message: e.message });
      if (e.type !== 'following') return dispatch({ type: 'event', event: e });
      if (loaded) return;
      loaded = true;
      Promise.all([supervisorApi.conversation(conversationId), supervisorApi.messages(conversationId)]).then(
        ([conversation, page]) => dispatch({ type: 'loaded', conversation, messages: page.messages }),
        (err: unknown) => dispatch({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
    });
    return stop;
  }, [conversationId, socket]);

  useEffect(() => heading.current?.focus(), []);
  const count = v.messages.size;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a message arrives
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [count]);

  const c = v.conversation;
  const name = c?.customer.name ?? conversationId;
  const rules = c ? channelRules(config, c.channel) : null;
  return (
    <section className="sup-panel sup-followed" aria-labelledby={headingId} data-testid="sup-followed" data-status={v.status ?? undefined}>
      <div className="sup-panel-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {t('sup.conv.title', { name })}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('sup.conv.close')}
        </button>
      </div>
      <p className="hint">{t('sup.conv.readOnly')}</p>
      {v.error ? (
        <p className="error-text" role="alert">
          {t('sup.conv.failed', { message: v.error })}
        </p>
      ) : null}
      {!c && !v.error ? <p role="status">{t('sup.conv.loading')}</p> : null}
      {c && rules ? (
        <>
          <p className="sup-facts" role="status">
            {t('sup.conv.facts', { channel: channelLabel(t, c.channel), queue: v.queueName ?? c.queue.id, status: v.status ? statusLabel(t, v.status) : '' })}
            {' · '}
            {v.ownerAgentId ? t('sup.conv.owner', { name: agentName(v.ownerAgentId) }) : t('sup.conv.noOwner')}
          </p>
          <div
            className="sup-thread"
            role="log"
            aria-label={t('sup.conv.title', { name })}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard (axe scrollable-region-focusable)
            tabIndex={0}
          >
            {count === 0 ? <p className="muted">{t('sup.conv.empty')}</p> : null}
            {[...v.messages.values()].sort((a, b) => a.createdAt - b.createdAt).map((m) => (
              <MessageRow key={m.id} m={m} rules={rules} customerName={name} meId={undefined} onRetry={noRetry} />
            ))}
            <div ref={bottom} />
          </div>
        </>
      ) : null}
    </section>
  );
}

const noRetry = () => undefined;
