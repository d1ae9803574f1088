import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../app/i18n';

/**
 * A modal on the native <dialog>: focus is trapped and Escape closes it, both by the browser.
 * The content is only mounted while open, so a form starts empty each time.
 */
export function Dialog(props: { open: boolean; title: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog ref={ref} className={props.wide ? 'dialog dialog--wide' : 'dialog'} aria-labelledby={titleId} onClose={props.onClose}>
      {props.open && (
        <>
          <header className="dialog__header">
            <h2 id={titleId}>{props.title}</h2>
            <button type="button" className="button button--quiet" onClick={props.onClose}>
              {t('common.close')}
            </button>
          </header>
          <div className="dialog__body">{props.children}</div>
        </>
      )}
    </dialog>
  );
}
