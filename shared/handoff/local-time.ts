/**
 * Wall-clock times for people reading an export. Pure: the caller passes the time zone (the
 * device's, unless the user chose one), so the same lead exports the same way in a test.
 */

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(ms: number, timeZone: string): Record<string, string> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
}

/** "2025-04-09 14:03:12": the form Excel reads as a date and time in any locale. */
export function localDateTime(ms: number, timeZone: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "20250409-1403", for file names. */
export function localStamp(ms: number, timeZone: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}`;
}

/** A file name safe on Windows, macOS and Linux; Japanese stays as it is. */
export function safeFileStem(name: string): string {
  const stem = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .replace(/\s+/gu, '_')
    .replace(/^[._]+|[._]+$/gu, '');
  return [...stem].slice(0, 80).join('') || 'event';
}
