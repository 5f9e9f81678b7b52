import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ChannelSettingsDto } from '@parley/protocol';
import { adminApi, type KindId } from './admin-api';
import type { AgentItem, EntryPointItem, QueueItem, ReasonItem, TeamItem, TemplateItem, WorkflowItem } from './types';

/** Every kind's list as the admin API gives it, loaded when the area opens and again after each change. */
export interface AdminLists {
  'entry-points': EntryPointItem[];
  queues: QueueItem[];
  agents: AgentItem[];
  teams: TeamItem[];
  'idle-reasons': ReasonItem[];
  'wrapup-reasons': ReasonItem[];
  templates: TemplateItem[];
  workflows: WorkflowItem[];
  channelSettings: ChannelSettingsDto[];
}

interface AdminData {
  lists: AdminLists | null;
  error: string | null;
  /** Re-reads everything (a change to one kind can change what others show, e.g. a deleted team). */
  reload: () => Promise<void>;
}

const Ctx = createContext<AdminData | null>(null);

const KINDS: KindId[] = ['entry-points', 'queues', 'agents', 'teams', 'idle-reasons', 'wrapup-reasons', 'templates', 'workflows'];

async function loadAll(): Promise<AdminLists> {
  const [lists, channelSettings] = await Promise.all([Promise.all(KINDS.map((k) => adminApi.list<unknown>(k))), adminApi.channelSettings()]);
  return { ...(Object.fromEntries(KINDS.map((k, i) => [k, lists[i]])) as Omit<AdminLists, 'channelSettings'>), channelSettings };
}

export function AdminDataProvider({ children }: { children: ReactNode }) {
  const [lists, setLists] = useState<AdminLists | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setLists(await loadAll());
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return <Ctx.Provider value={{ lists, error, reload }}>{children}</Ctx.Provider>;
}

export function useAdminData(): AdminData {
  const v = useContext(Ctx);
  if (!v) throw new Error('AdminDataProvider missing');
  return v;
}
