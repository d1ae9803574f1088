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
  // Keyset pages (the cursor of the last row): an offset would repeat or skip an account when a
  // capture in another process moves one between two pages.
  for (let after: string | null = null; ; ) {
    const page = (await call('accounts.list', {
      ...(eventId ? { eventId } : {}), ...(after ? { after } : {}), limit: PAGE, sort: { column: 'leadCount', dir: 'desc' },
    })) as Output<'accounts.list'>;
    rows.push(...page.rows);
    if (!page.next) break;
    after = page.next;
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
