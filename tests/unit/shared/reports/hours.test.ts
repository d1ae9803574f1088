import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../../../shared/handoff/local-time';
import { localHours, QUARTER_HOUR_MS } from '../../../../shared/reports/hours';

const q = (iso: string) => Math.floor(Date.parse(iso) / QUARTER_HOUR_MS);

describe('captures per local hour', () => {
  it('folds quarter hours into the local hour of the event’s time zone', () => {
    // 00:50Z and 01:05Z are 09:50 and 10:05 in Tokyo; 14:59Z is 23:59, 15:00Z the next day's 00:00.
    const counts = [
      { quarter: q('2026-11-20T00:45:00Z'), count: 3 },
      { quarter: q('2026-11-20T01:00:00Z'), count: 2 },
      { quarter: q('2026-11-20T01:45:00Z'), count: 1 },
      { quarter: q('2026-11-20T14:45:00Z'), count: 4 },
      { quarter: q('2026-11-20T15:00:00Z'), count: 5 },
    ];
    expect(localHours(counts, 'Asia/Tokyo')).toEqual([
      { day: '2026-11-20', hour: 9, count: 3 },
      { day: '2026-11-20', hour: 10, count: 3 },
      { day: '2026-11-20', hour: 23, count: 4 },
      { day: '2026-11-21', hour: 0, count: 5 },
    ]);
  });

  it('keeps half-hour zones apart at the right quarter (India, UTC+5:30)', () => {
    // 03:15Z is 08:45 IST, 03:30Z is 09:00 IST.
    const counts = [
      { quarter: q('2026-11-20T03:15:00Z'), count: 1 },
      { quarter: q('2026-11-20T03:30:00Z'), count: 1 },
    ];
    expect(localHours(counts, 'Asia/Kolkata')).toEqual([
      { day: '2026-11-20', hour: 8, count: 1 },
      { day: '2026-11-20', hour: 9, count: 1 },
    ]);
  });

  it('reads the same quarters as UTC hours in UTC, sorted by day and hour whatever the input order', () => {
    const counts = [
      { quarter: q('2026-11-21T08:00:00Z'), count: 1 },
      { quarter: q('2026-11-20T17:30:00Z'), count: 2 },
    ];
    expect(localHours(counts, 'UTC')).toEqual([
      { day: '2026-11-20', hour: 17, count: 2 },
      { day: '2026-11-21', hour: 8, count: 1 },
    ]);
  });

  it('counts a daylight-saving night’s repeated hour together (New York, 2026-11-01)', () => {
    // 05:30Z and 06:30Z are both 01:30 local: EDT, then EST.
    const counts = [
      { quarter: q('2026-11-01T05:30:00Z'), count: 1 },
      { quarter: q('2026-11-01T06:30:00Z'), count: 2 },
    ];
    expect(localHours(counts, 'America/New_York')).toEqual([{ day: '2026-11-01', hour: 1, count: 3 }]);
  });

  it('answers nothing for no captures', () => {
    expect(localHours([], 'Asia/Tokyo')).toEqual([]);
  });
});

describe('captures per local hour against Intl quarter by quarter', () => {
  /** The plain fold: every quarter's local time asked of Intl. */
  const reference = (quarters: { quarter: number; count: number }[], zone: string) => {
    const byHour = new Map<string, { day: string; hour: number; count: number }>();
    for (const { quarter, count } of quarters) {
      const local = localDateTime(quarter * QUARTER_HOUR_MS, zone);
      const key = local.slice(0, 13);
      const slot = byHour.get(key);
      if (slot) slot.count += count;
      else byHour.set(key, { day: local.slice(0, 10), hour: Number(local.slice(11, 13)), count });
    }
    return [...byHour.values()].sort((a, b) => (a.day === b.day ? a.hour - b.hour : a.day < b.day ? -1 : 1));
  };

  // Daylight saving both ways, a 30-minute shift (Lord Howe), a 45-minute zone (Chatham, Kathmandu),
  // the southern hemisphere, and days without captures between the shows.
  it.each(['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/Santiago'])(
    'gives what Intl gives for every quarter of a year in %s',
    (zone) => {
      const start = q('2026-01-01T00:00:00Z');
      const quarters: { quarter: number; count: number }[] = [];
      for (let i = 0; i < 365 * 96; i += 2 + (i % 11)) {
        // Captures in bursts: some weeks busy every quarter, others empty.
        if (Math.floor(i / (96 * 7)) % 3 !== 2) quarters.push({ quarter: start + i, count: 1 + (i % 5) });
      }
      expect(localHours(quarters, zone)).toEqual(reference(quarters, zone));
    },
  );
});
