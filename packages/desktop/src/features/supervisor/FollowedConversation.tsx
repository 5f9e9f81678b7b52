import { useEffect, useId, useReducer, useRef } from 'react';
import type { ConversationStatus, FollowedEvent, MessageDto, SupervisorConversationDto, SupervisorMessageDto, WorkflowRunDto } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { channelRules, useDeskContext } from '../desk/context';
import { MessageRow } from '../pane/MessageRow';
import { RunItem } from '../workflows/RunItem';
import type { FloorSocket } from './floor-socket';
import { channelLabel, statusLabel } from './labels';
import { supervisorApi } from './supervisor-api';

interface View {
  conversation: SupervisorConversationDto | null;
  status: ConversationStatus | null;
  ownerAgentId: string | null;
  queueName: string | null;
  /** Messages by id. */
  messages: Map<string, MessageDto>;
  /** Workflow runs by id (what agents ran in it, and their outcome). */
  runs: Map<string, WorkflowRunDto>;
  /**
   * What live events changed since the follow (re)started: newer than a read that began then, so
   * the read does not overwrite them. `'conversation'` stands for the status, owner and queue.
   */
  touched: Set<string>;
  error: string | null;
}

type Action =
  | { type: 'following' }
  | { type: 'loaded'; conversation: SupervisorConversationDto; messages: SupervisorMessageDto[]; runs: WorkflowRunDto[] }
  | { type: 'event'; event: FollowedEvent }
  | { type: 'failed'; message: string };

/** Read-only: no client id, so a failed message offers no Retry. */
const asMessage = (m: SupervisorMessageDto | MessageDto): MessageDto => ({ ...(m as MessageDto), clientId: null });

function reduce(v: View, a: Action): View {
  if (a.type === 'failed') return { ...v, error: a.message };
  if (a.type === 'following') return { ...v, touched: new Set() };
  if (a.type === 'loaded') {
    const messages = new Map(v.messages);
    for (const m of a.messages) if (!v.touched.has(m.id)) messages.set(m.id, asMessage(m));
    const runs = new Map(v.runs);
    for (const r of a.runs) if (!v.touched.has(`run:${r.id}`)) runs.set(r.id, r);
    const c = a.conversation;
    const fresh = !v.touched.has('conversation');
    return {
      ...v,
      conversation: c,
      status: fresh ? c.status : v.status,
      ownerAgentId: fresh ? (c.owner?.id ?? null) : v.ownerAgentId,
      queueName: fresh ? c.queue.name : v.queueName,
      messages,
      runs,
      error: null,
    };
  }
  const e = a.event;
  const touched = new Set(v.touched);
  if (e.type === 'workflow.run') {
    touched.add(`run:${e.run.id}`);
    return { ...v, touched, runs: new Map(v.runs).set(e.run.id, e.run) };
  }
  if (e.type === 'conversation.updated') {
    touched.add('conversation');
    return { ...v, touched, status: e.conversation.status, ownerAgentId: e.conversation.ownerAgentId, queueName: e.conversation.queueName };
  }
  const messages = new Map(v.messages);
  if (e.type === 'message.created') messages.set(e.message.id, asMessage(e.message));
  else {
    const m = messages.get(e.messageId);
    if (!m) return v;
    messages.set(e.messageId, e.type === 'message.status' ? { ...m, status: e.status, statusReason: e.reason ?? m.statusReason } : { ...m, reactions: e.reactions });
  }
  touched.add(e.type === 'message.created' ? e.message.id : e.messageId);
  return { ...v, messages, touched };
}

interface Props {
  conversationId: string;
  socket: FloorSocket;
  agentName: (id: string) => string;
  onClose: () => void;
}

/**
 * One conversation, read-only, followed live: the follow is set up first, then the thread is read,
 * so nothing said in between is missed (live messages and the read are merged by id). After a
 * reconnect the follow is set up again and the thread read again: what was missed meanwhile shows.
 */
export function FollowedConversation({ conversationId, socket, agentName, onClose }: Props) {
  const { t } = useI18n();
  const { config } = useDeskContext();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const [v, dispatch] = useReducer(reduce, { conversation: null, status: null, ownerAgentId: null, queueName: null, messages: new Map(), runs: new Map(), touched: new Set<string>(), error: null });

  useEffect(() => {
    const stop = socket.follow(conversationId, (e) => {
      if (e.type === 'error') return dispatch({ type: 'failed', message: e.message });
      if (e.type !== 'following') return dispatch({ type: 'event', event: e });
      dispatch({ type: 'following' });
      Promise.all([supervisorApi.conversation(conversationId), supervisorApi.messages(conversationId), supervisorApi.workflowRuns(conversationId)]).then(
        ([conversation, page, runs]) => dispatch({ type: 'loaded', conversation, messages: page.messages, runs: runs.runs }),
        (err: unknown) => dispatch({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
    });
    return stop;
  }, [conversationId, socket]);

  useEffect(() => {
    heading.current?.focus();
  }, []);
  const count = v.messages.size;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a message arrives
  useEffect(() => {
    // A block body: Chromium's scrollIntoView returns a promise, which an effect must not return.
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [count]);

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
          {v.runs.size ? (
            <ul className="workflow-runs" aria-label={t('sup.conv.runs')} aria-live="polite">
              {[...v.runs.values()].sort((a, b) => b.startedAt - a.startedAt).map((r) => (
                <RunItem key={r.id} run={r} />
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

const noRetry = () => undefined;
