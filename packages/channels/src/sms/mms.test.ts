import { describe, expect, it } from 'vitest';
import { mmsCapable, smsAdapter } from './adapter';

describe('MMS only where Twilio carries it', () => {
  it('US and Canadian numbers (+1) and short codes carry files; other countries text only', () => {
    expect(mmsCapable('+14155550123')).toBe(true);
    expect(mmsCapable('+16045550123')).toBe(true);
    expect(mmsCapable('55555')).toBe(true);
    expect(mmsCapable('+447700900123')).toBe(false);
    expect(mmsCapable('+33612345678')).toBe(false);
    expect(mmsCapable(undefined)).toBe(false);
  });

  it('is what the adapter declares for an entry point', () => {
    expect(smsAdapter.carriesMedia?.({ number: '+15005550006' })).toBe(true);
    expect(smsAdapter.carriesMedia?.({ number: '+447700900123' })).toBe(false);
  });
});
