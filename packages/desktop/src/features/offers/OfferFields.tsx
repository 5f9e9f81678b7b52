import type { ConversationDto } from '@parley/protocol';
import { Timer } from '../../ui/Timer';
import { useT } from '../i18n/i18n';
import { useChannelRules } from '../desk/context';
import { offerFields } from './fields';
import { FieldValue } from './FieldValue';

export function OfferFields({ conversation, since }: { conversation: ConversationDto; since: number }) {
  const t = useT();
  const rules = useChannelRules(conversation.channel);
  return (
    <dl className="fields">
      {offerFields(conversation, rules).map((f) => (
        <div key={f.key} className="field">
          <dt>{t(f.key)}</dt>
          <dd>
            <FieldValue field={f} />
          </dd>
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
