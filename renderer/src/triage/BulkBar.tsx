import { useId, useState, type FormEvent } from 'react';
import type { Rating } from '../../../shared/model';
import type { BulkAction, BulkResult, TriageTarget } from '../../../shared/triage/api';
import type { Owner } from '../../../shared/triage/assign';
import { LeadStatus, type RejectionReason } from '../../../shared/triage/status';
import { call, errorCode, errorDetails } from '../api/client';
import { useI18n } from '../app/i18n';
import { StatusPicker, reasonMissing, statusChange } from './StatusPicker';

const KINDS = ['status', 'owner', 'assign', 'rating', 'ready', 'unready', 'delete', 'export'] as const;
type Kind = (typeof KINDS)[number];

export interface BulkBarProps {
  /** What the action applies to; null: nothing chosen. */
  target: TriageTarget;
  count: number;
  owners: readonly Owner[];
  reasons: readonly RejectionReason[];
  staff: string | null;
  onDone(result: BulkResult): void;
  onExport(): void;
}

/** One action on the chosen leads (or on every lead the filter matches): status, owner, rating, ready, delete, export. */
export function BulkBar(props: BulkBarProps) {
  const { t, error, count } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<Kind>('owner');
  const [status, setStatus] = useState<LeadStatus>('working');
  const [reason, setReason] = useState('');
  const [owner, setOwner] = useState('');
  const [rating, setRating] = useState<Rating | ''>('hot');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const needsReason = kind === 'status' && reasonMissing(status, reason);

  function action(): BulkAction | null {
    switch (kind) {
      case 'status':
        return { kind: 'status', ...statusChange(status, reason) };
      case 'owner':
        return { kind: 'owner', owner: owner || null };
      case 'assign':
        return { kind: 'assign' };
      case 'rating':
        return { kind: 'rating', rating: rating || null };
      case 'ready':
        return { kind: 'ready', ready: true };
      case 'unready':
        return { kind: 'ready', ready: false };
      case 'delete':
        return { kind: 'delete' };
      case 'export':
        return null;
    }
  }

  async function apply(e: FormEvent) {
    e.preventDefault();
    if (kind === 'export') return props.onExport();
    if (kind === 'delete' && !confirming) return setConfirming(true);
    const chosen = action();
    if (!chosen) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('triage.bulk', { target: props.target, action: chosen, ...(props.staff ? { staff: props.staff } : {}) });
      setConfirming(false);
      props.onDone(result);
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="triage-bulk" onSubmit={(e) => void apply(e)} aria-label={t('triage.bulk.label')} data-testid="triage-bulk">
      <div className="field field--inline">
        <label htmlFor={`${id}-kind`} className="field__label">
          {t('triage.bulk.action')}
        </label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as Kind);
            setConfirming(false);
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`triage.bulk.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'status' && (
        <StatusPicker
          label={t('triage.bulk.to_status')}
          choices={LeadStatus.options}
          status={status}
          reason={reason}
          reasons={props.reasons}
          onStatus={(s) => setStatus(LeadStatus.parse(s))}
          onReason={setReason}
        />
      )}
      {kind === 'owner' && (
        <div className="field field--inline">
          <label htmlFor={`${id}-owner`} className="field__label">
            {t('triage.bulk.owner')}
          </label>
          <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">{t('triage.no_owner')}</option>
            {props.owners.map((o) => (
              <option key={o.email} value={o.email}>
                {o.active ? o.name : t('triage.owner_inactive', { name: o.name })}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'rating' && (
        <div className="field field--inline">
          <label htmlFor={`${id}-rating`} className="field__label">
            {t('triage.col.rating')}
          </label>
          <select id={`${id}-rating`} value={rating} onChange={(e) => setRating(e.target.value as Rating | '')}>
            {(['hot', 'warm', 'cold'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`rating.${r}`)}
              </option>
            ))}
            <option value="">{t('rating.none')}</option>
          </select>
        </div>
      )}
      {confirming ? (
        <>
          <span role="alert" className="triage-bulk__confirm">
            {t('triage.bulk.confirm_delete', { count: count(props.count) })}
          </span>
          <button type="submit" className="button button--danger" disabled={busy}>
            {t('triage.bulk.delete_confirmed')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </>
      ) : (
        <button type="submit" className="button button--primary" disabled={busy || needsReason}>
          {busy ? t('upload.working') : t('triage.bulk.apply', { count: count(props.count) })}
        </button>
      )}
      {problem && (
        <p className="notice notice--danger triage-bulk__problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** What a bulk action did, in words: changed, already so, refused (with the first reason). */
export function BulkOutcome({ result }: { result: BulkResult }) {
  const { t, count, error } = useI18n();
  const first = result.problems[0];
  return (
    <p className={result.refused > 0 ? 'notice notice--warning' : 'notice notice--success'} role="status" data-testid="triage-bulk-result">
      {t('triage.bulk.result', { changed: count(result.changed), unchanged: count(result.unchanged), refused: count(result.refused) })}
      {first && ` ${error(first.code)}`}
    </p>
  );
}
