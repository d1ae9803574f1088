import type { Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { isTargetLead } from '../../../shared/lead/derive';
import { isOverdue } from '../../../shared/triage/follow-up';
import type { BulkAction, BulkResult, TriageFilter, TriageTarget } from '../../../shared/triage/api';
import type { Evaluation } from '../../../shared/triage/rules';
import type { CoreDeps } from '../deps';
import { leadStore, parseAnswers, toLead, type FullLeadRow } from '../store/lead-store';
import type { LeadWriter } from '../store/lead-writer';
import { statusStore } from '../store/status-store';
import { touchStore } from '../store/touch-store';
import type { OwnerStore } from './owners';
import type { Rescorer } from './rescore';
import type { TriageRulesStore } from './rules-store';
import type { StatusService } from './status';

type TriageHandlers = Pick<
  Handlers,
  | 'rules.get' | 'rules.save' | 'owners.list' | 'owners.save' | 'leads.setStatus' | 'leads.detail' | 'score.explain'
  | 'triage.bulk'
>;

export interface TriageParts {
  writer: LeadWriter;
  rules: TriageRulesStore;
  owners: OwnerStore;
  status: StatusService;
  rescore: Rescorer;
  /** The ids of every live lead a filter matches now (the Triage table's query). */
  matching: (filter: TriageFilter) => string[];
}

/** Leads per transaction in a bulk action: the booth's captures interleave between chunks. */
const BULK_CHUNK = 500;
const PROBLEMS_SHOWN = 20;

export function triageHandlers(deps: CoreDeps, parts: TriageParts): TriageHandlers {
  const { writer, rules, owners, status } = parts;
  const leads = leadStore(deps.sqlite);
  const touches = touchStore(deps.sqlite);
  const history = statusStore(deps.sqlite);

  /** The evaluation behind the stored score and grade, with every rule that fired. */
  function explain(row: FullLeadRow): Evaluation {
    const current = rules.current();
    return current.derive.score({ ...row, answers: parseAnswers(row.answers), isTarget: isTargetLead(row, current.derive) });
  }

  /** One lead through one action; a refusal is the lead's code, not the batch's failure. */
  function apply(row: FullLeadRow, action: BulkAction, staff: string | null, now: number): 'changed' | 'unchanged' {
    const edit = (detail: Record<string, unknown>) => ({ kind: 'edit' as const, staff, detail });
    switch (action.kind) {
      case 'status':
        return status.move(row, { to: action.to, reason: action.reason ?? null, actor: staff, source: 'app' }, now) === 'unchanged'
          ? 'unchanged'
          : 'changed';
      case 'owner':
        if (row.owner === action.owner) return 'unchanged';
        writer.change(row, { owner: action.owner }, edit({ owner: { from: row.owner, to: action.owner } }), now);
        return 'changed';
      case 'assign':
        return writer.assign(row, now, staff) === row ? 'unchanged' : 'changed';
      case 'rating':
        if (row.rating === action.rating) return 'unchanged';
        writer.change(row, { rating: action.rating }, edit({ rating: action.rating }), now);
        return 'changed';
      case 'ready':
        if ((row.readyAt !== null) === action.ready) return 'unchanged';
        writer.change(row, { readyAt: action.ready ? now : null }, edit({ ready: action.ready }), now);
        return 'changed';
      case 'delete':
        writer.change(row, { deletedAt: now }, { kind: 'delete', staff, detail: null }, now);
        return 'changed';
    }
  }

  const bulkChunk = writer.transaction((ids: string[], action: BulkAction, staff: string | null, now: number, out: BulkResult) => {
    for (const id of ids) {
      const row = leads.get(id);
      if (!row || row.deletedAt !== null) {
        out.refused++;
        if (out.problems.length < PROBLEMS_SHOWN) out.problems.push({ id, code: 'lead.not_found' });
        continue;
      }
      try {
        out[apply(row, action, staff, now)]++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        out.refused++;
        if (out.problems.length < PROBLEMS_SHOWN) out.problems.push({ id, code: err.code });
      }
    }
  });

  function targetIds(target: TriageTarget): string[] {
    return 'ids' in target ? [...new Set(target.ids)] : parts.matching(target.filter);
  }

  return {
    'rules.get': () => {
      const { scoring, settings } = rules.current();
      return { scoring, triage: settings };
    },
    'rules.save': ({ scoring, triage }) => {
      if (scoring) rules.saveScoring(scoring);
      if (triage) rules.saveSettings(triage);
      const result = parts.rescore.all();
      const { scoring: s, settings } = rules.current();
      return { rules: { scoring: s, triage: settings }, ...result };
    },
    'owners.list': () => owners.list(),
    'owners.save': (owner) => {
      const saved = owners.save(owner);
      rules.invalidate();
      return saved;
    },
    'leads.setStatus': ({ id, to, reason, staff }) => toLead(status.set(id, { to, reason: reason ?? null, actor: staff ?? null, source: 'app' })),
    'leads.detail': ({ id }) => {
      const row = leads.get(id);
      if (!row) throw new AppError('lead.not_found', `No lead ${id}`);
      return {
        lead: toLead(row),
        touches: touches.forLead(id),
        statusHistory: history.forLead(id),
        explanation: explain(row),
        overdue: isOverdue(row.followUpDue, row.status, deps.clock()),
      };
    },
    'score.explain': ({ id }) => {
      const row = leads.get(id);
      if (!row) throw new AppError('lead.not_found', `No lead ${id}`);
      return { lead: toLead(row), explanation: explain(row) };
    },
    'triage.bulk': ({ target, action, staff }) => {
      const ids = targetIds(target);
      const out: BulkResult = { changed: 0, unchanged: 0, refused: 0, problems: [] };
      const now = deps.clock();
      for (let i = 0; i < ids.length; i += BULK_CHUNK) bulkChunk(ids.slice(i, i + BULK_CHUNK), action, staff ?? null, now, out);
      return out;
    },
  };
}
