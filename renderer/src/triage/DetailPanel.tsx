import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { ConnectorName } from '../../../shared/delivery/connectors';
import type { EventSummary, Lead, Touch } from '../../../shared/model';
import { answerText } from '../../../shared/qualify/answers';
import type { BulkAction, LeadDetail } from '../../../shared/triage/api';
import type { Owner } from '../../../shared/triage/assign';
import type { Evaluation, FiredRule } from '../../../shared/triage/rules';
import { TRANSITIONS, reasonLabel, type LeadStatus, type RejectionReason, type StatusChange, type StatusSource } from '../../../shared/triage/status';
import { call, errorCode, errorDetails } from '../api/client';
import { dateTimeHm, departmentAndTitle, displayKana, displayName } from '../app/format';
import { TargetBadge } from '../accounts/TargetBadge';
import { targetOf, type TargetMarks } from '../accounts/useTargetAccounts';
import { useI18n } from '../app/i18n';
import { PersonEvents } from '../duplicates/PersonEvents';
import { LeadEditor } from '../leads/LeadEditor';
import { PhotoStrip } from '../ui/PhotoStrip';
import { ProblemNotice } from '../ui/ProblemNotice';
import { StatusPicker, reasonMissing, statusChange } from './StatusPicker';
import { useLeadDelivery } from './useLeadDelivery';

export interface DetailPanelProps {
  leadId: string;
  events: ReadonlyMap<string, EventSummary>;
  owners: readonly Owner[];
  reasons: readonly RejectionReason[];
  staff: string | null;
  /** Accounts on the target list: the lead's is marked under its name. */
  targets?: TargetMarks;
  onClose(): void;
  /** The lead changed here (status, owner, ready, an edit): the table shows it at once. */
  onChanged(lead: Lead): void;
  /** The lead was deleted from the editor: the list reloads. */
  onDeleted(lead: Lead): void;
}

/**
 * Everything about one lead beside the table: its facts, status and owner with their controls,
 * why it has its score and grade, its touches and status history, photos, and where it stands
 * with each CRM. Every field, answer and note is edited in the lead editor the Leads screen uses.
 */
export function DetailPanel(props: DetailPanelProps) {
  const { t, error } = useI18n();
  const [detail, setDetail] = useState<LeadDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const { leadId, onChanged } = props;
  const fail = useCallback((err: unknown) => setProblem(error(errorCode(err), errorDetails(err))), [error]);

  const load = useCallback(() => {
    let live = true;
    call('leads.detail', { id: leadId })
      .then((d) => {
        if (!live) return;
        setDetail(d);
        setProblem(null);
      })
      .catch((err: unknown) => live && fail(err));
    return () => {
      live = false;
    };
  }, [leadId, fail]);

  useEffect(() => {
    setDetail(null);
    return load();
  }, [load]);

  /** After a change: the panel reads the lead again (score, history) and the table gets the new row. */
  const changed = useCallback(
    (lead?: Lead) => {
      setProblem(null);
      if (lead) onChanged(lead);
      call('leads.detail', { id: leadId })
        .then((d) => {
          setDetail(d);
          if (!lead) onChanged(d.lead);
        })
        .catch(fail);
    },
    [leadId, onChanged, fail],
  );

  const lead = detail?.lead ?? null;
  const name = lead ? (displayName(lead) ?? t('card.unnamed')) : t('leads.editor_loading');

  return (
    <aside className="triage-detail" aria-label={t('triage.detail.label', { name })} data-testid="triage-detail">
      <header className="triage-detail__header">
        <div>
          <h2>{name}</h2>
          {lead && displayKana(lead) && <p className="triage-detail__kana">{displayKana(lead)}</p>}
          {lead && <p className="triage-detail__sub">{[lead.company, departmentAndTitle(lead)].filter(Boolean).join(' · ')}</p>}
          {lead && props.targets && targetOf(props.targets, lead.accountId) !== undefined && (
            <p className="triage-detail__sub" data-testid="triage-detail-target">
              <TargetBadge tier={targetOf(props.targets, lead.accountId) ?? null} />
            </p>
          )}
        </div>
        <div className="actions actions--tight">
          <button type="button" className="button" onClick={() => setEditing(true)} disabled={!lead}>
            {t('triage.detail.edit')}
          </button>
          <button type="button" className="button button--quiet" onClick={props.onClose}>
            {t('common.close')}
          </button>
        </div>
      </header>
      <ProblemNotice problem={problem} />
      {!detail || !lead ? (
        !problem && <p role="status">{t('leads.editor_loading')}</p>
      ) : (
        <div className="triage-detail__body">
          <Facts detail={detail} event={props.events.get(lead.eventId)} owners={props.owners} />
          <StatusControl lead={lead} reasons={props.reasons} staff={props.staff} onChanged={changed} onProblem={fail} />
          <OwnerControl lead={lead} owners={props.owners} staff={props.staff} onChanged={changed} onProblem={fail} />
          <Explanation explanation={detail.explanation} />
          <Answers lead={lead} />
          <Section title={t('triage.detail.photos')}>
            <PhotoStrip leadId={lead.id} {...(props.staff ? { staff: props.staff } : {})} readOnly={lead.deletedAt !== null} />
          </Section>
          <PersonEvents leadId={lead.id} />
          <Timeline touches={detail.touches} />
          <History history={detail.statusHistory} reasons={props.reasons} />
          <Delivery lead={lead} />
        </div>
      )}
      <LeadEditor
        leadId={editing && lead ? lead.id : null}
        eventId={lead?.eventId ?? ''}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          changed(saved);
        }}
        onDelete={async (deleted) => {
          await call('leads.delete', { id: deleted.id });
          setEditing(false);
          props.onDeleted(deleted);
        }}
      />
    </aside>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="triage-detail__section" aria-labelledby={id} data-testid={testId}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Facts({ detail, event, owners }: { detail: LeadDetail; event: EventSummary | undefined; owners: readonly Owner[] }) {
  const { t } = useI18n();
  const { lead } = detail;
  const owner = owners.find((o) => o.email === lead.owner);
  const facts: [string, ReactNode][] = [
    [t('triage.col.grade'), <span className={`grade grade--${lead.grade}`}>{lead.grade}</span>],
    [t('triage.col.score'), <span className="triage__score">{lead.score}</span>],
    [t('triage.col.status'), <span className={`status-pill status-pill--${lead.status}`}>{t(`status.${lead.status}`)}</span>],
    [t('triage.col.owner'), owner ? `${owner.name} <${owner.email}>` : (lead.owner ?? t('triage.no_owner'))],
    [t('triage.col.rating'), lead.rating ? t(`rating.${lead.rating}`) : t('rating.none')],
    [t('triage.col.event'), event?.name ?? '—'],
    [t('triage.col.captured_at'), t('triage.detail.captured', { at: dateTimeHm(lead.capturedAt), staff: lead.capturedBy ?? '—' })],
    [
      t('triage.col.follow_up'),
      lead.followUpDue ? (
        <span className={detail.overdue ? 'triage__overdue' : undefined}>
          {detail.overdue ? t('triage.detail.follow_up_overdue', { time: dateTimeHm(lead.followUpDue) }) : t('status.follow_up_due', { time: dateTimeHm(lead.followUpDue) })}
        </span>
      ) : (
        t('status.follow_up_none')
      ),
    ],
    [t('triage.detail.touches'), String(lead.touchCount)],
    [t('triage.col.email'), lead.email ?? '—'],
    [t('triage.col.phone'), lead.phone ?? '—'],
    [t('triage.detail.consent'), lead.consentVersion ? t('leads.consent_given', { version: lead.consentVersion }) : t('leads.consent_none')],
  ];
  return (
    <dl className="triage-detail__facts" data-testid="triage-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function StatusControl(props: { lead: Lead; reasons: readonly RejectionReason[]; staff: string | null; onChanged(lead: Lead): void; onProblem(err: unknown): void }) {
  const { t, lang } = useI18n();
  const { lead } = props;
  const choices = TRANSITIONS[lead.status];
  const [to, setTo] = useState<LeadStatus | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setTo('');
    setReason('');
  }, [lead.id, lead.status]);

  async function change() {
    if (!to) return;
    setBusy(true);
    try {
      const saved = await call('leads.setStatus', { id: lead.id, ...statusChange(to, reason), ...(props.staff ? { staff: props.staff } : {}) });
      props.onChanged(saved);
    } catch (err) {
      props.onProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t('triage.detail.status')}>
      <p>
        <span className={`status-pill status-pill--${lead.status}`} data-testid="triage-detail-status">
          {t(`status.${lead.status}`)}
        </span>
        {lead.status === 'rejected' && lead.rejectionReason && ` — ${reasonLabel(lead.rejectionReason, lang, props.reasons)}`}
        {lead.readyAt && <span className="triage-detail__ready">{t('triage.detail.ready_at', { time: dateTimeHm(lead.readyAt) })}</span>}
      </p>
      <div className="triage-detail__controls">
        <StatusPicker
          label={t('triage.detail.change_status')}
          choices={choices}
          placeholder={t('triage.detail.choose_status')}
          status={to}
          reason={reason}
          reasons={props.reasons}
          onStatus={setTo}
          onReason={setReason}
        />
        <button type="button" className="button button--primary" disabled={busy || !to || reasonMissing(to, reason)} onClick={() => void change()}>
          {t('triage.detail.apply_status')}
        </button>
      </div>
    </Section>
  );
}

function OwnerControl(props: { lead: Lead; owners: readonly Owner[]; staff: string | null; onChanged(): void; onProblem(err: unknown): void }) {
  const { t } = useI18n();
  const id = useId();
  const { lead } = props;
  const [owner, setOwner] = useState(lead.owner ?? '');
  const [busy, setBusy] = useState(false);
  useEffect(() => setOwner(lead.owner ?? ''), [lead.id, lead.owner]);

  async function run(action: BulkAction) {
    setBusy(true);
    try {
      await call('triage.bulk', { target: { ids: [lead.id] }, action, ...(props.staff ? { staff: props.staff } : {}) });
      props.onChanged();
    } catch (err) {
      props.onProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t('triage.detail.owner_and_delivery')}>
      <div className="triage-detail__controls">
        <div className="field field--inline">
          <label htmlFor={`${id}-owner`} className="field__label">
            {t('triage.col.owner')}
          </label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">{t('triage.no_owner')}</option>
            {props.owners
              .filter((o) => o.active || o.email === lead.owner)
              .map((o) => (
                <option key={o.email} value={o.email}>
                  {o.team ? t('triage.owner_with_team', { name: o.name, team: o.team }) : o.name}
                </option>
              ))}
          </select>
        </div>
        <button type="button" className="button" disabled={busy || owner === (lead.owner ?? '')} onClick={() => void run({ kind: 'owner', owner: owner || null })}>
          {t('triage.detail.set_owner')}
        </button>
        <button type="button" className="button button--quiet" disabled={busy} onClick={() => void run({ kind: 'assign' })}>
          {t('triage.detail.assign_by_rules')}
        </button>
      </div>
      <div className="triage-detail__controls">
        <button type="button" className="button" disabled={busy || lead.deletedAt !== null} onClick={() => void run({ kind: 'ready', ready: lead.readyAt === null })}>
          {lead.readyAt === null ? t('triage.detail.mark_ready') : t('triage.detail.unmark_ready')}
        </button>
      </div>
    </Section>
  );
}

/** The evaluation that produced the stored score and grade: the explanation is its own output. */
function Explanation({ explanation }: { explanation: Evaluation }) {
  const { t, lang } = useI18n();
  const fit = explanation.fired.filter((r) => r.dimension === 'fit');
  const interest = explanation.fired.filter((r) => r.dimension === 'interest');
  const next = explanation.nextGrade;
  return (
    <Section title={t('triage.explain.title')} testId="triage-explanation">
      <p className="triage-explain__summary">
        {t('triage.explain.summary', { grade: explanation.grade, score: explanation.score, fit: explanation.fitPoints, interest: explanation.interestPoints })}
      </p>
      <FiredList title={t('triage.explain.fit')} rules={fit} />
      <FiredList title={t('triage.explain.interest')} rules={interest} />
      {next ? (
        <div className="triage-explain__next" data-testid="triage-next-grade">
          <p>
            {next.fitPointsNeeded !== null
              ? t('triage.explain.next_points', { grade: next.grade, points: next.fitPointsNeeded })
              : t('triage.explain.next_steps', { grade: next.grade })}
          </p>
          {next.candidates.length > 0 && (
            <ul>
              {next.candidates.map((c) => (
                <li key={c.ruleId}>
                  {c.label[lang]} <Effect points={c.points} gradeStep={c.gradeStep} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p className="muted">{t('triage.explain.top_grade')}</p>
      )}
    </Section>
  );
}

function FiredList({ title, rules }: { title: string; rules: FiredRule[] }) {
  const { t, lang } = useI18n();
  return (
    <div className="triage-explain__list">
      <h4>{title}</h4>
      {rules.length === 0 ? (
        <p className="muted">{t('triage.explain.none_fired')}</p>
      ) : (
        <ul>
          {rules.map((rule) => (
            <li key={rule.ruleId}>
              <span>{rule.label[lang]}</span> <Effect points={rule.points} gradeStep={rule.gradeStep} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Effect({ points, gradeStep }: { points?: number | undefined; gradeStep?: number | undefined }) {
  const { t } = useI18n();
  if (points !== undefined) return <strong className="triage-explain__points">{t('triage.explain.points', { points: points > 0 ? `+${points}` : String(points) })}</strong>;
  if (gradeStep !== undefined) return <strong className="triage-explain__points">{t(gradeStep > 0 ? 'triage.explain.step_up' : 'triage.explain.step_down')}</strong>;
  return null;
}

function Answers({ lead }: { lead: Lead }) {
  const { t, lang } = useI18n();
  const answers = Object.entries(lead.answers);
  return (
    <Section title={t('triage.detail.answers')}>
      {answers.length === 0 ? (
        <p className="muted">{t('triage.detail.no_answers')}</p>
      ) : (
        <dl className="triage-detail__facts">
          {answers.map(([key, answer]) => (
            <div key={key}>
              <dt>{answer.label[lang]}</dt>
              <dd>{answerText(answer, lang)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h4>{t('leads.notes')}</h4>
      <p className="triage-detail__notes">{lead.notes || <span className="muted">{t('triage.detail.no_notes')}</span>}</p>
    </Section>
  );
}

function Timeline({ touches }: { touches: Touch[] }) {
  const { t } = useI18n();
  return (
    <Section title={t('triage.detail.timeline')} testId="triage-timeline">
      <ol className="triage-detail__timeline">
        {touches.map((touch) => (
          <li key={touch.id}>
            <time dateTime={touch.at}>{dateTimeHm(touch.at)}</time> {t(`recent.kind.${touch.kind}`)}
            {touch.staff && <span className="muted"> · {touch.staff}</span>}
          </li>
        ))}
      </ol>
    </Section>
  );
}

function History({ history, reasons }: { history: StatusChange[]; reasons: readonly RejectionReason[] }) {
  const { t, lang } = useI18n();
  /** Where a change came from, when not a person in this app: the command line, a CRM's verdict, the rules. */
  const sourceText = (source: StatusSource): string | null => {
    if (source === 'app') return null;
    if (source === 'cli' || source === 'rules') return t(`triage.source.${source}`);
    const connector = ConnectorName.safeParse(source.slice('crm:'.length));
    return t('triage.source.crm', { name: connector.success ? t(`connector.${connector.data}`) : source });
  };
  return (
    <Section title={t('status.history')} testId="triage-status-history">
      {history.length === 0 ? (
        <p className="muted">{t('triage.detail.no_history')}</p>
      ) : (
        <ol className="triage-detail__timeline">
          {history.map((change, i) => (
            <li key={`${change.at}-${i}`}>
              <time dateTime={change.at}>{dateTimeHm(change.at)}</time>{' '}
              {t('triage.detail.transition', { from: t(`status.${change.from}`), to: t(`status.${change.to}`) })}
              {change.reason && ` — ${reasonLabel(change.reason, lang, reasons)}`}
              <span className="muted">
                {' · '}
                {change.auto ? t('status.history_auto') : (change.actor ?? '—')}
                {sourceText(change.source) && ` (${sourceText(change.source)})`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function Delivery({ lead }: { lead: Lead }) {
  const { t } = useI18n();
  const rows = useLeadDelivery(lead);
  return (
    <Section title={t('triage.detail.delivery')} testId="triage-delivery">
      {rows === null ? (
        <p role="status">{t('leads.editor_loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('triage.detail.no_connectors')}</p>
      ) : (
        <ul className="triage-detail__delivery">
          {rows.map((row) => (
            <li key={row.connector} data-testid={`delivery-${row.connector}`}>
              <strong>{t(`connector.${row.connector}`)}</strong>: {t(`triage.delivery.${row.state}`)}
              {row.deliveredAt && <span className="muted"> · {t('triage.detail.delivered_at', { time: dateTimeHm(row.deliveredAt) })}</span>}
              {row.attempts > 1 && <span className="muted"> · {t('triage.detail.attempts', { count: row.attempts })}</span>}
              {row.lastError && (
                <p className={row.state === 'attention' ? 'notice notice--warning' : 'muted'}>
                  {row.updatedAt ? t('upload.last_error', { time: dateTimeHm(row.updatedAt) }) : null} {row.lastError}
                </p>
              )}
              {row.verdict && (
                <p className="muted">
                  {t('triage.detail.verdict', { value: row.verdict.value ?? '—', time: dateTimeHm(row.verdict.at) })}
                  {row.verdict.reason && ` — ${row.verdict.reason}`}
                  {row.verdict.outcome && ` (${t(`triage.verdict.${row.verdict.outcome}`)})`}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
