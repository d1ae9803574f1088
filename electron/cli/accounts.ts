import type { Output } from '../../shared/api';
import type { Call } from './export';

type Write = (line: string) => void;

/** Every page of accounts.list, up to this many accounts: a script reads them all, a person a screenful. */
const PAGE = 500;

/**
 * `leadbooth accounts list [--event ID] [--json]`: each account with its people counted once,
 * best grade and whether the target list names it; a table for a person without --json.
 */
export async function accountsList(call: Call, eventId: string | undefined, json: boolean, out: Write) {
  const rows: Output<'accounts.list'>['rows'] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = (await call('accounts.list', {
      ...(eventId ? { eventId } : {}), offset, limit: PAGE, sort: { column: 'leadCount', dir: 'desc' },
    })) as Output<'accounts.list'>;
    rows.push(...page.rows);
    if (page.rows.length < PAGE) break;
  }
  if (json) {
    out(JSON.stringify(rows.map((a) => ({
      id: a.id, name: a.name, domain: a.domain, target: a.target, tier: a.tier, leadCount: a.leadCount, bestGrade: a.bestGrade,
    }))));
    return;
  }
  for (const a of rows) {
    out([a.id, a.name, a.domain ?? '-', a.target ? `target${a.tier ? ` ${a.tier}` : ''}` : '-', `${a.leadCount} leads`, a.bestGrade ?? '-'].join('\t'));
  }
}
