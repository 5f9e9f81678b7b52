import type { ConversationDto } from '@parley/protocol';
import { useState } from 'react';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { useSubmit } from '../../ui/use-submit';
import { SearchList } from '../../ui/SearchList';
import { RefreshIcon } from '../../ui/icons';
import { useDesk } from '../../state/store';
import { useT } from '../i18n/i18n';
import { closeDialog, useChannelRules, useDeskContext } from '../desk/context';
import { TargetKindChoice } from '../desk/TargetKindChoice';
import { agentItems, queueItems, useTargets } from '../desk/useTargets';
import { conferenceKinds, conferenceTarget, type ConferenceTargetKind } from './targets';

/**
 * Conference request: pick an agent from a searchable list with availability icons, or — where the
 * channel's rules list queues as conference targets (WhatsApp) — choose Agent or Queue first.
 */
export default function ConferenceDialog({ conversationId }: { conversationId: string }) {
  const c = useDesk((s) => s.conversations[conversationId]);
  // Gone (ended and finished elsewhere): nothing to act on.
  return c ? <ConferenceDialogBody c={c} /> : null;
}

function ConferenceDialogBody({ c }: { c: ConversationDto }) {
  const meId = useDesk((s) => s.me?.id);
  const { session } = useDeskContext();
  const rules = useChannelRules(c.channel);
  const t = useT();
  const kinds = conferenceKinds(rules);
  const [kind, setKind] = useState<ConferenceTargetKind>(kinds[0] ?? 'agent');
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, error, run } = useSubmit();
  const targets = useTargets(c.channel, meId, kinds.includes('queue'));
  const submit = async () => {
    const id = selected[0];
    if (!id) return;
    await run(() => session.conference(c.id, conferenceTarget(kind, id)), closeDialog);
  };
  const label = { agent: t('conference.agent'), queue: t('conference.queue') };
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
      {kinds.length > 1 ? (
        <TargetKindChoice
          name="conference-kind"
          legend={t('conference.targetType')}
          options={kinds.map((k) => ({ kind: k, label: label[k] }))}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setSelected([]);
          }}
        />
      ) : null}
      <SearchList
        key={kind}
        legend={kind === 'queue' ? t('conference.queues') : t('conference.agents')}
        searchLabel={t('dialog.search')}
        items={kind === 'queue' ? queueItems(targets.queues, t) : agentItems(targets.agents, c.channel, t)}
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
