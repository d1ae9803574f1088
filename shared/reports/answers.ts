import { ACCEPTED, REJECTED } from './funnel';
import type { ChartCount } from './cube';

/**
 * The answer charts (interest by product, acceptance by answer) folded from the JSON texts the
 * dashboard's index holds: the answer to the products question of every lead, the answers of
 * each lead with sales' verdict. Each distinct text is parsed once, not once per lead (a few
 * dozen products answers among 100,000 leads).
 *
 * They count exactly as the SQL the charts were first written in (json_each over the value,
 * its text members, booleans as yes / no), so every lead answers the same whichever side
 * folds it: an option picked twice counts twice, a member that is not text counts nowhere.
 */

/** The members `json_each` gives for a JSON value: an array's items, an object's values, a scalar itself. */
function members(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [value];
}

/** A JSON text parsed, or undefined when it is not JSON (SQLite's JSON5 extras): counted nowhere. */
export function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The text members of a JSON value (`json_each(v) WHERE type = 'text'`): the options of a products answer. */
export function textMembers(value: unknown): string[] {
  return value === undefined ? [] : members(value).filter((m): m is string => typeof m === 'string');
}

/** The kinds of question whose options are categories a chart can split on. */
const CHOICE_KINDS: ReadonlySet<unknown> = new Set(['single', 'multiple', 'yesno']);

/**
 * (question, option) of each option a lead's answers pick: a choice or yes/no question's text
 * options as they are, its booleans as "yes" / "no"; free text, numbers and other kinds left out.
 */
export function answerOptions(answers: unknown): [string, string][] {
  if (answers === null || typeof answers !== 'object') return [];
  const out: [string, string][] = [];
  for (const [question, answer] of Object.entries(answers)) {
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) continue;
    const { kind, value } = answer as { kind?: unknown; value?: unknown };
    if (!CHOICE_KINDS.has(kind) || value === undefined) continue;
    for (const m of members(value)) {
      if (typeof m === 'string') out.push([question, m]);
      else if (typeof m === 'boolean') out.push([question, m ? 'yes' : 'no']);
    }
  }
  return out;
}

/** A JSON text and how many leads hold it. */
export interface TextCount {
  text: string;
  leads: number;
}

/** People per option of the products question, from the products answers and how many leads gave each. */
export function foldInterest(answers: readonly TextCount[]): ChartCount[] {
  const people = new Map<string, number>();
  for (const { text, leads } of answers) {
    for (const option of textMembers(parse(text))) people.set(option, (people.get(option) ?? 0) + leads);
  }
  return [...people].map(([option, n]) => ({ chart: 'interest', k1: option, k2: null, n1: n, n2: null, n3: null, n4: null, n5: null }));
}

/**
 * SAL and rejected per (question, option) from the answers of leads with a verdict (one entry
 * per lead; equal texts are parsed once).
 */
export function foldVerdictAnswers(leads: readonly { status: string; answers: string }[]): ChartCount[] {
  const byText = new Map<string, { sal: number; rejected: number }>();
  for (const { status, answers } of leads) {
    if (status !== ACCEPTED && status !== REJECTED) continue;
    let n = byText.get(answers);
    if (!n) byText.set(answers, (n = { sal: 0, rejected: 0 }));
    if (status === ACCEPTED) n.sal++;
    else n.rejected++;
  }
  const byQuestion = new Map<string, Map<string, ChartCount>>();
  for (const [text, n] of byText) {
    for (const [question, option] of answerOptions(parse(text))) {
      let options = byQuestion.get(question);
      if (!options) byQuestion.set(question, (options = new Map()));
      let row = options.get(option);
      if (!row) options.set(option, (row = { chart: 'acc_answer', k1: question, k2: option, n1: 0, n2: 0, n3: null, n4: null, n5: null }));
      row.n1 += n.sal;
      row.n2 = (row.n2 ?? 0) + n.rejected;
    }
  }
  return [...byQuestion.values()].flatMap((options) => [...options.values()]);
}
