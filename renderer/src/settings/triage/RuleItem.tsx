import type { ReactNode } from 'react';
import type { ConditionKind } from '../../../../shared/triage/condition';
import { Condition } from '../../../../shared/triage/condition';
import { useI18n } from '../../app/i18n';
import { ConditionList } from './ConditionList';
import { conditionsText } from './condition-text';
import { toCondition, type DraftCondition } from './rules-draft';
import type { TriageEditor } from './useTriageEditor';

/** What every rule has: a uid, an on/off switch and the conditions it fires on. */
interface RuleBase {
  uid: string;
  enabled: boolean;
  when: DraftCondition[];
}

/**
 * One scoring or assignment rule in its list: a head that reads as a sentence (name, conditions,
 * what it does) with its switch and buttons, and, opened, its fields and conditions to edit.
 */
export function RuleItem(props: {
  editor: TriageEditor;
  rule: RuleBase;
  name: string;
  testId: string;
  ruleId?: string;
  kinds: readonly ConditionKind[];
  /** Assignment rules may have no condition (a catch-all); scoring rules need one. */
  allowNone: boolean;
  /** Before the switch: the rule's place, where order matters. */
  order?: ReactNode;
  /** Under the conditions' summary: what the rule does or where it applies. */
  detail: ReactNode;
  /** Between the text and the buttons. */
  aside?: ReactNode;
  /** Before the edit and remove buttons. */
  buttons?: ReactNode;
  /** The rule's own fields, above its conditions. */
  fields: ReactNode;
  /** Below the conditions. */
  children?: ReactNode;
  onChange(patch: Partial<RuleBase>): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const { editor, rule, name } = props;
  const { idOf, problemFor } = editor;
  const f = (n: string) => `${rule.uid}.${n}`;
  const open = editor.open.has(rule.uid);
  const conditions = rule.when.map(toCondition);
  const summary = conditions.every((c) => Condition.safeParse(c).success) ? conditionsText(conditions, editor.text) : t('rules.incomplete');
  const hasProblem = editor.problems.some((p) => p.row === rule.uid);

  return (
    <li className={`tset__rule${rule.enabled ? '' : ' tset__rule--off'}${hasProblem ? ' tset__rule--problem' : ''}`} data-testid={props.testId} data-rule-id={props.ruleId}>
      <div className="tset__rule-head">
        {props.order}
        <label className="field--inline">
          <input type="checkbox" checked={rule.enabled} aria-label={t('rules.enabled_of', { name })} onChange={(e) => props.onChange({ enabled: e.target.checked })} />
        </label>
        <div className="tset__rule-text">
          <strong>{name}</strong>
          <span className="muted">{summary}</span>
          {props.detail}
        </div>
        {props.aside}
        <div className="actions actions--tight">
          {props.buttons}
          <button
            type="button"
            id={idOf(f('edit'))}
            className="button"
            aria-expanded={open}
            aria-controls={idOf(f('editor'))}
            aria-label={t(open ? 'rules.close_rule' : 'rules.edit_rule', { name })}
            onClick={() => editor.toggleOpen(rule.uid)}
          >
            {t(open ? 'rules.close' : 'rules.edit')}
          </button>
          <button type="button" id={idOf(f('remove'))} className="button button--quiet" aria-label={t('rules.remove_rule', { name })} onClick={props.onRemove}>
            {t('rules.remove')}
          </button>
        </div>
      </div>
      {open && (
        <div id={idOf(f('editor'))} className="tset__editor">
          <div className="form-grid">{props.fields}</div>
          <ConditionList
            conditions={rule.when}
            kinds={props.kinds}
            allowNone={props.allowNone}
            owner={name}
            ruleUid={rule.uid}
            idOf={idOf}
            problemFor={problemFor}
            questions={editor.questions}
            events={editor.events}
            onChange={(when) => props.onChange({ when })}
            onFocusLater={editor.focusLater}
          />
          {props.children}
        </div>
      )}
    </li>
  );
}
