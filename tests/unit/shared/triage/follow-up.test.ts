import { describe, expect, it } from 'vitest';
import type { Grade } from '../../../../shared/triage/grade';
import { AWAITING_FOLLOW_UP, DEFAULT_FOLLOW_UP_HOURS, followUpDue, isOverdue, type FollowUpHours } from '../../../../shared/triage/follow-up';
import { LeadStatus } from '../../../../shared/triage/status';

// Scanned at a Tokyo Big Sight booth, 2025-06-11 14:05 JST.
const scannedAt = Date.parse('2025-06-11T14:05:00+09:00');
const at = (isoJst: string) => Date.parse(`${isoJst}+09:00`);

describe('followUpDue', () => {
  const table: [Grade, FollowUpHours, number | null][] = [
    ['A', DEFAULT_FOLLOW_UP_HOURS, at('2025-06-12T14:05:00')],
    ['B', DEFAULT_FOLLOW_UP_HOURS, at('2025-06-13T14:05:00')],
    ['C', DEFAULT_FOLLOW_UP_HOURS, null],
    ['D', DEFAULT_FOLLOW_UP_HOURS, null],
    ['A', { A: 4 }, at('2025-06-11T18:05:00')],
    ['B', { A: 4 }, null], // a grade left out of the settings has no clock
    ['C', { A: 24, B: 48, C: 168 }, at('2025-06-18T14:05:00')],
    ['A', { A: 1.5 }, at('2025-06-11T15:35:00')],
  ];
  it.each(table)('grade %s with %j → %s', (grade, hours, due) => {
    expect(followUpDue(grade, scannedAt, hours)).toBe(due);
  });

  it('uses A 24 h and B 48 h when no hours are given', () => {
    expect(followUpDue('A', scannedAt)).toBe(scannedAt + 24 * 3_600_000);
    expect(followUpDue('B', scannedAt)).toBe(scannedAt + 48 * 3_600_000);
    expect(followUpDue('C', scannedAt)).toBeNull();
  });
});

describe('isOverdue', () => {
  const due = at('2025-06-12T14:05:00');
  const later = at('2025-06-12T14:06:00');
  const table: [number | null, LeadStatus, number, boolean][] = [
    [due, 'new', later, true],
    [due, 'working', later, true],
    [due, 'mql', later, true], // handed to sales, nobody has called yet
    [due, 'sal', later, false],
    [due, 'rejected', later, false],
    [due, 'nurture', later, false],
    [due, 'disqualified', later, false],
    [due, 'new', due, false], // due at 14:05 is not late at 14:05
    [due, 'new', due - 1, false],
    [null, 'new', later, false], // a C or D lead has no clock
  ];
  it.each(table)('due %s, status %s, now %s → %s', (d, status, now, overdue) => {
    expect(isOverdue(d, status, now)).toBe(overdue);
  });

  it('waits on exactly the statuses listed for the overdue filter', () => {
    const waiting = LeadStatus.options.filter((s) => isOverdue(due, s, later));
    expect(waiting).toEqual([...AWAITING_FOLLOW_UP]);
  });
});
