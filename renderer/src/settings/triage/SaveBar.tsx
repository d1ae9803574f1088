import { useRef } from 'react';
import { useI18n } from '../../app/i18n';
import { ProblemNotice } from '../../ui/ProblemNotice';
import { tabOf, type TriageEditor, type TriageTab } from './useTriageEditor';

/**
 * Saves the rules draft (scoring, thresholds, reasons, assignment) in one rules.save, which
 * re-scores every lead, and says what that did. Problems are listed with a way to each field,
 * on whichever tab it is.
 */
export function SaveBar({ editor, onGoTo }: { editor: TriageEditor; onGoTo(tab: TriageTab): void }) {
  const { t, count } = useI18n();
  const summaryRef = useRef<HTMLDivElement>(null);
  const { draft, problems } = editor;
  if (!draft) return null;

  async function save() {
    const ok = await editor.save();
    if (!ok) requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function goTo(field: string, row: string | undefined, tab: TriageTab) {
    onGoTo(tab);
    if (row) editor.toggleOpen(row, true);
    editor.focusLater([field]);
  }

  return (
    <div className="tset__savebar">
      {problems.length > 0 && (
        <div ref={summaryRef} tabIndex={-1} className="notice notice--danger" role="alert" data-testid="rules-problems">
          <p>{t('rules.invalid')}</p>
          <ul>
            {problems.map((p) => {
              const where = p.where.map((w) => t(w.key, w.params)).join(' › ');
              return (
                <li key={`${p.field}|${p.text}`}>
                  <button type="button" className="button button--quiet tset__problem-link" onClick={() => goTo(p.field, p.row, tabOf(p, draft))}>
                    {where ? t('rules.problem', { where, problem: t(p.text) }) : t(p.text)}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={editor.busy || !editor.dirty} onClick={() => void save()} data-testid="rules-save">
          {editor.busy ? t('rules.saving') : t('rules.save')}
        </button>
        <button type="button" className="button" disabled={editor.busy || !editor.dirty} onClick={editor.discard}>
          {t('rules.discard')}
        </button>
        {editor.dirty && <span className="muted">{t('rules.unsaved')}</span>}
        {editor.outcome && (
          <span className="notice notice--success" role="status" data-testid="rules-saved">
            {t('rules.saved', { rescored: count(editor.outcome.rescored), mql: count(editor.outcome.becameMql) })}
          </span>
        )}
      </div>
      <ProblemNotice problem={editor.failure} />
      <p className="visually-hidden" aria-live="polite">
        {editor.announce}
      </p>
    </div>
  );
}
