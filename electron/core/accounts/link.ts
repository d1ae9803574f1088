import type Database from 'better-sqlite3';
import { decideAccount, type AccountFacts, type KeyHolder } from '../../../shared/accounts/decide';
import { corporateDomain } from '../../../shared/accounts/domain';
import { cleanText } from '../../../shared/normalize/text';
import type { DerivableRow, LeadValues } from '../store/lead-store';

/**
 * The account a lead belongs to (shared/accounts/decide.ts), for the lead writer: called inside
 * every write's transaction, so it reads and writes accounts, account_keys and account_flags
 * there and answers `{ accountId }` only when it differs from the row. It runs on every
 * capture: prepared statements and primary-key or index probes only, nothing that grows with
 * the number of leads.
 */
export function accountLinker(sqlite: Database.Database, deps: { newId: () => string; clock: () => number }) {
  const keyOf = sqlite.prepare('SELECT account_id AS accountId, manual, at FROM account_keys WHERE key = ?');
  const accountOf = sqlite.prepare('SELECT id, name_key AS nameKey, domain FROM accounts WHERE id = ?');
  const addKey = sqlite.prepare('INSERT OR IGNORE INTO account_keys (key, account_id, manual, at) VALUES (?, ?, 0, ?)');
  const addAccount = sqlite.prepare('INSERT INTO accounts (id, name, name_key, domain, created_at) VALUES (?, ?, ?, ?, ?)');
  const fillName = sqlite.prepare('UPDATE accounts SET name = ?, name_key = ? WHERE id = ? AND name_key IS NULL');
  const fillDomain = sqlite.prepare('UPDATE accounts SET domain = ? WHERE id = ? AND domain IS NULL');
  const flagOf = sqlite.prepare("SELECT id, account_ids AS accountIds FROM account_flags WHERE kind = 'same_name' AND name_key = ?");
  const addFlag = sqlite.prepare("INSERT INTO account_flags (id, kind, name_key, account_ids, state, at) VALUES (?, 'same_name', ?, ?, 'open', ?)");
  const growFlag = sqlite.prepare("UPDATE account_flags SET account_ids = ?, state = 'open', at = ? WHERE id = ?");

  const keyRow = (key: string) => keyOf.get(key) as { accountId: string; manual: number; at: number } | undefined;

  /**
   * A key's holder with the facts of its account. The decision reads those facts only when the
   * other key is unknown (a new spelling at a known domain; a known name at a new domain), so
   * the usual capture, both keys known, probes no account row.
   */
  function holder(row: ReturnType<typeof keyRow>, needFacts: boolean): (KeyHolder & { account: AccountFacts }) | null {
    if (!row) return null;
    const unread = { id: row.accountId, nameKey: null, domain: null };
    const account = needFacts ? ((accountOf.get(row.accountId) as AccountFacts | undefined) ?? unread) : unread;
    return { accountId: row.accountId, manual: row.manual === 1, at: row.at, account };
  }

  /**
   * One flag per name: a third domain under the same name joins the open question rather than
   * asking it again; a person's "these are different" (dismissed) is asked again only when a
   * new account appears under the name.
   */
  function flag(nameKey: string, ids: string[], at: number): void {
    const existing = flagOf.get(nameKey) as { id: string; accountIds: string } | undefined;
    if (!existing) {
      addFlag.run(deps.newId(), nameKey, JSON.stringify(ids), at);
      return;
    }
    const known = JSON.parse(existing.accountIds) as string[];
    const added = ids.filter((id) => !known.includes(id));
    if (added.length > 0) growFlag.run(JSON.stringify([...known, ...added]), at, existing.id);
  }

  return {
    link(row: DerivableRow): LeadValues {
      const nameKey = row.companyKey;
      const domain = corporateDomain(row.email);
      if (nameKey === null && domain === null) return row.accountId === null ? {} : { accountId: null };
      const byName = nameKey === null ? undefined : keyRow(`n:${nameKey}`);
      const byDomain = domain === null ? undefined : keyRow(`d:${domain}`);
      const decision = decideAccount({
        nameKey,
        domain,
        byName: holder(byName, domain !== null && !byDomain),
        byDomain: holder(byDomain, nameKey !== null && !byName),
      });
      const at = deps.clock();
      let accountId = decision.account;
      if (accountId === 'new') {
        accountId = deps.newId();
        const name = cleanText(row.company) ?? domain ?? nameKey!;
        addAccount.run(accountId, name, nameKey, domain, at);
      } else if (accountId !== null) {
        if (decision.fill.nameKey) fillName.run(cleanText(row.company) ?? decision.fill.nameKey, decision.fill.nameKey, accountId);
        if (decision.fill.domain) fillDomain.run(decision.fill.domain, accountId);
      }
      if (accountId !== null) {
        for (const key of decision.addKeys) addKey.run(key, accountId, at);
        if (decision.flagWith !== null && nameKey !== null) flag(nameKey, [decision.flagWith, accountId], at);
      }
      return accountId === row.accountId ? {} : { accountId };
    },
  };
}
