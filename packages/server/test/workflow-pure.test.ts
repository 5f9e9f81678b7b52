/** The pure parts of workflows: the request body, the signature, and what of an answer is shown. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORKFLOW_FIELDS, type WorkflowField } from '@parley/protocol';
import { workflowRequestBody, type WorkflowContext } from '../src/app/workflows/request-body';
import { signatureHeaders } from '../src/app/workflows/signature';
import { MAX_MESSAGE_CHARS, parseReceiverAnswer } from '../src/app/workflows/receiver-answer';

const ctx: WorkflowContext = {
  conversation: { id: 'c1', channel: 'whatsapp', queue: { id: 'q', name: 'Queue' }, entryPoint: { id: 'wa', name: 'WhatsApp Sales' }, subject: null },
  customer: { name: 'Ana', email: null, phone: '+15550001', externalId: '15550001' },
  agent: { id: 'a1', name: 'Agent One' },
  messages: [{ direction: 'inbound', authorType: 'customer', authorName: 'Ana', text: 'hi', createdAt: 1 }],
  input: 'vip, refund',
};
const run = { runId: 'r1', workflowId: 'w', startedAt: 0 };

describe('workflowRequestBody', () => {
  it('carries only the chosen fields, each at its dotted path; unknown values are null', () => {
    expect(workflowRequestBody(run, ['customer.phone', 'conversation.queue', 'customer.email'], ctx)).toEqual({
      runId: 'r1', workflowId: 'w', startedAt: '1970-01-01T00:00:00.000Z',
      customer: { phone: '+15550001', email: null },
      conversation: { queue: { id: 'q', name: 'Queue' } },
    });
    expect(workflowRequestBody(run, ['input'], ctx)).toMatchObject({ input: 'vip, refund' });
    expect(workflowRequestBody(run, [], ctx)).toEqual({ runId: 'r1', workflowId: 'w', startedAt: '1970-01-01T00:00:00.000Z' });
  });

  it('every field resolves to a value of the context (no field is silently dropped)', () => {
    const body = workflowRequestBody(run, [...WORKFLOW_FIELDS], ctx);
    for (const f of WORKFLOW_FIELDS as readonly WorkflowField[]) {
      const value = f.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], body);
      expect(value, f).not.toBeUndefined();
    }
  });
});

it('the signature is v1= HMAC-SHA256 of "<timestamp>.<body>" with the secret', () => {
  const h = signatureHeaders('s3cret', 1764250000, '{"a":1}');
  expect(h['parley-timestamp']).toBe('1764250000');
  expect(h['parley-signature']).toBe(`v1=${createHmac('sha256', 's3cret').update('1764250000.{"a":1}').digest('hex')}`);
  expect(signatureHeaders('s3cret', 1764250001, '{"a":1}')['parley-signature']).not.toBe(h['parley-signature']);
});

describe('parseReceiverAnswer', () => {
  it('accepts nothing, or {message, link} with an http(s) link; ignores other keys', () => {
    expect(parseReceiverAnswer('')).toEqual({ message: null, link: null });
    expect(parseReceiverAnswer('{"message":" Done ","link":"https://x.example/1","id":7}')).toEqual({ message: 'Done', link: 'https://x.example/1' });
    expect(parseReceiverAnswer('{"link":"http://x.example"}')).toEqual({ message: null, link: 'http://x.example' });
  });

  it('refuses what is not such JSON, and links that are not http(s)', () => {
    for (const bad of ['nope', '[1]', '"text"', '{"message":5}', '{"link":"javascript:alert(1)"}', '{"link":"data:text/html,x"}', '{"link":"//x.example"}']) {
      expect(parseReceiverAnswer(bad), bad).toHaveProperty('invalid');
    }
  });

  it('a message is plain text: control characters and bidi overrides dropped, line breaks kept, cut at the limit', () => {
    expect(parseReceiverAnswer(JSON.stringify({ message: 'a\u0007b\nc\u202ed' }))).toMatchObject({ message: 'ab\ncd' });
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: 'grapheme' }), (text) => {
        const r = parseReceiverAnswer(JSON.stringify({ message: text }));
        if ('invalid' in r) return false;
        return r.message === null || ([...r.message].length <= MAX_MESSAGE_CHARS && !/(?![\n\t])\p{Cc}/u.test(r.message));
      }),
    );
  });
});
