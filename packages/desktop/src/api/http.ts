import { ApiError, type ErrorBody } from '@parley/protocol';

export { ApiError };

const TOKEN_KEY = 'parley.token';

/** The bearer token lives in sessionStorage: one sign-in per tab, gone when the tab closes. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

type Unauthorized = () => void;
let onUnauthorized: Unauthorized = () => undefined;
/** Called when an authenticated request answers 401 (token expired or revoked). */
export function setUnauthorizedHandler(fn: Unauthorized): void {
  onUnauthorized = fn;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  // FormData (an upload) sets its own multipart content type.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'No connection');
  }
  const data = parse(await res.text());
  if (!res.ok) {
    const err = (data as Partial<ErrorBody> | undefined)?.error;
    if (res.status === 401 && token && !path.startsWith('/api/auth/')) onUnauthorized();
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? res.statusText);
  }
  return data as T;
}
