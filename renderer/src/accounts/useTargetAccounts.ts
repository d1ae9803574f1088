import { useEffect, useState } from 'react';
import { call } from '../api/client';

/** Account id → the tier the target list gives it ('' for none). */
export type TargetMarks = ReadonlyMap<string, string>;

const NONE: TargetMarks = new Map();

/**
 * The accounts on the target-account list, read once when a screen opens: a list of companies
 * (hundreds, not leads), so each row's mark is a lookup by the lead's account. The list only
 * changes by an import on the Accounts screen, which a person leaves to come here.
 */
export function useTargetAccounts(): TargetMarks {
  const [marks, setMarks] = useState<TargetMarks>(NONE);
  useEffect(() => {
    let live = true;
    call('targets.accounts', {})
      .then((rows) => live && setMarks(new Map(rows.map((r) => [r.accountId, r.tier ?? '']))))
      // A screen without its marks still works; the filter finds target leads either way.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return marks;
}

/** The mark of one lead's account: undefined when it is not a target, else its tier or null. */
export function targetOf(marks: TargetMarks, accountId: string | null): string | null | undefined {
  if (accountId === null) return undefined;
  const tier = marks.get(accountId);
  return tier === undefined ? undefined : tier || null;
}
