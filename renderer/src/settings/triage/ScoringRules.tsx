import type { Dimension } from '../../../../shared/triage/rules';
import { useI18n } from '../../app/i18n';
import { SelectField, TextField, FieldProblem } from '../../ui/fields';
import { updateWhere } from '../../ui/list';
import { RuleItem } from './RuleItem';
import { SCORING_KINDS, blankScoringRule, withDefaultScoring, withDimension, type DraftScoringRule } from './rules-draft';
import type { TriageEditor } from './useTriageEditor';

const DIMENSIONS: readonly Dimension[] = ['fit', 'interest'];

/** Grade thresholds and the scoring rules, fit and interest apart as the grade and score are. */
export function ScoringRules({ editor }: { editor: TriageEditor }) {
  const { t } = useI18n();
  const { draft, idOf, problemFor } = editor;
  if (!draft) return null;

  const updateRule = (uid: string, patch: (r: DraftScoringRule) => DraftScoringRule) =>
    editor.change((d) => ({ ...d, rules: updateWhere(d.rules, uid, patch) }));

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
  const set = (patch: Partial<DraftScoringRule>) => props.onChange((r) => ({ ...r, ...patch }));
  const scope =
    rule.eventIds.length === 0
      ? t('rules.scope_all')
      : t('rules.scope_some', { events: rule.eventIds.map((id) => editor.events.find((e) => e.id === id)?.name ?? id).join(t('rules.text.list_sep')) });

  return (
    <RuleItem
      editor={editor}
      rule={rule}
      name={label}
      testId="scoring-rule"
      ruleId={rule.id}
      kinds={SCORING_KINDS}
      allowNone={false}
      detail={<span className="muted field__hint">{scope}</span>}
      aside={
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
      }
      fields={
        <>
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
        </>
      }
      onChange={set}
      onRemove={props.onRemove}
    >
      <fieldset className="tset__scope">
        <legend className="field__label">{t('rules.scope')}</legend>
        <p className="muted field__hint">{t('rules.scope_help')}</p>
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
    </RuleItem>
  );
}
