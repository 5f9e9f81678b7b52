import { lazy, Suspense } from 'react';
import type { ConversationDto } from '@parley/protocol';
import { useChannelRules } from '../desk/context';
import { useT } from '../i18n/i18n';
import { Composer } from '../composer/Composer';
import { MessageList } from './MessageList';
import { fileDropTarget } from '../composer/attachments/drop-files';

// The email pane brings the rich editor (TipTap, ProseMirror): loaded only when an email is opened.
const EmailPane = lazy(() => import('../email/EmailPane').then((m) => ({ default: m.EmailPane })));

/** The thread and the reply box; a channel whose rules format HTML (email) gets the email pane instead. */
export function ConversationBody({ conversation: c }: { conversation: ConversationDto }) {
  const rules = useChannelRules(c.channel);
  const t = useT();
  if (rules.richFormatting === 'html') {
    return (
      <Suspense fallback={<p className="thread-loading" role="status">{t('history.loading')}</p>}>
        <EmailPane key={`email-${c.id}`} conversation={c} />
      </Suspense>
    );
  }
  // Files dropped anywhere on the thread or the reply box are attached (display: contents keeps the layout).
  return (
    <div className="drop-zone" {...fileDropTarget(c.id)}>
      <MessageList key={`thread-${c.id}`} conversation={c} />
      <Composer key={`composer-${c.id}`} conversation={c} />
    </div>
  );
}
