import type { ConditionKind } from '../../../../shared/triage/condition';
import { useI18n } from '../../app/i18n';
import { PERSON_FIELD_LABEL, answerChoices, type CatalogQuestion } from './condition-text';
import { SelectField, TextField, FieldProblem } from '../../ui/fields';
import { removeAt, updateWhere } from '../../ui/list';
import { FIXED_PICKS, FieldOp, PersonField, blankCondition, splitValues, togglePick, withQuestion, type DraftCondition } from './rules-draft';

/**
 * The conditions of one rule, all of which must hold: each a kind and that kind's inputs.
 * Lists (seniority, rating, events, answer options…) are checkboxes, so the keyboard and a
 * screen reader use them as they are.
 */
export function ConditionList(props: {
  conditions: DraftCondition[];
  kinds: readonly ConditionKind[];
  /** Assignment rules may have none (a catch-all); scoring rules need one. */
  allowNone: boolean;
  /** The rule's name, for labels that repeat per rule. */
  owner: string;
  idOf(field: string): string;
  problemFor(field: string): string | undefined;
  questions: readonly CatalogQuestion[];
  events: readonly { id: string; name: string }[];
  onChange(next: DraftCondition[]): void;
  onFocusLater(ids: string[]): void;
  ruleUid: string;
}) {
  const { t } = useI18n();
  const { conditions, idOf } = props;

  function update(uid: string, patch: (c: DraftCondition) => DraftCondition) {
    props.onChange(updateWhere(conditions, uid, patch));
  }
  function remove(i: number) {
    const { rest, neighbour } = removeAt(conditions, i);
    props.onChange(rest);
    props.onFocusLater(neighbour ? [`${neighbour.uid}.remove`, `${neighbour.uid}.kind`] : [`${props.ruleUid}.add_condition`]);
  }
  function add() {
    const c = blankCondition(props.kinds[0]);
    props.onChange([...conditions, c]);
    props.onFocusLater([`${c.uid}.kind`]);
  }

  return (
    <fieldset className="tset__conditions" aria-describedby={props.problemFor(`${props.ruleUid}.when`) ? idOf(`${props.ruleUid}.when.problem`) : undefined}>
      <legend className="field__label">{t('rules.conditions')}</legend>
      <p className="muted field__hint">{t(props.allowNone ? 'rules.conditions_hint_none' : 'rules.conditions_hint')}</p>
      <FieldProblem id={idOf(`${props.ruleUid}.when.problem`)} problem={props.problemFor(`${props.ruleUid}.when`)} />
      <ol className="tset__condition-list">
        {conditions.map((c, i) => (
          <li key={c.uid} className="tset__condition" data-testid="rule-condition">
            <ConditionRow {...props} c={c} n={i + 1} onUpdate={(patch) => update(c.uid, patch)} />
            <button
              type="button"
              id={idOf(`${c.uid}.remove`)}
              className="button button--quiet"
              aria-label={t('rules.remove_condition', { n: i + 1, rule: props.owner })}
              title={t('rules.remove_condition', { n: i + 1, rule: props.owner })}
              disabled={!props.allowNone && conditions.length === 1}
              onClick={() => remove(i)}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" id={idOf(`${props.ruleUid}.add_condition`)} className="button" disabled={conditions.length >= 20} onClick={add}>
          {t('rules.add_condition')}
        </button>
      </div>
    </fieldset>
  );
}

function ConditionRow(props: {
  c: DraftCondition;
  n: number;
  kinds: readonly ConditionKind[];
  owner: string;
  idOf(field: string): string;
  problemFor(field: string): string | undefined;
  questions: readonly CatalogQuestion[];
  events: readonly { id: string; name: string }[];
  onUpdate(patch: (c: DraftCondition) => DraftCondition): void;
}) {
  const { t, lang } = useI18n();
  const { c, idOf, problemFor } = props;
  const f = (name: string) => `${c.uid}.${name}`;
  const where = t('rules.condition_of', { n: props.n, rule: props.owner });
  const set = (patch: Partial<DraftCondition>) => props.onUpdate((cur) => ({ ...cur, ...patch }));
  // A condition of a kind this list does not offer (an imported rule) still shows as itself.
  const kinds = props.kinds.includes(c.kind) ? props.kinds : [...props.kinds, c.kind];

  const questionSelect = (
    <SelectField
      id={idOf(f('question'))}
      label={t('rules.question')}
      ariaLabel={`${where}: ${t('rules.question')}`}
      value={c.question}
      problem={problemFor(f('question'))}
      options={[
        { value: '', label: t('rules.question_choose') },
        ...props.questions.map((q) => ({ value: q.key, label: `${q.label[lang]} (${q.key})` })),
        ...(c.question && !props.questions.some((q) => q.key === c.question) ? [{ value: c.question, label: c.question }] : []),
      ]}
      onChange={(question) => props.onUpdate((cur) => withQuestion(cur, question))}
    />
  );
  const rangeInputs = (
    <>
      <TextField id={idOf(f('atLeast'))} label={t('rules.at_least')} ariaLabel={`${where}: ${t('rules.at_least')}`} numeric value={c.atLeast} problem={problemFor(f('atLeast'))} onChange={(atLeast) => set({ atLeast })} />
      <TextField id={idOf(f('below'))} label={t('rules.below')} ariaLabel={`${where}: ${t('rules.below')}`} numeric value={c.below} problem={problemFor(f('below'))} onChange={(below) => set({ below })} />
    </>
  );

  function picks(options: readonly { value: string; label: string }[]) {
    const chosen = c.picks[c.kind] ?? [];
    // Values saved earlier that the options no longer list stay visible, so unticking them is possible.
    const all = [...options, ...chosen.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
    return (
      <div className="field tset__wide">
        <div role="group" aria-label={`${where}: ${t(`rules.kind.${c.kind}`)}`} aria-describedby={problemFor(f('picks')) ? idOf(`${f('picks')}.problem`) : undefined} className="tset__picks">
          {all.map((o) => (
            <label key={o.value} className="field--inline tset__pick">
              <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => props.onUpdate((cur) => togglePick(cur, o.value, e.target.checked))} />
              <span>{o.label}</span>
            </label>
          ))}
          {all.length === 0 && <span className="muted">{t('rules.no_choices')}</span>}
        </div>
        <FieldProblem id={idOf(`${f('picks')}.problem`)} problem={problemFor(f('picks'))} />
      </div>
    );
  }

  function answerValues() {
    const q = props.questions.find((x) => x.key === c.question);
    const choices = answerChoices(q, lang, t('rules.text.yes'), t('rules.text.no'));
    if (choices.length > 0 || !c.question) return picks(choices);
    // A text or number question: the values are typed, comma separated.
    return (
      <TextField
        id={idOf(f('picks'))}
        className="tset__wide"
        label={t('rules.answer_values')}
        ariaLabel={`${where}: ${t('rules.answer_values')}`}
        hint={t('rules.answer_values_hint')}
        value={c.typed}
        problem={problemFor(f('picks'))}
        onChange={(typed) => set({ typed, picks: { ...c.picks, answer: splitValues(typed) } })}
      />
    );
  }

  function inputs() {
    switch (c.kind) {
      case 'seniority':
        return picks(FIXED_PICKS.seniority.map((s) => ({ value: s, label: t(`rule.seniority.${s}`) })));
      case 'rating':
        return picks(FIXED_PICKS.rating.map((r) => ({ value: r, label: t(`rating.${r}`) })));
      case 'status':
        return picks(FIXED_PICKS.status.map((s) => ({ value: s, label: t(`status.${s}`) })));
      case 'grade':
        return picks(FIXED_PICKS.grade.map((g) => ({ value: g, label: g })));
      case 'event':
        return picks(props.events.map((e) => ({ value: e.id, label: e.name })));
      case 'answer':
        return (
          <>
            {questionSelect}
            {answerValues()}
          </>
        );
      case 'answer_number':
        return (
          <>
            {questionSelect}
            {rangeInputs}
          </>
        );
      case 'answered':
        return questionSelect;
      case 'field':
        return (
          <>
            <SelectField
              id={idOf(f('field'))}
              label={t('rules.field')}
              ariaLabel={`${where}: ${t('rules.field')}`}
              value={c.field}
              options={PersonField.options.map((p) => ({ value: p, label: t(PERSON_FIELD_LABEL[p]) }))}
              onChange={(field) => set({ field: PersonField.parse(field) })}
            />
            <SelectField
              id={idOf(f('op'))}
              label={t('rules.op')}
              ariaLabel={`${where}: ${t('rules.op')}`}
              value={c.op}
              options={FieldOp.options.map((op) => ({ value: op, label: t(`rules.op.${op}`) }))}
              onChange={(op) => set({ op: FieldOp.parse(op) })}
            />
            {c.op !== 'empty' && c.op !== 'not_empty' && (
              <TextField id={idOf(f('text'))} label={t('rules.value')} ariaLabel={`${where}: ${t('rules.value')}`} value={c.text} problem={problemFor(f('text'))} onChange={(text) => set({ text })} />
            )}
          </>
        );
      case 'free_mail':
        return flag('free_mail', t('rules.text.free_mail'), t('rules.text.corporate_mail'));
      case 'target_account':
        return flag('target_account', t('rules.text.target'), t('rules.text.not_target'));
      case 'consent':
        return flag('consent', t('rules.text.consent'), t('rules.text.no_consent'));
      case 'touches':
        return <TextField id={idOf(f('atLeast'))} label={t('rules.touches_at_least')} ariaLabel={`${where}: ${t('rules.touches_at_least')}`} numeric value={c.atLeast} problem={problemFor(f('atLeast'))} onChange={(atLeast) => set({ atLeast })} />;
      case 'score':
        return rangeInputs;
    }
  }

  function flag(name: keyof DraftCondition['flags'], yes: string, no: string) {
    return (
      <SelectField
        id={idOf(f(name))}
        label={t('rules.is')}
        ariaLabel={`${where}: ${t(`rules.kind.${c.kind}`)}`}
        value={c.flags[name] ? 'yes' : 'no'}
        options={[
          { value: 'yes', label: yes },
          { value: 'no', label: no },
        ]}
        onChange={(v) => set({ flags: { ...c.flags, [name]: v === 'yes' } })}
      />
    );
  }

  return (
    <div className="tset__condition-grid">
      <SelectField
        id={idOf(f('kind'))}
        label={t('rules.condition_n', { n: props.n })}
        ariaLabel={`${where}: ${t('rules.kind')}`}
        value={c.kind}
        problem={problemFor(f('kind'))}
        options={kinds.map((k) => ({ value: k, label: t(`rules.kind.${k}`) }))}
        onChange={(kind) => set({ kind: kind as ConditionKind })}
      />
      {inputs()}
    </div>
  );
}
