import type { AgentDto, SupervisorSetStateBody } from '@parley/protocol';
import { DomainError } from '@parley/core';
import type { AppCore } from '../../core';
import { recordAudit } from '../../admin/audit';

/** What the audit log keeps of an agent's state. */
function stateView(a: { state: string; idleReasonId: string | null }) {
  return { state: a.state, idleReasonId: a.idleReasonId };
}

/**
 * A supervisor changes an agent's state (e.g. logs out an agent who left): the router's own state
 * command, so it does what the agent's own change does (offline: offers in flight withdrawn and
 * offered to others, conversations kept; available: offered waiting work). Recorded in the audit
 * log with who and why, in the same transaction. The agent's Desktop hears `agent.updated`.
 */
export async function changeAgentState(
  core: AppCore,
  by: { id: string },
  agentId: string,
  body: SupervisorSetStateBody,
): Promise<AgentDto> {
  const reason = body.reason.trim();
  if (!reason) throw new DomainError('PARLEY_ERR_VALIDATION', 'body/reason must say why (1–500 characters)');
  const profile = core.directory.agents.get(agentId);
  const live = core.engine.getAgent(agentId);
  if (!profile || !live) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such agent');
  const idleReasonId = body.state === 'idle' ? (body.idleReasonId ?? null) : null;
  if (idleReasonId && !core.directory.idleReasons.some((r) => r.id === idleReasonId)) {
    throw new DomainError('PARLEY_ERR_VALIDATION', `body/idleReasonId: unknown idle reason "${idleReasonId}"`);
  }
  // Offers would ring on a Desktop nobody has open, each one a RONA.
  if (body.state === 'available' && !core.hub.isConnected(agentId)) {
    throw new DomainError('PARLEY_ERR_CONFLICT', `${profile.displayName} is not signed in: only they can make themselves available`);
  }
  const before = stateView(live);
  const now = core.now;
  const outcome = core.engine.setAgentState(agentId, body.state, idleReasonId, now);
  // Already in that state: nothing changed, nothing to record.
  if (outcome.agents.length === 0) return core.agentDto(agentId)!;
  const actor = { id: by.id, name: core.directory.agentName(by.id) };
  const after = stateView(core.engine.getAgent(agentId)!);
  await core.apply(outcome, (trx) => recordAudit(trx, { at: now, actor, kind: 'agent-state', entityId: agentId, action: 'state', before, after, reason }).then(() => undefined));
  return core.agentDto(agentId)!;
}
