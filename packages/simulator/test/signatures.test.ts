import { describe, expect, it } from 'vitest';
import { metaSignature, twilioSignature } from '../src/index';
import { metaJson } from '../src/sign';

// The documented vectors (wire-formats §1.3, §2.3, §3.3): the simulator's signers must reproduce them.
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('signers against the documented vectors', () => {
  it('Meta X-Hub-Signature-256 over the exact bytes (Messenger and WhatsApp examples)', () => {
    const messenger =
      '{"object":"page","entry":[{"id":"1234567890","time":1700000000123,"messaging":[{"sender":{"id":"24000000000000001"},"recipient":{"id":"1234567890"},"timestamp":1700000000001,"message":{"mid":"m_AbCdEf123","text":"Caf\\u00e9 order #42"}}]}]}';
    expect(metaSignature(SECRET, messenger)).toBe('sha256=d6b2b71beaabcaf1ce7f8ca842a3f9a527335f3e84f18a01e2afd68db161f630');
    const whatsapp =
      '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.TEST1","timestamp":"1749416383","type":"text","text":{"body":"Hi"}}]},"field":"messages"}]}]}';
    expect(metaSignature(SECRET, whatsapp)).toBe('sha256=da55b980be821c648efac9cf7fb4b6f4f44c4897b0144531674433749dcd1fa3');
  });

  it('serialises like Meta: the é of the vector becomes the six characters \\u00e9', () => {
    const body = metaJson(JSON.parse('{"object":"page","entry":[{"id":"1234567890","time":1700000000123,"messaging":[{"sender":{"id":"24000000000000001"},"recipient":{"id":"1234567890"},"timestamp":1700000000001,"message":{"mid":"m_AbCdEf123","text":"Café order #42"}}]}]}'));
    expect(metaSignature(SECRET, body)).toBe('sha256=d6b2b71beaabcaf1ce7f8ca842a3f9a527335f3e84f18a01e2afd68db161f630');
    expect(metaJson({ t: '😀 a/b' })).toBe('{"t":"\\ud83d\\ude00 a\\/b"}');
  });

  it('Twilio X-Twilio-Signature: twilio-python, docs, repeated-key and SMS vectors', () => {
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const call = { CallSid: 'CA1234567890ABCDE', Digits: '1234', From: '+14158675309', To: '+18005551212', Caller: '+14158675309' };
    expect(twilioSignature('12345', url, Object.entries(call))).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    const docs = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    expect(twilioSignature('12345', url, Object.entries(docs))).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    const repeated: [string, string][] = [['Sid', 'CA123'], ['SidAccount', 'AC123'], ['Digits', '5678'], ['Digits', '1234']];
    expect(twilioSignature('12345', url, repeated)).toBe('IK+Dwps556ElfBT0I3Rgjkr1wJU=');
    const form =
      'ToCountry=US&ToState=CA&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=&FromZip=&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=NY&SmsStatus=received&FromCity=&Body=Hello+%C3%A9%26+bye&FromCountry=US&To=%2B15005550006&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&ToZip=&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B14155551234&ApiVersion=2010-04-01';
    expect(twilioSignature('abcdef0123456789abcdef0123456789', 'https://helpdesk.example.test/webhooks/twilio/sms', [...new URLSearchParams(form)])).toBe('gAGwp8VXER0+v+A32AY9DymAtfc=');
  });
});
