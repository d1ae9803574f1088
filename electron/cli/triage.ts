import fs from 'node:fs';
import type { Output } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { LeadStatus } from '../../shared/triage/status';
import type { Call } from './export';
import { writePrivateFile } from './private-file';

type Write = (line: string) => void;
type Lang = 'ja' | 'en';

/** `leadbooth score explain LEAD_ID [--json] [--language ja|en]`: the rules behind a lead's score and grade. */
export async function scoreExplain(call: Call, id: string, opts: { json: boolean; language: Lang }, out: Write) {
  const { lead, explanation } = (await call('score.explain', { id })) as Output<'score.explain'>;
  if (opts.json) {
    out(JSON.stringify({ id: lead.id, ...explanation }));
    return;
  }
  const lang = opts.language;
  out(`${lead.fullName ?? lead.email ?? lead.id}: score ${explanation.score}, grade ${explanation.grade}`);
  for (const rule of explanation.fired) {
    const effect = rule.points !== undefined ? `${rule.points > 0 ? '+' : ''}${rule.points}` : `grade ${rule.gradeStep! > 0 ? '+1' : '-1'}`;
    out(`  ${rule.dimension.padEnd(8)} ${effect.padStart(8)}  ${rule.label[lang]}`);
  }
  out(`  fit points ${explanation.fitPoints}, interest points ${explanation.interestPoints}`);
  const next = explanation.nextGrade;
  if (!next) out('  top grade');
  else {
    out(`  to reach grade ${next.grade}: ${next.fitPointsNeeded === null ? 'a rule lowering the grade must stop applying' : `${next.fitPointsNeeded} more fit points`}`);
    for (const c of next.candidates.slice(0, 5)) {
      const effect = 'points' in c && c.points !== undefined ? `+${c.points}` : 'grade +1';
      out(`    ${effect.padStart(8)}  ${c.label[lang]}`);
    }
  }
}

/** `leadbooth leads status LEAD_ID STATUS [--reason TEXT] [--staff NAME] [--json]` */
export async function leadsStatus(
  call: Call,
  id: string,
  status: string,
  opts: { reason?: string; staff?: string; json: boolean },
  out: Write,
) {
  const to = LeadStatus.safeParse(status);
  if (!to.success) throw new AppError('api.invalid_input', `Unknown status ${status}: one of ${LeadStatus.options.join(', ')}`);
  const lead = (await call('leads.setStatus', { id, to: to.data, reason: opts.reason, staff: opts.staff })) as Output<'leads.setStatus'>;
  out(opts.json ? JSON.stringify(lead) : `${lead.id}\t${lead.status}${lead.rejectionReason ? `\t${lead.rejectionReason}` : ''}`);
}

/** `leadbooth rules export FILE`: scoring and assignment rules and the triage settings, as JSON. */
export async function rulesExport(call: Call, file: string) {
  const rules = (await call('rules.get', {})) as Output<'rules.get'>;
  writePrivateFile(file, new TextEncoder().encode(`${JSON.stringify(rules, null, 2)}\n`));
  return { file, scoringRules: rules.scoring.rules.length, assignmentRules: rules.triage.assignmentRules.length };
}

/** `leadbooth rules import FILE`: validated by the contract's schemas (rules.save), then every lead is re-scored. */
export async function rulesImport(call: Call, file: string) {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('api.invalid_input', `${file} is not a JSON rules file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { scoring, triage } = (doc ?? {}) as { scoring?: unknown; triage?: unknown };
  if (scoring === undefined && triage === undefined) {
    throw new AppError('api.invalid_input', `${file} has neither "scoring" nor "triage" (export one with \`rules export\`)`);
  }
  const saved = (await call('rules.save', { scoring, triage } as never)) as Output<'rules.save'>;
  return { rescored: saved.rescored, becameMql: saved.becameMql };
}
