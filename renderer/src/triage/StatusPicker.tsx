import { useId } from 'react';
import { REASON_ALLOWED, REASON_REQUIRED, type LeadStatus, type RejectionReason } from '../../../shared/triage/status';
import { useI18n } from '../app/i18n';

/** The status and, where it takes one, the reason a change sends (leads.setStatus, a bulk status action). */
export function statusChange(to: LeadStatus, reason: string): { to: LeadStatus; reason?: string } {
  return { to, ...(REASON_ALLOWED.has(to) && reason ? { reason } : {}) };
}

/** A rejection waits for its reason; other statuses go without one. */
export const reasonMissing = (to: LeadStatus, reason: string) => REASON_REQUIRED.has(to) && reason === '';

/**
 * The status to move leads to and, for a status that takes one, the reason chosen from the
 * settings' list: required for a rejection, optional otherwise. Used by the detail panel (one
 * lead, the moves its status allows) and the bulk bar (any status).
 */
export function StatusPicker(props: {
  label: string;
  choices: readonly LeadStatus[];
  /** The empty first option while nothing is chosen; none where a status is always chosen. */
  placeholder?: string;
  status: LeadStatus | '';
  reason: string;
  reasons: readonly RejectionReason[];
  onStatus(status: LeadStatus | ''): void;
  onReason(reason: string): void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const { status } = props;
  return (
    <>
      <div className="field field--inline">
        <label htmlFor={`${id}-status`} className="field__label">
          {props.label}
        </label>
        <select id={`${id}-status`} value={status} onChange={(e) => props.onStatus(e.target.value as LeadStatus | '')}>
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.choices.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {status && REASON_ALLOWED.has(status) && (
        <div className="field field--inline">
          <label htmlFor={`${id}-reason`} className="field__label">
            {t(REASON_REQUIRED.has(status) ? 'status.reason' : 'status.reason_optional')}
          </label>
          <select id={`${id}-reason`} value={props.reason} onChange={(e) => props.onReason(e.target.value)}>
            <option value="">{t('status.reason_choose')}</option>
            {props.reasons.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label[lang]}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}
