import type { ConversationDto } from '@parley/protocol';
import { Timer } from '../../ui/Timer';
import { BreakableAddress } from '../../ui/BreakableAddress';
import { useT } from '../i18n/i18n';
import { offerFields } from './fields';

export function OfferFields({ conversation, since }: { conversation: ConversationDto; since: number }) {
  const t = useT();
  return (
    <dl className="fields">
      {offerFields(conversation).map((f) => (
        <div key={f.key} className="field">
          <dt>{t(f.key)}</dt>
          <dd>{f.key === 'field.email' || f.key === 'field.emailAddress' ? <BreakableAddress text={f.value} /> : f.value}</dd>
        </div>
      ))}
      <div className="field">
        <dt>{t('field.timer')}</dt>
        <dd>
          <Timer since={since} />
        </dd>
      </div>
    </dl>
  );
}
