import { useDeferredValue, useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useLocation, useRoute } from 'wouter';
import { CHANNEL_TYPES, type ChannelType, type LiveAgentRow } from '@parley/protocol';
import { tokenStore } from '../../api/http';
import { useT } from '../i18n/i18n';
import { useDeskContext } from '../desk/context';
import { AgentsTable } from './AgentsTable';
import { ChangeStateDialog } from './ChangeStateDialog';
import { ConversationList, type ListOf } from './ConversationList';
import { FloorSocket } from './floor-socket';
import { FollowedConversation } from './FollowedConversation';
import { FindConversations } from './FindConversations';
import { QueuesTable } from './QueuesTable';
import { channelLabel } from './labels';
import './supervisor.css';

const CONVERSATION_PATH = '/supervisor/conversations/:id';
/** One collator for every sort: far cheaper than localeCompare per comparison on 1,000 rows. */
const byName = new Intl.Collator(undefined, { numeric: true }).compare;

/**
 * The supervisor's live view: every queue and agent as the server's floor stream says (no polling),
 * filtered by channel and agent search; a queue's or agent's open conversations; one conversation
 * followed read-only (`#/supervisor/conversations/<id>`); an agent's state changed with a reason.
 */
export default function SupervisorArea() {
  const t = useT();
  const { signOut } = useDeskContext();
  const socket = useMemo(() => new FloorSocket(tokenStore.get() ?? '', signOut), [signOut]);
  useEffect(() => {
    socket.start();
    return () => socket.stop();
  }, [socket]);
  const floor = useSyncExternalStore(socket.subscribe, socket.getState);
  const [channel, setChannel] = useState<ChannelType | ''>('');
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const [listOf, setListOf] = useState<ListOf | null>(null);
  const [finding, setFinding] = useState(false);
  const [changing, setChanging] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [, followed] = useRoute(CONVERSATION_PATH);
  const [, navigate] = useLocation();
  const ids = { channel: useId(), search: useId() };

  const queues = useMemo(
    () => [...floor.queues.values()].filter((q) => !channel || q.channel === channel).sort((a, b) => byName(a.name, b.name)),
    [floor.queues, channel],
  );
  const allAgents = useMemo(() => [...floor.agents.values()].sort((a, b) => byName(a.displayName, b.displayName)), [floor.agents]);
  const agents = useMemo(
    () =>
      allAgents.filter(
        (a) =>
          (!channel || (a.capacity[channel] ?? 0) > 0) &&
          (!query || a.displayName.toLowerCase().includes(query) || a.username.toLowerCase().includes(query)),
      ),
    [allAgents, channel, query],
  );
  const agentName = (id: string) => floor.agents.get(id)?.displayName ?? id;
  const listRow = listOf ? (listOf.kind === 'queue' ? floor.queues.get(listOf.id) : floor.agents.get(listOf.id)) : undefined;
  const changingAgent = changing ? floor.agents.get(changing) : undefined;
  const open = (a: LiveAgentRow | { id: string; name: string }, kind: ListOf['kind']) =>
    setListOf({ kind, id: a.id, name: 'displayName' in a ? a.displayName : a.name });

  return (
    <div className="sup-area">
      <h1>{t('sup.title')}</h1>
      {floor.status !== 'online' ? (
        <p className="sup-link" role="status">
          {t(floor.status === 'connecting' ? 'sup.link.connecting' : 'sup.link.offline')}
        </p>
      ) : null}
      {done ? (
        <p className="sup-done" role="status">
          {done}
        </p>
      ) : null}
      <div className="sup-filters">
        <label htmlFor={ids.channel}>{t('sup.filter.channel')}</label>
        <select id={ids.channel} className="select" value={channel} onChange={(e) => setChannel(e.target.value as ChannelType | '')}>
          <option value="">{t('sup.filter.allChannels')}</option>
          {CHANNEL_TYPES.map((c) => (
            <option key={c} value={c}>
              {channelLabel(t, c)}
            </option>
          ))}
        </select>
        <label htmlFor={ids.search}>{t('sup.filter.search')}</label>
        <input id={ids.search} className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="button" className="btn" aria-expanded={finding} onClick={() => setFinding((f) => !f)}>
          {t('sup.find.open')}
        </button>
      </div>
      <div className="sup-layout">
        <div className="sup-main">
          <QueuesTable queues={queues} skewMs={floor.skewMs} onShowConversations={(q) => open(q, 'queue')} />
          <AgentsTable
            agents={agents}
            total={allAgents.length}
            channel={channel}
            skewMs={floor.skewMs}
            onShowConversations={(a) => open(a, 'agent')}
            onChangeState={(a) => {
              setDone(null);
              setChanging(a.id);
            }}
          />
        </div>
        {listOf || followed || finding ? (
          <aside className="sup-side">
            {finding ? <FindConversations onOpen={(id) => navigate(`/supervisor/conversations/${encodeURIComponent(id)}`)} onClose={() => setFinding(false)} /> : null}
            {listOf ? (
              <ConversationList
                of={listOf}
                version={JSON.stringify(listRow ?? null)}
                skewMs={floor.skewMs}
                agentName={agentName}
                onOpen={(id) => navigate(`/supervisor/conversations/${encodeURIComponent(id)}`)}
                onClose={() => setListOf(null)}
              />
            ) : null}
            {followed ? (
              <FollowedConversation key={followed.id} conversationId={decodeURIComponent(followed.id)} socket={socket} agentName={agentName} onClose={() => navigate('/supervisor')} />
            ) : null}
          </aside>
        ) : null}
      </div>
      {changingAgent ? (
        <ChangeStateDialog
          agent={changingAgent}
          skewMs={floor.skewMs}
          onClose={() => setChanging(null)}
          onDone={(message) => {
            setChanging(null);
            setDone(message);
          }}
        />
      ) : null}
    </div>
  );
}
