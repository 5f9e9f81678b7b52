import type { AuditEntryDto, AuditKind, AuditPage, ChannelSettingsDto } from '@parley/protocol';
import { request } from '../../api/http';

/** The admin REST API (docs/api.md "Admin"): one resource per kind, GET returns what PUT takes. */
export type KindId = 'entry-points' | 'queues' | 'agents' | 'teams' | 'idle-reasons' | 'wrapup-reasons' | 'templates' | 'workflows';

const path = (kind: KindId, id?: string) => `/api/admin/${kind}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

export const adminApi = {
  list: <T>(kind: KindId) => request<T[]>('GET', path(kind)),
  put: <T>(kind: KindId, id: string, body: unknown) => request<T>('PUT', path(kind, id), body),
  remove: (kind: KindId, id: string) => request<void>('DELETE', path(kind, id)),
  channelSettings: () => request<ChannelSettingsDto[]>('GET', '/api/admin/channel-settings'),
  audit: (q: { kind?: AuditKind; cursor?: string; limit?: number }) => {
    const qs = new URLSearchParams();
    if (q.kind) qs.set('kind', q.kind);
    if (q.cursor) qs.set('cursor', q.cursor);
    if (q.limit) qs.set('limit', String(q.limit));
    const s = qs.toString();
    return request<AuditPage>('GET', `/api/admin/audit${s ? `?${s}` : ''}`);
  },
};

export type { AuditEntryDto, AuditKind };
