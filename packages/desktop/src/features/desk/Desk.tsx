import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeskConfig } from '@parley/protocol';
import { deskStore } from '../../state/store';
import { api } from '../../api/endpoints';
import { DeskSession } from '../../state/session';
import { useI18n } from '../i18n/i18n';
import { ConnectionBanner } from '../banner/ConnectionBanner';
import { TaskList } from '../tasks/TaskList';
import { InteractionPane } from '../pane/InteractionPane';
import { OfferStack, acceptButtonId } from '../offers/OfferStack';
import { Toasts } from '../notifications/Toasts';
import { alertFor, deliver } from '../notifications/notifier';
import { useShortcuts } from '../shortcuts/useShortcuts';
import { keepDraftsInStep } from '../composer/draft-lifecycle';
import { DeskContext, type DeskContextValue } from './context';
import { DialogHost } from './DialogHost';
import { TopBar } from './TopBar';
import { AreaOutlet, useOnDesk } from '../shell/AreaOutlet';
import { forgetAttachedFiles } from '../composer/attachments/useAttachments';

function openTask(id: string): void {
  const s = deskStore.getState();
  if (s.offers[id]) document.getElementById(acceptButtonId(id))?.focus();
  else deskStore.dispatch({ type: 'select', conversationId: id });
}

/** The agent's panes stay mounted behind an area, so drafts and the open conversation are kept. */
function DeskPanes() {
  return (
    <div className="desk-panes" hidden={!useOnDesk()}>
      <TaskList />
      <InteractionPane />
    </div>
  );
}

function Shortcuts() {
  useShortcuts();
  return null;
}

/** The agent desk: loads config + snapshot, then lives on the event stream. */
export default function Desk({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const { t } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const [config, setConfig] = useState<DeskConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const session = useMemo(
    () =>
      new DeskSession(deskStore, token, {
        onAuthLost: onSignOut,
        onLiveEvent: (e, s) => {
          const a = alertFor(e, s, tRef.current);
          if (a) deliver(a, openTask);
        },
        // Queues, reasons and templates an admin changed show without a reload.
        onConfigChanged: () => {
          api.config().then(setConfig, () => undefined);
        },
      }),
    [token, onSignOut],
  );
  useEffect(() => {
    let live = true;
    const stopDrafts = keepDraftsInStep(deskStore, sessionStorage);
    session
      .start()
      .then((c) => {
        if (!live) return;
        setConfig(c);
        performance.mark('parley:desk-ready');
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
      stopDrafts();
      // The next agent signing in here starts with no files attached.
      forgetAttachedFiles();
      session.stop();
    };
  }, [session]);
  const signOut = useCallback(() => {
    session.stop();
    onSignOut();
  }, [session, onSignOut]);
  const ctx: DeskContextValue | null = useMemo(() => (config ? { session, config, signOut } : null), [config, session, signOut]);
  if (!ctx) {
    return (
      <div className="loading-screen" role="status">
        {error ? (
          <>
            <p className="error-text">{error}</p>
            <button type="button" className="btn" onClick={() => location.reload()}>
              {t('banner.refresh')}
            </button>
          </>
        ) : (
          <p>{t('top.loading')}</p>
        )}
      </div>
    );
  }
  return (
    <DeskContext.Provider value={ctx}>
      <div className="desk">
        <ConnectionBanner />
        <TopBar />
        <div className="desk-body">
          <DeskPanes />
          <AreaOutlet />
          <OfferStack />
        </div>
        <Toasts onOpen={openTask} />
        <DialogHost />
        <Shortcuts />
      </div>
    </DeskContext.Provider>
  );
}
