import { describe, expect, it } from 'vitest';
import { planMerge, sameContact, type ContactRef } from '../../../../shared/delivery/merge';

const c = (remoteId: string | null, key: string): ContactRef => ({ remoteId, key });

describe('what a merge does in the CRM', () => {
  // [case, merged lead's contact, survivor's contact, plan]
  const table: [string, ContactRef | null, ContactRef | null, ReturnType<typeof planMerge>][] = [
    ['the merged lead never reached the CRM: nothing', null, c('2', 'P'), { kind: 'nothing', reason: 'not_delivered' }],
    ['… not even when the survivor did not either', null, null, { kind: 'nothing', reason: 'not_delivered' }],
    ['one contact already (one person): nothing', c('1', 'P'), c('1', 'P'), { kind: 'nothing', reason: 'same_contact' }],
    ['the survivor has no contact: it adopts the merged lead’s', c('1', 'a'), null, { kind: 'adopt', contact: c('1', 'a') }],
    ['two contacts: the merged one goes into the survivor’s', c('1', 'a'), c('2', 'P'), { kind: 'merge', merged: c('1', 'a'), into: c('2', 'P') }],
    ['a receiver without ids (webhook): two keys are two records', c(null, 'a'), c(null, 'P'), { kind: 'merge', merged: c(null, 'a'), into: c(null, 'P') }],
    ['… one key is one record', c(null, 'P'), c(null, 'P'), { kind: 'nothing', reason: 'same_contact' }],
  ];
  it.each(table)('%s', (_case, merged, survivor, plan) => {
    expect(planMerge(merged, survivor)).toEqual(plan);
  });

  it('ids decide when the CRM gave them (a key rewritten by an adoption does not make two contacts one)', () => {
    expect(sameContact(c('1', 'a'), c('1', 'P'))).toBe(true);
    expect(sameContact(c('1', 'P'), c('2', 'P'))).toBe(false);
  });
});
