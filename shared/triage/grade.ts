import { z } from 'zod';

/**
 * The two numbers triage keeps apart, as the better MA tools do: the grade says who a person is
 * (fit, A best), the score what they showed (interest, 0–100). Every triage module reads them
 * from here so scoring, status, follow-up and assignment agree on one definition.
 */

export const Grade = z.enum(['A', 'B', 'C', 'D']);
export type Grade = z.infer<typeof Grade>;

export const Score = z.number().int().min(0).max(100);
export type Score = z.infer<typeof Score>;

/** Best first: a grade's index is its rank, so a lower index is a better fit. */
const RANK: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3 };

/** True when `grade` is `min` or better ("B or better" holds for A and B). */
export function gradeAtLeast(grade: Grade, min: Grade): boolean {
  return RANK[grade] <= RANK[min];
}
