import { describe, expect, it } from 'vitest';
import { hasKey, t } from '../../../../shared/i18n';
import type { Grade } from '../../../../shared/triage/grade';
import {
  DEFAULT_REJECTION_REASONS,
  LeadStatus,
  RejectionReason,
  StatusChange,
  TRANSITIONS,
  autoStatus,
  checkTransition,
  reasonLabel,
  resolveReason,
} from '../../../../shared/triage/status';

const STATUSES = LeadStatus.options;

/**
 * The whole matrix written out by hand, rows = from, columns = to, in the order of LeadStatus:
 * new, working, mql, sal, rejected, nurture, disqualified. "=" staying put, "y" allowed, "." refused.
 * Written independently of TRANSITIONS so a slip in either shows up here.
 */
const EXPECTED = `
              new working mql sal rejected nurture disqualified
new           =   y       y   .   .        .       y
working       .   =       y   .   .        y       y
mql           .   y       =   y   y        .       y
sal           .   .       .   =   y        .       y
rejected      .   y       .   .   =        y       y
nurture       .   y       y   .   .        =       y
disqualified  .   y       .   .   .        y       =
`;

const expected = new Map(
  EXPECTED.trim().split('\n').slice(1).flatMap((line) => {
    const [from, ...cells] = line.trim().split(/\s+/u);
    return cells.map((cell, i) => [`${from}→${STATUSES[i]}`, cell] as const);
  }),
);

describe('checkTransition over every pair of statuses', () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

  it('covers all 49 pairs in the expected table', () => {
    expect(expected.size).toBe(49);
    expect(pairs.every(([from, to]) => expected.has(`${from}→${to}`))).toBe(true);
  });

  it.each(pairs)('%s → %s', (from, to) => {
    // A reason from the list, so only legality decides (rejected needs one).
    const result = checkTransition(from, to, to === 'rejected' ? 'no_budget' : null);
    const cell = expected.get(`${from}→${to}`);
    expect(result).toBe(cell === '.' ? 'status.illegal_transition' : null);
  });

  it('refuses an illegal move even when a valid reason is given', () => {
    expect(checkTransition('new', 'rejected', 'no_budget')).toBe('status.illegal_transition');
    expect(checkTransition('sal', 'mql', 'other')).toBe('status.illegal_transition');
  });

  it('lists exactly the allowed targets in TRANSITIONS, never the status itself', () => {
    for (const from of STATUSES) {
      const allowed = STATUSES.filter((to) => expected.get(`${from}→${to}`) === 'y');
      expect([...TRANSITIONS[from]].sort()).toEqual(allowed.sort());
    }
  });
});

describe('checkTransition and reasons', () => {
  const table: [LeadStatus, LeadStatus, string | null | undefined, string | null][] = [
    // Sales' rejection must say why, from the list.
    ['mql', 'rejected', null, 'status.reason_required'],
    ['mql', 'rejected', undefined, 'status.reason_required'],
    ['mql', 'rejected', '', 'status.reason_required'],
    ['sal', 'rejected', null, 'status.reason_required'],
    ['mql', 'rejected', 'competitor_chosen', null],
    ['sal', 'rejected', 'no_contact', null],
    ['mql', 'rejected', '予算なし', 'status.reason_unknown'], // a label, not a key: resolveReason first
    ['mql', 'rejected', 'spam', 'status.reason_unknown'],
    // Disqualifying may say why, and if it does the reason is from the list.
    ['new', 'disqualified', null, null],
    ['working', 'disqualified', 'duplicate', null],
    ['sal', 'disqualified', 'existing_customer', null],
    ['nurture', 'disqualified', 'student', 'status.reason_unknown'],
    // Other statuses carry no reason: one given is dropped by the writer, not an error.
    ['mql', 'sal', 'no_budget', null],
    ['rejected', 'nurture', 'anything', null],
    // Staying put is a no-op, but a corrected reason is still checked.
    ['rejected', 'rejected', null, null],
    ['rejected', 'rejected', 'too_early', null],
    ['rejected', 'rejected', 'bogus', 'status.reason_unknown'],
    ['disqualified', 'disqualified', null, null],
    ['mql', 'mql', null, null],
  ];
  it.each(table)('%s → %s with reason %j → %j', (from, to, reason, code) => {
    expect(checkTransition(from, to, reason)).toBe(code);
  });

  it('checks against the edited list, not the defaults', () => {
    const edited: RejectionReason[] = [
      { key: 'no_budget', label: { ja: '予算なし', en: 'No budget' } },
      { key: 'no_decision_maker', label: { ja: '決裁者不在', en: 'No decision maker' } },
    ];
    expect(checkTransition('mql', 'rejected', 'no_decision_maker', edited)).toBeNull();
    expect(checkTransition('mql', 'rejected', 'too_early', edited)).toBe('status.reason_unknown');
  });
});

describe('rejection reasons', () => {
  it('start with the eight reasons Japanese field sales use, keys stable', () => {
    expect(DEFAULT_REJECTION_REASONS.map((r) => [r.key, r.label.ja])).toEqual([
      ['no_contact', '連絡がつかない'],
      ['no_budget', '予算なし'],
      ['too_early', '時期尚早'],
      ['competitor_chosen', '競合決定済み'],
      ['existing_customer', '既存顧客'],
      ['duplicate', '重複'],
      ['not_target', '対象外'],
      ['other', 'その他'],
    ]);
    for (const r of DEFAULT_REJECTION_REASONS) expect(RejectionReason.parse(r)).toEqual(r);
  });

  const resolved: [string, string | undefined][] = [
    ['no_budget', 'no_budget'],
    ['予算なし', 'no_budget'],
    [' 競合決定済み ', 'competitor_chosen'],
    ['No budget', 'no_budget'],
    ['NO BUDGET', 'no_budget'],
    ['ＯＴＨＥＲ', 'other'], // full-width, as typed with a Japanese IME
    ['Existing customer', 'existing_customer'],
    ['予算', undefined],
    ['', undefined],
    ['   ', undefined],
  ];
  it.each(resolved)('resolveReason(%j) → %j', (text, key) => {
    expect(resolveReason(text)).toBe(key);
  });

  it('label a key in either language, and a key no longer listed as itself', () => {
    expect(reasonLabel('too_early', 'ja')).toBe('時期尚早');
    expect(reasonLabel('too_early', 'en')).toBe('Too early');
    expect(reasonLabel('retired_reason', 'ja')).toBe('retired_reason');
  });
});

describe('autoStatus', () => {
  const defaults = { grade: 'B' as Grade, score: 60 };
  const table: [LeadStatus, Grade, number, LeadStatus][] = [
    ['new', 'A', 80, 'mql'],
    ['new', 'B', 60, 'mql'], // both thresholds are inclusive
    ['new', 'B', 59, 'new'],
    ['new', 'C', 100, 'new'], // interest without fit is not sales-ready
    ['new', 'D', 95, 'new'],
    ['working', 'A', 61, 'mql'],
    ['working', 'A', 10, 'working'],
    ['nurture', 'B', 75, 'mql'], // a nurtured lead that warms up comes back by itself
    ['mql', 'D', 0, 'mql'], // never demoted
    ['sal', 'A', 100, 'sal'],
    ['rejected', 'A', 100, 'rejected'], // sales' verdict stands until a person recycles it
    ['disqualified', 'A', 100, 'disqualified'],
  ];
  it.each(table)('%s lead graded %s scoring %i → %s', (status, grade, score, result) => {
    expect(autoStatus({ status, grade, score }, defaults)).toBe(result);
  });

  it('follows the thresholds the marketer set', () => {
    expect(autoStatus({ status: 'new', grade: 'B', score: 90 }, { grade: 'A', score: 50 })).toBe('new');
    expect(autoStatus({ status: 'new', grade: 'C', score: 30 }, { grade: 'C', score: 30 })).toBe('mql');
    expect(autoStatus({ status: 'new', grade: 'D', score: 0 }, { grade: 'D', score: 0 })).toBe('mql');
  });

  it('only ever makes a move checkTransition allows', () => {
    for (const status of STATUSES) {
      for (const grade of ['A', 'B', 'C', 'D'] as const) {
        const next = autoStatus({ status, grade, score: 100 }, defaults);
        expect(checkTransition(status, next, null)).toBeNull();
      }
    }
  });
});

describe('StatusChange', () => {
  it('records who, when, from, to, why and where', () => {
    const change = {
      from: 'mql', to: 'rejected', reason: 'competitor_chosen', actor: 'tanaka@example.co.jp',
      auto: false, source: 'crm:salesforce', at: '2025-06-12T09:30:00.000Z',
    };
    expect(StatusChange.parse(change)).toEqual(change);
    expect(StatusChange.parse({ ...change, from: 'new', to: 'mql', reason: null, actor: null, auto: true, source: 'rules' }).auto).toBe(true);
  });

  it('refuses an unknown status or source', () => {
    const base = { from: 'new', to: 'mql', reason: null, actor: null, auto: true, source: 'rules', at: '2025-06-12T09:30:00.000Z' };
    expect(StatusChange.safeParse({ ...base, to: 'won' }).success).toBe(false);
    expect(StatusChange.safeParse({ ...base, source: 'crm:zoho' }).success).toBe(false);
    expect(StatusChange.safeParse({ ...base, at: '12 June' }).success).toBe(false);
  });
});

describe('status names', () => {
  it('exist for every status in both languages', () => {
    for (const status of STATUSES) {
      const key = `status.${status}`;
      expect(hasKey(key)).toBe(true);
      if (hasKey(key)) expect([t('ja', key), t('en', key)].every((text) => text.length > 0)).toBe(true);
    }
  });
});
