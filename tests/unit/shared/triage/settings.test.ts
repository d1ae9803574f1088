import { describe, expect, it } from 'vitest';
import { TriageSettings } from '../../../../shared/triage/settings';
import { DEFAULT_REJECTION_REASONS } from '../../../../shared/triage/status';

describe('TriageSettings', () => {
  it('parses an empty object into a working setup', () => {
    expect(TriageSettings.parse({})).toEqual({
      mql: { grade: 'B', score: 60 },
      followUpHours: { A: 24, B: 48 },
      rejectionReasons: DEFAULT_REJECTION_REASONS,
      defaultOwner: null,
      assignmentRules: [],
    });
  });

  it('hands out fresh defaults, so editing one parse never changes the next', () => {
    const first = TriageSettings.parse({});
    first.rejectionReasons[0]!.label.ja = '不在';
    first.followUpHours.A = 1;
    first.assignmentRules.push({ id: 'x', label: 'x', when: [], assign: { kind: 'team', team: 'x' }, enabled: true });
    const second = TriageSettings.parse({});
    expect(second.rejectionReasons[0]!.label.ja).toBe('連絡がつかない');
    expect(second.followUpHours.A).toBe(24);
    expect(second.assignmentRules).toEqual([]);
  });

  it('keeps the default MQL grade when only the score is set, and the other way round', () => {
    expect(TriageSettings.parse({ mql: { score: 70 } }).mql).toEqual({ grade: 'B', score: 70 });
    expect(TriageSettings.parse({ mql: { grade: 'A' } }).mql).toEqual({ grade: 'A', score: 60 });
  });

  it('takes follow-up hours as saved: a grade left out has no clock', () => {
    expect(TriageSettings.parse({ followUpHours: { A: 4 } }).followUpHours).toEqual({ A: 4 });
    expect(TriageSettings.parse({ followUpHours: { A: 24, B: 48, C: 168 } }).followUpHours).toEqual({ A: 24, B: 48, C: 168 });
    expect(TriageSettings.parse({ followUpHours: {} }).followUpHours).toEqual({});
  });

  it('keeps an edited reason list with its stable keys', () => {
    const reasons = [
      { key: 'no_contact', label: { ja: '3回架電して不通', en: 'No answer after 3 calls' } },
      { key: 'no_decision_maker', label: { ja: '決裁者不在', en: 'No decision maker' } },
    ];
    expect(TriageSettings.parse({ rejectionReasons: reasons }).rejectionReasons).toEqual(reasons);
  });

  it('lowercases the default owner and parses assignment rules', () => {
    const parsed = TriageSettings.parse({
      defaultOwner: 'Yamamoto@LeadBooth.example.jp',
      assignmentRules: [{ id: 'a', label: 'Aは部長へ', when: [{ kind: 'grade', in: ['A'] }], assign: { kind: 'owner', email: 'yamamoto@leadbooth.example.jp' } }],
    });
    expect(parsed.defaultOwner).toBe('yamamoto@leadbooth.example.jp');
    expect(parsed.assignmentRules[0]).toMatchObject({ id: 'a', enabled: true });
  });

  const invalid: [string, unknown][] = [
    ['an MQL grade E', { mql: { grade: 'E' } }],
    ['an MQL score over 100', { mql: { score: 101 } }],
    ['a fractional MQL score', { mql: { score: 59.5 } }],
    ['zero follow-up hours', { followUpHours: { A: 0 } }],
    ['negative follow-up hours', { followUpHours: { B: -24 } }],
    ['an empty reason list', { rejectionReasons: [] }],
    ['repeated reason keys', { rejectionReasons: [DEFAULT_REJECTION_REASONS[0], DEFAULT_REJECTION_REASONS[0]] }],
    ['a reason key with spaces', { rejectionReasons: [{ key: 'no budget', label: { ja: '予算なし', en: 'No budget' } }] }],
    ['a reason without its English label', { rejectionReasons: [{ key: 'no_budget', label: { ja: '予算なし' } }] }],
    ['a default owner that is not an email', { defaultOwner: '山本' }],
    ['repeated assignment rule ids', {
      assignmentRules: [
        { id: 'a', label: '1', when: [], assign: { kind: 'team', team: '東日本営業' } },
        { id: 'a', label: '2', when: [], assign: { kind: 'team', team: '西日本営業' } },
      ],
    }],
  ];
  it.each(invalid)('refuses %s', (_, value) => {
    expect(TriageSettings.safeParse(value).success).toBe(false);
  });

  it('survives a round trip through JSON in the settings table', () => {
    const settings = TriageSettings.parse({ defaultOwner: 'kato@leadbooth.example.jp', followUpHours: { A: 12 } });
    expect(TriageSettings.parse(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });
});
