import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AccountListInput, AccountSortColumn, AccountSummary } from '../../../shared/accounts/api';
import type { EventSummary } from '../../../shared/model';
import { dateTimeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { useDebounced } from '../app/useDebounced';
import { ProblemNotice } from '../ui/ProblemNotice';
import { AccountDialog } from './AccountDialog';
import { TargetBadge } from './TargetBadge';
import { FlagsPanel } from './FlagsPanel';
import { TargetImportDialog } from './TargetImportDialog';
import { useAccountPages } from './useAccountPages';
import './accounts.css';

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
  const [openId, setOpenId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [version, setVersion] = useState(0);
  const page = useAccountPages({
    ...(eventId ? { eventId } : {}),
    ...(target === 'all' ? {} : { target: target === 'target' }),
    ...(query ? { query } : {}),
    sort,
  });
  const { reload: reloadPages } = page;
  const reload = useCallback(() => {
    setVersion((v) => v + 1);
    reloadPages();
  }, [reloadPages]);
  const problem = page.problem ? error(page.problem.code, page.problem.details) : null;

  function sortBy(column: AccountSortColumn, first: Sort['dir']) {
    setSort((s) => (s.column === column ? { column, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { column, dir: first }));
  }

  const rows = page.rows;
  return (
    <div className="page accounts">
      <div className="accounts__toolbar">
        <h1>{t('accounts.title')}</h1>
        <div className="field field--inline">
          <label htmlFor={eventFieldId} className="field__label">{t('accounts.filter_event')}</label>
          <select id={eventFieldId} value={eventId} onChange={(e) => setEventId(e.target.value)}>
            <option value="">{t('accounts.all_events')}</option>
            {events.map((event) => <option key={event.id} value={event.id}>{event.name}</option>)}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor={targetFieldId} className="field__label">{t('accounts.filter_target')}</label>
          <select id={targetFieldId} value={target} onChange={(e) => setTarget(e.target.value as TargetFilter)}>
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
          {page.total !== null && t('accounts.total', { count: count(page.total) })}
        </p>
        <button type="button" className="button" onClick={() => setImporting(true)}>{t('targets.import_button')}</button>
      </div>

      <ProblemNotice problem={problem} />
      <FlagsPanel version={version} onChanged={reload} />

      {page.total === 0 ? (
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
          {page.next !== null && <MoreRows onVisible={page.more} label={t('accounts.loading_more')} />}
        </div>
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

/**
 * The end of the list: when it scrolls into view the next page is asked for (as the Triage
 * table does), and again after each page while it stays in view.
 */
function MoreRows({ onVisible, label }: { onVisible(): void; label: string }) {
  const mark = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const node = mark.current;
    if (!node) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onVisible();
    });
    observer.observe(node);
    return () => observer.disconnect();
  });
  return (
    <p ref={mark} className="accounts__more muted" data-testid="accounts-more">
      {label}
    </p>
  );
}
