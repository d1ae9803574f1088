import { AppError } from '../../../shared/errors';
import { checkTransition, resolveReason, type LeadStatus, type StatusSource } from '../../../shared/triage/status';
import { leadStore, type FullLeadRow } from '../store/lead-store';
import type { LeadWriter } from '../store/lead-writer';
import type { CoreDeps } from '../deps';
import type { TriageRulesStore } from './rules-store';

export interface StatusRequest {
  to: LeadStatus;
  reason?: string | null;
  actor: string | null;
  source: StatusSource;
}

/**
 * Moving a lead along new → working → MQL → SAL / rejected → nurture, or disqualifying it: each
 * move checked against the transitions (shared/triage/status.ts) and kept in the lead's status
 * history by the lead writer, with who, when and why.
 */
export function statusService(deps: CoreDeps, writer: LeadWriter, rules: TriageRulesStore) {
  const leads = leadStore(deps.sqlite);

  function live(id: string): FullLeadRow {
    const row = leads.get(id);
    if (!row || row.deletedAt !== null) throw new AppError('lead.not_found', `No lead ${id}`);
    return row;
  }

  /** Inside a writer transaction: 'unchanged' when the lead is there already (and the reason too). */
  function move(row: FullLeadRow, req: StatusRequest, now: number): FullLeadRow | 'unchanged' {
    const reasons = rules.current().settings.rejectionReasons;
    // A reason may come as its key or as a label in either language ("予算なし").
    const reason = req.reason ? (resolveReason(req.reason, reasons) ?? req.reason) : null;
    const problem = checkTransition(row.status, req.to, reason, reasons);
    if (problem) throw new AppError(problem, `${row.status} → ${req.to}${reason ? ` (${reason})` : ''}`);
    const rejectionReason = req.to === 'rejected' ? reason : null;
    if (row.status === req.to && row.rejectionReason === rejectionReason) return 'unchanged';
    return writer.change(
      row,
      { status: req.to, rejectionReason },
      { kind: 'edit', staff: req.actor, detail: { status: { from: row.status, to: req.to }, ...(reason ? { reason } : {}) } },
      now,
      { source: req.source, actor: req.actor, reason },
    );
  }

  const set = writer.transaction((id: string, req: StatusRequest, now: number): FullLeadRow => {
    const row = live(id);
    const out = move(row, req, now);
    return out === 'unchanged' ? row : out;
  });

  /**
   * Sales' verdict pulled back from a CRM. The CRM is where sales decide, so its verdict stands
   * even where a person here would need a step between (a lead still "new" here accepted
   * there); the history says it came from the CRM. An unknown reason becomes "other".
   */
  const verdict = writer.transaction(
    (leadId: string, to: 'sal' | 'rejected', reasonText: string | null, source: StatusSource, now: number): 'applied' | 'unchanged' | 'refused' => {
      const row = leads.get(leadId);
      if (!row || row.deletedAt !== null) return 'refused';
      const reasons = rules.current().settings.rejectionReasons;
      const reason = to === 'rejected' ? (resolveReason(reasonText ?? '', reasons) ?? (reasons.some((r) => r.key === 'other') ? 'other' : reasons[0]!.key)) : null;
      if (row.status === to && row.rejectionReason === reason) return 'unchanged';
      writer.change(
        row,
        { status: to, rejectionReason: reason },
        { kind: 'edit', staff: null, detail: { status: { from: row.status, to }, source, ...(reasonText ? { crmReason: reasonText } : {}) } },
        now,
        { source, actor: null, reason },
      );
      return 'applied';
    },
  );

  return {
    live,
    move,
    set: (id: string, req: StatusRequest) => set(id, req, deps.clock()),
    applyVerdict: (leadId: string, to: 'sal' | 'rejected', reason: string | null, source: StatusSource) =>
      verdict(leadId, to, reason, source, deps.clock()),
  };
}
export type StatusService = ReturnType<typeof statusService>;
