import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from './ProblemNotice';
import './undo-toast.css';

/** Ctrl+Z in a text box undoes the typing, not the delete. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio');
}

/**
 * "Deleted · Undo" after a delete that can be taken back: Undo, or Ctrl+Z (⌘Z) anywhere but a
 * text box while the toast shows. It stays until undone or dismissed unless `hideAfterMs` is
 * given, so a person who looks away does not lose the chance. A failed undo shows its
 * translated reason in place.
 */
export function UndoToast(props: {
  message: string;
  onUndo(): Promise<void> | void;
  onDismiss(): void;
  /** The undo's failure, already translated. */
  problem?: string | null;
  hideAfterMs?: number;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const latest = useRef(props);
  latest.current = props;

  const running = useRef(false);
  // One undo at a time: a second Ctrl+Z while the first is on its way does nothing.
  const undo = useRef(async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await latest.current.onUndo();
    } finally {
      running.current = false;
      setBusy(false);
    }
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z' || isEditable(e.target)) return;
      e.preventDefault();
      void undo.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (props.hideAfterMs === undefined) return;
    const timer = setTimeout(() => latest.current.onDismiss(), props.hideAfterMs);
    return () => clearTimeout(timer);
  }, [props.hideAfterMs, props.message]);

  return (
    <div className="undo-toast" role="status" aria-live="polite" data-testid="undo-toast">
      <div className="undo-toast__row">
        <span className="undo-toast__message">{props.message}</span>
        <button type="button" className="button button--primary" onClick={() => void undo.current()} disabled={busy} title={t('undo.shortcut')}>
          {t('undo.undo')}
        </button>
        <button type="button" className="button button--quiet" onClick={props.onDismiss}>
          {t('undo.dismiss')}
        </button>
      </div>
      <ProblemNotice problem={props.problem} />
    </div>
  );
}
