import { ApiError, type AttachmentDto, type WebchatMessagePage, type WebchatSession, type WebchatSnapshot } from '@parley/protocol';

export { ApiError };

function parseError(status: number, body: string): ApiError {
  try {
    const e = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
    if (e?.code) return new ApiError(status, e.code, e.message ?? e.code);
  } catch {
    /* not JSON: fall through to a status-based code */
  }
  const code =
    status === 413 ? 'PARLEY_ERR_PAYLOAD_TOO_LARGE' : status === 415 ? 'PARLEY_ERR_UNSUPPORTED_MEDIA' : `HTTP_${status}`;
  return new ApiError(status, code, body.slice(0, 200) || `HTTP ${status}`);
}

async function call<T>(origin: string, path: string, init: RequestInit, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(origin + path, { ...init, headers, credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  const text = await res.text();
  if (!res.ok) throw parseError(res.status, text);
  return JSON.parse(text) as T;
}

export function startSession(origin: string, body: { name: string; email: string; site: string }): Promise<WebchatSession> {
  return call(origin, '/webchat/api/sessions', { method: 'POST', body: JSON.stringify(body) });
}

export function getSession(origin: string, token: string): Promise<WebchatSnapshot> {
  return call(origin, '/webchat/api/session', { method: 'GET' }, token);
}

/** XHR rather than fetch: fetch cannot report upload progress. */
export function upload(
  origin: string,
  token: string,
  file: File,
  onProgress: (pct: number) => void,
): Promise<AttachmentDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', origin + '/webchat/api/attachments');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as AttachmentDto);
        } catch {
          reject(new ApiError(xhr.status, 'generic', 'bad response'));
        }
      } else reject(parseError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** An older page of the thread, before message `before` (oldest first). */
export function getMessages(origin: string, token: string, before: string, limit = 100): Promise<WebchatMessagePage> {
  const q = new URLSearchParams({ before, limit: String(limit) });
  return call(origin, `/webchat/api/messages?${q}`, { method: 'GET' }, token);
}
