import { Condition } from '../../../../shared/triage/condition';
import type { Dimension } from '../../../../shared/triage/rules';
import { useI18n } from '../../app/i18n';
import { ConditionList } from './ConditionList';
import { conditionsText } from './condition-text';
import { SelectField, TextField, FieldProblem } from './fields';
import { SCORING_KINDS, blankScoringRule, toCondition, withDefaultScoring, withDimension, type DraftScoringRule } from './rules-draft';
import type { TriageEditor } from './useTriageEditor';

const DIMENSIONS: readonly Dimension[] = ['fit', 'interest'];

/** Grade thresholds and the scoring rules, fit and interest apart as the grade and score are. */
export function ScoringRules({ editor }: { editor: TriageEditor }) {
  const { t } = useI18n();
  const { draft, idOf, problemFor } = editor;
  if (!draft) return null;

  const updateRule = (uid: string, patch: (r: DraftScoringRule) => DraftScoringRule) =>
    editor.change((d) => ({ ...d, rules: d.rules.map((r) => (r.uid === uid ? patch(r) : r)) }));

  function addRule(dimension: Dimension) {
    const rule = blankScoringRule(`custom.${crypto.randomUUID()}`, dimension);
    editor.change((d) => ({ ...d, rules: [...d.rules, rule] }));
    editor.toggleOpen(rule.uid, true);
    editor.focusLater([`${rule.uid}.ja`]);
  }

  function removeRule(rule: DraftScoringRule) {
    const same = draft!.rules.filter((r) => r.dimension === rule.dimension);
    const at = same.indexOf(rule);
    const nextR = same[at + 1] ?? same[at - 1];
    editor.change((d) => ({ ...d, rules: d.rules.filter((r) => r.uid !== rule.uid) }));
    editor.focusLater(nextR ? [`${nextR.uid}.remove`] : [`add.${rule.dimension}`]);
    editor.setAnnounce(t('rules.removed', { name: ruleLabel(rule) }));
  }

  function resetDefaults() {
    editor.change(withDefaultScoring);
    editor.setAnnounce(t('rules.reset_done'));
  }

  const ruleLabel = (r: DraftScoringRule) => (editor.text.lang === 'ja' ? r.ja || r.en : r.en || r.ja) || t('rules.untitled');

  return (
    <>
      <section className="panel" aria-labelledby={idOf('thresholds.title')}>
        <h2 id={idOf('thresholds.title')} className="panel__title">
          {t('rules.grade_thresholds')}
        </h2>
        <p className="muted">{t('rules.grade_thresholds_help')}</p>
        <div className="tset__row">
          {(['A', 'B', 'C'] as const).map((g) => (
            <TextField
              key={g}
              id={idOf(`thresholds.${g}`)}
              label={t('rules.grade_threshold', { grade: g })}
              numeric
              value={draft.thresholds[g]}
              problem={problemFor(`thresholds.${g}`)}
              onChange={(value) => editor.change((d) => ({ ...d, thresholds: { ...d.thresholds, [g]: value } }))}
            />
          ))}
        </div>
      </section>

      <section className="panel" aria-labelledby={idOf('rules.title')}>
        <h2 id={idOf('rules.title')} className="panel__title">
          {t('rules.title')}
        </h2>
        <p className="muted">{t('rules.help')}</p>
        <FieldProblem id={idOf('scoring.problem')} problem={problemFor('scoring')} />
        {DIMENSIONS.map((dimension) => {
          const rules = draft.rules.filter((r) => r.dimension === dimension);
          return (
            <section key={dimension} aria-labelledby={idOf(`group.${dimension}`)} className="tset__group" data-testid={`rules-${dimension}`}>
              <h3 id={idOf(`group.${dimension}`)}>{t(`rule.dimension.${dimension}`)}</h3>
              {rules.length === 0 && <p className="muted">{t('rules.none')}</p>}
              <ul className="tset__rules">
                {rules.map((rule) => (
                  <RuleRow
                    key={rule.uid}
                    editor={editor}
                    rule={rule}
                    label={ruleLabel(rule)}
                    onChange={(patch) => updateRule(rule.uid, patch)}
                    onRemove={() => removeRule(rule)}
                  />
                ))}
              </ul>
              <div className="actions">
                <button type="button" id={idOf(`add.${dimension}`)} className="button" disabled={draft.rules.length >= 500} onClick={() => addRule(dimension)}>
                  {t(`rules.add_${dimension}`)}
                </button>
              </div>
            </section>
          );
        })}
        <div className="actions">
          <button type="button" className="button" onClick={resetDefaults}>
            {t('rules.reset')}
          </button>
          <span className="muted">{t('rules.reset_help')}</span>
        </div>
      </section>
    </>
  );
}

function RuleRow(props: {
  editor: TriageEditor;
  rule: DraftScoringRule;
  label: string;
  onChange(patch: (r: DraftScoringRule) => DraftScoringRule): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const { editor, rule, label } = props;
  const { idOf, problemFor } = editor;
  const f = (name: string) => `${rule.uid}.${name}`;
  const open = editor.open.has(rule.uid);
  const set = (patch: Partial<DraftScoringRule>) => props.onChange((r) => ({ ...r, ...patch }));
  const conditions = rule.when.map(toCondition);
  const summary = conditions.every((c) => Condition.safeParse(c).success) ? conditionsText(conditions, editor.text) : t('rules.incomplete');
  const scope =
    rule.eventIds.length === 0
      ? t('rules.scope_all')
      : t('rules.scope_some', { events: rule.eventIds.map((id) => editor.events.find((e) => e.id === id)?.name ?? id).join(t('rules.text.list_sep')) });
  const hasProblem = editor.problems.some((p) => p.row === rule.uid);

  return (
    <li className={`tset__rule${rule.enabled ? '' : ' tset__rule--off'}${hasProblem ? ' tset__rule--problem' : ''}`} data-testid="scoring-rule" data-rule-id={rule.id}>
      <div className="tset__rule-head">
        <label className="field--inline">
          <input type="checkbox" checked={rule.enabled} aria-label={t('rules.enabled_of', { name: label })} onChange={(e) => set({ enabled: e.target.checked })} />
        </label>
        <div className="tset__rule-text">
          <strong>{label}</strong>
          <span className="muted">{summary}</span>
          <span className="muted tset__hint">{scope}</span>
        </div>
        <div className="tset__effect">
          {rule.effect === 'points' ? (
            <TextField
              id={idOf(f('points'))}
              label={t('rules.points')}
              ariaLabel={t('rules.points_of', { name: label })}
              numeric
              value={rule.points}
              problem={problemFor(f('points'))}
              onChange={(points) => set({ points })}
            />
          ) : (
            <span className="tag">{t(rule.step === 1 ? 'rules.step_up' : 'rules.step_down')}</span>
          )}
        </div>
        <div className="actions actions--tight">
          <button
            type="button"
            id={idOf(f('edit'))}
            className="button"
            aria-expanded={open}
            aria-controls={idOf(f('editor'))}
            aria-label={t(open ? 'rules.close_rule' : 'rules.edit_rule', { name: label })}
            onClick={() => editor.toggleOpen(rule.uid)}
          >
            {t(open ? 'rules.close' : 'rules.edit')}
          </button>
          <button type="button" id={idOf(f('remove'))} className="button button--quiet" aria-label={t('rules.remove_rule', { name: label })} onClick={props.onRemove}>
            {t('rules.remove')}
          </button>
        </div>
      </div>
      {open && (
        <div id={idOf(f('editor'))} className="tset__editor">
          <div className="form-grid">
            <TextField id={idOf(f('ja'))} label={t('rules.label_ja')} lang="ja" value={rule.ja} problem={problemFor(f('ja'))} onChange={(ja) => set({ ja })} />
            <TextField id={idOf(f('en'))} label={t('rules.label_en')} lang="en" value={rule.en} problem={problemFor(f('en'))} onChange={(en) => set({ en })} />
            <SelectField
              id={idOf(f('dimension'))}
              label={t('rules.dimension')}
              value={rule.dimension}
              options={DIMENSIONS.map((d) => ({ value: d, label: t(`rule.dimension.${d}`) }))}
              onChange={(d) => props.onChange((r) => withDimension(r, d as Dimension))}
            />
            {rule.dimension === 'fit' && (
              <SelectField
                id={idOf(f('effect'))}
                label={t('rules.effect')}
                value={rule.effect === 'points' ? 'points' : String(rule.step)}
                options={[
                  { value: 'points', label: t('rules.effect_points') },
                  { value: '1', label: t('rules.step_up') },
                  { value: '-1', label: t('rules.step_down') },
                ]}
                onChange={(v) => set(v === 'points' ? { effect: 'points' } : { effect: 'step', step: v === '1' ? 1 : -1 })}
              />
            )}
          </div>
          <ConditionList
            conditions={rule.when}
            kinds={SCORING_KINDS}
            allowNone={false}
            owner={label}
            ruleUid={rule.uid}
            idOf={idOf}
            problemFor={problemFor}
            questions={editor.questions}
            events={editor.events}
            onChange={(when) => set({ when })}
            onFocusLater={editor.focusLater}
          />
          <fieldset className="tset__scope">
            <legend className="field__label">{t('rules.scope')}</legend>
            <p className="muted tset__hint">{t('rules.scope_help')}</p>
            {editor.events.length === 0 && <p className="muted">{t('rules.no_events')}</p>}
            {editor.events.length > 0 && (
              <div role="group" aria-label={t('rules.scope_events')} className="tset__picks">
                {editor.events.map((e) => (
                  <label key={e.id} className="field--inline tset__pick">
                    <input
                      type="checkbox"
                      checked={rule.eventIds.includes(e.id)}
                      onChange={(ev) => set({ eventIds: ev.target.checked ? [...rule.eventIds, e.id] : rule.eventIds.filter((id) => id !== e.id) })}
                    />
                    <span>{e.name}</span>
                  </label>
                ))}
              </div>
            )}
            <FieldProblem id={idOf(`${f('scope')}.problem`)} problem={problemFor(f('scope'))} />
          </fieldset>
        </div>
      )}
    </li>
  );
}
