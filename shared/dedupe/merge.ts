import type { MergeField } from '../handoff/bundle';
import { MERGE_FIELDS } from '../handoff/bundle';
import { mergeStates, type LeadState } from '../handoff/merge';
import type { StoredAnswer } from '../qualify/answers';

/**
 * Two leads of one person at one event folded into one (名寄せ). Each field and each answer
 * comes from the newer edit (field times, as a bundle merge does: the same code, so a merge
 * here and a bundle from another booth agree); the notes of both are kept, one after the other;
 * a consent given on either is kept (a blank never wipes one: only a recorded withdrawal does);
 * the lead that lives on is the one chosen, whatever the capture order. What lost is returned
 * so the merge's touch can keep it in the lead's history.
 */

export interface LostValue {
  /** A merge field, or `answers.<question key>`. */
  field: string;
  kept: unknown;
  lost: unknown;
}

export interface LeadMerge {
  state: LeadState;
  lost: LostValue[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const answerOf = (s: LeadState, key: string): StoredAnswer | null => (Object.hasOwn(s.answers, key) ? s.answers[key]! : null);

/** Notes in the order they were written; one that already holds the other is not repeated. */
export function joinNotes(older: string | null, newer: string | null): string | null {
  if (!older) return newer;
  if (!newer || older.includes(newer)) return older;
  if (newer.includes(older)) return newer;
  return `${older}\n\n${newer}`;
}

/**
 * Both leads' notes in the merged state, older first. The joined text is an edit made at the
 * merge, so a later bundle's older copy of either note loses to it; joining again what is
 * already joined changes nothing, so a bundle imported twice stays unchanged.
 */
export function withBothNotes(merged: LeadState, x: LeadState, y: LeadState, at: number): LeadState {
  const [older, newer] = (x.times.notes ?? 0) <= (y.times.notes ?? 0) ? [x, y] : [y, x];
  const notes = joinNotes(older.values.notes, newer.values.notes);
  if (notes === merged.values.notes) return merged;
  return { ...merged, values: { ...merged.values, notes }, times: { ...merged.times, notes: at }, updatedAt: Math.max(merged.updatedAt, at) };
}

export function mergeLeads(survivor: LeadState, other: LeadState, at: number): LeadMerge {
  const merged = mergeStates(survivor, other);
  const values = { ...merged.values };
  const times = { ...merged.times };

  // Consent version and time travel together: from whichever lead's consent decision is newer.
  const consentFrom = (times.consentVersion === survivor.times.consentVersion && same(values.consentVersion, survivor.values.consentVersion)) ? survivor : other;
  values.consentAt = consentFrom.values.consentAt;
  if (consentFrom.times.consentAt === undefined) delete times.consentAt;
  else times.consentAt = consentFrom.times.consentAt;

  const joined = withBothNotes({ ...merged, values, times }, survivor, other, at);
  Object.assign(values, joined.values);
  Object.assign(times, joined.times);

  const lost: LostValue[] = [];
  for (const field of MERGE_FIELDS as readonly MergeField[]) {
    if (field === 'notes') continue;
    const kept = values[field];
    const loser = same(kept, survivor.values[field]) ? other : survivor;
    const value = loser.values[field];
    if (value !== null && !same(value, kept)) lost.push({ field, kept, lost: value });
  }
  for (const key of new Set([...Object.keys(survivor.answers), ...Object.keys(other.answers)])) {
    const kept = Object.hasOwn(merged.answers, key) ? merged.answers[key]! : null;
    for (const side of [survivor, other]) {
      const value = answerOf(side, key);
      if (value !== null && !same(value, kept)) lost.push({ field: `answers.${key}`, kept, lost: value });
    }
  }

  return {
    state: { ...merged, first: survivor.first, values, times, updatedAt: Math.max(merged.updatedAt, at) },
    lost,
  };
}
