import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../../shared/model';
import { DEFAULT_RULES } from '../../../shared/triage/rules';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * Score, grade, automatic MQL, owners and status history kept by the lead writer on a real
 * SQLite file: every path that changes a lead keeps them in step.
 */

let core: TestCore;
afterEach(() => core?.close());

const vcard = (name: string, org: string, title: string, email: string) =>
  ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `ORG:${org}`, `TITLE:${title}`, `EMAIL:${email}`, 'END:VCARD'].join('\r\n');

async function setup() {
  core = openTestCore();
  const event = await core.call('events.create', { name: 'Japan IT Week 秋 2026', kind: 'tradeshow' });
  return event.id;
}

async function scan(eventId: string, payload: string, staff = '佐藤'): Promise<Lead> {
  const { lead } = await core.call('capture.scan', { eventId, payload, staff });
  core.clock.advance(1000);
  return lead;
}

/** The booth's quick qualification: hot, within 3 months, budget secured, visit and quote, consent. */
async function qualifyHot(id: string): Promise<Lead> {
  return core.call('leads.update', {
    id,
    rating: 'hot',
    answers: { timeline: 'within_3m', budget: 'secured', follow_up: ['visit', 'quote'], role: 'decision_maker' },
    staff: '佐藤',
  });
}

const historyOf = (id: string) =>
  core.deps.sqlite.prepare('SELECT from_status AS "from", to_status AS "to", auto, source, actor, reason FROM status_changes WHERE lead_id = ? ORDER BY at, rowid').all(id);

describe('the lead writer derives score and grade', () => {
  it('scores a scan from its title and email, and re-scores when the booth qualifies it', async () => {
    const eventId = await setup();
    const lead = await scan(eventId, vcard('山田 太郎', '株式会社サンプル', '営業本部 部長', 'taro@sample.co.jp'));
    expect(lead.grade).toMatch(/^[AB]$/u);
    expect(lead.score).toBe(0);
    expect(lead.status).toBe('new');

    const qualified = await qualifyHot(lead.id);
    expect(qualified.score).toBeGreaterThanOrEqual(80);
    const stored = await core.call('leads.detail', { id: lead.id });
    expect(stored.lead.score).toBe(qualified.score);
    // The explanation is the evaluation: its interest rules add up to the score.
    const interest = stored.explanation.fired.filter((r) => r.dimension === 'interest').reduce((n, r) => n + (r.points ?? 0), 0);
    expect(Math.min(100, Math.max(0, interest))).toBe(stored.lead.score);
    expect(stored.explanation.grade).toBe(stored.lead.grade);
  });

  it('grades a free-mail intern below a corporate director', async () => {
    const eventId = await setup();
    const intern = await scan(eventId, vcard('佐々木 花', '個人', 'インターン', 'hana@gmail.com'));
    const director = await scan(eventId, vcard('John Smith', 'Acme Corp.', 'Director of IT', 'john@acme.example.com'));
    expect(intern.grade).toBe('D');
    expect(['A', 'B']).toContain(director.grade);
  });

  it('counts a rescan as interest', async () => {
    const eventId = await setup();
    const payload = vcard('山田 太郎', '株式会社サンプル', '課長', 'taro@sample.co.jp');
    const first = await scan(eventId, payload);
    core.clock.advance(10 * 60_000);
    const again = await scan(eventId, payload);
    expect(again.id).toBe(first.id);
    expect(again.touchCount).toBe(2);
    expect(again.score).toBeGreaterThan(first.score);
  });
});

describe('MQL by itself, and owners', () => {
  it('becomes MQL when it first passes the thresholds, gets the default owner, and keeps the history', async () => {
    const eventId = await setup();
    await core.call('owners.save', { email: 'tanaka@sample-sales.jp', name: '田中 一郎', team: '東日本営業', active: true });
    const { triage } = await core.call('rules.get', {});
    await core.call('rules.save', { triage: { ...triage, defaultOwner: 'tanaka@sample-sales.jp' } });

    const lead = await scan(eventId, vcard('山田 太郎', '株式会社サンプル', '部長', 'taro@sample.co.jp'));
    const mql = await qualifyHot(lead.id);
    expect(mql.status).toBe('mql');
    expect(mql.owner).toBe('tanaka@sample-sales.jp');
    expect(historyOf(lead.id)).toEqual([{ from: 'new', to: 'mql', auto: 1, source: 'rules', actor: null, reason: null }]);
  });

  it('does not overrule a person who moves an MQL back to working', async () => {
    const eventId = await setup();
    const lead = await scan(eventId, vcard('山田 太郎', '株式会社サンプル', '部長', 'taro@sample.co.jp'));
    await qualifyHot(lead.id);
    const back = await core.call('leads.setStatus', { id: lead.id, to: 'working', staff: '鈴木' });
    expect(back.status).toBe('working');
    const noted = await core.call('leads.update', { id: lead.id, notes: '来月再訪', staff: '鈴木' });
    expect(noted.status).toBe('working');
  });

  it('assigns a team in turn when leads become MQL', async () => {
    const eventId = await setup();
    for (const [email, name] of [['a@sales.example.jp', '青木'], ['b@sales.example.jp', '馬場'], ['c@sales.example.jp', '千葉']]) {
      await core.call('owners.save', { email: email!, name: name!, team: '東日本営業', active: true });
    }
    const { triage } = await core.call('rules.get', {});
    await core.call('rules.save', {
      triage: {
        ...triage,
        assignmentRules: [{ id: 'east', label: '東日本', when: [{ kind: 'event', in: [eventId] }], assign: { kind: 'team', team: '東日本営業' }, enabled: true }],
      },
    });
    const owners: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const lead = await scan(eventId, vcard(`山田 ${i}`, '株式会社サンプル', '部長', `taro${i}@sample.co.jp`));
      owners.push((await qualifyHot(lead.id)).owner);
    }
    expect(owners).toEqual(['a@sales.example.jp', 'b@sales.example.jp', 'c@sales.example.jp', 'a@sales.example.jp', 'b@sales.example.jp', 'c@sales.example.jp']);
  });
});

describe('status changes', () => {
  it('refuses an illegal move and a rejection without a reason, with their codes', async () => {
    const eventId = await setup();
    const lead = await scan(eventId, vcard('山田 太郎', '株式会社サンプル', '担当', 'taro@sample.co.jp'));
    const illegal = await core.raw('leads.setStatus', { id: lead.id, to: 'sal' });
    expect(illegal.ok ? null : illegal.error.code).toBe('status.illegal_transition');
    await core.call('leads.setStatus', { id: lead.id, to: 'mql', staff: '鈴木' });
    const noReason = await core.raw('leads.setStatus', { id: lead.id, to: 'rejected' });
    expect(noReason.ok ? null : noReason.error.code).toBe('status.reason_required');
    // A label in Japanese is the reason's key.
    const rejected = await core.call('leads.setStatus', { id: lead.id, to: 'rejected', reason: '予算なし', staff: '営業 高橋' });
    expect(rejected.rejectionReason).toBe('no_budget');
    expect(historyOf(lead.id)).toEqual([
      { from: 'new', to: 'mql', auto: 0, source: 'app', actor: '鈴木', reason: null },
      { from: 'mql', to: 'rejected', auto: 0, source: 'app', actor: '営業 高橋', reason: 'no_budget' },
    ]);
  });

  it('takes a CRM verdict even from a status a person could not jump from', async () => {
    const eventId = await setup();
    const lead = await scan(eventId, vcard('山田 太郎', '株式会社サンプル', '担当', 'taro@sample.co.jp'));
    expect(core.applyVerdict(lead.id, 'sal', null, 'crm:hubspot')).toBe('applied');
    expect(core.applyVerdict(lead.id, 'sal', null, 'crm:hubspot')).toBe('unchanged');
    expect(core.applyVerdict(lead.id, 'rejected', 'BAD_TIMING', 'crm:hubspot')).toBe('applied');
    const { lead: after } = await core.call('leads.detail', { id: lead.id });
    expect(after.status).toBe('rejected');
    expect(after.rejectionReason).toBe('other');
    expect(core.applyVerdict('no-such-lead', 'sal', null, 'crm:hubspot')).toBe('refused');
  });
});

describe('a rule change re-scores every lead', () => {
  it('re-scores at once and reports how many became MQL', async () => {
    const eventId = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const lead = await scan(eventId, vcard(`鈴木 ${i}`, '株式会社サンプル', '部長', `s${i}@sample.co.jp`));
      await core.call('leads.update', { id: lead.id, rating: 'warm' });
      ids.push(lead.id);
    }
    const before = await core.call('leads.detail', { id: ids[0]! });
    expect(before.lead.status).toBe('new');
    // Warm is now worth 70 points: every warm 部長 passes B / 60.
    const scoring = structuredClone(DEFAULT_RULES);
    const warm = scoring.rules.find((r) => r.dimension === 'interest' && r.when.some((c) => c.kind === 'rating' && c.in.includes('warm')));
    expect(warm).toBeDefined();
    warm!.points = 70;
    const saved = await core.call('rules.save', { scoring });
    expect(saved.rescored).toBe(30);
    expect(saved.becameMql).toBe(30);
    const after = await core.call('leads.detail', { id: ids[0]! });
    expect(after.lead.score).toBeGreaterThanOrEqual(70);
    expect(after.lead.status).toBe('mql');
    expect(after.statusHistory.at(-1)).toMatchObject({ from: 'new', to: 'mql', auto: true, source: 'rules' });
  });

  it('a rule change writes only the leads whose values move, tells delivery of each, and moves a status only as the writer would', async () => {
    const eventId = await setup();
    const lead = async (name: string, rating: 'warm' | 'cold') => {
      const { id } = await scan(eventId, vcard(name, '株式会社サンプル', '部長', `${name.length}${rating}${Date.now()}@sample.co.jp`));
      await core.call('leads.update', { id, rating });
      return id;
    };
    const fresh = await lead('鈴木 一', 'warm');
    const dropped = await lead('鈴木 二', 'warm');
    await core.call('leads.setStatus', { id: dropped, to: 'disqualified' });
    const byHand = await lead('鈴木 三', 'warm');
    await core.call('leads.setStatus', { id: byHand, to: 'mql' });
    const cold = await lead('鈴木 四', 'cold');
    const before = new Map(await Promise.all([fresh, dropped, byHand, cold].map(async (id) => [id, (await core.call('leads.detail', { id })).lead] as const)));
    const told: string[] = [];
    const downstream = core.deps.onLeadWritten;
    core.deps.onLeadWritten = (written) => {
      told.push(written.id);
      downstream(written);
    };
    core.clock.advance(60_000);
    const scoring = structuredClone(DEFAULT_RULES);
    const warm = scoring.rules.find((r) => r.dimension === 'interest' && r.when.some((c) => c.kind === 'rating' && c.in.includes('warm')))!;
    warm.points = 70;
    const saved = await core.call('rules.save', { scoring });
    expect(saved).toEqual({ ...saved, rescored: 3, becameMql: 1 });
    expect(told.sort()).toEqual([fresh, dropped, byHand].sort());
    const after = async (id: string) => (await core.call('leads.detail', { id })).lead;
    // Passes now, was new: MQL by the rules, as any write through the writer makes it.
    expect((await after(fresh)).status).toBe('mql');
    expect(historyOf(fresh).at(-1)).toMatchObject({ from: 'new', to: 'mql', auto: 1, source: 'rules' });
    // A person's verdict stays; their score follows the rules; no person changed them.
    for (const [id, status] of [[dropped, 'disqualified'], [byHand, 'mql']] as const) {
      const now = await after(id);
      expect(now).toMatchObject({ status, updatedAt: before.get(id)!.updatedAt, statusAt: before.get(id)!.statusAt });
      expect(now.score).toBeGreaterThanOrEqual(70);
      expect(now.score).toBeGreaterThan(before.get(id)!.score);
    }
    // No warm rating, nothing to re-score: not written at all.
    expect(await after(cold)).toEqual(before.get(cold));
  });

  it('re-scores leads stored before triage when the database is opened', async () => {
    const eventId = await setup();
    const lead = await scan(eventId, vcard('山田 太郎', '株式会社サンプル', '部長', 'taro@sample.co.jp'));
    // As migration 0006 leaves an older lead: defaults, no rules applied yet.
    core.deps.sqlite.prepare("UPDATE leads SET score = 0, grade = 'D'").run();
    core.deps.sqlite.prepare("DELETE FROM settings WHERE key = 'triage.applied'").run();
    const { dbFile, clock } = core;
    core.close();
    core = openTestCore({ dbFile, clock });
    const { lead: reopened } = await core.call('leads.detail', { id: lead.id });
    expect(reopened.grade).toBe(lead.grade);
  });
});

describe('bulk actions', () => {
  it('sets owners, marks ready, and refuses illegal status moves per lead', async () => {
    const eventId = await setup();
    await core.call('owners.save', { email: 'tanaka@sample-sales.jp', name: '田中', team: null, active: true });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await scan(eventId, vcard(`佐藤 ${i}`, '株式会社サンプル', '担当', `p${i}@sample.co.jp`))).id);
    const owner = await core.call('triage.bulk', { target: { ids }, action: { kind: 'owner', owner: 'tanaka@sample-sales.jp' } });
    expect(owner).toEqual({ changed: 5, unchanged: 0, refused: 0, problems: [] });
    const again = await core.call('triage.bulk', { target: { ids }, action: { kind: 'owner', owner: 'tanaka@sample-sales.jp' } });
    expect(again.unchanged).toBe(5);
    const ready = await core.call('triage.bulk', { target: { ids: ids.slice(0, 2) }, action: { kind: 'ready', ready: true } });
    expect(ready.changed).toBe(2);
    const sal = await core.call('triage.bulk', { target: { ids }, action: { kind: 'status', to: 'sal' } });
    expect(sal.refused).toBe(5);
    expect(sal.problems[0]!.code).toBe('status.illegal_transition');
    const { lead } = await core.call('leads.detail', { id: ids[0]! });
    expect(lead.owner).toBe('tanaka@sample-sales.jp');
    expect(lead.readyAt).not.toBeNull();
  });
});

describe('bulk actions on everything matching', () => {
  it('assigns by the rules every lead the filter matches, and no other', async () => {
    const eventId = await setup();
    await core.call('owners.save', { email: 'tanaka@sample-sales.jp', name: '田中', team: null, active: true });
    const { triage } = await core.call('rules.get', {});
    await core.call('rules.save', { triage: { ...triage, defaultOwner: 'tanaka@sample-sales.jp' } });
    const managers: string[] = [];
    for (let i = 0; i < 4; i++) managers.push((await scan(eventId, vcard(`部長 ${i}`, '株式会社サンプル', '部長', `m${i}@sample.co.jp`))).id);
    const intern = await scan(eventId, vcard('学生 一郎', '個人', 'インターン', 'intern@gmail.com'));
    const grades = [...new Set(await Promise.all(managers.map(async (id) => (await core.call('leads.detail', { id })).lead.grade)))];
    const out = await core.call('triage.bulk', { target: { filter: { eventIds: [eventId], grades } }, action: { kind: 'assign' } });
    expect(out.changed).toBe(4);
    expect((await core.call('leads.detail', { id: managers[0]! })).lead.owner).toBe('tanaka@sample-sales.jp');
    expect((await core.call('leads.detail', { id: intern.id })).lead.owner).toBeNull();
  });
});
