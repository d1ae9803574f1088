import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TopicData, TopicName } from '../../../../../shared/api';
import { dashboardChanges } from '../../../../../electron/core/reports/changes';

/** The dashboard's change messages, coalesced: a clock under the test's hand, no waiting. */
describe('dashboard changes', () => {
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    vi.useFakeTimers();
    const sent: [TopicName, unknown][] = [];
    const changes = dashboardChanges(<T extends TopicName>(topic: T, data: TopicData<T>) => void sent.push([topic, data]));
    return { sent, changes };
  };

  it('tells a burst of writes as one message naming each event once, after the write returned', () => {
    const { sent, changes } = setup();
    for (let i = 0; i < 1000; i++) changes.eventChanged(i % 3 === 0 ? 'e1' : 'e2');
    expect(sent).toEqual([]);
    vi.runAllTimers();
    expect(sent).toEqual([['dashboard.changed', { eventIds: ['e1', 'e2'] }]]);
  });

  it('tells every event when data every event counts changed, and starts afresh after', () => {
    const { sent, changes } = setup();
    changes.eventChanged('e1');
    changes.allChanged();
    vi.runAllTimers();
    changes.eventChanged('e2');
    vi.runAllTimers();
    expect(sent).toEqual([['dashboard.changed', { eventIds: null }], ['dashboard.changed', { eventIds: ['e2'] }]]);
  });
});
