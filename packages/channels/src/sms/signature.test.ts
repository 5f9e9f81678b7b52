import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { twilioSignature, twilioSignedString, twilioUrlCandidates, verifyTwilioBodySignature, verifyTwilioSignature } from './signature';

const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PY_PARAMS: [string, string][] = Object.entries({ CallSid: 'CA1234567890ABCDE', Digits: '1234', From: '+14158675309', To: '+18005551212', Caller: '+14158675309' });
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('twilioSignature: published vectors (wire-formats §3.3)', () => {
  it('#1 twilio-python test_compute_signature', () => {
    expect(twilioSignedString(URL_, PY_PARAMS)).toBe('https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212');
    expect(twilioSignature(TOKEN, URL_, PY_PARAMS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('#2 Twilio security docs worked example', () => {
    const params = Object.entries({ CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' });
    expect(twilioSignature(TOKEN, URL_, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('repeated keys: every value, sorted', () => {
    const params = [...new URLSearchParams('Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234')];
    expect(twilioSignedString(URL_, params)).toBe(`${URL_}Digits1234Digits5678SidCA123SidAccountAC123`);
    expect(verifyTwilioSignature(TOKEN, 'IK+Dwps556ElfBT0I3Rgjkr1wJU=', URL_, params)).toBe(true);
  });

  it('#3 the composed SMS: decoded form values, empty params keep their names', () => {
    const params = new URLSearchParams(fixture('inbound-signed.form.txt'));
    const url = 'https://helpdesk.example.test/webhooks/twilio/sms';
    expect(twilioSignedString(url, params)).toBe(fixture('inbound-signed.signed-string.txt'));
    expect(verifyTwilioSignature('abcdef0123456789abcdef0123456789', 'gAGwp8VXER0+v+A32AY9DymAtfc=', url, params)).toBe(true);
  });
});

describe('verifyTwilioSignature: URL candidates like twilio-node (check_ts2.mjs)', () => {
  it.each([
    ['plain', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', URL_, true],
    ['https with :1234 signed without the port', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'https://mycompany.com:1234/myapp.php?foo=1&bar=2', true],
    ['http with :1234 signed with it', 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=', 'http://mycompany.com:1234/myapp.php?foo=1&bar=2', true],
    ['signed with :443 added', 'kvajT1Ptam85bY51eRf/AJRuM3w=', URL_, true],
    ['signed with :80 added', '0ZXoZLH/DfblKGATFgpif+LLRf4=', 'http://mycompany.com/myapp.php?foo=1&bar=2', true],
    ['configured with :443, signed without', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', true],
    ['a tampered URL', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', 'https://mycompany.com/myapp.php?foo=1&bar=3', false],
  ])('%s → %s', (_label, header, url, expected) => {
    expect(verifyTwilioSignature(TOKEN, header, url, PY_PARAMS)).toBe(expected);
  });

  it('normalises like WHATWG URL and keeps credentials', () => {
    expect(twilioUrlCandidates("https://u:p@h.test/x?y=it's")).toEqual(['https://u:p@h.test/x?y=it%27s', 'https://u:p@h.test:443/x?y=it%27s']);
    expect(twilioUrlCandidates('not a url')).toEqual([]);
  });

  it('rejects missing, empty or wrong signatures, tampered params and a wrong token', () => {
    expect(verifyTwilioSignature(TOKEN, undefined, URL_, PY_PARAMS)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, '', URL_, PY_PARAMS)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, 'RSOYDt4T1cUTdK1PDd93/VVr8B8', URL_, PY_PARAMS)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', URL_, [...PY_PARAMS, ['Extra', '1']])).toBe(false);
    expect(verifyTwilioSignature('54321', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', URL_, PY_PARAMS)).toBe(false);
    expect(verifyTwilioSignature('', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', URL_, PY_PARAMS)).toBe(false);
  });
});

describe('verifyTwilioBodySignature: the bodySHA256 variant', () => {
  const body = '{"property": "value", "boolean": true}';
  const url = `${URL_}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`;

  it('accepts the twilio-python JSON vector', () => {
    expect(verifyTwilioBodySignature(TOKEN, 'a9nBmqA0ju/hNViExpshrM61xv4=', url, body)).toBe(true);
    expect(verifyTwilioBodySignature(TOKEN, 'a9nBmqA0ju/hNViExpshrM61xv4=', url, Buffer.from(body))).toBe(true);
  });

  it('rejects a changed body, a missing or malformed hash, and a wrong signature', () => {
    expect(verifyTwilioBodySignature(TOKEN, 'a9nBmqA0ju/hNViExpshrM61xv4=', url, `${body} `)).toBe(false);
    expect(verifyTwilioBodySignature(TOKEN, 'a9nBmqA0ju/hNViExpshrM61xv4=', URL_, body)).toBe(false);
    expect(verifyTwilioBodySignature(TOKEN, 'a9nBmqA0ju/hNViExpshrM61xv4=', `${URL_}&bodySHA256=zz`, body)).toBe(false);
    expect(verifyTwilioBodySignature(TOKEN, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', url, body)).toBe(false);
  });
});
