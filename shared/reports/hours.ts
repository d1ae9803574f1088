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

const DAY_QUARTERS = 96;

/** Local time minus UTC at `ms` in `timeZone`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  return Date.parse(`${localDateTime(ms, timeZone).replace(' ', 'T')}Z`) - ms;
}

/**
 * The UTC offset at each of `sorted` quarters. Asking Intl for every quarter of a month-long
 * show (2,880) takes longer than all of the dashboard's SQL, so it is asked at the two ends of
 * a span, and the quarters between share the offset when the ends agree and lie at most a day
 * apart (no zone changes its offset and back within a day); otherwise the span is halved.
 */
function offsets(sorted: readonly number[], timeZone: string): number[] {
  const out: (number | undefined)[] = new Array<number | undefined>(sorted.length);
  const at = (i: number) => (out[i] ??= offsetAt(sorted[i]! * QUARTER_HOUR_MS, timeZone));
  const fill = (lo: number, hi: number) => {
    const offset = at(lo);
    if (offset === at(hi) && sorted[hi]! - sorted[lo]! <= DAY_QUARTERS) {
      for (let i = lo + 1; i < hi; i++) out[i] = offset;
    } else if (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      fill(lo, mid);
      fill(mid, hi);
    }
  };
  if (sorted.length > 0) fill(0, sorted.length - 1);
  return out as number[];
}

/** Quarter-hour counts → local (day, hour) counts, by day then hour. */
export function localHours(quarters: readonly QuarterCount[], timeZone: string): HourCount[] {
  const sorted = [...quarters].sort((a, b) => a.quarter - b.quarter);
  const offset = offsets(sorted.map((q) => q.quarter), timeZone);
  const byHour = new Map<string, HourCount>();
  for (const [i, { quarter, count }] of sorted.entries()) {
    // "2026-11-20T09:45:00.000Z" read as the local wall clock.
    const local = new Date(quarter * QUARTER_HOUR_MS + offset[i]!).toISOString();
    const day = local.slice(0, 10);
    const hour = Number(local.slice(11, 13));
    const key = `${day} ${hour}`;
    const slot = byHour.get(key);
    if (slot) slot.count += count;
    else byHour.set(key, { day, hour, count });
  }
  return [...byHour.values()].sort((a, b) => (a.day === b.day ? a.hour - b.hour : a.day < b.day ? -1 : 1));
}
