import type { FastifyInstance } from 'fastify';
import type { Parley } from '../app/parley';
import { channelSettingsView } from '../app/entry-points/channel-settings-view';
import { requireAgent } from './auth';

/** GET /api/admin/channel-settings: what each channel's entry points need in `settings` (admins; no values, only the form). */
export function channelSettingsRoutes(app: FastifyInstance, parley: Pick<Parley, 'sessions'>): void {
  const onRequest = requireAgent(parley.sessions, ['admin']);
  const view = channelSettingsView();
  app.get('/api/admin/channel-settings', { onRequest, schema: { tags: ['admin'] } }, async () => view);
}
