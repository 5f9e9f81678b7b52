import type { ConversationDto } from '@parley/protocol';
import { useChannelRules } from '../desk/context';
import { Composer } from '../composer/Composer';
import { EmailPane } from '../email/EmailPane';
import { MessageList } from './MessageList';

/** The thread and the reply box; a channel whose rules format HTML (email) gets the email pane instead. */
export function ConversationBody({ conversation: c }: { conversation: ConversationDto }) {
  const rules = useChannelRules(c.channel);
  if (rules.richFormatting === 'html') return <EmailPane key={`email-${c.id}`} conversation={c} />;
  return (
    <>
      <MessageList key={`thread-${c.id}`} conversation={c} />
      <Composer key={`composer-${c.id}`} conversation={c} />
    </>
  );
}
