import { z } from 'zod';
import { Id } from '../model';
import { proc } from '../proc';
import { Localized } from '../qualify/form';
import { Grade } from '../triage/grade';

/**
 * The dashboard: every chart's data for one event, or for every event, in one call. People
 * are counted once: a lead linked to a person (名寄せ across events) counts as that person,
 * so a returning visitor is one person in "all events", in every bar they appear in.
 */

const Count = z.number().int().min(0);

export const DashboardQuery = z.object({
  /** null: every event. */
  eventId: Id.nullable(),
  /** IANA time zone for captures per hour ("Asia/Tokyo"); the host's own when left out. */
  timeZone: z.string().min(1).max(64).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** Sales' verdicts in one group, and the acceptance rate SAL / (SAL + rejected) (null: no verdict yet). */
export const Verdicts = z.object({ sal: Count, rejected: Count, rate: z.number().min(0).max(1).nullable() });
export type Verdicts = z.infer<typeof Verdicts>;

export const Dashboard = z.object({
  eventId: Id.nullable(),
  timeZone: z.string(),
  funnel: z.object({ captured: Count, qualified: Count, mql: Count, sal: Count, rejected: Count }),
  /** Rejected people by reason key (labels in the current language of the reasons list). */
  rejectedByReason: z.array(z.object({ reason: z.string().nullable(), label: Localized.nullable(), people: Count })),
  /** Captures (leads) per local hour of each day; only hours with captures. */
  capturesByHour: z.array(z.object({ day: z.string(), hour: z.number().int().min(0).max(23), captures: Count })),
  /** People each staff member captured; null: nobody named. */
  capturesByStaff: z.array(z.object({ staff: z.string().nullable(), people: Count })),
  /** People who picked each option of the products question (`interest`), in the form's order. */
  interest: z.array(z.object({ option: z.string(), label: Localized.nullable(), people: Count })),
  grades: z.array(z.object({ grade: Grade, people: Count })),
  /** One entry per band of shared/reports/bands.ts, in order. */
  scoreBands: z.array(z.object({ band: z.number().int().min(0), from: z.number().int(), to: z.number().int(), people: Count })),
  /** registered and attended: the roster; walkIns: people entered at the door without one. */
  seminar: z.object({ registered: Count, attended: Count, walkIns: Count }),
  /** Distinct accounts reached, those of them on the target list, and the list's size. */
  accounts: z.object({ reached: Count, targetReached: Count, targets: Count }),
  acceptance: z.object({
    byGrade: z.array(Verdicts.extend({ grade: Grade })),
    byScoreBand: z.array(Verdicts.extend({ band: z.number().int().min(0), from: z.number().int(), to: z.number().int() })),
    /** Each option of each choice or yes/no question, with the question's and option's labels. */
    byAnswer: z.array(
      Verdicts.extend({
        question: z.string(),
        questionLabel: Localized.nullable(),
        option: z.string(),
        optionLabel: Localized.nullable(),
      }),
    ),
    byStaff: z.array(Verdicts.extend({ staff: z.string().nullable() })),
    byEvent: z.array(Verdicts.extend({ eventId: Id, name: z.string() })),
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const reportsTopics = {
  /**
   * What the dashboard counts changed: the events whose leads (or roster) were written; null:
   * every event (the target list). A burst of writes is one message, within a fraction of a second.
   */
  'dashboard.changed': z.object({ eventIds: z.array(Id).nullable() }),
};

export const reportsApi = {
  'dashboard.data': proc(DashboardQuery, Dashboard),
};
