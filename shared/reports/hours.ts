import { localDateTime } from '../handoff/local-time';

/**
 * Captures per hour of each day, in the event's time zone. SQL cannot convert time zones, so it
 * counts captures per quarter hour since the epoch (UTC) and this folds them into local hours:
 * every time zone in use is a whole number of quarter hours from UTC (India +5:30, Nepal +5:45),
 * so a quarter hour never straddles two local hours, across daylight-saving changes included.
 */

export const QUARTER_HOUR_MS = 15 * 60 * 1000;

export interface QuarterCount {
  /** captured_at / QUARTER_HOUR_MS, rounded down. */
  quarter: number;
  count: number;
}

export interface HourCount {
  /** The local date, "2026-11-20". */
  day: string;
  /** The local hour, 0–23. */
  hour: number;
  count: number;
}

/** Quarter-hour counts → local (day, hour) counts, by day then hour. */
export function localHours(quarters: readonly QuarterCount[], timeZone: string): HourCount[] {
  const byHour = new Map<string, HourCount>();
  for (const { quarter, count } of quarters) {
    const local = localDateTime(quarter * QUARTER_HOUR_MS, timeZone);
    const day = local.slice(0, 10);
    const hour = Number(local.slice(11, 13));
    const key = `${day} ${hour}`;
    const slot = byHour.get(key);
    if (slot) slot.count += count;
    else byHour.set(key, { day, hour, count });
  }
  return [...byHour.values()].sort((a, b) => (a.day === b.day ? a.hour - b.hour : a.day < b.day ? -1 : 1));
}
