import { describe, expect, it } from 'vitest';
import { contactKeyOf, personOf, planUnits, type PersonLead } from '../../../../shared/delivery/person';
import type { DeliveryScope } from '../../../../shared/delivery/policy';

const DAY = 24 * 3_600_000;
const T0 = Date.parse('2025-06-04T00:00:00Z');

/** A lead of person P met at some show; captured `day` days after T0. */
const lead = (id: string, overrides: Partial<PersonLead> = {}): PersonLead => ({
  id, personId: 'P', eventId: `ev-${id}`, eventName: `Show ${id}`, capturedAt: T0, updatedAt: T0, status: 'mql', readyAt: null,
  deleted: false, contactKey: null, deliveredAt: null, ...overrides,
});
const mql: DeliveryScope = { policy: 'mql', excludeEvents: [] };

describe('one send per person', () => {
  it('a lead without a person yet is its own person', () => {
    expect(personOf({ id: 'a', personId: null })).toBe('a');
    expect(personOf({ id: 'a', personId: 'P' })).toBe('P');
  });

  // [case, claimed, leads, scope, expected units as [values from, answers for, key, events]]
  const table: [string, string[], PersonLead[], DeliveryScope, [string, string[], string, string[]][]][] = [
    ['two rows of one person are one send, with the latest capture’s values',
      ['a', 'b'], [lead('a'), lead('b', { capturedAt: T0 + 365 * DAY })], mql, [['b', ['a', 'b'], 'P', ['a', 'b']]]],
    ['an old event’s row sends the latest event’s values',
      ['a'], [lead('a'), lead('b', { capturedAt: T0 + DAY })], mql, [['b', ['a'], 'P', ['a', 'b']]]],
    ['the same capture time: the later edit, then the id, decide',
      ['a'], [lead('a', { updatedAt: T0 + 5 }), lead('b')], mql, [['a', ['a'], 'P', ['b', 'a']]]],
    ['a deleted lead never lends its values',
      ['a'], [lead('a'), lead('b', { capturedAt: T0 + DAY, deleted: true })], mql, [['a', ['a'], 'P', ['a']]]],
    ['a lead of an excluded event never lends its values, nor its event',
      ['a'], [lead('a'), lead('b', { capturedAt: T0 + DAY })], { policy: 'mql', excludeEvents: ['ev-b'] }, [['a', ['a'], 'P', ['a']]]],
    ['a newer lead the policy does not select (new, never sent) stays home',
      ['a'], [lead('a'), lead('b', { capturedAt: T0 + DAY, status: 'new' })], mql, [['a', ['a'], 'P', ['a']]]],
    ['… unless it was delivered before',
      ['a'], [lead('a'), lead('b', { capturedAt: T0 + DAY, status: 'new', deliveredAt: T0, contactKey: 'P' })], mql, [['b', ['a'], 'P', ['a', 'b']]]],
    ['two persons are two sends',
      ['a', 'c'], [lead('a'), lead('c', { personId: 'Q' })], mql, [['a', ['a'], 'P', ['a']], ['c', ['c'], 'Q', ['c']]]],
    ['leads with no person yet are one send each, under their own ids',
      ['a', 'b'], [lead('a', { personId: null }), lead('b', { personId: null })], mql, [['a', ['a'], 'a', ['a']], ['b', ['b'], 'b', ['b']]]],
    ['a claimed lead that is gone sends nothing',
      ['zz'], [lead('a')], mql, []],
  ];
  it.each(table)('%s', (_case, claimed, leads, scope, expected) => {
    const units = planUnits(claimed, leads, scope);
    expect(units.map((u) => [u.leadId, u.leadIds, u.contactKey, u.events.map((e) => e.leadId)])).toEqual(expected);
  });

  it('events carry the show, its capture time and the lead’s status, oldest first', () => {
    const [unit] = planUnits(['b'], [lead('a', { status: 'sal' }), lead('b', { capturedAt: T0 + DAY })], mql);
    expect(unit!.events).toEqual([
      { leadId: 'a', eventId: 'ev-a', eventName: 'Show a', capturedAt: '2025-06-04T00:00:00.000Z', status: 'sal' },
      { leadId: 'b', eventId: 'ev-b', eventName: 'Show b', capturedAt: '2025-06-05T00:00:00.000Z', status: 'mql' },
    ]);
  });
});

describe('the contact key', () => {
  // [case, person's leads, the rep, key]
  const table: [string, PersonLead[], string, string][] = [
    ['nothing delivered: the person’s id', [lead('a'), lead('b')], 'b', 'P'],
    ['no person yet: the lead’s id', [lead('a', { personId: null })], 'a', 'a'],
    ['the rep’s own contact wins', [lead('a', { contactKey: 'a', deliveredAt: T0 + 9 }), lead('b', { contactKey: 'P', deliveredAt: T0 })], 'b', 'P'],
    ['a key delivered before persons (the lead id) is kept: the CRM holds it, a second contact would be wrong',
      [lead('a', { contactKey: 'a', deliveredAt: T0 }), lead('b')], 'b', 'a'],
    ['of several, the most recently delivered',
      [lead('a', { contactKey: 'a', deliveredAt: T0 }), lead('c', { contactKey: 'c', deliveredAt: T0 + 1 }), lead('b')], 'b', 'c'],
  ];
  it.each(table)('%s', (_case, person, repId, key) => {
    expect(contactKeyOf(person, person.find((l) => l.id === repId)!)).toBe(key);
  });
});
