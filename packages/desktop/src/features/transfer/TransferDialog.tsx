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

/** Transfer request: Queue or Agent (email: queues only), searchable, live availability, Refresh list. */
export default function TransferDialog({ conversationId }: { conversationId: string }) {
  const c = useDesk((s) => s.conversations[conversationId]);
  // Gone (ended and finished elsewhere): nothing to act on.
  return c ? <TransferDialogBody c={c} /> : null;
}

function TransferDialogBody({ c }: { c: ConversationDto }) {
  const meId = useDesk((s) => s.me?.id);
  const { session } = useDeskContext();
  const rules = useChannelRules(c.channel);
  const t = useT();
  const [kind, setKind] = useState<'queue' | 'agent'>('queue');
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, error, run } = useSubmit();
  const targets = useTargets(c.channel, meId, true);
  const allowAgent = rules.transferToAgent;
  const queueOption = { kind: 'queue' as const, label: t('transfer.queue') };
  const submit = async () => {
    const id = selected[0];
    if (!id) return;
    await run(() => session.transfer(c.id, kind === 'queue' ? { queueId: id } : { agentId: id }), closeDialog);
  };
  const refresh = (
    <button type="button" className="btn btn-icon" aria-label={t('dialog.refresh')} title={t('dialog.refresh')} onClick={targets.refresh}>
      <RefreshIcon />
    </button>
  );
  return (
    <Dialog
      title={t('transfer.title')}
      onClose={closeDialog}
      className="dialog-transfer"
      footer={
        <DialogActions
          cancelLabel={t('dialog.cancel')}
          onCancel={closeDialog}
          submitLabel={t('transfer.submit')}
          onSubmit={() => void submit()}
          disabled={!selected[0] || busy}
        />
      }
    >
      <TargetKindChoice
        name="transfer-kind"
        legend={t('transfer.targetType')}
        options={allowAgent ? [queueOption, { kind: 'agent', label: t('transfer.agent') }] : [queueOption]}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setSelected([]);
        }}
      />
      {!allowAgent ? <p className="hint">{t('transfer.emailOnly')}</p> : null}
      <SearchList
        key={kind}
        legend={kind === 'queue' ? t('transfer.queues') : t('transfer.agents')}
        searchLabel={t('dialog.search')}
        items={kind === 'queue' ? queueItems(targets.queues, t) : agentItems(targets.agents, c.channel, t)}
        selected={selected}
        onChange={setSelected}
        emptyText={t('dialog.noMatch')}
        loading={targets.loading}
        loadingText={t('dialog.loading')}
        toolbar={refresh}
        onSubmit={() => void submit()}
      />
      {targets.error || error ? (
        <p className="error-text" role="alert">
          {error ?? targets.error}
        </p>
      ) : null}
    </Dialog>
  );
}
