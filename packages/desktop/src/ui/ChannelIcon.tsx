import type { ChannelType } from '@parley/protocol';

const CODES: Record<ChannelType, string> = { messenger: 'FB', sms: 'SMS', webchat: 'WEB', email: '@', whatsapp: 'WA' };

/** A compact, colour-coded channel badge; `label` is the channel's name for assistive tech. */
export function ChannelIcon({ channel, label }: { channel: ChannelType; label: string }) {
  return (
    <span className={`chan chan-${channel}`} title={label} role="img" aria-label={label}>
      {CODES[channel]}
    </span>
  );
}
