import { useEffect } from 'react';
import type { AgentDto } from '@parley/protocol';
import { api } from '../../api/endpoints';
import { observable, useObservable } from '../../state/external';

/** Other agents' names and live states (GET /api/agents), refreshed on demand. */
export const agentDirectory = observable<Record<string, AgentDto>>({});
let inflight: Promise<AgentDto[]> | null = null;

export async function refreshAgents(): Promise<AgentDto[]> {
  if (!inflight) {
    inflight = api
      .agents()
      .then((list) => {
        agentDirectory.set(Object.fromEntries(list.map((a) => [a.id, a])));
        return list;
      })
      .finally(() => {
        inflight = null;
      });
  }
  return inflight;
}

export function useAgentName(id: string | null): string {
  const dir = useObservable(agentDirectory);
  useEffect(() => {
    if (id && !dir[id]) void refreshAgents().catch(() => undefined);
  }, [id, dir]);
  if (!id) return '';
  return dir[id]?.displayName ?? id;
}
