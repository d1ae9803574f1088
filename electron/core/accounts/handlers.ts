import type { Handlers } from '../../../shared/api';
import type { AccountFlag } from '../../../shared/accounts/api';
import { corporateDomain } from '../../../shared/accounts/domain';
import { readTargets, type TargetRow } from '../../../shared/accounts/targets';
import { base64ToBytes } from '../../../shared/base64';
import { AppError } from '../../../shared/errors';
import { iso } from '../../../shared/time';
import type { CoreDeps } from '../deps';
import type { LeadWriter } from '../store/lead-writer';
import type { TriageRulesStore } from '../triage/rules-store';
import type { AccountRelinker } from './relink';
import { accountStore } from './store';

type AccountHandlers = Pick<
  Handlers,
  | 'accounts.list' | 'accounts.get' | 'accounts.merge' | 'accounts.split' | 'accounts.flags' | 'accounts.resolveFlag'
  | 'accounts.dismissFlag' | 'targets.import' | 'targets.list' | 'accounts.names' | 'targets.accounts'
>;

export interface AccountParts {
  writer: LeadWriter;
  rules: TriageRulesStore;
  relink: AccountRelinker;
}

/**
 * The Accounts screen's procedures. A person's merge or split is written as manual account
 * keys (the linker lets them win) and the leads concerned go back through the lead writer, so
 * the choice holds for every later capture, re-derivation and bundle import.
 */
export function accountHandlers(deps: CoreDeps, parts: AccountParts): AccountHandlers {
  const { sqlite } = deps;
  const { writer, rules, relink } = parts;
  const store = accountStore(sqlite);
  const moveKeys = sqlite.prepare('UPDATE account_keys SET account_id = ?, manual = 1, at = ? WHERE account_id = ?');
  const markMerged = sqlite.prepare('UPDATE accounts SET merged_into = @into WHERE id = @from OR merged_into = @from');
  const inherit = sqlite.prepare(
    'UPDATE accounts SET domain = COALESCE(domain, @domain), name_key = COALESCE(name_key, @nameKey) WHERE id = @into',
  );
  const keyRow = sqlite.prepare('SELECT account_id AS accountId FROM account_keys WHERE key = ?');
  const keyCount = sqlite.prepare('SELECT count(*) FROM account_keys WHERE account_id = ?').pluck();
  const otherKey = sqlite.prepare('SELECT key FROM account_keys WHERE account_id = ? AND key LIKE ? ORDER BY at, key LIMIT 1').pluck();
  const moveKey = sqlite.prepare('UPDATE account_keys SET account_id = ?, manual = 1, at = ? WHERE key = ?');
  const addAccount = sqlite.prepare('INSERT INTO accounts (id, name, name_key, domain, created_at) VALUES (?, ?, ?, ?, ?)');
  const setFacts = sqlite.prepare('UPDATE accounts SET name_key = ?, domain = ? WHERE id = ?');
  const spelling = sqlite.prepare(
    'SELECT company FROM leads INDEXED BY leads_account WHERE account_id = ? AND company_key = ? AND company IS NOT NULL LIMIT 1',
  ).pluck();
  const companiesAt = sqlite.prepare(
    'SELECT company, email FROM leads INDEXED BY leads_account WHERE account_id = ? AND company IS NOT NULL AND email IS NOT NULL',
  );
  const flagsIn = sqlite.prepare('SELECT id, kind, name_key AS nameKey, account_ids AS accountIds, state, at FROM account_flags WHERE state = ? ORDER BY at DESC LIMIT 500');
  const flagById = sqlite.prepare('SELECT id, account_ids AS accountIds, state FROM account_flags WHERE id = ?');
  const flagsWith = sqlite.prepare("SELECT id, account_ids AS accountIds, state FROM account_flags WHERE account_ids LIKE ? ESCAPE '\\'");
  const setFlag = sqlite.prepare('UPDATE account_flags SET account_ids = ?, state = ?, at = ? WHERE id = ?');
  const targetsAll = sqlite.prepare('SELECT key, name, domain, tier FROM target_accounts ORDER BY name');
  const targetsClear = sqlite.prepare('DELETE FROM target_accounts');
  const targetAdd = sqlite.prepare('INSERT INTO target_accounts (key, name, domain, tier) VALUES (@key, @name, @domain, @tier)');
  const accountsOfKey = sqlite.prepare('SELECT account_id FROM account_keys WHERE key = ?').pluck();

  function live(id: string) {
    const account = store.account(id);
    if (!account) throw new AppError('accounts.not_found', `No account ${id}`, { id });
    if (account.mergedInto !== null) throw new AppError('accounts.merged', `Account ${id} was merged into ${account.mergedInto}`, { id, into: account.mergedInto });
    return account;
  }

  /** Flags naming `from` name `into` instead; a flag left with one account is settled. */
  function repointFlags(from: string, into: string, at: number): void {
    const like = `%"${from.replace(/[\\%_]/gu, '\\$&')}"%`;
    for (const flag of flagsWith.all(like) as { id: string; accountIds: string; state: string }[]) {
      const ids = [...new Set((JSON.parse(flag.accountIds) as string[]).map((id) => (id === from ? into : id)))];
      setFlag.run(JSON.stringify(ids), ids.length < 2 ? 'resolved' : flag.state, at, flag.id);
    }
  }

  function merge(from: string, into: string, now: number): { accountId: string; moved: number } {
    if (from === into) throw new AppError('accounts.merge_same', 'An account cannot be merged into itself');
    const source = live(from);
    live(into);
    const leadIds = store.leadIds(from);
    moveKeys.run(into, now, from);
    markMerged.run({ into, from });
    inherit.run({ into, domain: source.domain, nameKey: source.nameKey });
    repointFlags(from, into, now);
    return { accountId: into, moved: relink.ids(leadIds, now).moved };
  }

  /** The spelling a new account takes: a lead's own, where the split key is a name or a domain. */
  function nameFor(accountId: string, kind: 'n' | 'd', value: string): string {
    if (kind === 'n') return (spelling.get(accountId, value) as string | undefined) ?? value;
    for (const row of companiesAt.iterate(accountId) as Iterable<{ company: string; email: string }>) {
      if (corporateDomain(row.email) === value) return row.company;
    }
    return value;
  }

  function split(id: string, key: string, now: number): { accountId: string; moved: number } {
    const account = live(id);
    const holder = keyRow.get(key) as { accountId: string } | undefined;
    if (!holder || holder.accountId !== id) throw new AppError('accounts.key_not_found', `Account ${id} has no key ${key}`, { id, key });
    if ((keyCount.get(id) as number) < 2) throw new AppError('accounts.split_last_key', 'An account keeps at least one key');
    const kind = key.startsWith('d:') ? 'd' : 'n';
    const value = key.slice(2);
    const created = deps.newId();
    addAccount.run(created, nameFor(id, kind, value), kind === 'n' ? value : null, kind === 'd' ? value : null, now);
    const leadIds = store.leadIds(id);
    moveKey.run(created, now, key);
    // The account left behind names itself by a key it still has.
    const nextOf = (prefix: string) => ((otherKey.get(id, `${prefix}:%`) as string | undefined)?.slice(2) ?? null);
    setFacts.run(
      kind === 'n' && account.nameKey === value ? nextOf('n') : account.nameKey,
      kind === 'd' && account.domain === value ? nextOf('d') : account.domain,
      id,
    );
    return { accountId: created, moved: relink.ids(leadIds, now).moved };
  }

  function flagRow(row: { id: string; kind: string; nameKey: string | null; accountIds: string; state: string; at: number }): AccountFlag {
    const accounts = (JSON.parse(row.accountIds) as string[]).flatMap((accountId) => {
      const account = store.account(accountId);
      return account ? [{ id: account.id, name: account.name, domain: account.domain }] : [];
    });
    return { id: row.id, kind: 'same_name', nameKey: row.nameKey, accounts, state: row.state as AccountFlag['state'], at: iso(row.at) };
  }

  /** Leads whose target mark may differ between two lists: those of the accounts holding a changed key. */
  function affectedLeads(before: TargetRow[], after: TargetRow[]): string[] {
    const keysOf = (rows: TargetRow[]) =>
      new Set(rows.flatMap((r) => [`n:${r.key}`, ...(r.domain ? [`d:${r.domain}`] : [])]));
    const old = keysOf(before);
    const now = keysOf(after);
    const changed = [...old].filter((k) => !now.has(k)).concat([...now].filter((k) => !old.has(k)));
    const accountIds = new Set(changed.flatMap((k) => accountsOfKey.all(k) as string[]));
    return [...accountIds].flatMap((accountId) => store.leadIds(accountId));
  }

  const replaceTargets = writer.transaction((rows: TargetRow[]) => {
    const before = targetsAll.all() as TargetRow[];
    targetsClear.run();
    for (const row of rows) targetAdd.run(row);
    return before;
  });

  return {
    'accounts.list': (input) => store.list(input),
    'accounts.get': ({ id }) => {
      let account = store.account(id);
      // An account merged away opens as the one it went into (a link kept from before the merge).
      for (let hops = 0; account?.mergedInto && hops < 20; hops++) account = store.account(account.mergedInto);
      if (!account) throw new AppError('accounts.not_found', `No account ${id}`, { id });
      return { account: store.summary(account.id)!, keys: store.keys(account.id), people: store.people(account.id) };
    },
    'accounts.merge': ({ from, into }) => writer.transaction(() => merge(from, into, deps.clock()))(),
    'accounts.split': ({ id, key }) => writer.transaction(() => split(id, key, deps.clock()))(),
    'accounts.flags': ({ state }) => (flagsIn.all(state) as Parameters<typeof flagRow>[0][]).map(flagRow),
    'accounts.resolveFlag': ({ id, into }) =>
      writer.transaction(() => {
        const flag = flagById.get(id) as { id: string; accountIds: string; state: string } | undefined;
        if (!flag) throw new AppError('accounts.flag_not_found', `No flag ${id}`, { id });
        const ids = JSON.parse(flag.accountIds) as string[];
        if (!ids.includes(into)) throw new AppError('accounts.flag_account', `Account ${into} is not in flag ${id}`, { id, into });
        const now = deps.clock();
        let moved = 0;
        for (const other of ids) {
          if (other !== into && store.account(other)?.mergedInto === null) moved += merge(other, into, now).moved;
        }
        setFlag.run(JSON.stringify(ids), 'resolved', now, id);
        return { accountId: into, moved };
      })(),
    'accounts.dismissFlag': ({ id }) =>
      writer.transaction(() => {
        const flag = flagById.get(id) as { id: string; accountIds: string } | undefined;
        if (!flag) throw new AppError('accounts.flag_not_found', `No flag ${id}`, { id });
        setFlag.run(flag.accountIds, 'dismissed', deps.clock(), id);
        return {};
      })(),
    'targets.import': ({ file }) => {
      const read = readTargets(base64ToBytes(file));
      const before = replaceTargets(read.rows);
      // The same connection changed the list: data_version does not move for its own writes.
      rules.invalidate();
      const rescored = relink.idsChunked(affectedLeads(before, read.rows)).changed;
      // Every lead the list can mark was re-derived: the re-score at open need not walk them all again.
      rules.saveAppliedFingerprint(rules.current().fingerprint);
      return {
        encoding: read.encoding,
        imported: read.rows.length,
        rejectedCount: read.rejected.length,
        rejected: read.rejected.slice(0, 20),
        rescored,
      };
    },
    'targets.list': () => targetsAll.all() as TargetRow[],
    'accounts.names': ({ ids }) => store.names(ids),
    'targets.accounts': () => store.targets(),
  };
}
