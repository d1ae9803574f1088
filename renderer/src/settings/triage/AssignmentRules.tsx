import { useI18n } from '../../app/i18n';
import { MoveButtons, SelectField, TextField, FieldProblem } from '../../ui/fields';
import { focusAfterMove, move, removeAt, updateWhere } from '../../ui/list';
import { RuleItem } from './RuleItem';
import { CONDITION_KINDS, blankAssignmentRule, type DraftAssignmentRule } from './rules-draft';
import type { TriageEditor } from './useTriageEditor';

/** Ordered assignment rules: the first enabled one that matches hands the lead to a person or a team in turn. */
export function AssignmentRules({ editor }: { editor: TriageEditor }) {
  const { t } = useI18n();
  const { draft, idOf } = editor;
  if (!draft) return null;
  const rules = draft.assignment;

  const setRules = (assignment: DraftAssignmentRule[]) => editor.change((d) => ({ ...d, assignment }));
  const update = (uid: string, patch: (r: DraftAssignmentRule) => DraftAssignmentRule) => setRules(updateWhere(rules, uid, patch));
  const name = (r: DraftAssignmentRule, i: number) => r.label.trim() || t('rules.where_assignment', { n: i + 1 });

  function moveRule(i: number, by: -1 | 1) {
    const r = rules[i]!;
    setRules(move(rules, i, by));
    editor.focusLater(focusAfterMove(r.uid, by));
    editor.setAnnounce(t('settings.triage.moved', { item: name(r, i), to: i + 1 + by }));
  }
  function removeRule(i: number) {
    const { rest, neighbour } = removeAt(rules, i);
    editor.setAnnounce(t('rules.removed', { name: name(rules[i]!, i) }));
    setRules(rest);
    editor.focusLater(neighbour ? [`${neighbour.uid}.remove`] : ['assignment.add']);
  }
  function addRule() {
    const r = blankAssignmentRule(crypto.randomUUID(), editor.owners);
    setRules([...rules, r]);
    editor.toggleOpen(r.uid, true);
    editor.focusLater([`${r.uid}.label`]);
  }

  return (
    <section className="panel" aria-labelledby={idOf('assignment.title')}>
      <h2 id={idOf('assignment.title')} className="panel__title">
        {t('rules.assignment_title')}
      </h2>
      <p className="muted">{t('assign.rules_hint')}</p>
      <FieldProblem id={idOf('assignment.problem')} problem={editor.problemFor('assignment')} />
      {rules.length === 0 && <p className="muted">{t('rules.assignment_none')}</p>}
      <ol className="tset__rules">
        {rules.map((r, i) => (
          <AssignmentRow
            key={r.uid}
            editor={editor}
            rule={r}
            index={i}
            name={name(r, i)}
            last={i === rules.length - 1}
            onChange={(patch) => update(r.uid, patch)}
            onMove={(by) => moveRule(i, by)}
            onRemove={() => removeRule(i)}
          />
        ))}
      </ol>
      <div className="actions">
        <button type="button" id={idOf('assignment.add')} className="button" disabled={rules.length >= 200} onClick={addRule}>
          {t('rules.add_assignment')}
        </button>
        {editor.owners.length === 0 && <span className="muted">{t('rules.assignment_needs_owners')}</span>}
      </div>
    </section>
  );
}

function AssignmentRow(props: {
  editor: TriageEditor;
  rule: DraftAssignmentRule;
  index: number;
  name: string;
  last: boolean;
  onChange(patch: (r: DraftAssignmentRule) => DraftAssignmentRule): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const { editor, rule, name } = props;
  const { idOf, problemFor } = editor;
  const f = (n: string) => `${rule.uid}.${n}`;
  const set = (patch: Partial<DraftAssignmentRule>) => props.onChange((r) => ({ ...r, ...patch }));
  const owner = editor.owners.find((o) => o.email === rule.email.trim().toLowerCase());
  const action =
    rule.action === 'team'
      ? t('rules.action_team', { team: rule.team || '—' })
      : t('rules.action_owner', { name: owner ? (owner.active ? owner.name : t('owners.inactive_choice', { name: owner.name })) : rule.email || '—' });
  const teams = [...new Set([...editor.owners.flatMap((o) => (o.team ? [o.team] : [])), ...(rule.team ? [rule.team] : [])])].sort();
  const people = editor.owners.filter((o) => o.active || o.email === rule.email);

  return (
    <RuleItem
      editor={editor}
      rule={rule}
      name={name}
      testId="assignment-rule"
      kinds={CONDITION_KINDS}
      allowNone
      order={
        <span className="tset__order" aria-hidden="true">
          {props.index + 1}
        </span>
      }
      detail={<span>{action}</span>}
      buttons={
        <MoveButtons
          idUp={idOf(f('up'))}
          idDown={idOf(f('down'))}
          labelUp={t('settings.triage.move_up', { item: name })}
          labelDown={t('settings.triage.move_down', { item: name })}
          first={props.index === 0}
          last={props.last}
          onMove={props.onMove}
        />
      }
      fields={
        <>
          <TextField id={idOf(f('label'))} className="form-grid__wide" label={t('rules.assignment_label')} value={rule.label} problem={problemFor(f('label'))} onChange={(label) => set({ label })} />
          <SelectField
            id={idOf(f('action'))}
            label={t('rules.action')}
            value={rule.action}
            options={[
              { value: 'owner', label: t('assign.kind_owner') },
              { value: 'team', label: t('assign.kind_team') },
            ]}
            onChange={(a) => set({ action: a === 'team' ? 'team' : 'owner' })}
          />
          {rule.action === 'owner' ? (
            <SelectField
              id={idOf(f('email'))}
              label={t('rules.action_person')}
              value={rule.email}
              problem={problemFor(f('email'))}
              options={[
                { value: '', label: t('rules.choose_owner') },
                ...people.map((o) => ({ value: o.email, label: o.active ? `${o.name} <${o.email}>` : t('owners.inactive_choice', { name: o.name }) })),
                ...(rule.email && !people.some((o) => o.email === rule.email) ? [{ value: rule.email, label: rule.email }] : []),
              ]}
              onChange={(email) => set({ email })}
            />
          ) : (
            <SelectField
              id={idOf(f('team'))}
              label={t('rules.action_team_label')}
              value={rule.team}
              problem={problemFor(f('team'))}
              options={[{ value: '', label: t('rules.choose_team') }, ...teams.map((team) => ({ value: team, label: team }))]}
              onChange={(team) => set({ team })}
            />
          )}
        </>
      }
      onChange={set}
      onRemove={props.onRemove}
    />
  );
}
