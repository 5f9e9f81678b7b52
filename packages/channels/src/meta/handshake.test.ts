import { describe, expect, it } from 'vitest';
import { answerMetaHandshake } from './handshake';

const TOKEN = 'my-verify-token';

describe('answerMetaHandshake (wire-formats §1.1)', () => {
  it('echoes the challenge as the plain body when mode and token match', () => {
    const q = new URLSearchParams('hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge=1158201444');
    expect(answerMetaHandshake(q, TOKEN)).toEqual({ status: 200, body: '1158201444' });
  });

  it('reads dotted keys literally from a parsed query object too', () => {
    expect(answerMetaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': 'abc' }, TOKEN)).toEqual({ status: 200, body: 'abc' });
  });

  it('answers 403 to a wrong token or mode', () => {
    expect(answerMetaHandshake(new URLSearchParams('hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1'), TOKEN).status).toBe(403);
    expect(answerMetaHandshake(new URLSearchParams('hub.mode=unsubscribe&hub.verify_token=my-verify-token&hub.challenge=1'), TOKEN).status).toBe(403);
    expect(answerMetaHandshake(new URLSearchParams('hub.mode=subscribe&hub.verify_token=&hub.challenge=1'), '').status).toBe(403);
  });

  it('answers 400 when the hub fields are missing or not strings (e.g. nested by a dots-to-objects parser)', () => {
    expect(answerMetaHandshake(new URLSearchParams('hub.mode=subscribe'), TOKEN).status).toBe(400);
    expect(answerMetaHandshake({ hub: { mode: 'subscribe', verify_token: TOKEN, challenge: '1' } }, TOKEN).status).toBe(400);
    expect(answerMetaHandshake({ 'hub.mode': ['subscribe'], 'hub.verify_token': TOKEN, 'hub.challenge': '1' }, TOKEN).status).toBe(400);
  });
});
