import type { Output } from '../../shared/api';
import type { DuplicatePair } from '../../shared/dedupe/api';
import type { Lead } from '../../shared/model';
import type { Call } from './export';

type Write = (line: string) => void;

const PAGE = 500;
const who = (lead: Lead) => lead.fullName ?? ([lead.familyName, lead.givenName].filter(Boolean).join(' ') || lead.email || lead.id);

/** A pair as a script reads it: both leads by id and name, the rule, and whether the rules merged it themselves. */
const shown = (p: DuplicatePair) => ({
  a: { id: p.a.id, eventId: p.a.eventId, name: who(p.a), company: p.a.company, email: p.a.email },
  b: { id: p.b.id, eventId: p.b.eventId, name: who(p.b), company: p.b.company, email: p.b.email },
  scope: p.scope, rule: p.rule, auto: p.auto, state: p.state, mergeId: p.mergeId, createdAt: p.createdAt,
});

/**
 * `leadbooth duplicates list [--event ID] [--json]`: every pair the rules found, open and done
 * (merged by themselves or by a person, linked across events), newest first.
 */
export async function duplicatesList(call: Call, eventId: string | undefined, json: boolean, out: Write) {
  const all: DuplicatePair[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = (await call('duplicates.list', { eventId, state: 'all', offset, limit: PAGE })) as Output<'duplicates.list'>;
    all.push(...page.rows);
    if (page.rows.length < PAGE) break;
  }
  if (json) {
    out(JSON.stringify(all.map(shown)));
    return;
  }
  for (const p of all) {
    out([p.state, p.auto ? 'auto' : 'manual', p.rule, p.scope, `${p.a.id} ${who(p.a)}`, `${p.b.id} ${who(p.b)}`, p.mergeId ?? ''].join('\t'));
  }
}
