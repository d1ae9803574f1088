import { parseJsonObject } from '../json-object';
import type { Answers, StoredAnswer } from '../qualify/answers';
import { QuestionKey } from '../qualify/form';
import type { BundleLead, MergeField } from './bundle';
import { ANSWER_TIME_PREFIX, MERGE_FIELDS } from './bundle';

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
  /**
   * Answers to the event's form. Each question is its own register (two booths answering
   * different questions of one person both keep theirs), timed in answerTimes by question key;
   * a key with a time and no answer was cleared at that time.
   */
  answers: Answers;
  answerTimes: Record<string, number>;
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
/** Merge fields by name, and answers as `answers.<question key>`. */
export type StoredFieldTimes = Partial<Record<MergeField, StoredTime>> & { [answerKey: `answers.${string}`]: StoredTime };

/** FNV-1a over the JSON of the value: short, stable across devices, no crypto needed. */
export function valueDigest(value: Value | StoredAnswer): string {
  const text = JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

export const parseFieldTimes = (json: string): StoredFieldTimes => parseJsonObject(json) as StoredFieldTimes;

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

const answerOf = (answers: Answers, key: string): StoredAnswer | null => (Object.hasOwn(answers, key) ? answers[key]! : null);
const answerTime = (state: Pick<LeadState, 'answerTimes'>, key: string): number | undefined =>
  Object.hasOwn(state.answerTimes, key) ? state.answerTimes[key] : undefined;
/** The questions with a stored time; a name that is no question key (from a hostile bundle) is ignored. */
const answerKeysOf = (stored: StoredFieldTimes) =>
  Object.keys(stored)
    .filter((name) => name.startsWith(ANSWER_TIME_PREFIX))
    .map((name) => name.slice(ANSWER_TIME_PREFIX.length))
    .filter((key) => QuestionKey.safeParse(key).success);

/**
 * The effective time of each answer, by the rules of effectiveTimes, with one more: an answer
 * that has a stored time but is gone was cleared by an edit (answers only disappear that way,
 * never because a rescan knew less), so the clear counts at updatedAt and travels.
 */
export function effectiveAnswerTimes(answers: Answers, stored: StoredFieldTimes, updatedAt: number): Record<string, number> {
  const times = new Map<string, number>();
  for (const key of new Set([...Object.keys(answers), ...answerKeysOf(stored)])) {
    const value = answerOf(answers, key);
    const name = `${ANSWER_TIME_PREFIX}${key}` as const;
    const entry = Object.hasOwn(stored, name) ? stored[name] : undefined;
    let time: number | undefined;
    if (typeof entry === 'number' && Number.isFinite(entry)) time = entry;
    else if (Array.isArray(entry) && typeof entry[0] === 'number' && entry[1] === valueDigest(value)) time = entry[0];
    else if (value !== null || entry !== undefined) time = updatedAt;
    if (time !== undefined) times.set(key, time);
  }
  // fromEntries defines own properties, so a key like `__proto__` is data, not a prototype.
  return Object.fromEntries(times);
}

/**
 * Records when answers were edited, for a writer that knows (an edit of some questions): the
 * other answers keep their times, so a later edit of one question never makes another look new.
 */
export function stampAnswerTimes(fieldTimes: string, answers: Answers, keys: readonly string[], at: number): string {
  const stored = parseFieldTimes(fieldTimes);
  const out = new Map<string, unknown>(Object.entries(stored));
  for (const key of keys) out.set(`${ANSWER_TIME_PREFIX}${key}`, [at, valueDigest(answerOf(answers, key))]);
  return JSON.stringify(Object.fromEntries(out));
}

export function encodeFieldTimes(state: Pick<LeadState, 'values' | 'times'> & Partial<Pick<LeadState, 'answers' | 'answerTimes'>>): string {
  const out: [string, StoredTime][] = [];
  for (const field of MERGE_FIELDS) {
    const time = state.times[field];
    if (time !== undefined) out.push([field, [time, valueDigest(state.values[field])]]);
  }
  for (const [key, time] of Object.entries(state.answerTimes ?? {})) {
    out.push([`${ANSWER_TIME_PREFIX}${key}`, [time, valueDigest(answerOf(state.answers ?? {}, key))]]);
  }
  return JSON.stringify(Object.fromEntries(out));
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
  const answerTimes = Object.fromEntries(
    Object.entries(lead.fieldTimes)
      .filter(([name]) => name.startsWith(ANSWER_TIME_PREFIX))
      .map(([name, iso]) => [name, ms(iso)]),
  ) as StoredFieldTimes;
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
    answers: lead.answers,
    answerTimes: effectiveAnswerTimes(lead.answers, answerTimes, updatedAt),
    updatedAt,
  };
}

export function bundleLeadFromState(state: LeadState): BundleLead {
  const fieldTimes: [string, string][] = [];
  for (const field of MERGE_FIELDS) {
    const time = state.times[field];
    if (time !== undefined) fieldTimes.push([field, new Date(time).toISOString()]);
  }
  for (const [key, time] of Object.entries(state.answerTimes)) {
    fieldTimes.push([`${ANSWER_TIME_PREFIX}${key}`, new Date(time).toISOString()]);
  }
  return {
    id: state.first.id,
    eventId: state.eventId,
    answers: state.answers,
    ...state.values,
    sourceFormat: state.first.sourceFormat,
    source: state.first.source,
    rawPayload: state.first.rawPayload,
    capturedBy: state.first.capturedBy,
    capturedAt: new Date(state.first.capturedAt).toISOString(),
    updatedAt: new Date(state.updatedAt).toISOString(),
    fieldTimes: Object.fromEntries(fieldTimes),
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

/** newerField for one question's answer: the same rule, so the same convergence. */
function newerAnswer(a: LeadState, b: LeadState, question: string): LeadState {
  const ta = answerTime(a, question) ?? -Infinity;
  const tb = answerTime(b, question) ?? -Infinity;
  if (ta !== tb) return ta > tb ? a : b;
  const va = answerOf(a.answers, question);
  const vb = answerOf(b.answers, question);
  if ((va === null) !== (vb === null)) return va === null ? b : a;
  return compareText(key(va), key(vb)) >= 0 ? a : b;
}

/**
 * Answers merged question by question. The keys come out sorted, so both devices store the
 * same JSON whichever bundle arrived first; readers order them by the form, not by the JSON.
 */
function mergeAnswers(a: LeadState, b: LeadState): Pick<LeadState, 'answers' | 'answerTimes'> {
  const keys = [...new Set([...Object.keys(a.answers), ...Object.keys(a.answerTimes), ...Object.keys(b.answers), ...Object.keys(b.answerTimes)])].sort();
  const answers: [string, StoredAnswer][] = [];
  const answerTimes: [string, number][] = [];
  for (const question of keys) {
    const winner = newerAnswer(a, b, question);
    const answer = answerOf(winner.answers, question);
    if (answer !== null) answers.push([question, answer]);
    const time = answerTime(winner, question);
    if (time !== undefined) answerTimes.push([question, time]);
  }
  return { answers: Object.fromEntries(answers), answerTimes: Object.fromEntries(answerTimes) };
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
    ...mergeAnswers(a, b),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
}

/** Same person, same data, same edit times: writing it would change nothing. */
export function sameState(a: LeadState, b: LeadState): boolean {
  return (
    a.updatedAt === b.updatedAt &&
    firstKey(a.first) === firstKey(b.first) &&
    MERGE_FIELDS.every((f) => key(a.values[f]) === key(b.values[f]) && a.times[f] === b.times[f]) &&
    sameAnswers(a, b)
  );
}

function sameAnswers(a: LeadState, b: LeadState): boolean {
  const keys = new Set([...Object.keys(a.answers), ...Object.keys(a.answerTimes), ...Object.keys(b.answers), ...Object.keys(b.answerTimes)]);
  for (const question of keys) {
    if (key(answerOf(a.answers, question)) !== key(answerOf(b.answers, question))) return false;
    if (answerTime(a, question) !== answerTime(b, question)) return false;
  }
  return true;
}
