/**
 * The source number an agent sees (SPEC F1, F3: WhatsApp and SMS offers and panes show the number the
 * customer wrote to) comes from the entry point's channel settings when the config gives no `address`.
 */
import { describe, expect, it } from 'vitest';
import type { EntryPointRecord } from '@parley/storage';
import { Directory } from '../src/app/directory';

const SID = `AC${'0'.repeat(32)}`;
const entryPoint = (e: Partial<EntryPointRecord> & Pick<EntryPointRecord, 'channel' | 'settings'>): EntryPointRecord => ({ id: e.channel, name: `${e.channel} line`, queueId: 'q', address: '', ...e });

describe('entry point address', () => {
  const dir = new Directory();
  const wa = entryPoint({ channel: 'whatsapp', settings: { wabaId: '1', phoneNumberId: '2', displayNumber: '+15550001111', accessToken: { env: 'T' } } });
  const sms = entryPoint({ channel: 'sms', settings: { number: '+15550002222', numberKind: 'long_code', accountSid: SID, authToken: { env: 'T' }, publicWebhookUrl: 'https://x.example/webhooks/sms' } });
  const fb = entryPoint({ channel: 'messenger', settings: { pageId: '3003', pageAccessToken: { env: 'T' } } });

  it('is the number customers write to: WhatsApp display number, SMS number', () => {
    expect(dir.entryPointDto(wa).address).toBe('+15550001111');
    expect(dir.entryPointDto(sms).address).toBe('+15550002222');
  });

  it('is what the config names when it names one, and empty where the channel has no number', () => {
    expect(dir.entryPointDto({ ...wa, address: '+1 555 000 1111 (support)' }).address).toBe('+1 555 000 1111 (support)');
    expect(dir.entryPointDto(fb).address).toBe('');
    expect(dir.entryPointDto(entryPoint({ channel: 'webchat', settings: {} })).address).toBe('');
  });
});
