/**
 * Triage figures: the Triage table's query (a filter, a sort and a page; 200 mixed queries,
 * follow-on pages through the cursor and text searches among them), the plain leads list's
 * first page, and a re-score of every lead after a rule change. Each run seeds its own
 * database directly (SQL inserts in transactions, as the main bench does), so the figures of
 * the main run are untouched by it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { dispatch } from '../../electron/dispatch';
import { leadStore, NEW_LEAD_DEFAULTS } from '../../electron/core/store/lead-store';
import type { Output } from '../../shared/api';
import { personKeys } from '../../shared/dedupe/keys';
import { companyKey } from '../../shared/normalize/company';
import type { TriageFilter, TriageSort } from '../../shared/triage/api';
import { person, vcard } from './data';
import { seededAsLinked } from '../support/seeded';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
type Percentile = (samples: number[], p: number) => number;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

const HOUR = 3_600_000;
const STAFF = ['佐藤', '鈴木', '高橋', '田中', '伊藤', 'Smith'];
export const OWNERS = ['tanaka@example.co.jp', 'sato@example.co.jp', 'suzuki@example.co.jp', 'kimura@example.co.jp', 'jones@example.com'];
const TIMELINE = ['within_3m', 'within_6m', 'within_1y', 'undecided'];
const BUDGET = ['secured', 'requested', 'undecided'];
const FOLLOW_UP = ['call', 'demo', 'documents', 'visit', 'quote'];
const INTEREST = ['product_a', 'product_b', 'services', 'other'];
const label = (v: string) => ({ ja: v, en: v });

/** A cheap deterministic hash: the same lead gets the same values in every run. */
const mix = (i: number, salt: number) => {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519);
  x ^= x >>> 13;
  return (x >>> 0) / 2 ** 32;
};
const pick = <T>(list: readonly T[], r: number) => list[Math.floor(r * list.length)]!;

function answers(i: number) {
  const out: Record<string, unknown> = {};
  const stored = (kind: string, value: unknown) => ({ value, kind, label: label(kind), formVersion: 1 });
  if (mix(i, 11) < 0.6) out.timeline = stored('single', pick(TIMELINE, mix(i, 12)));
  if (mix(i, 13) < 0.5) out.budget = stored('single', pick(BUDGET, mix(i, 14)));
  if (mix(i, 15) < 0.5) out.follow_up = stored('multiple', FOLLOW_UP.filter((_, k) => mix(i, 20 + k) < 0.3));
  if (mix(i, 16) < 0.4) out.interest = stored('multiple', INTEREST.filter((_, k) => mix(i, 30 + k) < 0.4));
  for (const key of ['follow_up', 'interest']) {
    if ((out[key] as { value: string[] } | undefined)?.value.length === 0) delete out[key];
  }
  return JSON.stringify(out);
}

export interface TriageBench {
  call: <T>(name: string, input: unknown) => Promise<T>;
  sqlite: import('better-sqlite3').Database;
  dbFile: string;
  eventIds: string[];
  now: number;
  close: () => void;
}

/**
 * A database of `leads` leads spread over `events` events (the first holds most), with the
 * score, grade, status, owner, rating, answers, consent, ready mark and delivery state varied
 * as a season of shows leaves them, and the search index caught up.
 */
export async function seedTriage(leads: number, events: number): Promise<TriageBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-triage-bench-'));
  const now = Date.parse('2026-12-01T09:00:00Z');
  const dbFile = path.join(dir, 'triage.db');
  const core = createApp({ dbFile, shell: 'cli', clock: () => now });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await dispatch(core.handlers, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  };
  const eventIds: string[] = [];
  for (let e = 0; e < events; e++) eventIds.push((await call<{ id: string }>('events.create', { name: `Triage Expo ${e + 1}` })).id);

  log(`triage: seeding ${leads.toLocaleString('en')} leads in ${events} event(s)…`);
  const sqlite = core.database.sqlite;
  const store = leadStore(sqlite);
  const outbox = sqlite.prepare(
    "INSERT INTO outbox (lead_id, connector, state, attempts, next_attempt_at, updated_at) VALUES (?, 'hubspot', ?, 0, 0, ?)",
  );
  // Each lead its own person with its 名寄せ keys, as the writer's link leaves a lead whose
  // email no other lead shares (every seeded email is different): a write that links it again
  // finds nothing to do, as in a database the app has kept.
  const addPerson = sqlite.prepare('INSERT INTO persons (id, created_at) VALUES (?, ?)');
  const t0 = process.hrtime.bigint();
  const CHUNK = 50_000;
  for (let start = 0; start < leads; start += CHUNK) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(leads, start + CHUNK); i++) {
        const p = person(i);
        // Most leads in the first event; the rest spread over the others.
        const event = events === 1 || mix(i, 1) < 0.6 ? eventIds[0]! : eventIds[1 + Math.floor(mix(i, 2) * (events - 1))]!;
        const g = mix(i, 3);
        const grade = g < 0.1 ? 'A' : g < 0.3 ? 'B' : g < 0.6 ? 'C' : 'D';
        const s = mix(i, 4);
        const status = s < 0.5 ? 'new' : s < 0.65 ? 'working' : s < 0.8 ? 'mql' : s < 0.85 ? 'sal' : s < 0.9 ? 'rejected' : s < 0.95 ? 'nurture' : 'disqualified';
        const capturedAt = now - Math.floor(((leads - i) / leads) * 30 * 24 * HOUR);
        const r = mix(i, 5);
        const id = `tri-${String(i).padStart(8, '0')}`;
        const fullName = `${p.family} ${p.given}`;
        const keys = personKeys({ email: p.email, phone: p.phone, familyName: p.family, givenName: p.given, fullName });
        addPerson.run(`per-${id}`, capturedAt);
        store.insert({
          ...NEW_LEAD_DEFAULTS,
          id, eventId: event, badgeId: p.badgeId, fullName, familyName: p.family,
          givenName: p.given, familyNameKana: p.familyKana, givenNameKana: p.givenKana, company: p.company,
          companyKey: companyKey(p.company) ?? null, department: p.department, title: p.title, email: p.email, phone: p.phone,
          sourceFormat: 'vcard', source: 'scanner', rawPayload: vcard(i), capturedBy: pick(STAFF, mix(i, 6)),
          capturedAt, updatedAt: capturedAt + Math.floor(mix(i, 7) * 48 * HOUR), walkIn: 0,
          rating: r < 0.4 ? null : r < 0.55 ? 'hot' : r < 0.8 ? 'warm' : 'cold',
          notes: mix(i, 8) < 0.1 ? `デモ希望。来月訪問予定 ${i}` : null,
          status, statusAt: capturedAt, owner: mix(i, 9) < 0.6 ? null : pick(OWNERS, mix(i, 10)),
          answers: answers(i), consentVersion: mix(i, 17) < 0.7 ? 'v1' : null, consentAt: mix(i, 17) < 0.7 ? capturedAt : null,
          score: Math.floor(mix(i, 18) * 101), grade, touchCount: 1 + Math.floor(mix(i, 19) * 3),
          readyAt: mix(i, 40) < 0.05 ? capturedAt : null,
          followUpDue: grade === 'A' ? capturedAt + 24 * HOUR : grade === 'B' ? capturedAt + 48 * HOUR : null,
          ...keys, personId: `per-${id}`,
        });
        const d = mix(i, 41);
        if (d < 0.45) outbox.run(id, d < 0.3 ? 'done' : d < 0.4 ? 'pending' : 'attention', capturedAt);
      }
    })();
    seededAsLinked(sqlite);
  }
  log(`triage: seeded in ${(ms(t0) / 1000).toFixed(1)} s; search index catching up…`);
  const t1 = process.hrtime.bigint();
  core.upkeep.runNow();
  log(`triage: indexed in ${(ms(t1) / 1000).toFixed(1)} s`);
  return {
    call,
    sqlite,
    dbFile,
    eventIds,
    now,
    close: () => {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Template {
  filter: TriageFilter;
  sort: TriageSort;
  /** Follow-on pages read through the cursor after the first. */
  pages: number;
}

/** What a marketer does on the Triage screen, each a first page and, for some, the next pages. */
export function templates(eventIds: string[], now: number): Template[] {
  const e0 = eventIds[0]!;
  const day = new Date(now - 3 * 24 * HOUR).toISOString().slice(0, 10);
  const t = (filter: TriageFilter, column: TriageSort['column'], dir: TriageSort['dir'], pages = 0): Template => ({
    filter, sort: { column, dir }, pages,
  });
  return [
    t({}, 'capturedAt', 'desc', 2),
    t({ eventIds: [e0] }, 'capturedAt', 'desc', 2),
    t({ grades: ['A'], statuses: ['mql'], owners: [null] }, 'score', 'desc', 1),
    t({ grades: ['A', 'B'], statuses: ['mql'] }, 'capturedAt', 'desc', 1),
    t({ scoreMin: 60 }, 'score', 'desc', 2),
    t({ statuses: ['new', 'working'], eventIds: [e0] }, 'name', 'asc', 1),
    t({ ratings: ['hot'] }, 'company', 'asc', 1),
    t({ answers: [{ question: 'timeline', anyOf: ['within_3m'] }] }, 'score', 'desc', 1),
    t({ answers: [{ question: 'follow_up', anyOf: ['visit', 'quote'] }], grades: ['A', 'B'] }, 'capturedAt', 'desc'),
    t({ staff: ['佐藤'] }, 'capturedAt', 'asc', 1),
    t({ overdue: true }, 'followUpDue', 'asc', 1),
    t({ query: 'やまだ' }, 'capturedAt', 'desc', 1),
    t({ query: 'サンプル商事' }, 'score', 'desc'),
    t({ query: 'ﾀｶﾊｼ', grades: ['A'] }, 'capturedAt', 'desc'),
    t({ query: 'user4242' }, 'capturedAt', 'desc'),
    t({ owners: [OWNERS[0]!] }, 'updatedAt', 'desc', 1),
    t({ consent: 'given', grades: ['A'] }, 'title', 'asc'),
    t({}, 'grade', 'asc', 1),
    t({}, 'score', 'desc', 1),
    t({ eventIds: [e0] }, 'status', 'asc'),
    t({ eventIds: [e0] }, 'rating', 'desc', 1),
    t({ statuses: ['mql', 'sal'] }, 'owner', 'asc', 1),
    t({ delivery: { connector: 'hubspot', state: 'attention' } }, 'capturedAt', 'desc', 1),
    t({ delivery: { connector: 'hubspot', state: 'not_queued' }, statuses: ['mql'] }, 'score', 'desc'),
    t({ capturedFrom: `${day}T00:00:00.000Z`, capturedTo: `${day}T23:59:59.999Z` }, 'capturedAt', 'desc', 1),
    t({ ready: true }, 'event', 'asc'),
    t({ grades: ['B'] }, 'capturedBy', 'asc'),
    t({ ratings: ['none'], statuses: ['new'] }, 'updatedAt', 'desc'),
  ];
}

/** 200 triage.query calls, cycling through the templates (first page 60 rows, follow-on pages 300, as the screen asks). */
export async function benchTriageQuery(bench: TriageBench, percentile: Percentile, queries = 200) {
  const list = templates(bench.eventIds, bench.now);
  const samples: number[] = [];
  const slow: Record<string, number> = {};
  for (let i = 0; samples.length < queries; i++) {
    const tpl = list[i % list.length]!;
    let after: string | null = null;
    for (let page = 0; page <= tpl.pages && samples.length < queries; page++) {
      const t = process.hrtime.bigint();
      const result: Output<'triage.query'> = await bench.call('triage.query', { filter: tpl.filter, sort: tpl.sort, after, limit: page === 0 ? 60 : 300 });
      const took = ms(t);
      samples.push(took);
      const name = `${JSON.stringify(tpl.filter)} ${tpl.sort.column} ${tpl.sort.dir} p${page}`;
      slow[name] = Math.max(slow[name] ?? 0, took);
      after = result.next;
      if (!after) break;
    }
  }
  // The slowest kinds, for reading a bad p95 (on stderr: the JSON stays figures only).
  const worst = Object.entries(slow).sort((a, b) => b[1] - a[1]).slice(0, 6);
  for (const [name, took] of worst) log(`  triage query ${took.toFixed(1)} ms: ${name}`);
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

/** The plain leads list's first page (no search), as the Leads screen opens it: 20 times. */
export async function benchListFirstPage(bench: TriageBench, percentile: Percentile) {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    await bench.call('leads.list', { eventId: bench.eventIds[0], offset: 0, limit: 200 });
    samples.push(ms(t));
  }
  return round(percentile(samples, 95));
}

/**
 * A scoring rule's points changed and saved: every lead re-derived, the changed ones written
 * through the lead writer. The seed's scores are random, not what the rules give, so a first
 * save brings every lead in line (as the app keeps them: every write derives them) and is
 * logged, not the figure; the figure is the next change of one rule's points, over leads the
 * rules had scored, as a marketer's edit finds them.
 */
export async function benchRescore(bench: TriageBench) {
  const rules = await bench.call<Output<'rules.get'>>('rules.get', {});
  const rule = rules.scoring.rules.find((r) => r.points !== undefined && r.dimension === 'interest') ?? rules.scoring.rules[0]!;
  const withPoints = (points: number) => ({ ...rules.scoring, rules: rules.scoring.rules.map((r) => (r === rule ? { ...r, points } : r)) });
  const t0 = process.hrtime.bigint();
  const aligned = await bench.call<Output<'rules.save'>>('rules.save', { scoring: withPoints((rule.points ?? 0) + 1) });
  log(`triage: the seed's random scores brought in line with the rules: ${aligned.rescored.toLocaleString('en')} leads written in ${(ms(t0) / 1000).toFixed(2)} s (not the figure)`);
  const t = process.hrtime.bigint();
  const saved = await bench.call<Output<'rules.save'>>('rules.save', { scoring: withPoints((rule.points ?? 0) + 2) });
  const seconds = ms(t) / 1000;
  log(`triage: rules.save re-scored ${saved.rescored.toLocaleString('en')} leads (${saved.becameMql} became MQL)`);
  return round(seconds);
}
