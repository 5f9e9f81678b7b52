import { useCallback, useEffect, useState } from 'react';
import type { AgentDto, ChannelType, QueueDto } from '@parley/protocol';
import { api } from '../../api/endpoints';
import type { Availability, ListItem } from '../../ui/SearchList';
import type { Translate } from '../i18n/i18n';
import { refreshAgents } from './directory';

export interface Targets {
  queues: QueueDto[];
  agents: AgentDto[];
  loading: boolean;
  error: string | null;
  refresh: () => void;
}

/** Live queue and agent lists for transfer/conference; `refresh` reloads both (the dialog's Refresh list). */
export function useTargets(channel: ChannelType, meId: string | undefined, wantQueues: boolean): Targets {
  const [queues, setQueues] = useState<QueueDto[]>([]);
  const [agents, setAgents] = useState<AgentDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    Promise.all([wantQueues ? api.queues(channel) : Promise.resolve([] as QueueDto[]), refreshAgents()])
      .then(([q, a]) => {
        setQueues(q.filter((x) => x.channel === channel));
        setAgents(a.filter((x) => x.id !== meId && (x.capacity[channel] ?? 0) > 0));
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setLoading(false));
  }, [channel, meId, wantQueues]);
  useEffect(load, [load]);
  return { queues, agents, loading, error, refresh: load };
}

const RANK: Record<string, number> = { available: 0, idle: 1, rona: 2, offline: 3 };

export function agentItems(agents: AgentDto[], channel: ChannelType, t: Translate): ListItem[] {
  return [...agents]
    .sort((a, b) => (RANK[a.state] ?? 9) - (RANK[b.state] ?? 9) || a.displayName.localeCompare(b.displayName))
    .map((a) => {
      const full = (a.load[channel] ?? 0) >= (a.capacity[channel] ?? 0);
      const availability: Availability = a.state === 'available' ? (full ? 'busy' : 'available') : a.state;
      const stateLabel =
        availability === 'busy' ? t('state.busy') : a.state === 'available' ? t('state.available') : a.state === 'idle' ? t('state.idle') : a.state === 'rona' ? t('state.rona') : t('state.offline');
      // The server hands a transfer or conference only to an agent who can take it now (Available with free capacity).
      return { id: a.id, label: a.displayName, availability, availabilityLabel: stateLabel, disabled: availability !== 'available' };
    });
}

export function queueItems(queues: QueueDto[], t: Translate): ListItem[] {
  return queues.map((q) => ({
    id: q.id,
    label: q.name,
    detail: t('transfer.queueInfo', { waiting: q.waiting, available: q.availableAgents }),
    availability: q.availableAgents > 0 ? 'available' : 'idle',
  }));
}
