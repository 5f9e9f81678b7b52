/** GET /api/admin/channel-settings: each channel's entry-point settings as form fields, secrets marked, admins only. */
import { expect, it } from 'vitest';
import type { ChannelSettingsDto } from '@parley/protocol';
import { describeBackends, useServer } from './harness';

describeBackends('admin API: channel settings', (backend) => {
  const srv = useServer(backend);

  it('lists each channel with settings, its fields typed and its secrets marked; web chat takes none', async () => {
    const admin = await srv().agent('admin', { connect: false });
    const list = await admin.call<ChannelSettingsDto[]>('GET', '/api/admin/channel-settings');
    expect(list.map((c) => c.channel).sort()).toEqual(['email', 'messenger', 'sms', 'whatsapp']);
    const sms = list.find((c) => c.channel === 'sms')!;
    expect(sms.fields.find((f) => f.name === 'authToken')).toMatchObject({ type: 'secret', required: true });
    expect(sms.fields.find((f) => f.name === 'numberKind')).toMatchObject({ type: 'choice', choices: ['long_code', 'short_code', 'toll_free'] });
    expect(sms.fields.find((f) => f.name === 'number')).toMatchObject({ type: 'text', required: true, description: 'E.164 number or short code' });
    const email = list.find((c) => c.channel === 'email')!;
    expect(email.fields.find((f) => f.name === 'smtpPort')).toMatchObject({ type: 'integer', minimum: 1, maximum: 65535, required: true });
    expect(email.fields.find((f) => f.name === 'imapSecure')).toMatchObject({ type: 'boolean', required: false });
    expect(email.fields.find((f) => f.name === 'imapPassword')).toMatchObject({ type: 'secret', required: false });
  });

  it('is for admins only', async () => {
    const sup = await srv().agent('super', { connect: false });
    expect((await sup.request('GET', '/api/admin/channel-settings')).status).toBe(403);
  });
});
