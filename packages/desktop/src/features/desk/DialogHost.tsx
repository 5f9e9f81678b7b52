import { lazy, Suspense } from 'react';
import { useObservable } from '../../state/external';
import { useDesk } from '../../state/store';
import { dialogState, wrapupDeferred } from './context';

const TransferDialog = lazy(() => import('../transfer/TransferDialog'));
const ConferenceDialog = lazy(() => import('../conference/ConferenceDialog'));
const WrapupDialog = lazy(() => import('../wrapup/WrapupDialog'));
const HelpDialog = lazy(() => import('../help/HelpDialog'));
const SettingsDialog = lazy(() => import('../settings/SettingsDialog'));
const TemplatePicker = lazy(() => import('../templates/TemplatePicker'));

/** Renders the open dialog (code-split); the wrap-up dialog also opens by itself when the selected task needs it. */
export function DialogHost() {
  const open = useObservable(dialogState);
  const deferred = useObservable(wrapupDeferred);
  const selectedId = useDesk((s) => s.selectedId);
  const autoWrapup = useDesk((s) => (s.selectedId && s.wrapup[s.selectedId] && s.conversations[s.selectedId] ? s.selectedId : null));
  let content = null;
  const id = open?.conversationId ?? selectedId ?? '';
  switch (open?.kind) {
    case 'transfer':
      content = <TransferDialog key={id} conversationId={id} />;
      break;
    case 'conference':
      content = <ConferenceDialog key={id} conversationId={id} />;
      break;
    case 'wrapup':
      content = <WrapupDialog key={id} conversationId={id} />;
      break;
    case 'templates':
      content = <TemplatePicker key={id} conversationId={id} />;
      break;
    case 'help':
      content = <HelpDialog />;
      break;
    case 'settings':
      content = <SettingsDialog />;
      break;
    default:
      if (autoWrapup && !deferred.has(autoWrapup)) content = <WrapupDialog key={autoWrapup} conversationId={autoWrapup} />;
  }
  return <Suspense fallback={null}>{content}</Suspense>;
}
