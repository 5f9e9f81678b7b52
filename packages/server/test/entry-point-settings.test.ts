/**
 * Entry points' channel settings through the admin API, on both databases: secrets are never
 * returned (only `{ set, source }`), an omitted secret is kept, a reference stays a reference,
 * literals are encrypted at rest, and the pipeline's accessor resolves env and file secrets when
 * used (a rotated file is picked up) and finds entry points by provider id.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { testConfig } from '@parley/testkit';
import { describeBackends, useServer } from './harness';

const SID = `AC${'0'.repeat(32)}`;
const WA_LITERAL = 'EAAG-literal-wa-token-1234567890';
const SMS_LITERAL = 'twilio-auth-token-literal-0987';
const dir = mkdtempSync(join(tmpdir(), 'parley-secrets-'));
const pageTokenFile = join(dir, 'page-token');
const ENV_NAME = 'PARLEY_TEST_ENTRY_POINT_WA_TOKEN';

beforeAll(() => {
  writeFileSync(pageTokenFile, 'page-token-v1\n');
  process.env[ENV_NAME] = 'wa-token-from-env';
});
afterAll(() => {
  delete process.env[ENV_NAME];
  rmSync(dir, { recursive: true, force: true });
});

function config() {
  const base = testConfig();
  return {
    ...base,
    queues: [...base.queues, { id: 'q-fb', name: 'Messenger', channel: 'messenger', teams: ['team'] }, { id: 'q-sms', name: 'SMS', channel: 'sms', teams: ['team'] }],
    entryPoints: [
      ...base.entryPoints,
      { id: 'fb', name: 'Page', channel: 'messenger', queue: 'q-fb', settings: { pageId: '3003', pageAccessToken: { file: pageTokenFile } } },
    ],
    providers: { meta: { appSecret: 'meta-app-secret-literal', verifyToken: { env: ENV_NAME } } },
  };
}

const wa = { id: 'wa', name: 'WhatsApp', channel: 'whatsapp', queue: 'q-wa', settings: { wabaId: '1001', phoneNumberId: '2002', displayNumber: '+15550001111', accessToken: WA_LITERAL } };
const sms = {
  id: 'sms', name: 'SMS', channel: 'sms', queue: 'q-sms',
  settings: { number: '+15550002222', numberKind: 'long_code', accountSid: SID, authToken: SMS_LITERAL, publicWebhookUrl: 'https://parley.example/webhooks/sms' },
};

describeBackends('entry point settings', (backend) => {
  const srv = useServer(backend, { config: config() });

  it('never returns a secret; an omitted secret is kept; a reference stays a reference', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const put = await admin.call<Record<string, unknown>>('PUT', '/api/admin/entry-points/wa', wa);
    expect(put).toMatchObject({ id: 'wa', settings: { phoneNumberId: '2002', accessToken: { set: true, source: 'literal' } } });
    const all = JSON.stringify(await admin.call('GET', '/api/admin/entry-points'));
    expect(all).not.toContain(WA_LITERAL);
    expect(all).not.toContain('page-token-v1');
    expect(await admin.call('GET', '/api/admin/entry-points/fb')).toMatchObject({ settings: { pageAccessToken: { set: true, source: `file:${pageTokenFile}` } } });

    // A rename without the token keeps the stored one.
    const { accessToken: _omitted, ...withoutToken } = wa.settings;
    await admin.call('PUT', '/api/admin/entry-points/wa', { ...wa, name: 'WhatsApp 2', settings: withoutToken });
    expect(s.server.parley.entryPoints.resolve('wa')?.settings).toMatchObject({ accessToken: WA_LITERAL, phoneNumberId: '2002' });

    // Only secrets may be left out: a required field left out is a 400 naming it, and nothing changes.
    const { phoneNumberId: _id, ...withoutId } = withoutToken;
    const noId = await admin.request('PUT', '/api/admin/entry-points/wa', { ...wa, settings: withoutId });
    expect(noId.status).toBe(400);
    expect(noId.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('settings/phoneNumberId') } });
    expect(s.server.parley.entryPoints.resolve('wa')?.settings).toMatchObject({ phoneNumberId: '2002' });

    // Switching a mailbox from IMAP to Parley's listener leaves the IMAP fields out: accepted.
    const mail = { id: 'mail', name: 'Mail', channel: 'email', queue: 'q-email' };
    const imap = { address: 'help@shop.example', inbound: 'imap', imapHost: 'imap.shop.example', imapPort: 993, imapUser: 'help', imapPassword: 'imap-pw', smtpHost: 'smtp.shop.example', smtpPort: 587 };
    expect((await admin.request('PUT', '/api/admin/entry-points/mail', { ...mail, settings: imap })).status).toBe(200);
    const toSmtp = await admin.request('PUT', '/api/admin/entry-points/mail', { ...mail, settings: { address: 'help@shop.example', inbound: 'smtp', smtpHost: 'smtp.shop.example', smtpPort: 587 } });
    expect(toSmtp.body).toMatchObject({ settings: { inbound: 'smtp' } });
    expect(toSmtp.status).toBe(200);

    // So does sending back what GET showed.
    const shown = await admin.call<{ settings: Record<string, unknown> }>('GET', '/api/admin/entry-points/wa');
    await admin.call('PUT', '/api/admin/entry-points/wa', { ...wa, settings: shown.settings });
    expect(s.server.parley.entryPoints.resolve('wa')?.settings).toMatchObject({ accessToken: WA_LITERAL });

    // A reference replaces it, and reads back as a reference.
    const ref = await admin.call('PUT', '/api/admin/entry-points/wa', { ...wa, settings: { ...withoutToken, accessToken: { env: ENV_NAME } } });
    expect(ref).toMatchObject({ name: 'WhatsApp', settings: { accessToken: { set: true, source: `env:${ENV_NAME}` } } });
    expect(s.server.parley.entryPoints.resolve('wa')?.settings).toMatchObject({ accessToken: 'wa-token-from-env' });
    const row = await s.server.db.kysely.selectFrom('entry_points').select('settings_json').where('id', '=', 'wa').executeTakeFirstOrThrow();
    expect(JSON.parse(row.settings_json)).toMatchObject({ accessToken: { env: ENV_NAME } });
  });

  it('a new entry point must give its secrets; bad settings are a 400 naming the field', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const { authToken: _t, ...noToken } = sms.settings;
    const missing = await admin.request('PUT', '/api/admin/entry-points/sms', { ...sms, settings: noToken });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('settings/authToken') } });
    const http = await admin.request('PUT', '/api/admin/entry-points/sms', { ...sms, settings: { ...sms.settings, publicWebhookUrl: 'http://parley.example/sms' } });
    expect(http.status).toBe(400);
    expect(http.body).toMatchObject({ error: { message: expect.stringContaining('settings/publicWebhookUrl must be https') } });
    const kind = await admin.request('PUT', '/api/admin/entry-points/sms', { ...sms, settings: { ...sms.settings, numberKind: 'landline' } });
    expect(kind.status).toBe(400);
    expect(kind.body).toMatchObject({ error: { message: expect.stringContaining('settings/numberKind') } });
    const extra = await admin.request('PUT', '/api/admin/entry-points/sms', { ...sms, settings: { ...sms.settings, colour: 'red' } });
    expect(extra.status).toBe(400);
    // The same page id as the config file's "fb": a webhook could not tell them apart.
    const dup = await admin.request('PUT', '/api/admin/entry-points/fb2', { id: 'fb2', name: 'Page 2', channel: 'messenger', queue: 'q-fb', settings: { pageId: '3003', pageAccessToken: 'x' } });
    expect(dup.status).toBe(409);
  });

  it('literal secrets are encrypted at rest, and survive a restart', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await admin.call('PUT', '/api/admin/entry-points/sms', sms);
    const rows = await s.server.db.kysely.selectFrom('entry_points').select(['id', 'settings_json']).execute();
    const stored = rows.map((r) => r.settings_json).join('\n');
    expect(stored).not.toContain(SMS_LITERAL);
    expect(JSON.parse(rows.find((r) => r.id === 'sms')!.settings_json).authToken).toMatchObject({ encrypted: expect.stringMatching(/^v1\./) });
    await s.restart();
    expect(s.server.parley.entryPoints.resolve('sms')?.settings).toMatchObject({ authToken: SMS_LITERAL, number: '+15550002222' });
  });

  it('file secrets are read when used (rotation); a missing one names the entry point and field', async () => {
    const s = srv();
    const ep = s.server.parley.entryPoints;
    expect(ep.resolve('fb')?.settings).toMatchObject({ pageAccessToken: 'page-token-v1' });
    writeFileSync(pageTokenFile, 'page-token-v2\n');
    expect(ep.resolve('fb')?.settings).toMatchObject({ pageAccessToken: 'page-token-v2' });
    rmSync(pageTokenFile);
    try {
      expect(() => ep.resolve('fb')).toThrow(`entry point "fb" pageAccessToken: secret file ${pageTokenFile} is missing`);
    } finally {
      writeFileSync(pageTokenFile, 'page-token-v1\n');
    }
    expect(ep.providers()).toEqual({
      meta: { appSecret: 'meta-app-secret-literal', verifyToken: 'wa-token-from-env' },
      graph: { baseUrl: 'https://graph.facebook.com', apiVersion: 'v23.0' },
      twilio: { apiBaseUrl: 'https://api.twilio.com' },
    });
  });

  it('a config file taking the provider id of an entry point added through the admin API: reported at start, and config:apply stops', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await admin.call('PUT', '/api/admin/entry-points/wa', wa);
    const cfg = config();
    const clash = { ...cfg, entryPoints: [...cfg.entryPoints, { ...wa, id: 'wa-file' }] };
    writeFileSync(s.configPath, stringify(clash));
    // The database is the source of truth: a plain restart reports the clash and keeps going.
    await s.restart();
    expect(s.server.configFile?.changes).toEqual(['config:apply would fail: entry point "wa-file" uses the provider id of entry point "wa" (added through the admin API)']);
    // Making the file win would take the provider id: the start stops.
    await expect(s.restart(undefined, { applyConfig: true })).rejects.toThrow('entry point "wa-file" uses the provider id of entry point "wa"');
    writeFileSync(s.configPath, stringify(cfg));
    await s.restart();
  });

  it('finds an entry point by its provider id', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await admin.call('PUT', '/api/admin/entry-points/wa', wa);
    await admin.call('PUT', '/api/admin/entry-points/sms', sms);
    const ep = s.server.parley.entryPoints;
    expect(ep.findByProviderKey('whatsapp', '2002')?.id).toBe('wa');
    expect(ep.findByProviderKey('messenger', '3003')?.id).toBe('fb');
    expect(ep.findByProviderKey('sms', '+15550002222')?.id).toBe('sms');
    expect(ep.findByProviderKey('sms', '2002')).toBeUndefined();
    expect(ep.findByProviderKey('webchat', 'web')).toBeUndefined();
  });
});
