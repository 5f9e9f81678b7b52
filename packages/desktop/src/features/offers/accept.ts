import { ApiError } from '../../api/http';
import type { DeskSession } from '../../state/session';
import type { Translate } from '../i18n/i18n';
import { cancelComposerHandOver, expectComposer, focusComposerWhenShown } from '../composer/focus';
import { pushToast } from '../notifications/toasts';

/**
 * Accept (button or Alt+A): on success the conversation opens with the cursor in its reply box;
 * on failure a toast says why. Resolves to whether it worked.
 */
export async function acceptOffer(session: DeskSession, conversationId: string, t: Translate): Promise<boolean> {
  expectComposer();
  try {
    await session.accept(conversationId);
  } catch (e) {
    cancelComposerHandOver();
    pushToast(e instanceof ApiError && e.status === 409 ? t('offers.gone') : t('pane.actionFailed', { message: String(e) }), 'error');
    return false;
  }
  focusComposerWhenShown(conversationId);
  return true;
}
