import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { Settings } from '../../../shared/api';
import type { EventSummary, Lead } from '../../../shared/model';
import { TriageFilter, TriageSort, type BulkResult, type TriageSortColumn } from '../../../shared/triage/api';
import type { Owner } from '../../../shared/triage/assign';
import { DEFAULT_REJECTION_REASONS, type RejectionReason } from '../../../shared/triage/status';
import { call, subscribe } from '../api/client';
import { useI18n } from '../app/i18n';
import { useDebounced } from '../app/useDebounced';
import { ExportDialog, type ExportPart } from '../handoff/ExportDialog';
import { ProblemNotice } from '../ui/ProblemNotice';
import { BulkBar, BulkOutcome } from './BulkBar';
import { DetailPanel } from './DetailPanel';
import { FilterPanel } from './FilterPanel';
import { SavedViews } from './SavedViews';
import { TriageTable } from './TriageTable';
import { activeFilterCount, DEFAULT_SORT, set, sortBy } from './triage-filter';
import { bulkTarget, clickRow, noSelection, selectAllMatching, selectionSize, selectLoaded, type TriageSelection } from './triage-selection';
import { KEPT_VIEW } from './triage-link';
import { useTriagePages } from './useTriagePages';
import { useTargetAccounts } from '../accounts/useTargetAccounts';
import './triage.css';

const SEARCH_DELAY_MS = 250;
const KEPT = KEPT_VIEW;

/** The filter and sort last shown, so coming back to Triage finds the list as it was left. */
function keptView(): { filter: TriageFilter; sort: TriageSort } {
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null') as { filter?: unknown; sort?: unknown } | null;
    const filter = TriageFilter.safeParse(raw?.filter);
    const sort = TriageSort.safeParse(raw?.sort);
    return { filter: filter.success ? filter.data : {}, sort: sort.success ? sort.data : DEFAULT_SORT };
  } catch {
    return { filter: {}, sort: DEFAULT_SORT };
  }
}

/**
 * What an export writes, one CSV per event (each has its own form's question columns): the chosen
 * leads grouped by event, or the filter over each event it covers.
 */
function exportParts(selection: TriageSelection, filter: TriageFilter, rows: readonly Lead[], events: readonly EventSummary[]): ExportPart[] {
  if (selection.all || selection.ids.size === 0) {
    return (filter.eventIds ?? events.map((e) => e.id)).map((eventId) => ({ eventId, filter }));
  }
  // Chosen ids are always among the loaded rows: a row is ticked where it is shown.
  const byEvent = new Map<string, string[]>();
  for (const row of rows) {
    if (selection.ids.has(row.id)) byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row.id]);
  }
  return [...byEvent].map(([eventId, leadIds]) => ({ eventId, leadIds }));
}

export function TriageScreen({ events, settings }: { events: readonly EventSummary[]; settings: Settings }) {
  const { t, count, error } = useI18n();
  const searchId = useId();
  const [initial] = useState(keptView);
  const [filter, setFilterState] = useState<TriageFilter>(() => set(initial.filter, 'query', undefined));
  const [search, setSearch] = useState(initial.filter.query ?? '');
  const [sort, setSort] = useState<TriageSort>(initial.sort);
  const [showFilters, setShowFilters] = useState(false);
  const [selection, setSelection] = useState<TriageSelection>(noSelection);
  const [openId, setOpenId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<BulkResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [owners, setOwners] = useState<Owner[]>([]);
  const [reasons, setReasons] = useState<readonly RejectionReason[]>(DEFAULT_REJECTION_REASONS);
  const [now, setNow] = useState(() => Date.now());
  const targets = useTargetAccounts();

  const query = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const shown = useMemo(() => set(filter, 'query', query || undefined), [filter, query]);
  const pages = useTriagePages(shown, sort);
  const { reload, patch } = pages;

  useEffect(() => sessionStorage.setItem(KEPT, JSON.stringify({ filter: shown, sort })), [shown, sort]);

  // What the list shows changed: a selection made under another filter would act on leads no longer shown.
  useEffect(() => {
    setSelection(noSelection);
    setOutcome(null);
  }, [shown, sort]);

  // Owners and rejection reasons dress the table and the panel; the rows never wait for them.
  useEffect(() => {
    call('owners.list', {}).then(setOwners).catch(() => undefined);
    call('rules.get', {})
      .then((rules) => setReasons(rules.triage.rejectionReasons))
      .catch(() => undefined);
  }, []);

  // The overdue marks follow the clock without a reload.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  // A new capture somewhere appears when the marketer next asks; the list is not pulled from under them.
  const [arrived, setArrived] = useState(0);
  useEffect(
    () =>
      subscribe((message) => {
        if (message.topic === 'lead.captured') setArrived((n) => n + 1);
      }),
    [],
  );

  const eventsById = useMemo(() => new Map(events.map((e) => [e.id, e])), [events]);
  const ownersByEmail = useMemo(() => new Map(owners.map((o) => [o.email, o])), [owners]);
  const loadedIds = useMemo(() => pages.rows.map((r) => r.id), [pages.rows]);
  const total = pages.total ?? 0;
  const selected = selectionSize(selection, total);
  const target = bulkTarget(selection, shown);
  const filters = activeFilterCount(filter);

  const applyView = useCallback((view: { filter: TriageFilter; sort: TriageSort }) => {
    setFilterState(set(view.filter, 'query', undefined));
    setSearch(view.filter.query ?? '');
    setSort(view.sort);
  }, []);

  const onSort = useCallback((column: TriageSortColumn) => setSort((s) => sortBy(s, column)), []);
  const onSelect = useCallback(
    (id: string, on: boolean, shift: boolean) => setSelection((s) => clickRow(s, loadedIds, id, on, shift)),
    [loadedIds],
  );
  const onChanged = useCallback((lead: Lead) => patch(lead), [patch]);

  function afterBulk(result: BulkResult) {
    setOutcome(result);
    setSelection(noSelection);
    reload();
  }

  const totalText =
    pages.total === null ? '' : pages.totalExact ? t('triage.total', { count: count(pages.total) }) : t('triage.total_at_least', { count: count(pages.total) });

  return (
    <div className={openId ? 'page page--fill triage triage--detail' : 'page page--fill triage'}>
      <div className="triage__toolbar">
        <h1>{t('triage.title')}</h1>
        <div className="field field--inline triage__search">
          <label htmlFor={searchId} className="field__label">
            {t('triage.search')}
          </label>
          <input id={searchId} type="search" value={search} placeholder={t('triage.search_placeholder')} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="button" className="button" aria-expanded={showFilters} onClick={() => setShowFilters((s) => !s)}>
          {filters > 0 ? t('triage.filters_count', { count: filters }) : t('triage.filters')}
        </button>
        {filters > 0 && (
          <button type="button" className="button button--quiet" onClick={() => setFilterState({})}>
            {t('triage.clear_filters')}
          </button>
        )}
        <p className="triage__total" aria-live="polite" data-testid="triage-total">
          {totalText}
        </p>
      </div>
      <SavedViews filter={shown} sort={sort} onApply={applyView} onProblem={setProblem} />
      {showFilters && (
        <FilterPanel filter={filter} onChange={setFilterState} events={events} owners={owners} staffNames={settings.staffNames} />
      )}
      <ProblemNotice problem={problem ?? (pages.problem ? error(pages.problem) : null)} />
      {arrived > 0 && (
        <p className="notice triage__arrived" role="status">
          {t('triage.new_captures', { count: count(arrived) })}{' '}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setArrived(0);
              reload();
            }}
          >
            {t('triage.refresh')}
          </button>
        </p>
      )}
      {outcome && <BulkOutcome result={outcome} />}
      {selected > 0 && target && (
        <div className="triage__selection">
          <p role="status" data-testid="triage-selected">
            {selection.all ? t('triage.all_matching_selected', { count: count(selected) }) : t('triage.selected', { count: count(selected) })}
          </p>
          {!selection.all && selected < total && (
            <button type="button" className="button button--quiet" onClick={() => setSelection(selectAllMatching())}>
              {t('triage.select_all_matching', { count: count(total) })}
            </button>
          )}
          <button type="button" className="button button--quiet" onClick={() => setSelection(noSelection)}>
            {t('triage.clear_selection')}
          </button>
          <BulkBar
            target={target}
            count={selected}
            owners={owners}
            reasons={reasons}
            staff={settings.staffName}
            onDone={afterBulk}
            onExport={() => setExporting(true)}
          />
        </div>
      )}
      <div className="triage__main">
        <TriageTable
          rows={pages.rows}
          hasMore={pages.next !== null}
          total={total}
          sort={sort}
          onSort={onSort}
          selection={selection}
          onSelect={onSelect}
          onSelectLoaded={(on) => setSelection((s) => selectLoaded(s, loadedIds, on))}
          openId={openId}
          onOpen={setOpenId}
          onNearRow={pages.nearRow}
          events={eventsById}
          owners={ownersByEmail}
          compact={openId !== null}
          emptyText={pages.total === 0 && !pages.loading ? t(filters > 0 || query ? 'triage.no_match' : 'triage.empty') : null}
          now={now}
          targets={targets}
        />
        {openId && (
          <DetailPanel
            key={openId}
            leadId={openId}
            events={eventsById}
            owners={owners}
            reasons={reasons}
            staff={settings.staffName}
            targets={targets}
            onClose={() => setOpenId(null)}
            onChanged={onChanged}
            onDeleted={() => {
              setOpenId(null);
              reload();
            }}
          />
        )}
      </div>
      {exporting && (
        <ExportDialog
          open
          parts={exportParts(selection, shown, pages.rows, events)}
          count={selected || total}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  );
}

