import { useI18n } from '../i18n/i18n';
import { toggleWorkflows, useWorkflowsOpen } from './open-panels';

/** "Workflows" in the pane header: opens the panel listing what this conversation may run. */
export function WorkflowsButton({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const open = useWorkflowsOpen(conversationId);
  return (
    <button type="button" className="btn" aria-expanded={open} aria-controls={`workflows-${conversationId}`} onClick={() => toggleWorkflows(conversationId)}>
      {t('workflows.button')}
    </button>
  );
}
