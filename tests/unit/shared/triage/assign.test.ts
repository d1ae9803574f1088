import { describe, expect, it } from 'vitest';
import {
  AssignmentRule,
  AssignmentRules,
  Owner,
  RoundRobinState,
  assignOwner,
  makeAssigner,
  type Assignment,
} from '../../../../shared/triage/assign';
import type { TriageSubject } from '../../../../shared/triage/condition';

const subject = (fields: Partial<TriageSubject> = {}): TriageSubject => ({
  badgeId: null, fullName: null, familyName: null, givenName: null, familyNameKana: null, givenNameKana: null,
  company: null, department: null, title: null, email: null, phone: null, url: null,
  eventId: 'ev-bigsight-2025', rating: null, answers: {}, consentVersion: null,
  status: 'mql', touchCount: 1, isTarget: false, grade: 'B', score: 60,
  ...fields,
});

const suzuki = subject({ fullName: '鈴木 一郎', company: 'トヨタ自動車株式会社', title: '取締役 営業本部長', email: 'ichiro.suzuki@toyota.example.co.jp', grade: 'A', score: 85, isTarget: true });
const tanaka = subject({ fullName: '田中 花子', company: '株式会社ミライ製作所', title: '主任', email: 'hanako.tanaka@mirai-ss.example.jp', grade: 'B', score: 64 });
const smith = subject({ fullName: 'John Smith', company: 'Acme Corp', title: 'IT Manager', email: 'john.smith@acme.example.com', grade: 'B', score: 70, eventId: 'ev-webinar-0612' });
const student = subject({ fullName: '佐藤 健', company: '東京大学', title: '学生', email: 'ken.sato@gmail.com', grade: 'D', score: 20 });

const owner = (email: string, name: string, team: string | null, active = true): Owner => Owner.parse({ email, name, team, active });
const OWNERS: Owner[] = [
  owner('yamamoto@leadbooth.example.jp', '山本 部長', null),
  owner('kato@leadbooth.example.jp', '加藤', '東日本営業'),
  owner('ito@leadbooth.example.jp', '伊藤', '東日本営業'),
  owner('watanabe@leadbooth.example.jp', '渡辺', '東日本営業'),
  owner('nakamura@leadbooth.example.jp', '中村', 'Inside Sales'),
  owner('kobayashi@leadbooth.example.jp', '小林（退職）', 'Inside Sales', false),
  owner('retired@leadbooth.example.jp', '退職者', null, false),
];

const rule = (id: string, label: string, when: unknown[], assign: unknown, enabled = true): AssignmentRule =>
  AssignmentRule.parse({ id, label, when, assign, enabled });

const RULES: AssignmentRule[] = [
  rule('target-a', 'ターゲット企業のAは部長へ', [{ kind: 'target_account', is: true }, { kind: 'grade', in: ['A'] }], { kind: 'owner', email: 'Yamamoto@LeadBooth.example.jp' }),
  rule('webinar', 'Webinar leads to inside sales', [{ kind: 'event', in: ['ev-webinar-0612'] }], { kind: 'team', team: 'Inside Sales' }),
  rule('mql-b', 'B以上のMQLは東日本営業で順番に', [{ kind: 'grade', in: ['A', 'B'] }, { kind: 'status', in: ['mql'] }], { kind: 'team', team: '東日本営業' }),
];

describe('Owner', () => {
  it('keys owners by their lowercased email', () => {
    expect(Owner.parse({ email: ' Tanaka.Hanako@Example.CO.JP ', name: '田中 花子', team: null, active: true }).email).toBe('tanaka.hanako@example.co.jp');
  });

  const invalid: [string, unknown][] = [
    ['not an email', { email: '田中', name: '田中', team: null, active: true }],
    ['empty name', { email: 'a@example.jp', name: '  ', team: null, active: true }],
    ['name too long', { email: 'a@example.jp', name: 'あ'.repeat(101), team: null, active: true }],
    ['no active flag', { email: 'a@example.jp', name: 'A', team: null }],
  ];
  it.each(invalid)('refuses %s', (_, value) => {
    expect(Owner.safeParse(value).success).toBe(false);
  });
});

describe('AssignmentRule', () => {
  it('is enabled unless said otherwise, and lowercases the owner it names', () => {
    const parsed = AssignmentRule.parse({ id: 'r1', label: '全件', when: [], assign: { kind: 'owner', email: 'Kato@LeadBooth.example.jp' } });
    expect(parsed.enabled).toBe(true);
    expect(parsed.assign).toEqual({ kind: 'owner', email: 'kato@leadbooth.example.jp' });
  });

  it('refuses an unknown action, a bad condition and repeated ids', () => {
    expect(AssignmentRule.safeParse({ id: 'r1', label: 'x', when: [], assign: { kind: 'queue', queue: 'q' } }).success).toBe(false);
    expect(AssignmentRule.safeParse({ id: 'r1', label: 'x', when: [{ kind: 'grade', in: ['E'] }], assign: { kind: 'team', team: 'A' } }).success).toBe(false);
    expect(AssignmentRules.safeParse([RULES[0], { ...RULES[1], id: 'target-a' }]).success).toBe(false);
  });
});

describe('assignOwner: the first enabled match wins', () => {
  const table: [string, TriageSubject, string | null, string | null][] = [
    // Matches target-a and mql-b: the first one wins.
    ['target-account A lead', suzuki, 'yamamoto@leadbooth.example.jp', 'target-a'],
    ['B MQL, first in the team rotation', tanaka, 'ito@leadbooth.example.jp', 'mql-b'],
    // The webinar rule comes before mql-b, and kobayashi is inactive: nakamura is the only one.
    ['webinar lead', smith, 'nakamura@leadbooth.example.jp', 'webinar'],
    ['D-grade student: no rule, default owner', student, 'yamamoto@leadbooth.example.jp', null],
  ];
  it.each(table)('%s → %s by %s', (_, lead, email, ruleId) => {
    const result = assignOwner(lead, RULES, OWNERS, {}, 'yamamoto@leadbooth.example.jp');
    expect([result.owner, result.ruleId]).toEqual([email, ruleId]);
  });

  it('skips a disabled rule', () => {
    const rules = [{ ...RULES[0]!, enabled: false }, ...RULES.slice(1)];
    expect(assignOwner(suzuki, rules, OWNERS, {}, null)).toMatchObject({ ruleId: 'mql-b', owner: 'ito@leadbooth.example.jp' });
  });

  it('falls through a rule naming an inactive or unknown owner, or a team with nobody active', () => {
    const rules = [
      rule('gone', '退職者へ', [], { kind: 'owner', email: 'retired@leadbooth.example.jp' }),
      rule('unknown', 'Typo in the email', [], { kind: 'owner', email: 'yamamto@leadbooth.example.jp' }),
      rule('empty-team', '西日本営業（未設定）', [], { kind: 'team', team: '西日本営業' }),
      rule('inactive-team', 'Only inactive members', [], { kind: 'team', team: 'Alumni' }),
      rule('catch-all', '残りはすべて加藤', [], { kind: 'owner', email: 'kato@leadbooth.example.jp' }),
    ];
    const owners = [...OWNERS, owner('old@leadbooth.example.jp', 'Old', 'Alumni', false)];
    expect(assignOwner(student, rules, owners, {}, null)).toEqual({ owner: 'kato@leadbooth.example.jp', ruleId: 'catch-all', state: {} });
  });

  it('gives leads matching nothing to the default owner only while that owner is active', () => {
    const none: AssignmentRule[] = [];
    expect(assignOwner(student, none, OWNERS, {}, 'Nakamura@LeadBooth.example.jp').owner).toBe('nakamura@leadbooth.example.jp');
    expect(assignOwner(student, none, OWNERS, {}, 'kobayashi@leadbooth.example.jp')).toEqual({ owner: null, ruleId: null, state: {} });
    expect(assignOwner(student, none, OWNERS, {}, 'nobody@leadbooth.example.jp').owner).toBeNull();
    expect(assignOwner(student, none, OWNERS, {}, null).owner).toBeNull();
  });

  it('never changes the state it is given, and leaves it alone when no team took a turn', () => {
    const state: RoundRobinState = Object.freeze({ 東日本営業: 'ito@leadbooth.example.jp' });
    const byTeam = assignOwner(tanaka, RULES, OWNERS, state, null);
    expect(byTeam.state).toEqual({ 東日本営業: 'kato@leadbooth.example.jp' });
    expect(state).toEqual({ 東日本営業: 'ito@leadbooth.example.jp' });
    expect(assignOwner(suzuki, RULES, OWNERS, state, null).state).toBe(state);
    // The state survives a trip through the settings table.
    expect(RoundRobinState.parse(JSON.parse(JSON.stringify(byTeam.state)))).toEqual(byTeam.state);
  });
});

describe('assignOwner: round-robin within a team', () => {
  const teamRule = [rule('all', 'すべて東日本営業へ', [], { kind: 'team', team: '東日本営業' })];

  /** Assigns `n` leads in a row, threading the state, as a bulk assign does; returns the owners chosen. */
  function assignMany(n: number, owners: readonly Owner[], state: RoundRobinState): { chosen: string[]; state: RoundRobinState } {
    const chosen: string[] = [];
    for (let i = 0; i < n; i++) {
      const result: Assignment = assignOwner(subject({ fullName: `来場者 ${i}` }), teamRule, owners, state, null);
      chosen.push(result.owner!);
      state = result.state;
    }
    return { chosen, state };
  }
  const counts = (emails: readonly string[]) => {
    const map = new Map<string, number>();
    for (const e of emails) map.set(e, (map.get(e) ?? 0) + 1);
    return map;
  };
  const spread = (map: Map<string, number>) => Math.max(...map.values()) - Math.min(...map.values());

  it('takes turns in email order', () => {
    expect(assignMany(5, OWNERS, {}).chosen).toEqual([
      'ito@leadbooth.example.jp', 'kato@leadbooth.example.jp', 'watanabe@leadbooth.example.jp',
      'ito@leadbooth.example.jp', 'kato@leadbooth.example.jp',
    ]);
  });

  it('is fair over 1,000 leads: nobody gets more than one more than another', () => {
    const byOwner = counts(assignMany(1000, OWNERS, {}).chosen);
    expect([...byOwner.keys()].sort()).toEqual(['ito@leadbooth.example.jp', 'kato@leadbooth.example.jp', 'watanabe@leadbooth.example.jp']);
    expect(spread(byOwner)).toBeLessThanOrEqual(1);
    expect([...byOwner.values()].sort()).toEqual([333, 333, 334]);
  });

  it('stays fair after a member joins midway, without handing the newcomer a run of leads', () => {
    const first = assignMany(500, OWNERS, {});
    const joined = [...OWNERS, owner('abe@leadbooth.example.jp', '阿部（新任）', '東日本営業')];
    const second = assignMany(500, joined, first.state);
    // From the moment abe joins, every member gets a fair share of what follows...
    expect(spread(counts(second.chosen))).toBeLessThanOrEqual(1);
    expect(counts(second.chosen).get('abe@leadbooth.example.jp')).toBe(125);
    // ...abe never gets two in a row, and the original three stay even over all 1,000.
    expect(second.chosen.some((e, i) => e === second.chosen[i - 1])).toBe(false);
    const originals = counts([...first.chosen, ...second.chosen].filter((e) => e !== 'abe@leadbooth.example.jp'));
    expect(spread(originals)).toBeLessThanOrEqual(1);
  });

  it('stays fair when a member leaves or is deactivated midway, even the one whose turn was last', () => {
    const first = assignMany(400, OWNERS, {});
    const last = first.state['東日本営業']!;
    const without = OWNERS.map((o) => (o.email === last ? { ...o, active: false } : o));
    const second = assignMany(600, without, first.state);
    expect(second.chosen).not.toContain(last);
    expect(spread(counts(second.chosen))).toBeLessThanOrEqual(1);
    expect(counts(second.chosen).size).toBe(2);
  });

  it('shares one rotation between rules naming the same team', () => {
    const rules = [
      rule('a', 'A-grade to 東日本営業', [{ kind: 'grade', in: ['A'] }], { kind: 'team', team: '東日本営業' }),
      rule('b', 'B-grade to 東日本営業', [{ kind: 'grade', in: ['B'] }], { kind: 'team', team: '東日本営業' }),
    ];
    const assign = makeAssigner(rules, OWNERS, null);
    let state: RoundRobinState = {};
    const chosen: string[] = [];
    for (const lead of [suzuki, tanaka, suzuki, tanaka, smith, suzuki]) {
      const result = assign(lead, state);
      chosen.push(result.owner!);
      state = result.state;
    }
    expect(spread(counts(chosen))).toBe(0);
  });

  it('gives the same answers compiled once as one call at a time', () => {
    const assign = makeAssigner(RULES, OWNERS, 'yamamoto@leadbooth.example.jp');
    let a: RoundRobinState = {};
    let b: RoundRobinState = {};
    for (const lead of [suzuki, tanaka, smith, student, tanaka, tanaka, smith]) {
      const one = assignOwner(lead, RULES, OWNERS, a, 'yamamoto@leadbooth.example.jp');
      const compiled = assign(lead, b);
      expect(compiled).toEqual(one);
      a = one.state;
      b = compiled.state;
    }
  });
});
