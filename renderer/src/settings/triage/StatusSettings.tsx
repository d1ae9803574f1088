import { Grade } from '../../../../shared/triage/grade';
import { useI18n } from '../../app/i18n';
import { FieldProblem, MoveButtons, SelectField, TextField } from '../../ui/fields';
import { focusAfterMove, move, removeAt, updateWhere } from '../../ui/list';
import { GRADES, blankReason, type DraftReason } from './rules-draft';
import type { TriageEditor } from './useTriageEditor';

/** When a lead becomes MQL by itself, the follow-up clock per grade, and sales' rejection reasons. */
export function StatusSettings({ editor }: { editor: TriageEditor }) {
  const { t, lang } = useI18n();
  const { draft, idOf, problemFor } = editor;
  if (!draft) return null;

  const setReasons = (reasons: DraftReason[]) => editor.change((d) => ({ ...d, reasons }));
  const updateReason = (uid: string, patch: Partial<DraftReason>) => setReasons(updateWhere(draft.reasons, uid, (r) => ({ ...r, ...patch })));
  const reasonName = (r: DraftReason, i: number) => (lang === 'ja' ? r.ja || r.en : r.en || r.ja) || t('settings.triage.reason_n', { n: i + 1 });

  function moveReason(i: number, by: -1 | 1) {
    const r = draft!.reasons[i]!;
    setReasons(move(draft!.reasons, i, by));
    editor.focusLater(focusAfterMove(r.uid, by));
    editor.setAnnounce(t('settings.triage.moved', { item: reasonName(r, i), to: i + 1 + by }));
  }
  function removeReason(i: number) {
    const { rest, neighbour } = removeAt(draft!.reasons, i);
    setReasons(rest);
    editor.focusLater(neighbour ? [`${neighbour.uid}.remove`] : ['reasons.add']);
  }
  function addReason() {
    const r = blankReason();
    setReasons([...draft!.reasons, r]);
    editor.focusLater([`${r.uid}.key`]);
  }

  return (
    <>
      <section className="panel" aria-labelledby={idOf('mql.title')}>
        <h2 id={idOf('mql.title')} className="panel__title">
          {t('settings.triage.mql')}
        </h2>
        <p className="muted">{t('settings.triage.mql_help')}</p>
        <div className="tset__row">
          <SelectField
            id={idOf('mql.grade')}
            label={t('settings.triage.mql_grade')}
            value={draft.mqlGrade}
            problem={problemFor('mql.grade')}
            options={GRADES.map((g) => ({ value: g, label: t('settings.triage.grade_or_better', { grade: g }) }))}
            onChange={(g) => editor.change((d) => ({ ...d, mqlGrade: Grade.parse(g) }))}
          />
          <TextField
            id={idOf('mql.score')}
            label={t('settings.triage.mql_score')}
            numeric
            value={draft.mqlScore}
            problem={problemFor('mql.score')}
            onChange={(mqlScore) => editor.change((d) => ({ ...d, mqlScore }))}
          />
        </div>
      </section>

      <section className="panel" aria-labelledby={idOf('hours.title')}>
        <h2 id={idOf('hours.title')} className="panel__title">
          {t('settings.triage.follow_up')}
        </h2>
        <p className="muted">{t('settings.triage.follow_up_help')}</p>
        <div className="tset__row">
          {GRADES.map((g) => (
            <TextField
              key={g}
              id={idOf(`hours.${g}`)}
              label={t('settings.triage.follow_up_grade', { grade: g })}
              numeric
              placeholder={t('settings.triage.follow_up_none')}
              value={draft.hours[g]}
              problem={problemFor(`hours.${g}`)}
              onChange={(value) => editor.change((d) => ({ ...d, hours: { ...d.hours, [g]: value } }))}
            />
          ))}
        </div>
      </section>

      <section className="panel" aria-labelledby={idOf('reasons.title')}>
        <h2 id={idOf('reasons.title')} className="panel__title">
          {t('reason.list_title')}
        </h2>
        <p className="muted">{t('reason.list_hint')}</p>
        <FieldProblem id={idOf('reasons.problem')} problem={problemFor('reasons')} />
        <ol className="tset__reasons">
          {draft.reasons.map((r, i) => {
            const name = reasonName(r, i);
            return (
              <li key={r.uid} className="tset__reason" data-testid="rejection-reason">
                <TextField
                  id={idOf(`${r.uid}.key`)}
                  label={t('settings.triage.reason_key')}
                  ariaLabel={t('settings.triage.reason_key_of', { n: i + 1 })}
                  mono
                  readOnly={r.saved}
                  value={r.key}
                  problem={problemFor(`${r.uid}.key`)}
                  // Keys are lowercase by rule: typing "Budget" gives "budget" rather than an error.
                  onChange={(key) => updateReason(r.uid, { key: key.toLowerCase() })}
                />
                <TextField id={idOf(`${r.uid}.ja`)} label={t('settings.triage.label_ja')} ariaLabel={t('settings.triage.reason_ja_of', { n: i + 1 })} lang="ja" value={r.ja} problem={problemFor(`${r.uid}.ja`)} onChange={(ja) => updateReason(r.uid, { ja })} />
                <TextField id={idOf(`${r.uid}.en`)} label={t('settings.triage.label_en')} ariaLabel={t('settings.triage.reason_en_of', { n: i + 1 })} lang="en" value={r.en} problem={problemFor(`${r.uid}.en`)} onChange={(en) => updateReason(r.uid, { en })} />
                <div className="actions actions--tight tset__row-actions">
                  <MoveButtons
                    idUp={idOf(`${r.uid}.up`)}
                    idDown={idOf(`${r.uid}.down`)}
                    labelUp={t('settings.triage.move_up', { item: name })}
                    labelDown={t('settings.triage.move_down', { item: name })}
                    first={i === 0}
                    last={i === draft.reasons.length - 1}
                    onMove={(by) => moveReason(i, by)}
                  />
                  <button
                    type="button"
                    id={idOf(`${r.uid}.remove`)}
                    className="button button--quiet"
                    aria-label={t('settings.triage.remove_reason', { item: name })}
                    title={draft.reasons.length === 1 ? t('settings.triage.reason_keep_one') : t('settings.triage.remove_reason', { item: name })}
                    disabled={draft.reasons.length === 1}
                    onClick={() => removeReason(i)}
                  >
                    ×
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        <div className="actions">
          <button type="button" id={idOf('reasons.add')} className="button" disabled={draft.reasons.length >= 50} onClick={addReason}>
            {t('settings.triage.add_reason')}
          </button>
          <span className="muted">{t('settings.triage.reason_key_hint')}</span>
        </div>
      </section>
    </>
  );
}
