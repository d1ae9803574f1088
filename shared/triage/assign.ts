import { z } from 'zod';
import { Condition, SubjectView, compileConditions, type TriageSubject } from './condition';

/**
 * Who follows a lead up. Rules are ordered and the first enabled one that matches wins, as in
 * HubSpot's and Salesforce's assignment rules, so a marketer who knows either reads these the
 * same way. A rule hands the lead to a person or to a team in turn (round-robin).
 */

/** Owners are keyed by email: the CRMs resolve their users by email, and people type it. */
export const OwnerEmail = z.string().trim().toLowerCase().pipe(z.email());
export type OwnerEmail = z.infer<typeof OwnerEmail>;

export const TeamName = z.string().trim().min(1).max(100);

export const Owner = z.object({
  email: OwnerEmail,
  name: z.string().trim().min(1).max(100),
  team: TeamName.nullable(),
  /** Someone who left or is on leave keeps their leads but receives no new ones. */
  active: z.boolean(),
});
export type Owner = z.infer<typeof Owner>;

export const AssignAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('owner'), email: OwnerEmail }),
  z.object({ kind: z.literal('team'), team: TeamName }),
]);
export type AssignAction = z.infer<typeof AssignAction>;

export const AssignmentRule = z.object({
  id: z.string().trim().min(1).max(64),
  label: z.string().trim().max(200),
  /** All must hold; an empty list matches every lead (a catch-all at the end of the list). */
  when: z.array(Condition).max(20),
  assign: AssignAction,
  enabled: z.boolean().default(true),
});
export type AssignmentRule = z.infer<typeof AssignmentRule>;

export const AssignmentRules = z
  .array(AssignmentRule)
  .max(200)
  .superRefine((rules, ctx) => {
    const ids = new Set(rules.map((r) => r.id));
    if (ids.size !== rules.length) ctx.addIssue({ code: 'custom', message: 'assignment rule ids must be unique' });
  });

/**
 * Where each team's turn stands: the email of the member who got the last lead. A pointer
 * rather than counts, so that a member who joins is simply slotted into the rotation by email
 * instead of receiving every lead until their count catches up, and one who leaves is skipped.
 * Plain JSON, kept by the caller in settings between calls.
 */
export const RoundRobinState = z.record(z.string(), OwnerEmail);
export type RoundRobinState = z.infer<typeof RoundRobinState>;

export type Assignment = {
  /** The owner's email, or null when nobody could take the lead. */
  owner: string | null;
  /** The rule that chose the owner; null for the default owner or nobody. */
  ruleId: string | null;
  /** The round-robin state to keep; the given object itself when no team took a turn. */
  state: RoundRobinState;
};

/**
 * The owner for `subject`: the first enabled rule whose conditions all match and that names
 * someone who can take it (an active owner, or a team with an active member); a rule naming an
 * inactive or unknown owner, or a team with nobody active, falls through to the next rule
 * rather than leaving the lead unowned. Nothing matching → the default owner if active, else null.
 * Pure: `state` is never mutated.
 */
export function assignOwner(
  subject: TriageSubject,
  rules: readonly AssignmentRule[],
  owners: readonly Owner[],
  state: RoundRobinState,
  defaultOwner: string | null,
): Assignment {
  return makeAssigner(rules, owners, defaultOwner)(subject, state);
}

/**
 * assignOwner with the rules compiled once, for assigning a selection of many leads in a row:
 * thread each call's returned state into the next so the team's turn moves on.
 */
export function makeAssigner(
  rules: readonly AssignmentRule[],
  owners: readonly Owner[],
  defaultOwner: string | null,
): (subject: TriageSubject, state: RoundRobinState) => Assignment {
  const active = owners.filter((o) => o.active);
  const isActive = (email: string) => active.some((o) => o.email === email);
  const compiled = rules.filter((r) => r.enabled).map((rule) => ({ rule, test: compileConditions(rule.when) }));
  const fallback = defaultOwner?.toLowerCase() ?? null;
  const fallbackOwner = fallback !== null && isActive(fallback) ? fallback : null;

  return (subject, state) => {
    const view = new SubjectView(subject);
    for (const { rule, test } of compiled) {
      if (!test(view)) continue;
      const { assign } = rule;
      if (assign.kind === 'owner') {
        const email = assign.email.toLowerCase();
        if (isActive(email)) return { owner: email, ruleId: rule.id, state };
        continue;
      }
      const next = nextInTeam(active, assign.team, state[assign.team]);
      if (next) return { owner: next, ruleId: rule.id, state: { ...state, [assign.team]: next } };
    }
    return { owner: fallbackOwner, ruleId: null, state };
  };
}

/**
 * The active member after `last` in email order, wrapping around; the first member when the
 * team has no turn yet or `last` is no longer in it. Email order is stable across restarts and
 * machines, unlike insertion order.
 */
function nextInTeam(active: readonly Owner[], team: string, last: string | undefined): string | undefined {
  const members = active
    .filter((o) => o.team === team)
    .map((o) => o.email)
    .sort();
  if (last === undefined) return members[0];
  return members.find((email) => email > last) ?? members[0];
}
