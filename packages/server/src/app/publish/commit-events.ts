import * as store from '@parley/storage';
import type { AppCore } from '../core';
import type { Trx } from './apply-outcome';
import { publish, stamp, type EventItem } from './stamp';

/**
 * The commit path for a change outside routing (a status, reactions, media, a name): numbers the
 * events, runs `work` and stores the events in one transaction, then publishes them. `work` may
 * answer false (nothing changed, e.g. a compare-and-set lost): then no event is stored or sent.
 */
export async function commitWithEvents(core: AppCore, items: EventItem[], work: (trx: Trx) => Promise<unknown>): Promise<boolean> {
  const { events, done } = await stamp(core, () => core.now, items, (events) =>
    core.deps.committer.run(async (trx) => {
      const changed = (await work(trx)) !== false;
      if (changed) await store.insertEvents(trx, events.map((e) => e.record));
      return changed;
    }),
  );
  const changed = await done;
  if (changed) publish(core.hub, events);
  return changed;
}
