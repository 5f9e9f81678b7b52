import { renderFor } from '@parley/channels/formatting';
import type { ChannelRules } from '@parley/protocol';
import { useT } from '../../i18n/i18n';
import { RichText } from '../../pane/RichText';
import { Formatted } from '../../pane/Formatted';

/**
 * What the customer will see, rendered for the channel by the same pure function the server sends
 * with; shown only when that differs from what the agent typed.
 */
export function FormatPreview({ text, rules }: { text: string; rules: Pick<ChannelRules, 'formatting'> }) {
  const t = useT();
  const out = renderFor(text, rules.formatting);
  if (!text.trim() || out.text === text) return null;
  return (
    <section className="format-preview" aria-label={t('fmt.preview')} data-testid="format-preview">
      <span className="format-preview-title">{t('fmt.preview')}</span>
      <div className="format-preview-body" data-format={rules.formatting}>
        {rules.formatting === 'html' ? <Formatted text={text} /> : rules.formatting === 'whatsapp' ? <RichText text={out.text} markup /> : out.text}
      </div>
    </section>
  );
}
