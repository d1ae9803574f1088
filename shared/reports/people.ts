import { scoreBand } from './bands';
import { answerOptions, parse, textMembers } from './answers';
import type { ChartCount } from './cube';
import { ACCEPTED, HANDED_TO_SALES, REJECTED } from './funnel';

/**
 * Every event's charts (but the hours), people counted once: a returning visitor has one lead
 * per event and the same person record, so each chart counts distinct persons in its group
 * (a lead without a person yet counts as itself). Folded here from one read of the
 * dashboard's index rather than by a dozen count(DISTINCT) passes in SQLite, each building
 * its own temporary b-tree: at 100,000 leads in 4 events ~0.26–0.3 s instead of ~0.65 s. Most
 * people have one lead, and are counted by adding one; only returning visitors need a set.
 *
 * It counts exactly as that SQL did: the same groups, the same people, NULL keys as groups of
 * their own, each chart's groups in SQLite's order of its keys (NULL, then numbers, then text
 * by code point), which the screen keeps for equal counts.
 */

/** One live lead as the every-event charts read it (dashboard-sql.ts PEOPLE_ROWS). */
export type PersonRow = [
  person: string | number,
  eventId: string,
  status: string,
  reason: string | null,
  grade: string | null,
  score: number,
  /** Rated, answered or handed to sales (funnel.ts isQualified). */
  qualified: number,
  staff: string | null,
  walkIn: number,
  accountId: string | null,
  /** The products answer's JSON text, when given. */
  interest: string | null,
  /** The answers' JSON text of a lead with sales' verdict, NULL for the others. */
  verdictAnswers: string | null,
];

type Key = string | number | null;

/** SQLite's order of values: NULL, numbers, text (by code point, as its binary collation of UTF-8). */
export function sqliteOrder(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const x = a as string;
  const y = b as string;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    const cx = x.codePointAt(i)!;
    const cy = y.codePointAt(j)!;
    if (cx !== cy) return cx - cy;
    i += cx > 0xffff ? 2 : 1;
    j += cy > 0xffff ? 2 : 1;
  }
  return x.length - y.length;
}

/**
 * People per key. A person with one lead is counted by adding one (no set needed: that lead is
 * its only row); a returning visitor, whose leads are several rows, through a set per key.
 */
class Groups<K extends Key> {
  private readonly counts = new Map<K, number>();
  private readonly sets = new Map<K, Set<string | number>>();
  add(key: K, person: string | number, once: boolean): void {
    if (once) {
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      return;
    }
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Set()));
    set.add(person);
  }
  size = (key: K) => (this.counts.get(key) ?? 0) + (this.sets.get(key)?.size ?? 0);
  keys = () => [...new Set([...this.counts.keys(), ...this.sets.keys()])].sort(sqliteOrder);
}

/** Sales' verdict per key: people accepted, people rejected. */
class Verdicts<K extends Key> {
  readonly sal = new Groups<K>();
  readonly rejected = new Groups<K>();
  add(key: K, status: string, person: string | number, once: boolean): void {
    (status === ACCEPTED ? this.sal : this.rejected).add(key, person, once);
  }
  keys = () => [...new Set([...this.sal.keys(), ...this.rejected.keys()])].sort(sqliteOrder);
}

/** The same (question, option) twice in one lead's answers is one person for it. */
function distinctPairs(pairs: [string, string][]): [string, string][] {
  const seen = new Set<string>();
  return pairs.filter(([question, option]) => {
    const key = JSON.stringify([question, option]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const row = (chart: string, k1: Key, k2: Key, counts: number[]): ChartCount => ({
  chart, k1, k2, n1: counts[0]!, n2: counts[1] ?? null, n3: counts[2] ?? null, n4: counts[3] ?? null, n5: counts[4] ?? null,
});

/**
 * `returning`: the persons that may have more than one live lead (a superset does no harm;
 * dashboard-sql.ts reads them from the person index). Everyone else is one row.
 */
export function foldEveryEvent(rows: Iterable<PersonRow>, targetAccounts: ReadonlySet<string>, returning: ReadonlySet<string | number>): ChartCount[] {
  const ALL = null;
  const everyone = new Groups<null>();
  const qualified = new Groups<null>();
  const handed = new Groups<null>();
  const accepted = new Groups<null>();
  const rejected = new Groups<null>();
  const walkIns = new Groups<null>();
  const accounts = new Set<string>();
  const targets = new Set<string>();
  const reasons = new Groups<string | null>();
  const staff = new Groups<string | null>();
  const grades = new Groups<string | null>();
  const bands = new Groups<number>();
  const interest = new Groups<string>();
  const byGrade = new Verdicts<string | null>();
  const byBand = new Verdicts<number>();
  const byStaff = new Verdicts<string | null>();
  const byEvent = new Verdicts<string>();
  const byAnswer = new Map<string, Map<string, Verdicts<null>>>();
  // A show's leads share a few dozen answer texts: each is parsed once.
  const products = new Map<string, string[]>();
  const options = new Map<string, [string, string][]>();

  for (const [person, eventId, status, reason, grade, score, isQualified, by, walkIn, accountId, interestText, verdictText] of rows) {
    const once = !returning.has(person);
    const band = scoreBand(score);
    everyone.add(ALL, person, once);
    if (isQualified) qualified.add(ALL, person, once);
    if (HANDED_TO_SALES.includes(status as never)) handed.add(ALL, person, once);
    if (walkIn) walkIns.add(ALL, person, once);
    if (accountId !== null) {
      accounts.add(accountId);
      if (targetAccounts.has(accountId)) targets.add(accountId);
    }
    staff.add(by, person, once);
    grades.add(grade, person, once);
    bands.add(band, person, once);
    if (interestText !== null) {
      let picked = products.get(interestText);
      // An option picked twice in one answer is one person for it.
      if (!picked) products.set(interestText, (picked = [...new Set(textMembers(parse(interestText)))]));
      for (const option of picked) interest.add(option, person, once);
    }
    if (status !== ACCEPTED && status !== REJECTED) continue;
    (status === ACCEPTED ? accepted : rejected).add(ALL, person, once);
    if (status === REJECTED) reasons.add(reason, person, once);
    byGrade.add(grade, status, person, once);
    byBand.add(band, status, person, once);
    byStaff.add(by, status, person, once);
    byEvent.add(eventId, status, person, once);
    if (verdictText === null) continue;
    let picked = options.get(verdictText);
    if (!picked) options.set(verdictText, (picked = distinctPairs(answerOptions(parse(verdictText)))));
    for (const [question, option] of picked) {
      let byOption = byAnswer.get(question);
      if (!byOption) byAnswer.set(question, (byOption = new Map()));
      let verdicts = byOption.get(option);
      if (!verdicts) byOption.set(option, (verdicts = new Verdicts<null>()));
      verdicts.add(null, status, person, once);
    }
  }

  const out: ChartCount[] = [
    row('funnel', null, null, [everyone.size(ALL), qualified.size(ALL), handed.size(ALL), accepted.size(ALL), rejected.size(ALL)]),
    row('reach', null, null, [accounts.size, targets.size, walkIns.size(ALL)]),
  ];
  const people = <K extends Key>(chart: string, groups: Groups<K>) => {
    for (const key of groups.keys()) out.push(row(chart, key, null, [groups.size(key)]));
  };
  const verdicts = <K extends Key>(chart: string, v: Verdicts<K>) => {
    for (const key of v.keys()) out.push(row(chart, key, null, [v.sal.size(key), v.rejected.size(key)]));
  };
  people('reason', reasons);
  people('staff', staff);
  people('grade', grades);
  people('band', bands);
  people('interest', interest);
  verdicts('acc_grade', byGrade);
  verdicts('acc_band', byBand);
  verdicts('acc_staff', byStaff);
  verdicts('acc_event', byEvent);
  for (const question of [...byAnswer.keys()].sort(sqliteOrder)) {
    const byOption = byAnswer.get(question)!;
    for (const option of [...byOption.keys()].sort(sqliteOrder)) {
      const v = byOption.get(option)!;
      out.push(row('acc_answer', question, option, [v.sal.size(null), v.rejected.size(null)]));
    }
  }
  return out;
}
