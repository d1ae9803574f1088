import { useCallback, useEffect, useId, useState } from 'react';
import type { AccountListInput, AccountPage, AccountSortColumn, AccountSummary } from '../../../shared/accounts/api';
import type { EventSummary } from '../../../shared/model';
import { call, errorCode, errorDetails } from '../api/client';
import { dateTimeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { useDebounced } from '../app/useDebounced';
import { ProblemNotice } from '../ui/ProblemNotice';
import { AccountDialog } from './AccountDialog';
import { FlagsPanel } from './FlagsPanel';
import { TargetImportDialog } from './TargetImportDialog';
import './accounts.css';

/** Accounts shown at first; "show more" adds as many again (the contract caps a page at 500). */
const PAGE = 100;
const SEARCH_DELAY_MS = 250;

type TargetFilter = 'all' | 'target' | 'other';
type Sort = AccountListInput['sort'];

/** Columns a person sorts by, with the direction a first click gives (the best first). */
const SORTABLE: [AccountSortColumn, Sort['dir']][] = [
  ['name', 'asc'], ['target', 'desc'], ['leadCount', 'desc'], ['bestGrade', 'asc'], ['bestScore', 'desc'], ['totalScore', 'desc'], ['lastTouchAt', 'desc'],
];

/**
 * The Accounts screen (ABM): the companies met, each with its people counted once across
 * events, best grade and score, statuses, owners and last touch; target accounts marked and
 * filterable; an account opens to its people, where it can be merged or split.
 */
export function AccountsScreen({ events }: { events: EventSummary[] }) {
  const { t, count, error } = useI18n();
  const eventFieldId = useId();
  const targetFieldId = useId();
  const searchId = useId();
  const [eventId, setEventId] = useState('');
  const [target, setTarget] = useState<TargetFilter>('all');
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const [sort, setSort] = useState<Sort>({ column: 'leadCount', dir: 'desc' });
  const [limit, setLimit] = useState(PAGE);
  const [page, setPage] = useState<AccountPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    call('accounts.list', {
      ...(eventId ? { eventId } : {}),
      ...(target === 'all' ? {} : { target: target === 'target' }),
      ...(query ? { query } : {}),
      sort,
      limit: Math.min(limit, 500),
    })
      .then((next) => {
        if (!live) return;
        setPage(next);
        setProblem(null);
      })
      .catch((err: unknown) => live && setProblem(error(errorCode(err), errorDetails(err))));
    return () => {
      live = false;
    };
  }, [eventId, target, query, sort, limit, version, error]);

  function sortBy(column: AccountSortColumn, first: Sort['dir']) {
    setSort((s) => (s.column === column ? { column, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: first }));
  }

  const rows = page?.rows ?? [];
  return (
    <div className="page accounts">
      <div className="accounts__toolbar">
        <h1>{t('accounts.title')}</h1>
        <div className="field field--inline">
          <label htmlFor={eventFieldId} className="field__label">{t('accounts.filter_event')}</label>
          <select id={eventFieldId} value={eventId} onChange={(e) => { setEventId(e.target.value); setLimit(PAGE); }}>
            <option value="">{t('accounts.all_events')}</option>
            {events.map((event) => <option key={event.id} value={event.id}>{event.name}</option>)}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor={targetFieldId} className="field__label">{t('accounts.filter_target')}</label>
          <select id={targetFieldId} value={target} onChange={(e) => { setTarget(e.target.value as TargetFilter); setLimit(PAGE); }}>
            <option value="all">{t('accounts.target_all')}</option>
            <option value="target">{t('accounts.target_only')}</option>
            <option value="other">{t('accounts.target_none')}</option>
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor={searchId} className="field__label">{t('accounts.search')}</label>
          <input id={searchId} type="search" value={search} placeholder={t('accounts.search_placeholder')} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <p className="accounts__total" aria-live="polite" data-testid="accounts-total">
          {page && t('accounts.total', { count: count(page.total) })}
        </p>
        <button type="button" className="button" onClick={() => setImporting(true)}>{t('targets.import_button')}</button>
      </div>

      <ProblemNotice problem={problem} />
      <FlagsPanel version={version} onChanged={reload} />

      {page && page.total === 0 ? (
        <p className="empty-state" role="status">{t('accounts.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table accounts__table">
            <caption className="visually-hidden">{t('accounts.title')}</caption>
            <thead>
              <tr>
                {SORTABLE.map(([column, first]) => (
                  <th key={column} scope="col" aria-sort={sort.column === column ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    <button type="button" className="accounts__sort" onClick={() => sortBy(column, first)}>
                      {t(`accounts.col.${column}`)}
                    </button>
                  </th>
                ))}
                <th scope="col">{t('accounts.col.domain')}</th>
                <th scope="col">{t('accounts.col.statuses')}</th>
                <th scope="col">{t('accounts.col.owners')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((account) => (
                <AccountRow key={account.id} account={account} onOpen={() => setOpenId(account.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.rows.length < page.total && limit < 500 && (
        <button type="button" className="button" onClick={() => setLimit((n) => n + PAGE)}>
          {t('accounts.more', { shown: count(page.rows.length), total: count(page.total) })}
        </button>
      )}

      <AccountDialog
        id={openId}
        others={rows}
        onOpen={setOpenId}
        onClose={() => setOpenId(null)}
        onChanged={reload}
      />
      <TargetImportDialog open={importing} onClose={() => setImporting(false)} onImported={reload} />
    </div>
  );
}

function AccountRow({ account, onOpen }: { account: AccountSummary; onOpen(): void }) {
  const { t, count } = useI18n();
  return (
    <tr data-testid="account-row">
      <td>
        <button type="button" className="accounts__open" onClick={onOpen}>{account.name}</button>
      </td>
      <td>{account.target ? <TargetBadge tier={account.tier} /> : null}</td>
      <td className="accounts__num">{count(account.leadCount)}</td>
      <td>{account.bestGrade ?? '–'}</td>
      <td className="accounts__num">{account.bestScore}</td>
      <td className="accounts__num">{count(account.totalScore)}</td>
      <td>{account.lastTouchAt ? dateTimeHm(account.lastTouchAt) : '–'}</td>
      <td>{account.domain ?? '–'}</td>
      <td>{account.statuses.map((s) => t(`status.${s}`)).join(t('accounts.list_separator'))}</td>
      <td>{account.owners.join(t('accounts.list_separator'))}</td>
    </tr>
  );
}

/** The target mark, everywhere an account shows: the tier when the list gives one. */
export function TargetBadge({ tier }: { tier: string | null }) {
  const { t } = useI18n();
  return (
    <span className="target-badge" data-testid="target-badge">
      {tier ? t('accounts.target_tier', { tier }) : t('accounts.target')}
    </span>
  );
}
