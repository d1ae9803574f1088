import type Database from 'better-sqlite3';
import { decideAccount, type AccountFacts, type KeyHolder } from '../../../shared/accounts/decide';
import { corporateDomain } from '../../../shared/accounts/domain';
import { cleanText } from '../../../shared/normalize/text';
import { emailDomain } from '../../../shared/triage/free-mail';
import type { DerivableRow, LeadValues } from '../store/lead-store';

/** What linking reads of a lead: its company, the key derived from it, its email and its account. */
export type LinkableRow = Pick<DerivableRow, 'company' | 'companyKey' | 'email' | 'accountId'>;

interface KeyRow {
  accountId: string;
  manual: number;
  at: number;
}

/**
 * What a walk over many leads has read and written of account_keys and accounts, so each key
 * is probed once per walk rather than once per lead (100,000 leads share about 20,000 keys).
 * Kept in step with this linker's own writes; dropped when another connection has committed
 * since it was filled (PRAGMA data_version), since that may have changed the keys.
 */
interface Memo {
  keys: Map<string, KeyRow | null>;
  accounts: Map<string, AccountFacts>;
  /** corporateDomain by the address's domain: a pure function, asked once per host rather than once per lead. */
  domains: Map<string, string | null>;
}
const emptyMemo = (domains = new Map<string, string | null>()): Memo => ({ keys: new Map(), accounts: new Map(), domains });

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
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();

  function keyRow(key: string, memo: Memo | null): KeyRow | undefined {
    if (!memo) return keyOf.get(key) as KeyRow | undefined;
    const known = memo.keys.get(key);
    if (known !== undefined) return known ?? undefined;
    const row = keyOf.get(key) as KeyRow | undefined;
    memo.keys.set(key, row ?? null);
    return row;
  }

  function accountRow(id: string, memo: Memo | null): AccountFacts | undefined {
    const known = memo?.accounts.get(id);
    if (known) return known;
    const row = accountOf.get(id) as AccountFacts | undefined;
    if (row && memo) memo.accounts.set(id, row);
    return row;
  }

  /**
   * A key's holder with the facts of its account. The decision reads those facts only when the
   * other key is unknown (a new spelling at a known domain; a known name at a new domain), so
   * the usual capture, both keys known, probes no account row.
   */
  function holder(row: KeyRow | undefined, needFacts: boolean, memo: Memo | null): (KeyHolder & { account: AccountFacts }) | null {
    if (!row) return null;
    const unread = { id: row.accountId, nameKey: null, domain: null };
    const account = needFacts ? (accountRow(row.accountId, memo) ?? unread) : unread;
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

  function domainOf(email: string | null, memo: Memo | null): string | null {
    if (!memo) return corporateDomain(email);
    const host = emailDomain(email);
    if (host === undefined) return null;
    let domain = memo.domains.get(host);
    if (domain === undefined) memo.domains.set(host, (domain = corporateDomain(email)));
    return domain;
  }

  /** The account of `row` decided and its keys, account and flag written; the memo, when given, follows those writes. */
  function link(row: LinkableRow, memo: Memo | null): LeadValues {
    const nameKey = row.companyKey;
    const domain = domainOf(row.email, memo);
    if (nameKey === null && domain === null) return row.accountId === null ? {} : { accountId: null };
    const byName = nameKey === null ? undefined : keyRow(`n:${nameKey}`, memo);
    const byDomain = domain === null ? undefined : keyRow(`d:${domain}`, memo);
    const decision = decideAccount({
      nameKey,
      domain,
      byName: holder(byName, domain !== null && !byDomain, memo),
      byDomain: holder(byDomain, nameKey !== null && !byName, memo),
    });
    const at = deps.clock();
    let accountId = decision.account;
    if (accountId === 'new') {
      accountId = deps.newId();
      const name = cleanText(row.company) ?? domain ?? nameKey!;
      addAccount.run(accountId, name, nameKey, domain, at);
      memo?.accounts.set(accountId, { id: accountId, nameKey, domain });
    } else if (accountId !== null) {
      const { fill } = decision;
      if (fill.nameKey && fillName.run(cleanText(row.company) ?? fill.nameKey, fill.nameKey, accountId).changes > 0) {
        // Only the facts the decision reads are remembered; the name itself is not one of them.
        const facts = memo?.accounts.get(accountId);
        if (facts) memo!.accounts.set(accountId, { ...facts, nameKey: fill.nameKey });
      }
      if (fill.domain && fillDomain.run(fill.domain, accountId).changes > 0) {
        const facts = memo?.accounts.get(accountId);
        if (facts) memo!.accounts.set(accountId, { ...facts, domain: fill.domain });
      }
    }
    if (accountId !== null) {
      for (const key of decision.addKeys) {
        const added = addKey.run(key, accountId, at).changes > 0;
        // A key the insert left alone points where it pointed: read it again when next asked.
        if (added) memo?.keys.set(key, { accountId, manual: 0, at });
        else memo?.keys.delete(key);
      }
      if (decision.flagWith !== null && nameKey !== null) flag(nameKey, [decision.flagWith, accountId], at);
    }
    return accountId === row.accountId ? {} : { accountId };
  }

  return {
    /** One lead, inside the write's transaction: every key probed afresh. */
    link: (row: LinkableRow): LeadValues => link(row, null),

    /**
     * For a walk over many leads in transactions of its own (the backfill at open): the same
     * decisions as `link`, lead after lead, with the keys and accounts read once per walk.
     * `begin()` opens each transaction of the walk: what was remembered is dropped when
     * another connection committed since the last one. Only this walk writes account keys on
     * this connection while it lasts (its loop runs without giving way to anything else), or
     * the caller says `forget()` after it let another path write them.
     */
    walk() {
      let memo = emptyMemo();
      let version: number | null = null;
      return {
        begin(): void {
          const now = dataVersion.get() as number;
          if (version !== null && now !== version) memo = emptyMemo(memo.domains);
          version = now;
        },
        /** After keys were written past the walk (a lead sent through the whole writer): read them again. */
        forget(): void {
          memo = emptyMemo(memo.domains);
        },
        link: (row: LinkableRow): LeadValues => link(row, memo),
      };
    },
  };
}
export type AccountLinker = ReturnType<typeof accountLinker>;
