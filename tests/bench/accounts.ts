/**
 * `accounts_100k_s` (issue 9, target < 2): 100,000 leads grouped into accounts from nothing.
 * The leads are stored as a database from before accounts leaves them (no account, no keys;
 * score, grade and person already right), and the app is opened: its link at open walks every
 * lead through the lead writer's batch path for accounts (store/lead-link-writer.ts), which
 * decides each lead's account with the writer's linker and writes it, in 2,000-lead
 * transactions. The figure is that open, whole.
 *
 * The companies are what a big show brings: 10,000 companies, each written three ways (前株,
 * 後株, English), most people at a corporate address (some on a department's host), a fifth
 * on free mail, and one company in a hundred sharing its name with an unrelated domain.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { dispatch } from '../../electron/dispatch';
import { accountLinker } from '../../electron/core/accounts/link';
import { leadStore, NEW_LEAD_DEFAULTS } from '../../electron/core/store/lead-store';
import { personKeys } from '../../shared/dedupe/keys';
import { deriveLead } from '../../shared/lead/derive';
import { companyKey } from '../../shared/normalize/company';
import { compileRules, DEFAULT_RULES } from '../../shared/triage/rules';
import { TriageSettings } from '../../shared/triage/settings';
import { person } from './data';
import { seededAsLinked } from '../support/seeded';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const COMPANIES = 10_000;
const STEMS = ['サンプル', '東京テクノ', '大阪システムズ', 'みらい', '日本データ', 'アクメ', '北海道ソフト', '九州電子', 'Acme', 'Globex'];
const FREE = ['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp', 'outlook.jp'];

/** Company c of lead i: one of its spellings, and the address the person wrote. */
function company(i: number): { company: string; email: string | null } {
  const c = (i * 7919) % COMPANIES;
  // The company's k-th person: the spelling, host and kind of address vary within a company.
  const k = Math.floor(i / COMPANIES);
  const stem = `${STEMS[c % STEMS.length]}${Math.floor(c / STEMS.length)}`;
  const spelling = [`株式会社${stem}`, `${stem}(株)`, `${stem} Co., Ltd.`][(i + k) % 3]!;
  // One company in a hundred also appears under an unrelated domain: a flag, not a join.
  if (c % 100 === 0 && k === 3) return { company: spelling, email: `user${i}@other${c}.com` };
  const m = (i + k * 7) % 20;
  if (m < 4) return { company: spelling, email: `user${i}@${FREE[m]}` };
  if (m === 4) return { company: spelling, email: null };
  return { company: spelling, email: `user${i}@${k % 3 === 1 ? `sales.c${c}` : `c${c}`}.co.jp` };
}

/**
 * The linker's own share (`accounts_link_only_100k_s`): every lead's account decided again
 * from empty account tables by the writer's per-lead `link` alone (every key probed, as a
 * capture does), in one transaction, no lead row written: what accounts add to a write.
 */
function linkerAlone(sqlite: Database.Database, now: number): { wall: number; cpu: number } {
  let n = 0;
  const linker = accountLinker(sqlite, { newId: () => `acct-${n++}`, clock: () => now });
  const leads = leadStore(sqlite);
  sqlite.exec('DELETE FROM accounts; DELETE FROM account_keys; DELETE FROM account_flags');
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  sqlite.transaction(() => {
    for (let after: number | null = 0; after !== null; ) {
      const rows = leads.derivableAfter(after, 2000);
      for (const row of rows) linker.link({ ...row, accountId: null });
      after = rows.length === 2000 ? rows[rows.length - 1]!.rowid_ : null;
    }
  })();
  const cpu = process.cpuUsage(cpu0);
  return { wall: Number((Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3)), cpu: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)) };
}

/** A database file of `leads` leads stored as before accounts: no account, no keys, never linked. */
export async function seedAccounts(dbFile: string, leads: number, now: number): Promise<void> {
  const app = createApp({ dbFile, shell: 'cli', clock: () => now });
  try {
    const created = await dispatch(app.handlers, 'events.create', { name: 'Accounts Expo' });
    if (!created.ok) throw new Error(created.error.message);
    const eventId = (created.data as { id: string }).id;
    log(`accounts: seeding ${leads.toLocaleString('en')} leads with no account…`);
    const settings = TriageSettings.parse({});
    const rules = { score: compileRules(DEFAULT_RULES), followUpHours: settings.followUpHours, isTarget: () => false };
    const sqlite = app.database.sqlite;
    const store = leadStore(sqlite);
    const addPerson = sqlite.prepare('INSERT INTO persons (id, created_at) VALUES (?, ?)');
    sqlite.transaction(() => {
      for (let i = 0; i < leads; i++) {
        const p = person(i);
        const { company: name, email } = company(i);
        const fullName = `${p.family} ${p.given}`;
        const capturedAt = now - (leads - i) * 1000;
        const row = {
          ...NEW_LEAD_DEFAULTS, id: `acc-${String(i).padStart(8, '0')}`, eventId, badgeId: p.badgeId, fullName,
          familyName: p.family, givenName: p.given, familyNameKana: p.familyKana, givenNameKana: p.givenKana,
          company: name, companyKey: companyKey(name) ?? null, department: p.department, title: p.title, email, phone: p.phone,
          source: 'scanner' as const, capturedBy: 'bench', capturedAt, updatedAt: capturedAt,
        };
        const derived = deriveLead({ ...row, answers: {} }, rules);
        addPerson.run(`per-${row.id}`, capturedAt);
        store.insert({
          ...row, ...derived, ...personKeys({ email, phone: p.phone, familyName: p.family, givenName: p.given, fullName }),
          personId: `per-${row.id}`,
        });
      }
      // As before accounts: never linked.
      sqlite.prepare("DELETE FROM settings WHERE key = 'accounts.linked'").run();
    })();
    seededAsLinked(sqlite);
  } finally {
    app.close();
  }
}

export async function benchAccounts(leads = 100_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-accounts-bench-'));
  const dbFile = path.join(dir, 'accounts.db');
  const now = Date.parse('2026-12-01T09:00:00Z');
  await seedAccounts(dbFile, leads, now);

  log('accounts: opening the app, which links every lead to its account…');
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const opened = createApp({ dbFile, shell: 'cli', clock: () => now });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const count = (sql: string) => opened.database.sqlite.prepare(sql).pluck().get() as number;
  const unlinked = count('SELECT count(*) FROM leads WHERE account_id IS NULL AND company IS NOT NULL');
  const made = { accounts: count('SELECT count(*) FROM accounts'), flags: count('SELECT count(*) FROM account_flags') };
  const linkOnly = linkerAlone(opened.database.sqlite, now);
  const figures = {
    accounts_100k_s: Number(seconds.toFixed(3)),
    // On a shared machine the wall time says how busy it was too; the CPU time is this work's own.
    accounts_100k_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
    accounts_link_only_100k_s: linkOnly.wall,
    accounts_link_only_100k_cpu_s: linkOnly.cpu,
    accounts_made: made.accounts,
    account_flags: made.flags,
  };
  opened.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (unlinked > 0) throw new Error(`${unlinked} leads with a company were left without an account`);
  return figures;
}

// Run on its own: `npx tsx tests/bench/accounts.ts [LEADS]`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  benchAccounts(Number(process.argv[2] ?? 100_000))
    .then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
