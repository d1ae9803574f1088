import type { BundleLead, MergeField } from './bundle';
import { MERGE_FIELDS } from './bundle';

/**
 * Merging two records of one person, captured or edited on different devices. Each field is a
 * last-writer-wins register (the newest edit of *that* field wins), and the first-scan fields
 * go with the earliest capture. Both rules are a max/min over a total order, so the merge is
 * commutative, associative and idempotent: devices that swap bundles in any order, any number
 * of times, end in the same state.
 */

export type MergeValues = Pick<BundleLead, MergeField>;
type Value = MergeValues[MergeField];

/** The first scan: it stays with whichever record saw the person first. */
export interface FirstCapture {
  id: string;
  capturedAt: number;
  capturedBy: string | null;
  source: BundleLead['source'];
  sourceFormat: BundleLead['sourceFormat'];
  rawPayload: string | null;
}

export interface LeadState {
  eventId: string;
  first: FirstCapture;
  values: MergeValues;
  /** Effective edit time of each field, ms. A field left out was never edited. */
  times: Partial<Record<MergeField, number>>;
  updatedAt: number;
}

// ---- stored field times -------------------------------------------------------------------

/**
 * leads.field_times holds, per field, `[editedAtMs, digest]`: the digest of the value the time
 * belongs to. Code that edits a lead without knowing about field times (a rating, a rescan
 * filling a blank, an edit screen) leaves the entry alone; the digest then no longer matches
 * the value, and the field counts as edited at the lead's updated_at. Without the digest, a
 * rating made after an import would still carry the import's older time and lose to a stale
 * rating from the next bundle. A bare number is accepted too (a writer that records times).
 */
type StoredTime = number | [number, string];
export type StoredFieldTimes = Partial<Record<MergeField, StoredTime>>;

/** FNV-1a over the JSON of the value: short, stable across devices, no crypto needed. */
export function valueDigest(value: Value): string {
  const text = JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export function parseFieldTimes(json: string): StoredFieldTimes {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as StoredFieldTimes) : {};
  } catch {
    return {};
  }
}

/**
 * The effective time of each field. A field with no valid time counts as edited at updatedAt,
 * unless it is blank: a blank nobody recorded is "unknown", not "cleared", and must never wipe
 * a value another device has (a rescan without a company must not erase the company).
 */
export function effectiveTimes(values: MergeValues, stored: StoredFieldTimes, updatedAt: number): LeadState['times'] {
  const times: LeadState['times'] = {};
  for (const field of MERGE_FIELDS) {
    const value = values[field];
    const entry = Object.hasOwn(stored, field) ? stored[field] : undefined;
    let time: number | undefined;
    if (typeof entry === 'number' && Number.isFinite(entry)) time = entry;
    else if (Array.isArray(entry) && typeof entry[0] === 'number' && entry[1] === valueDigest(value)) time = entry[0];
    if (time === undefined && value !== null) time = updatedAt;
    if (time !== undefined) times[field] = time;
  }
  return times;
}

export function encodeFieldTimes(state: Pick<LeadState, 'values' | 'times'>): string {
  const out: StoredFieldTimes = {};
  for (const field of MERGE_FIELDS) {
    const time = state.times[field];
    if (time !== undefined) out[field] = [time, valueDigest(state.values[field])];
  }
  return JSON.stringify(out);
}

// ---- bundle leads <-> states --------------------------------------------------------------

const ms = (iso: string) => Date.parse(iso);

export function stateFromBundleLead(lead: BundleLead): LeadState {
  const values = pickValues(lead);
  const updatedAt = ms(lead.updatedAt);
  const stored: StoredFieldTimes = {};
  for (const field of MERGE_FIELDS) {
    const iso = Object.hasOwn(lead.fieldTimes, field) ? lead.fieldTimes[field] : undefined;
    if (iso !== undefined) stored[field] = ms(iso);
  }
  return {
    eventId: lead.eventId,
    first: {
      id: lead.id,
      capturedAt: ms(lead.capturedAt),
      capturedBy: lead.capturedBy,
      source: lead.source,
      sourceFormat: lead.sourceFormat,
      rawPayload: lead.rawPayload,
    },
    values,
    times: effectiveTimes(values, stored, updatedAt),
    updatedAt,
  };
}

export function bundleLeadFromState(state: LeadState): BundleLead {
  const fieldTimes: Partial<Record<MergeField, string>> = {};
  for (const field of MERGE_FIELDS) {
    const time = state.times[field];
    if (time !== undefined) fieldTimes[field] = new Date(time).toISOString();
  }
  return {
    id: state.first.id,
    eventId: state.eventId,
    // Answers are not merged yet: they travel once qualification reaches bundles.
    answers: {},
    ...state.values,
    sourceFormat: state.first.sourceFormat,
    source: state.first.source,
    rawPayload: state.first.rawPayload,
    capturedBy: state.first.capturedBy,
    capturedAt: new Date(state.first.capturedAt).toISOString(),
    updatedAt: new Date(state.updatedAt).toISOString(),
    fieldTimes,
  };
}

export function pickValues(source: MergeValues): MergeValues {
  const values = {} as Record<MergeField, Value>;
  for (const field of MERGE_FIELDS) values[field] = source[field];
  return values as MergeValues;
}

// ---- the merge ----------------------------------------------------------------------------

const key = (value: unknown) => JSON.stringify(value) ?? '';
const firstKey = (f: FirstCapture) => key([f.capturedAt, f.id, f.capturedBy, f.source, f.sourceFormat, f.rawPayload]);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Newest edit first; on a tie (two devices, the same millisecond) a value beats a blank, then
 * the larger value wins: any fixed rule will do, as long as every device applies the same one.
 */
function newerField(a: LeadState, b: LeadState, field: MergeField): LeadState {
  const ta = a.times[field] ?? -Infinity;
  const tb = b.times[field] ?? -Infinity;
  if (ta !== tb) return ta > tb ? a : b;
  const va = a.values[field];
  const vb = b.values[field];
  if ((va === null) !== (vb === null)) return va === null ? b : a;
  return compareText(key(va), key(vb)) >= 0 ? a : b;
}

/** The real first scan: the earliest capture, then (a tie) the smaller id. */
export function earlierCapture(a: FirstCapture, b: FirstCapture): FirstCapture {
  if (a.capturedAt !== b.capturedAt) return a.capturedAt < b.capturedAt ? a : b;
  if (a.id !== b.id) return a.id < b.id ? a : b;
  return compareText(firstKey(a), firstKey(b)) <= 0 ? a : b;
}

export function mergeStates(a: LeadState, b: LeadState): LeadState {
  const values = {} as Record<MergeField, Value>;
  const times: LeadState['times'] = {};
  for (const field of MERGE_FIELDS) {
    const winner = newerField(a, b, field);
    values[field] = winner.values[field];
    const time = winner.times[field];
    if (time !== undefined) times[field] = time;
  }
  return {
    eventId: a.eventId,
    first: earlierCapture(a.first, b.first),
    values: values as MergeValues,
    times,
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
}

/** Same person, same data, same edit times: writing it would change nothing. */
export function sameState(a: LeadState, b: LeadState): boolean {
  return (
    a.updatedAt === b.updatedAt &&
    firstKey(a.first) === firstKey(b.first) &&
    MERGE_FIELDS.every((f) => key(a.values[f]) === key(b.values[f]) && a.times[f] === b.times[f])
  );
}
