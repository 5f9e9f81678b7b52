/** What survives a page reload: the session token, and a little UI state. */
export interface StoredSession {
  token: string;
  conversationId: string;
  open?: boolean;
  /** Server time of the newest message the customer has had on screen: drives the unread badge. */
  seenAt?: number;
}

export interface Profile {
  name: string;
  email: string;
}

/** localStorage can throw (privacy modes, sandboxed iframes): the widget must still work without it. */
function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export class SessionStore {
  private readonly key: string;

  constructor(origin: string, site: string) {
    this.key = `parley.webchat:${origin}:${site}`;
  }

  load(): StoredSession | null {
    return safe(() => {
      const raw = localStorage.getItem(this.key);
      const v = raw ? (JSON.parse(raw) as Partial<StoredSession>) : null;
      return v && typeof v.token === 'string' && typeof v.conversationId === 'string' ? (v as StoredSession) : null;
    }, null);
  }

  save(s: StoredSession): void {
    safe(() => localStorage.setItem(this.key, JSON.stringify(s)), undefined);
  }

  clear(): void {
    safe(() => localStorage.removeItem(this.key), undefined);
  }

  /** Name and email are kept apart from the session so a new chat can be prefilled. */
  loadProfile(): Profile | null {
    return safe(() => JSON.parse(localStorage.getItem(`${this.key}:profile`) ?? 'null') as Profile | null, null);
  }

  saveProfile(p: Profile): void {
    safe(() => localStorage.setItem(`${this.key}:profile`, JSON.stringify(p)), undefined);
  }
}
