import { useState } from 'react';
import type { OfferDto } from '@parley/protocol';
import { useDesk } from '../../state/store';
import { useNow } from '../../state/clock';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { useT } from '../i18n/i18n';
import { useDeskContext } from '../desk/context';
import { useAgentName } from '../desk/directory';
import { OfferFields } from './OfferFields';
import { customerTitle } from './fields';
import { acceptOffer } from './accept';

export const acceptButtonId = (conversationId: string) => `accept-${conversationId}`;

function Countdown({ offer }: { offer: OfferDto }) {
  const now = useNow();
  const total = Math.max(1, offer.deadline - offer.offeredAt);
  const left = Math.max(0, offer.deadline - now);
  return (
    <div className="countdown" aria-hidden="true">
      <div className="countdown-bar" style={{ width: `${Math.round((left / total) * 100)}%` }} />
    </div>
  );
}

function OfferCard({ offer }: { offer: OfferDto }) {
  const c = useDesk((s) => s.conversations[offer.conversationId]);
  const { session } = useDeskContext();
  const t = useT();
  const fromName = useAgentName(offer.fromAgentId ?? null);
  const [busy, setBusy] = useState(false);
  if (!c) return null;
  const titleId = `offer-title-${c.id}`;
  const title =
    offer.kind === 'transfer'
      ? t('offers.title.transfer', { agent: fromName })
      : offer.kind === 'conference'
        ? t('offers.title.conference', { agent: fromName })
        : t('offers.title.route', { channel: t(`channel.${c.channel}`) });
  const accept = async () => {
    setBusy(true);
    if (!(await acceptOffer(session, c.id, t))) setBusy(false);
  };
  return (
    <article className={`offer-card offer-${offer.kind}`} aria-labelledby={titleId} data-conversation={c.id}>
      <header className="offer-head">
        <ChannelIcon channel={c.channel} label={t(`channel.${c.channel}`)} />
        <div className="offer-titles">
          <h2 id={titleId}>{title}</h2>
          <p className="offer-customer">{customerTitle(c)}</p>
        </div>
      </header>
      <OfferFields conversation={c} since={offer.offeredAt} />
      <Countdown offer={offer} />
      <button
        id={acceptButtonId(c.id)}
        type="button"
        className="btn btn-primary btn-block"
        disabled={busy}
        aria-describedby={titleId}
        onClick={() => void accept()}
      >
        {t('offers.accept')}
      </button>
    </article>
  );
}

/** Offers pop up in their own column right of the pane (never over the reply box or Send), newest on top. */
export function OfferStack() {
  const offers = useDesk((s) => s.offers);
  const t = useT();
  const list = Object.values(offers).sort((a, b) => b.offeredAt - a.offeredAt);
  return (
    <section className="offer-stack" aria-label={t('offers.region')}>
      {list.map((o) => (
        <OfferCard key={o.conversationId} offer={o} />
      ))}
    </section>
  );
}
