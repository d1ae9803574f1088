/**
 * 名寄せ figures: every candidate duplicate pair among 100,000 leads (issue 9: under 3 s, and
 * never quadratic). The leads are a season of four shows of real-looking Japanese attendees
 * (150 common names, so a name alone blocks hundreds of leads together), with 2,000 people
 * met twice at one show under another spelling (a full-width email, a phone written +81) and
 * 1,000 who came back to another show. Seeded by SQL inserts on a database of its own, with
 * the keys the lead writer derives, so the figure is the scan alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { dispatch } from '../../electron/dispatch';
import { dedupeStore } from '../../electron/core/dedupe/store';
import { leadStore, NEW_LEAD_DEFAULTS } from '../../electron/core/store/lead-store';
import { personKeys } from '../../shared/dedupe/keys';
import { candidatePairs } from '../../shared/dedupe/scan';
import { companyKey } from '../../shared/normalize/company';
import { person } from './data';
import { seededAsLinked } from '../support/seeded';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

const toFullWidth = (text: string) => text.replace(/[!-~]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

export async function benchDuplicates(total = 100_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-dedupe-bench-'));
  const core = createApp({ dbFile: path.join(dir, 'dedupe.db'), shell: 'cli' });
  try {
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await dispatch(core.handlers, name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    };
    const events: string[] = [];
    for (const name of ['EXPO 春', 'EXPO 夏', 'EXPO 秋', 'EXPO 冬']) events.push((await call<{ id: string }>('events.create', { name })).id);

    log(`duplicates: seeding ${total} leads with their 名寄せ keys…`);
    const store = leadStore(core.database.sqlite);
    const now = Date.now();
    const twiceAtOneShow = 2000;
    const cameBack = 1000;
    const originals = total - twiceAtOneShow - cameBack;
    core.database.sqlite.transaction(() => {
      for (let n = 0; n < total; n++) {
        // The copies: people met a second time, at the same show or at the next one.
        const again = n >= originals;
        const i = again ? (n - originals) * 37 : n;
        const p = person(i);
        const sameShow = again && n < originals + twiceAtOneShow;
        const eventId = events[again ? (sameShow ? i % 4 : (i + 1) % 4) : i % 4]!;
        const email = sameShow ? toFullWidth(p.email.toUpperCase()) : p.email;
        const phone = sameShow ? `+81 ${p.phone.slice(1)}` : p.phone;
        const fields = { fullName: `${p.family} ${p.given}`, familyName: p.family, givenName: p.given, email, phone };
        store.insert({
          ...NEW_LEAD_DEFAULTS, ...fields, ...personKeys(fields),
          id: `seed-${String(n).padStart(6, '0')}`, eventId, badgeId: again ? null : p.badgeId,
          familyNameKana: p.familyKana, givenNameKana: p.givenKana, company: p.company, companyKey: companyKey(p.company) ?? null,
          department: p.department, title: p.title, sourceFormat: 'vcard', source: 'scanner', capturedBy: 'bench',
          capturedAt: now - (total - n) * 1000, updatedAt: now, walkIn: 0,
        });
      }
    })();
    seededAsLinked(core.database.sqlite);

    const dedupe = dedupeStore(core.database.sqlite);
    const find = () => {
      const rows = dedupe.subjects();
      const apart = dedupe.decidedApart();
      return candidatePairs(rows, (a, b) => apart.dismissed.has(`${a}\u0000${b}`));
    };
    find(); // warm the page cache and the statements, as an open app has them
    log('duplicates: every candidate pair among them…');
    const runs: number[] = [];
    const cpu: number[] = [];
    let pairs = 0;
    for (let run = 0; run < 3; run++) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      pairs = find().length;
      runs.push(seconds(t));
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1e6);
    }
    // Half the leads should take about half the time: a quadratic scan would take a quarter.
    // CPU time of this process, the blocking alone over rows already read: the shared machine's
    // load moves wall times by several times, the work done does not.
    const all = dedupe.subjects();
    const cpuOf = (fn: () => unknown) => {
      const c = process.cpuUsage();
      fn();
      const used = process.cpuUsage(c);
      return (used.user + used.system) / 1e6;
    };
    const halfCpu = Math.min(...[0, 1, 2].map(() => cpuOf(() => candidatePairs(all.slice(0, total / 2)))));
    const fullCpu = Math.min(...[0, 1, 2].map(() => cpuOf(() => candidatePairs(all))));
    log(`duplicates: ${pairs} candidate pairs`);
    return {
      duplicates_100k_s: round(Math.min(...runs)),
      // This process's CPU time for the same run: what the figure is on an idle machine.
      duplicates_100k_cpu_s: round(Math.min(...cpu)),
      duplicates_100k_pairs: pairs,
      duplicates_50k_blocking_cpu_s: round(halfCpu),
      duplicates_100k_blocking_cpu_s: round(fullCpu),
    };
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx tests/bench/duplicates.ts`: this figure alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  benchDuplicates()
    .then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
