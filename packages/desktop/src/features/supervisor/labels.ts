import type { AgentState, ChannelType, ConversationStatus, DeskConfig } from '@parley/protocol';
import { reasonLabel, type Lang, type Translate } from '../i18n/i18n';

export function channelLabel(t: Translate, c: ChannelType): string {
  return t(`channel.${c}`);
}

export function statusLabel(t: Translate, s: ConversationStatus): string {
  return t(`sup.status.${s}`);
}

/** "Available", "Idle – Lunch", "Offline"… as the Desk says them. */
export function agentStateLabel(t: Translate, lang: Lang, config: DeskConfig, state: AgentState, idleReasonId: string | null): string {
  if (state === 'idle' && idleReasonId) {
    const r = config.idleReasons.find((x) => x.id === idleReasonId);
    return t('state.idleReason', { reason: r ? reasonLabel(lang, r) : idleReasonId });
  }
  return t(`state.${state}`);
}
