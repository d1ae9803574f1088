import type Database from 'better-sqlite3';
import type { Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { isTimeZone } from '../../../shared/handoff/local-time';
import { DEFAULT_QUESTIONS, FormQuestions, type Localized, type Question } from '../../../shared/qualify/form';
import { acceptanceRate } from '../../../shared/reports/acceptance';
import { foldVerdictAnswers } from '../../../shared/reports/answers';
import type { Dashboard } from '../../../shared/reports/api';
import { SCORE_BANDS } from '../../../shared/reports/bands';
import { cubeWalkIns, foldCube, type ChartCount } from '../../../shared/reports/cube';
import { localHours } from '../../../shared/reports/hours';
import { Grade } from '../../../shared/triage/grade';
import type { RejectionReason } from '../../../shared/triage/status';
import { dashboardSql } from './dashboard-sql';

/** The question whose options are the products (shared/qualify/form.ts DEFAULT_QUESTIONS). */
const PRODUCTS_QUESTION = 'interest';

export interface DashboardParts {
  /** The rejection reasons as the marketer labelled them (triage settings). */
  reasons: () => readonly RejectionReason[];
}

/** Labels of the questions and options of the forms in force, the newest event's wording first. */
function formLabels(forms: { questions: string }[]) {
  const questions = new Map<string, Question>();
  const lists = forms.flatMap((f) => {
    const parsed = FormQuestions.safeParse(JSON.parse(f.questions));
    return parsed.success ? [parsed.data] : [];
  });
  for (const list of lists.length > 0 ? lists : [DEFAULT_QUESTIONS]) {
    for (const q of list) if (!questions.has(q.key)) questions.set(q.key, q);
  }
  const question = (key: string): Localized | null => questions.get(key)?.label ?? null;
  const option = (key: string, value: string): Localized | null => {
    const q = questions.get(key);
    if (q?.kind === 'yesno') return null; // yes / no: the UI's own words
    return q?.options.find((o) => o.value === value)?.label ?? null;
  };
  const order = (key: string): string[] => questions.get(key)?.options.map((o) => o.value) ?? [];
  return { question, option, order, keys: [...questions.keys()] };
}

const num = (n: number | null) => n ?? 0;
const verdicts = (r: ChartCount) => ({ sal: r.n1, rejected: num(r.n2), rate: acceptanceRate(r.n1, num(r.n2)) });
/** Orders by a list of known keys first, the rest after in their own order. */
const byOrder = <T>(order: readonly string[], key: (t: T) => string) => (a: T, b: T) => {
  const ia = order.indexOf(key(a));
  const ib = order.indexOf(key(b));
  return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
};

export function dashboardHandlers(sqlite: Database.Database, parts: DashboardParts): Pick<Handlers, 'dashboard.data'> {
  const sql = dashboardSql(sqlite);
  const hostZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  /** One event's rows: the cube folded, and the passes it cannot give; its walk-ins from the cube. */
  function eventRows(eventId: string): ChartCount[] {
    const cells = sql.cube(eventId);
    const { reached, targetReached } = sql.reach(eventId);
    const reach: ChartCount = { chart: 'reach', k1: null, k2: null, n1: reached, n2: targetReached, n3: cubeWalkIns(cells), n4: null, n5: null };
    return [...foldCube(cells, eventId), reach, ...foldVerdictAnswers(sql.verdictLeads(eventId))];
  }

  function build(eventId: string | null, timeZone: string): Dashboard {
    const names = sql.eventNames();
    if (eventId !== null && !names.has(eventId)) throw new AppError('event.not_found', `No event with id ${eventId}`);
    const rows = eventId === null ? sql.everyEvent() : eventRows(eventId);
    const of = (chart: string) => rows.filter((r) => r.chart === chart);
    const funnel = of('funnel')[0];
    const reach = of('reach')[0];
    const roster = sql.roster(eventId);
    const labels = formLabels(sql.forms(eventId));
    const reasons = parts.reasons();
    const reasonLabel = (key: string | null) => (key === null ? null : reasons.find((r) => r.key === key)?.label ?? null);
    const gradeRows = <T>(chart: string, make: (r: ChartCount | undefined) => T) =>
      Grade.options.map((grade) => ({ grade, ...make(of(chart).find((r) => r.k1 === grade)) }));
    const bandRows = <T>(chart: string, make: (r: ChartCount | undefined) => T) =>
      SCORE_BANDS.map((b, band) => ({ band, from: b.from, to: b.to, ...make(of(chart).find((r) => r.k1 === band)) }));
    const noVerdicts = { sal: 0, rejected: 0, rate: null };
    const text = (k: ChartCount['k1']) => (k === null ? null : String(k));
    const byPeople = <T extends { people: number }>(a: T, b: T) => b.people - a.people;
    const bySal = <T extends { sal: number; rejected: number }>(a: T, b: T) => b.sal + b.rejected - (a.sal + a.rejected);

    return {
      eventId,
      timeZone,
      funnel: {
        captured: funnel?.n1 ?? 0,
        qualified: num(funnel?.n2 ?? null),
        mql: num(funnel?.n3 ?? null),
        sal: num(funnel?.n4 ?? null),
        rejected: num(funnel?.n5 ?? null),
      },
      rejectedByReason: of('reason')
        .map((r) => ({ reason: text(r.k1), label: reasonLabel(text(r.k1)), people: r.n1 }))
        .sort(byOrder(reasons.map((r) => r.key), (r) => r.reason ?? '')),
      capturesByHour: localHours(sql.quarters(eventId), timeZone).map(
        ({ day, hour, count }) => ({ day, hour, captures: count }),
      ),
      capturesByStaff: of('staff').map((r) => ({ staff: text(r.k1), people: r.n1 })).sort(byPeople),
      interest: of('interest')
        .map((r) => ({ option: String(r.k1), label: labels.option(PRODUCTS_QUESTION, String(r.k1)), people: r.n1 }))
        .sort(byOrder(labels.order(PRODUCTS_QUESTION), (r) => r.option)),
      grades: gradeRows('grade', (r) => ({ people: r?.n1 ?? 0 })),
      scoreBands: bandRows('band', (r) => ({ people: r?.n1 ?? 0 })),
      seminar: { registered: roster.registered, attended: roster.attended, walkIns: num(reach?.n3 ?? null) },
      accounts: { reached: reach?.n1 ?? 0, targetReached: num(reach?.n2 ?? null), targets: sql.targets() },
      acceptance: {
        byGrade: gradeRows('acc_grade', (r) => (r ? verdicts(r) : noVerdicts)),
        byScoreBand: bandRows('acc_band', (r) => (r ? verdicts(r) : noVerdicts)),
        byAnswer: of('acc_answer')
          .map((r) => {
            const question = String(r.k1);
            const option = String(r.k2);
            return {
              question, questionLabel: labels.question(question), option, optionLabel: labels.option(question, option), ...verdicts(r),
            };
          })
          .sort((a, b) =>
            byOrder(labels.keys, (x: { question: string }) => x.question)(a, b) ||
            byOrder(labels.order(a.question), (x: { option: string }) => x.option)(a, b)),
        byStaff: of('acc_staff').map((r) => ({ staff: text(r.k1), ...verdicts(r) })).sort(bySal),
        byEvent: of('acc_event')
          .map((r) => ({ eventId: String(r.k1), name: names.get(String(r.k1)) ?? String(r.k1), ...verdicts(r) }))
          .sort(bySal),
      },
    };
  }

  // One read transaction: every chart counts the same leads even while another process captures.
  const snapshot = sqlite.transaction(build);

  return {
    'dashboard.data': ({ eventId, timeZone }) => {
      const zone = timeZone ?? hostZone;
      if (!isTimeZone(zone)) throw new AppError('reports.time_zone_unknown', `Unknown time zone ${zone}`, { zone });
      return snapshot(eventId, zone);
    },
  };
}
