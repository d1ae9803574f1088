import { describe, expect, it } from 'vitest';
import { parsePolicy, queueAction, selected, type DeliveryScope, type ScopedLead } from '../../../../shared/delivery/policy';
import type { LeadStatus } from '../../../../shared/triage/status';

const lead = (status: LeadStatus, ready = false, overrides: Partial<ScopedLead> = {}): ScopedLead => ({
  eventId: 'expo-2025', status, readyAt: ready ? Date.parse('2025-06-04T09:00:00Z') : null, deleted: false, ...overrides,
});
const scope = (policy: DeliveryScope['policy'], excludeEvents: string[] = []): DeliveryScope => ({ policy, excludeEvents });

describe('send policy', () => {
  // [status, marked ready, ready, mql, all]
  const table: [LeadStatus, boolean, boolean, boolean, boolean][] = [
    ['new', false, false, false, true],
    ['new', true, true, true, true],
    ['working', false, false, false, true],
    ['mql', false, false, true, true],
    ['sal', false, false, true, true],
    ['rejected', false, false, false, true],
    ['nurture', false, false, false, true],
    ['nurture', true, true, true, true],
    ['disqualified', false, false, false, true],
  ];
  it.each(table)('%s (ready: %s) → ready %s, mql %s, all %s', (status, ready, byReady, byMql, byAll) => {
    expect(selected(lead(status, ready), scope('ready'))).toBe(byReady);
    expect(selected(lead(status, ready), scope('mql'))).toBe(byMql);
    expect(selected(lead(status, ready), scope('all'))).toBe(byAll);
  });

  it('never selects a deleted lead or one of an excluded event', () => {
    expect(selected(lead('mql', true, { deleted: true }), scope('all'))).toBe(false);
    expect(selected(lead('sal', true), scope('all', ['expo-2025']))).toBe(false);
  });
});

describe('what a change does to the queue', () => {
  const never = () => false;
  const delivered = () => true;
  it('queues a selected lead, and withdraws one never delivered that stopped being selected', () => {
    expect(queueAction(lead('mql'), scope('mql'), never)).toBe('queue');
    expect(queueAction(lead('disqualified'), scope('mql'), never)).toBe('withdraw');
    expect(queueAction(lead('working'), scope('ready'), never)).toBe('withdraw');
  });

  it('keeps sending a delivered lead’s changes (rejected, nurture, disqualified) so the CRM is not left showing an MQL', () => {
    for (const status of ['rejected', 'nurture', 'disqualified', 'working'] as const) {
      expect(queueAction(lead(status), scope('mql'), delivered)).toBe('queue');
    }
  });

  it('withdraws a deleted lead or an excluded event even when delivered', () => {
    expect(queueAction(lead('mql', false, { deleted: true }), scope('mql'), delivered)).toBe('withdraw');
    expect(queueAction(lead('mql'), scope('mql', ['expo-2025']), delivered)).toBe('withdraw');
  });

  it('asks whether it was delivered only when the policy does not decide', () => {
    let asked = 0;
    const probe = () => ++asked > 0;
    queueAction(lead('mql'), scope('mql'), probe);
    expect(asked).toBe(0);
    queueAction(lead('disqualified'), scope('mql'), probe);
    expect(asked).toBe(1);
  });
});

describe('LEADBOOTH_<CONNECTOR>_SEND', () => {
  it.each([
    ['ready', 'ready'], ['MQL', 'mql'], [' all ', 'all'], [undefined, undefined], ['', undefined], ['everything', null], ['mql,ready', null],
  ] as const)('%j → %j', (value, expected) => {
    expect(parsePolicy(value)).toBe(expected);
  });
});
