import type { ConversationDto } from '@parley/protocol';
import { useState } from 'react';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { useSubmit } from '../../ui/use-submit';
import { SearchList } from '../../ui/SearchList';
import { useDesk } from '../../state/store';
import { reasonLabel, useI18n } from '../i18n/i18n';
import { closeDialog, useChannelRules, useDeskContext, wrapupDeferred } from '../desk/context';

/** Wrap-up reasons: searchable, several at once where the channel allows; capacity frees on Submit. */
export default function WrapupDialog({ conversationId }: { conversationId: string }) {
  const c = useDesk((s) => s.conversations[conversationId]);
  // Gone (ended and finished elsewhere): nothing to act on.
  return c ? <WrapupDialogBody c={c} /> : null;
}

function WrapupDialogBody({ c }: { c: ConversationDto }) {
  const { session, config } = useDeskContext();
  const rules = useChannelRules(c.channel);
  const { t, lang } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, error, run } = useSubmit();
  const later = () => {
    wrapupDeferred.set((s) => new Set([...s, c.id]));
    closeDialog();
  };
  const submit = async () => {
    if (selected.length === 0) return;
    await run(() => session.wrapup(c.id, selected), closeDialog);
  };
  return (
    <Dialog
      title={t('wrapup.title')}
      onClose={later}
      className="dialog-wrapup"
      footer={
        <DialogActions
          cancelLabel={t('wrapup.later')}
          onCancel={later}
          submitLabel={t('wrapup.submit')}
          onSubmit={() => void submit()}
          disabled={selected.length === 0 || busy}
        />
      }
    >
      <p className="dialog-sub">
        {c.customer.name} · {c.queueName}
      </p>
      {rules.multiWrapup ? <p className="hint">{t('wrapup.multi')}</p> : null}
      <SearchList
        legend={t('wrapup.reasons')}
        searchLabel={t('dialog.search')}
        items={config.wrapupReasons.map((r) => ({ id: r.id, label: reasonLabel(lang, r) }))}
        selected={selected}
        onChange={setSelected}
        multiple={rules.multiWrapup}
        emptyText={t('dialog.noMatch')}
        onSubmit={() => void submit()}
      />
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
