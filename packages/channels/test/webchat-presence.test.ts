import { describe, expect, it } from 'vitest';
import { WebchatAdapter, type CustomerSocket } from '../src/webchat/customer-hub';

const socket = (): CustomerSocket => ({ readyState: 1, send: () => undefined });

describe('web chat presence', () => {
  it('reports the first socket of a conversation and the loss of its last one, not tabs in between', () => {
    const hub = new WebchatAdapter();
    const seen: string[] = [];
    hub.onPresence((id, present) => seen.push(`${id} ${present ? 'here' : 'gone'}`));
    const tab1 = hub.attach('c1', socket());
    const tab2 = hub.attach('c1', socket());
    tab1();
    tab1(); // a second detach of the same socket changes nothing
    expect(hub.isPresent('c1')).toBe(true);
    tab2();
    expect(hub.isPresent('c1')).toBe(false);
    const again = hub.attach('c1', socket());
    tab2(); // a stale detach after the customer came back does not mark them gone
    expect(hub.isPresent('c1')).toBe(true);
    again();
    expect(seen).toEqual(['c1 here', 'c1 gone', 'c1 here', 'c1 gone']);
  });
});
