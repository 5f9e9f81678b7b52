import { createContext, useContext } from 'react';
import { DEFAULT_CHANNEL_RULES, type ChannelRules, type ChannelType, type DeskConfig } from '@parley/protocol';
import { observable } from '../../state/external';
import type { DeskSession } from '../../state/session';

export type DialogKind = 'transfer' | 'conference' | 'wrapup' | 'help' | 'settings' | 'templates';
export interface OpenDialog {
  kind: DialogKind;
  conversationId?: string;
}

/** Which dialog is open (one at a time). */
export const dialogState = observable<OpenDialog | null>(null);
export const openDialog = (kind: DialogKind, conversationId?: string) => dialogState.set({ kind, conversationId });
export const closeDialog = () => dialogState.set(null);

/** Conversations whose automatic wrap-up dialog the agent put off ("Later"). */
export const wrapupDeferred = observable<ReadonlySet<string>>(new Set());

export interface DeskContextValue {
  session: DeskSession;
  config: DeskConfig;
  signOut: () => void;
}

export const DeskContext = createContext<DeskContextValue | null>(null);

export function useDeskContext(): DeskContextValue {
  const v = useContext(DeskContext);
  if (!v) throw new Error('DeskContext missing');
  return v;
}

export function channelRules(config: DeskConfig | null, channel: ChannelType): ChannelRules {
  return config?.channels.find((c) => c.channel === channel) ?? DEFAULT_CHANNEL_RULES[channel];
}

export function useChannelRules(channel: ChannelType): ChannelRules {
  return channelRules(useDeskContext().config, channel);
}
