import { useEffect, useState } from 'react';
import type { AccountFlag } from '../../../shared/accounts/api';
import { call, errorCode, errorDetails } from '../api/client';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';

/**
 * The questions the linker left for a person: one company name under unrelated domains. "One
 * company" merges them into the account chosen; "different companies" keeps them apart.
 */
export function FlagsPanel({ version, onChanged }: { version: number; onChanged(): void }) {
  const { t, error } = useI18n();
  const [flags, setFlags] = useState<AccountFlag[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('accounts.flags', { state: 'open' })
      .then((next) => live && setFlags(next))
      .catch((err: unknown) => live && setProblem(error(errorCode(err), errorDetails(err))));
    return () => {
      live = false;
    };
  }, [version, error]);

  async function act(run: () => Promise<unknown>) {
    setProblem(null);
    try {
      await run();
      onChanged();
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
    }
  }

  if (flags.length === 0 && !problem) return null;
  return (
    <section className="accounts__flags" aria-label={t('accounts.flags_title')}>
      <h2>{t('accounts.flags_title')}</h2>
      <ProblemNotice problem={problem} />
      <ul>
        {flags.map((flag) => (
          <li key={flag.id} data-testid="account-flag">
            <p>{t('accounts.flag_same_name', { names: flag.accounts.map((a) => (a.domain ? `${a.name} (${a.domain})` : a.name)).join(t('accounts.list_separator')) })}</p>
            {flag.accounts.map((a) => (
              <button key={a.id} type="button" className="button" onClick={() => void act(() => call('accounts.resolveFlag', { id: flag.id, into: a.id }))}>
                {t('accounts.flag_merge_into', { name: a.domain ?? a.name })}
              </button>
            ))}
            <button type="button" className="button button--quiet" onClick={() => void act(() => call('accounts.dismissFlag', { id: flag.id }))}>
              {t('accounts.flag_dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
