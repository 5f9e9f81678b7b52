import { describe, expect, it } from 'vitest';
import { emptyTwimlReply } from './twiml';

describe('emptyTwimlReply (wire-formats §3.6)', () => {
  it('is an empty Response document sent as text/xml with 200', () => {
    expect(emptyTwimlReply()).toEqual({ status: 200, contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' });
  });
});
