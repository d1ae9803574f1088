import { useCallback, useMemo } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { errorCode, errorDetails } from '../api/client';
import { useI18n } from '../app/i18n';

/** A zod issue: from the same schema checked before saving, or from the core's api.invalid_input details. */
export interface Issue {
  path: readonly PropertyKey[];
  code?: string;
}

/**
 * What a save the core refused shows: for invalid input, the problems tied to the fields (and the
 * plain invalid-input text when none of them can be placed); for any other failure, its text alone.
 */
export function refusal<P>(
  err: unknown,
  toProblems: (issues: readonly Issue[]) => P[],
  error: (code: string, details?: unknown) => string,
): { problems?: P[]; failure: string | null } {
  const details = errorDetails(err);
  if (errorCode(err) !== 'api.invalid_input' || !Array.isArray(details) || details.length === 0) return { failure: error(errorCode(err), details) };
  const problems = toProblems(details as Issue[]);
  return { problems, failure: problems.length === 0 ? error('api.invalid_input') : null };
}

/** The translated problem of one field (`${uid}.key`, `mql.score`, …), undefined when it has none. */
export function useProblemFor(problems: readonly { field: string; text: MessageKey }[]): (field: string) => string | undefined {
  const { t } = useI18n();
  const byField = useMemo(() => new Map(problems.map((p) => [p.field, p])), [problems]);
  return useCallback(
    (field: string) => {
      const p = byField.get(field);
      return p ? t(p.text) : undefined;
    },
    [byField, t],
  );
}
