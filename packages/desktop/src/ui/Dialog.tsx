import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
  /** Extra controls in the title row (e.g. a refresh button). */
  headerExtra?: ReactNode;
  describedBy?: string;
  /** The body may scroll with nothing focusable in it (read-only content): make it keyboard-scrollable. */
  scrollableBody?: boolean;
}

/** A real modal <dialog>: focus is trapped by the browser, Escape closes, focus returns on close. */
export function Dialog({ title, onClose, children, footer, className, headerExtra, describedBy, scrollableBody }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const d = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        closeRef.current();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        {headerExtra}
      </div>
      <div className="dialog-body" tabIndex={scrollableBody ? 0 : undefined}>
        {children}
      </div>
      {footer ? <div className="dialog-foot">{footer}</div> : null}
    </dialog>
  );
}

/** The usual footer: a secondary way out and the primary action. */
export function DialogActions(p: { cancelLabel: string; onCancel: () => void; submitLabel: string; onSubmit: () => void; disabled: boolean }) {
  return (
    <>
      <button type="button" className="btn" onClick={p.onCancel}>
        {p.cancelLabel}
      </button>
      <button type="button" className="btn btn-primary" disabled={p.disabled} onClick={p.onSubmit}>
        {p.submitLabel}
      </button>
    </>
  );
}
