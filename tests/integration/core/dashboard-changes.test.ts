import { afterEach, describe, expect, it } from 'vitest';
import type { TopicData } from '../../../shared/api';
import { openTestCore, type TestCore } from '../../support/temp-core';

/**
 * The open dashboard recounts on `dashboard.changed`: every write to what it counts is told,
 * after it committed (a read on the message sees it), a burst of writes as one message.
 */

let core: TestCore;
let other: TestCore | undefined;
afterEach(() => {
  core?.close();
  other?.close();
  other = undefined;
});

/** The next `dashboard.changed` message, and the dashboard as read the moment it arrives. */
function nextChange(eventId: string) {
  return new Promise<{ message: TopicData<'dashboard.changed'>; captured: Promise<number> }>((resolve) => {
    const off = core.bus.subscribe((topic, data) => {
      if (topic !== 'dashboard.changed') return;
      off();
      const captured = core.call('dashboard.data', { eventId, timeZone: 'UTC' }).then((d) => d.funnel.mql);
      resolve({ message: data as TopicData<'dashboard.changed'>, captured });
    });
  });
}

const mecard = (n: number) => `MECARD:N:Sato,Hanako${n};EMAIL:hanako${n}@example.jp;;`;

describe('dashboard.changed', () => {
  it('tells of a status change of the event’s lead, and the dashboard read on it counts it', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'Japan IT Week' });
    const { lead } = await core.call('capture.scan', { eventId: event.id, payload: mecard(1) });
    // The capture's own message first.
    expect((await nextChange(event.id)).message).toEqual({ eventIds: [event.id] });
    const change = nextChange(event.id);
    await core.call('leads.setStatus', { id: lead.id, to: 'mql' });
    const { message, captured } = await change;
    expect(message).toEqual({ eventIds: [event.id] });
    expect(await captured).toBe(1);
  });

  it('names each event written', async () => {
    core = openTestCore();
    const a = await core.call('events.create', { name: 'A' });
    const b = await core.call('events.create', { name: 'B' });
    const named = new Set<string>();
    core.bus.subscribe((topic, data) => {
      if (topic === 'dashboard.changed') for (const id of (data as TopicData<'dashboard.changed'>).eventIds ?? []) named.add(id);
    });
    for (let i = 0; i < 5; i++) await core.call('capture.scan', { eventId: i < 3 ? a.id : b.id, payload: mecard(i) });
    await expect.poll(() => [...named].sort()).toEqual([a.id, b.id].sort());
  });

  it('tells every event of a new target list', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'A' });
    const change = nextChange(event.id);
    await core.call('targets.import', { file: Buffer.from('company,domain,tier\nAcme,acme.co.jp,A\n', 'utf8').toString('base64') });
    expect((await change).message).toEqual({ eventIds: null });
  });

  it('tells every event when another connection writes the same file, as the command line does while the app is open', async () => {
    core = openTestCore();
    const event = await core.call('events.create', { name: 'A' });
    other = openTestCore({ dbFile: core.dbFile });
    const heard: TopicData<'dashboard.changed'>[] = [];
    core.bus.subscribe((topic, data) => {
      if (topic === 'dashboard.changed') heard.push(data as TopicData<'dashboard.changed'>);
    });
    await other.call('capture.scan', { eventId: event.id, payload: mecard(1) });
    // Only the other process's bus heard of its own write; this one learns of it from the file.
    await expect.poll(() => heard, { timeout: 5000 }).toEqual([{ eventIds: null }]);
    expect((await core.call('dashboard.data', { eventId: event.id, timeZone: 'UTC' })).funnel.captured).toBe(1);
  });
});
