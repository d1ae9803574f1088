import { useEffect, useId, useState, type ReactNode } from 'react';
import { CONNECTOR_NAMES } from '../../../shared/delivery/connectors';
import type { EventSummary } from '../../../shared/model';
import { Rating } from '../../../shared/model';
import type { Question } from '../../../shared/qualify/form';
import { DeliveryFilterState, type TriageFilter } from '../../../shared/triage/api';
import type { Owner } from '../../../shared/triage/assign';
import { Grade } from '../../../shared/triage/grade';
import { LeadStatus } from '../../../shared/triage/status';
import { call } from '../api/client';
import { useI18n } from '../app/i18n';
import { answerValues, dayBound, localDay, scoreBound, set, setAnswer, toggleIn } from './triage-filter';

export interface FilterPanelProps {
  filter: TriageFilter;
  onChange(filter: TriageFilter): void;
  events: readonly EventSummary[];
  owners: readonly Owner[];
  staffNames: readonly string[];
}

/** Every filter the table offers. Values inside one group are alternatives; groups all hold. */
export function FilterPanel(props: FilterPanelProps) {
  const { t } = useI18n();
  const { filter, onChange } = props;
  const change = (next: TriageFilter) => onChange(next);

  return (
    <div className="triage-filters" data-testid="triage-filters">
      <Group legend={t('triage.filter.event')} scroll>
        {props.events.map((event) => (
          <Check key={event.id} label={event.name} checked={filter.eventIds?.includes(event.id) ?? false} onChange={(on) => change(toggleIn(filter, 'eventIds', event.id, on))} />
        ))}
      </Group>
      <Group legend={t('triage.filter.status')}>
        {LeadStatus.options.map((status) => (
          <Check key={status} label={t(`status.${status}`)} checked={filter.statuses?.includes(status) ?? false} onChange={(on) => change(toggleIn(filter, 'statuses', status, on))} />
        ))}
      </Group>
      <Group legend={t('triage.filter.grade')}>
        {Grade.options.map((grade) => (
          <Check key={grade} label={grade} checked={filter.grades?.includes(grade) ?? false} onChange={(on) => change(toggleIn(filter, 'grades', grade, on))} />
        ))}
      </Group>
      <Group legend={t('triage.filter.rating')}>
        {[...Rating.options, 'none' as const].map((rating) => (
          <Check key={rating} label={t(`rating.${rating}`)} checked={filter.ratings?.includes(rating) ?? false} onChange={(on) => change(toggleIn(filter, 'ratings', rating, on))} />
        ))}
      </Group>
      <ScoreRange filter={filter} onChange={change} />
      <Group legend={t('triage.filter.owner')} scroll>
        <Check label={t('triage.no_owner')} checked={filter.owners?.includes(null) ?? false} onChange={(on) => change(toggleIn(filter, 'owners', null, on))} />
        {props.owners.map((owner) => (
          <Check key={owner.email} label={owner.name} checked={filter.owners?.includes(owner.email) ?? false} onChange={(on) => change(toggleIn(filter, 'owners', owner.email, on))} />
        ))}
      </Group>
      <StaffGroup filter={filter} onChange={change} staffNames={props.staffNames} />
      <Dates filter={filter} onChange={change} />
      <Accounts filter={filter} onChange={change} />
      <Group legend={t('triage.filter.other')}>
        <SelectField
          label={t('triage.filter.consent')}
          value={filter.consent ?? ''}
          options={[['', t('triage.filter.any')], ['given', t('triage.filter.consent_given')], ['none', t('triage.filter.consent_none')]]}
          onChange={(v) => change(set(filter, 'consent', (v || undefined) as TriageFilter['consent']))}
        />
        <SelectField
          label={t('triage.filter.ready')}
          value={filter.ready === undefined ? '' : String(filter.ready)}
          options={[['', t('triage.filter.any')], ['true', t('triage.filter.ready_yes')], ['false', t('triage.filter.ready_no')]]}
          onChange={(v) => change(set(filter, 'ready', v === '' ? undefined : v === 'true'))}
        />
        <Check label={t('triage.filter.overdue')} checked={filter.overdue === true} onChange={(on) => change(set(filter, 'overdue', on ? true : undefined))} />
      </Group>
      <Delivery filter={filter} onChange={change} />
      <Answers filter={filter} onChange={change} />
    </div>
  );
}

/**
 * Who captured the lead: the names this device knows, and any other typed in (a bundle from
 * another laptop brings its own staff).
 */
function StaffGroup({ filter, onChange, staffNames }: { filter: TriageFilter; onChange(f: TriageFilter): void; staffNames: readonly string[] }) {
  const { t } = useI18n();
  const id = useId();
  const [typed, setTyped] = useState('');
  const names = [...new Set([...staffNames, ...(filter.staff ?? [])])];
  const add = () => {
    const name = typed.trim();
    if (name) onChange(toggleIn(filter, 'staff', name, true));
    setTyped('');
  };
  return (
    <Group legend={t('triage.filter.staff')} scroll>
      {names.map((staff) => (
        <Check key={staff} label={staff} checked={filter.staff?.includes(staff) ?? false} onChange={(on) => onChange(toggleIn(filter, 'staff', staff, on))} />
      ))}
      <div className="triage-filters__add">
        <label htmlFor={id} className="visually-hidden">
          {t('triage.filter.staff_add')}
        </label>
        <input
          id={id}
          value={typed}
          maxLength={100}
          placeholder={t('triage.filter.staff_add')}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button--quiet" onClick={add} disabled={!typed.trim()}>
          {t('triage.filter.staff_add_button')}
        </button>
      </div>
    </Group>
  );
}

function Group(props: { legend: string; children: ReactNode; scroll?: boolean }) {
  return (
    <fieldset className={props.scroll ? 'triage-filters__group triage-filters__group--scroll' : 'triage-filters__group'}>
      <legend className="field__label">{props.legend}</legend>
      <div className="triage-filters__choices">{props.children}</div>
    </fieldset>
  );
}

function Check(props: { label: string; checked: boolean; onChange(on: boolean): void }) {
  return (
    <label className="check triage-filters__check">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}

function SelectField(props: { label: string; value: string; options: [string, string][]; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field triage-filters__field">
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ScoreRange({ filter, onChange }: { filter: TriageFilter; onChange(f: TriageFilter): void }) {
  const { t } = useI18n();
  const minId = useId();
  const maxId = useId();
  return (
    <Group legend={t('triage.filter.score')}>
      <div className="triage-filters__range">
        <label htmlFor={minId}>{t('triage.filter.score_min')}</label>
        <input id={minId} type="number" min={0} max={100} inputMode="numeric" value={filter.scoreMin ?? ''} onChange={(e) => onChange(set(filter, 'scoreMin', scoreBound(e.target.value)))} />
        <label htmlFor={maxId}>{t('triage.filter.score_max')}</label>
        <input id={maxId} type="number" min={0} max={100} inputMode="numeric" value={filter.scoreMax ?? ''} onChange={(e) => onChange(set(filter, 'scoreMax', scoreBound(e.target.value)))} />
      </div>
    </Group>
  );
}

function Dates({ filter, onChange }: { filter: TriageFilter; onChange(f: TriageFilter): void }) {
  const { t } = useI18n();
  const fromId = useId();
  const toId = useId();
  return (
    <Group legend={t('triage.filter.captured')}>
      <div className="triage-filters__range">
        <label htmlFor={fromId}>{t('triage.filter.from')}</label>
        <input id={fromId} type="date" value={localDay(filter.capturedFrom)} onChange={(e) => onChange(set(filter, 'capturedFrom', dayBound(e.target.value, false)))} />
        <label htmlFor={toId}>{t('triage.filter.to')}</label>
        <input id={toId} type="date" value={localDay(filter.capturedTo)} onChange={(e) => onChange(set(filter, 'capturedTo', dayBound(e.target.value, true)))} />
      </div>
    </Group>
  );
}

/**
 * Leads of target accounts (or of the others), and of the accounts the filter names (the
 * Accounts screen's "show their leads"): each shown by its name, unticked to drop it.
 */
function Accounts({ filter, onChange }: { filter: TriageFilter; onChange(f: TriageFilter): void }) {
  const { t } = useI18n();
  const ids = filter.accountIds;
  const [names, setNames] = useState<ReadonlyMap<string, string> | null>(null);
  const key = ids?.join(',') ?? '';
  useEffect(() => {
    if (!key) return;
    let live = true;
    setNames(null);
    call('accounts.names', { ids: key.split(',') })
      .then((rows) => live && setNames(new Map(rows.map((r) => [r.id, r.name]))))
      .catch(() => live && setNames(new Map()));
    return () => {
      live = false;
    };
  }, [key]);
  return (
    <Group legend={t('triage.filter.accounts')}>
      <SelectField
        label={t('triage.filter.target')}
        value={filter.isTarget === undefined ? '' : String(filter.isTarget)}
        options={[['', t('triage.filter.any')], ['true', t('triage.filter.target_only')], ['false', t('triage.filter.target_none')]]}
        onChange={(v) => onChange(set(filter, 'isTarget', v === '' ? undefined : v === 'true'))}
      />
      {ids?.map((id) => (
        <Check
          key={id}
          label={names === null ? t('app.loading') : (names.get(id) ?? t('triage.filter.account_unknown'))}
          checked
          onChange={(on) => !on && onChange(set(filter, 'accountIds', ids.filter((other) => other !== id)))}
        />
      ))}
    </Group>
  );
}

function Delivery({ filter, onChange }: { filter: TriageFilter; onChange(f: TriageFilter): void }) {
  const { t } = useI18n();
  const delivery = filter.delivery;
  return (
    <Group legend={t('triage.filter.delivery')}>
      <SelectField
        label={t('triage.filter.connector')}
        value={delivery?.connector ?? ''}
        options={[['', t('triage.filter.any')], ...CONNECTOR_NAMES.map((c): [string, string] => [c, t(`connector.${c}`)])]}
        onChange={(v) =>
          onChange(set(filter, 'delivery', v ? { connector: v as (typeof CONNECTOR_NAMES)[number], state: delivery?.state ?? 'attention' } : undefined))
        }
      />
      {delivery && (
        <SelectField
          label={t('triage.filter.delivery_state')}
          value={delivery.state}
          options={DeliveryFilterState.options.map((s): [string, string] => [s, t(`triage.delivery.${s}`)])}
          onChange={(v) => onChange(set(filter, 'delivery', { connector: delivery.connector, state: DeliveryFilterState.parse(v) }))}
        />
      )}
    </Group>
  );
}

/** The questions of the one event chosen: answers are only comparable within one form. */
function Answers({ filter, onChange }: { filter: TriageFilter; onChange(f: TriageFilter): void }) {
  const { t, lang } = useI18n();
  const eventId = filter.eventIds?.length === 1 ? filter.eventIds[0]! : null;
  const [questions, setQuestions] = useState<Question[]>([]);
  useEffect(() => {
    if (!eventId) return setQuestions([]);
    let live = true;
    call('forms.get', { eventId })
      .then((form) => live && setQuestions(form.questions.filter((q) => q.kind === 'single' || q.kind === 'multiple')))
      .catch(() => live && setQuestions([]));
    return () => {
      live = false;
    };
  }, [eventId]);

  if (!eventId) {
    return (
      <Group legend={t('triage.filter.answers')}>
        <p className="muted">{t('triage.filter.answers_pick_event')}</p>
      </Group>
    );
  }
  return (
    <>
      {questions.map((question) => {
        const chosen = answerValues(filter, question.key);
        return (
          <Group key={question.key} legend={question.label[lang]}>
            {question.options.map((option) => (
              <Check
                key={option.value}
                label={option.label[lang]}
                checked={chosen.includes(option.value)}
                onChange={(on) =>
                  onChange(setAnswer(filter, question.key, on ? [...chosen, option.value] : chosen.filter((v) => v !== option.value)))
                }
              />
            ))}
          </Group>
        );
      })}
    </>
  );
}
