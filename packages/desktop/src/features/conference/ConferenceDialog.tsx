import type { ConversationDto } from '@parley/protocol';
import { useState } from 'react';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { useSubmit } from '../../ui/use-submit';
import { SearchList } from '../../ui/SearchList';
import { RefreshIcon } from '../../ui/icons';
import { useDesk } from '../../state/store';
import { useT } from '../i18n/i18n';
import { closeDialog, useDeskContext } from '../desk/context';
import { agentItems, useTargets } from '../desk/useTargets';

/** Conference request: pick an agent from a searchable list with availability icons. */
export default function ConferenceDialog({ conversationId }: { conversationId: string }) {
  const c = useDesk((s) => s.conversations[conversationId]);
  // Gone (ended and finished elsewhere): nothing to act on.
  return c ? <ConferenceDialogBody c={c} /> : null;
}

function ConferenceDialogBody({ c }: { c: ConversationDto }) {
  const meId = useDesk((s) => s.me?.id);
  const { session } = useDeskContext();
  const t = useT();
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, error, run } = useSubmit();
  const targets = useTargets(c.channel, meId, false);
  const submit = async () => {
    const id = selected[0];
    if (!id) return;
    await run(() => session.conference(c.id, id), closeDialog);
  };
  return (
    <Dialog
      title={t('conference.title')}
      onClose={closeDialog}
      className="dialog-conference"
      footer={
        <DialogActions
          cancelLabel={t('dialog.cancel')}
          onCancel={closeDialog}
          submitLabel={t('conference.submit')}
          onSubmit={() => void submit()}
          disabled={!selected[0] || busy}
        />
      }
    >
      <SearchList
        legend={t('conference.agents')}
        searchLabel={t('dialog.search')}
        items={agentItems(targets.agents, c.channel, t)}
        selected={selected}
        onChange={setSelected}
        emptyText={t('dialog.noMatch')}
        loading={targets.loading}
        loadingText={t('dialog.loading')}
        onSubmit={() => void submit()}
        toolbar={
          <button type="button" className="btn btn-icon" aria-label={t('dialog.refresh')} title={t('dialog.refresh')} onClick={targets.refresh}>
            <RefreshIcon />
          </button>
        }
      />
      {targets.error || error ? (
        <p className="error-text" role="alert">
          {error ?? targets.error}
        </p>
      ) : null}
    </Dialog>
  );
}
