/**
 * Longest-available-agent strategy: of the eligible members, the one whose `readySince` is oldest
 * (became available or was last offered work longest ago); ties go to the smaller id, so the
 * choice is deterministic. `readySinceIfEligible` answers undefined for an agent that can't take it.
 */
export function pickLongestAvailable(
  memberIds: readonly string[],
  readySinceIfEligible: (agentId: string) => number | undefined,
): string | undefined {
  let best: string | undefined;
  let bestSince = Infinity;
  for (const id of memberIds) {
    const since = readySinceIfEligible(id);
    if (since === undefined) continue;
    if (since < bestSince || (since === bestSince && best !== undefined && id < best)) {
      best = id;
      bestSince = since;
    }
  }
  return best;
}
