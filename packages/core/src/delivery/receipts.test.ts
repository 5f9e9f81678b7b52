import { describe, expect, it } from 'vitest';
import { nextMessageStatus } from './receipts';

describe('nextMessageStatus', () => {
  it('moves forward through pending → sent → delivered → read, skipping steps', () => {
    expect(nextMessageStatus('pending', 'sent')).toBe('sent');
    expect(nextMessageStatus('sent', 'delivered')).toBe('delivered');
    expect(nextMessageStatus('delivered', 'read')).toBe('read');
    expect(nextMessageStatus('pending', 'read')).toBe('read');
  });

  it('never moves back: a late sent or delivered after read changes nothing', () => {
    expect(nextMessageStatus('read', 'sent')).toBeNull();
    expect(nextMessageStatus('read', 'delivered')).toBeNull();
    expect(nextMessageStatus('delivered', 'sent')).toBeNull();
    expect(nextMessageStatus('sent', 'sent')).toBeNull();
  });

  it('failed is final, and a read message does not fail', () => {
    expect(nextMessageStatus('sent', 'failed')).toBe('failed');
    expect(nextMessageStatus('delivered', 'failed')).toBe('failed');
    expect(nextMessageStatus('failed', 'read')).toBeNull();
    expect(nextMessageStatus('failed', 'delivered')).toBeNull();
    expect(nextMessageStatus('read', 'failed')).toBeNull();
  });

  it('inbound messages take no receipts', () => {
    expect(nextMessageStatus('received', 'read')).toBeNull();
    expect(nextMessageStatus('sent', 'received')).toBeNull();
  });
});
