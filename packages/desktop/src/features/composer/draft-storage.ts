import type { Draft, TemplateDraft } from './drafts';

/** Where reply drafts survive a reload: this tab's sessionStorage, one entry per agent and conversation. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'parley.draft.';

export const draftKey = (agentId: string, conversationId: string) => `${PREFIX}${agentId}.${conversationId}`;

export function isEmptyDraft(d: Draft): boolean {
  return d.text === '' && d.template === null;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return !!v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string');
}

/** null: no template; undefined: not a template draft. */
function parseTemplate(v: unknown): TemplateDraft | null | undefined {
  if (v === null) return null;
  if (!v || typeof v !== 'object') return undefined;
  const { id, name, body, locked, values } = v as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof body !== 'string' || typeof locked !== 'boolean') return undefined;
  return isStringRecord(values) ? { id, name, body, locked, values: { ...values } } : undefined;
}

/** A stored draft, or null when it is missing or not one (an older format, a hand edit). */
export function parseDraft(raw: string | null): Draft | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { text?: unknown; template?: unknown };
    const template = parseTemplate(v.template ?? null);
    if (typeof v.text !== 'string' || template === undefined) return null;
    return { text: v.text, template };
  } catch {
    return null;
  }
}

/** Every stored draft of this agent, by conversation id. */
export function loadDrafts(storage: DraftStorage, agentId: string): Record<string, Draft> {
  const mine = `${PREFIX}${agentId}.`;
  const out: Record<string, Draft> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(mine)) continue;
    const d = parseDraft(storage.getItem(key));
    if (d) out[key.slice(mine.length)] = d;
  }
  return out;
}

/** Writes one draft; an empty one (just sent, cleared) is removed. Storage full or off: the draft stays in memory only. */
export function saveDraft(storage: DraftStorage, agentId: string, conversationId: string, d: Draft): void {
  try {
    if (isEmptyDraft(d)) storage.removeItem(draftKey(agentId, conversationId));
    else storage.setItem(draftKey(agentId, conversationId), JSON.stringify(d));
  } catch {
    /* quota or disabled storage */
  }
}

/** Removes every stored draft (sign-out: nothing of one agent's customers stays for the next). */
export function clearAllDrafts(storage: DraftStorage): void {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
