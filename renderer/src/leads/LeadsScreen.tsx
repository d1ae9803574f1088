import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useVisibleRows } from '../ui/usePagedRows';
import type { EventSummary, Lead } from '../../../shared/model';
import { call, errorCode, errorDetails, subscribe } from '../api/client';
import { dateTimeHm, displayKana, displayName } from '../app/format';
import { TargetBadge } from '../accounts/TargetBadge';
import { targetOf, useTargetAccounts, type TargetMarks } from '../accounts/useTargetAccounts';
import { useI18n } from '../app/i18n';
import { ExportDialog, type ExportPart } from '../handoff/ExportDialog';
import { ProblemNotice } from '../ui/ProblemNotice';
import { UndoToast } from '../ui/UndoToast';
import { LeadEditor } from './LeadEditor';
import { emptySelection, selectedCount, toggle, toggleAll, type Selection } from './selection';
import { useLeadPages } from './useLeadPages';
import { useDebounced } from '../app/useDebounced';

const ROW_HEIGHT = 52;
const SEARCH_DELAY_MS = 250;

export function LeadsScreen({ event }: { event: EventSummary | null }) {
  const { t } = useI18n();
  if (!event) {
    return (
      <div className="empty-state">
        <h1>{t('leads.title')}</h1>
        <p>{t('capture.no_event')}</p>
      </div>
    );
  }
  return <LeadsList key={event.id} event={event} />;
}

function LeadsList({ event }: { event: EventSummary }) {
  const { t, count, error } = useI18n();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const { total, rowAt, ensure, refreshVisible: refresh } = useLeadPages(event.id, query);
  const scroller = useRef<HTMLDivElement>(null);
  const targets = useTargetAccounts();
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [exporting, setExporting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  /** The last lead deleted here, while its undo is offered. */
  const [deleted, setDeleted] = useState<Lead | null>(null);
  const [undoProblem, setUndoProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const { virtualizer, items } = useVisibleRows(scroller, total, ensure, ROW_HEIGHT);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    // A selection made under another search would export leads no longer shown.
    setSelection(emptySelection);
  }, [query]);

  const visibleIds = items.map((item) => rowAt(item.index)?.id).filter((id): id is string => id !== undefined);
  const allVisibleSelected = selection.all || (visibleIds.length > 0 && visibleIds.every((id) => selection.ids.has(id)));
  const selected = selectedCount(selection, total ?? 0);
  // The selected leads, or every lead the search matches (all of the event's without one).
  const matching = selection.all || selected === 0;
  const exportPart: ExportPart = matching ? { eventId: event.id, ...(query ? { query } : {}) } : { eventId: event.id, leadIds: [...selection.ids] };

  // A capture shifts the newest-first list: `refresh` reloads what is on screen now, the rest
  // when it scrolls into view.
  useEffect(
    () =>
      subscribe((message) => {
        if (message.topic !== 'lead.captured' || message.data.lead.eventId !== event.id) return;
        refresh();
      }),
    [event.id, refresh],
  );

  /** Soft delete: the row leaves the list and the undo toast offers it back. Throws the call's error. */
  async function deleteLead(lead: Lead) {
    await call('leads.delete', { id: lead.id });
    setEditing(null);
    setDeleted(lead);
    setUndoProblem(null);
    setProblem(null);
    setSelection((s) => (s.ids.has(lead.id) ? { all: s.all, ids: new Set([...s.ids].filter((id) => id !== lead.id)) } : s));
    refresh();
  }

  async function restoreDeleted() {
    if (!deleted) return;
    try {
      await call('leads.restore', { id: deleted.id });
      setDeleted(null);
      refresh();
    } catch (err) {
      setUndoProblem(error(errorCode(err), errorDetails(err)));
    }
  }

  function onRowKey(e: KeyboardEvent<HTMLDivElement>, index: number, lead: Lead) {
    if (e.target !== e.currentTarget) return; // keys typed on the row's checkbox stay the checkbox's
    if (e.key === 'Enter') {
      e.preventDefault();
      setEditing(lead.id);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      deleteLead(lead).catch((err: unknown) => setProblem(error(errorCode(err), errorDetails(err))));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = index + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0 || next >= (total ?? 0)) return;
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-row-index="${next}"]`)?.focus());
    }
  }

  return (
    <div className="page page--fill leads">
      <div className="leads__toolbar">
        <h1>{t('leads.title')}</h1>
        <div className="field field--inline leads__search">
          <label htmlFor={searchId} className="field__label">
            {t('leads.search')}
          </label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder={t('leads.search_placeholder')}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <p className="leads__total" aria-live="polite" data-testid="leads-total">
          {total !== null && t('leads.total', { count: count(total) })}
        </p>
        <button type="button" className="button" onClick={() => setExporting(true)} disabled={!total}>
          {t('export.button')}
        </button>
      </div>

      <ProblemNotice problem={problem} />
      {selected > 0 && (
        <div className="leads__selection">
          <p role="status" data-testid="leads-selected">
            {selection.all ? t('leads.all_matching_selected', { count: count(selected) }) : t('leads.selected', { count: count(selected) })}
          </p>
          {!selection.all && total !== null && selected < total && (
            <button type="button" className="button" onClick={() => setSelection({ all: true, ids: new Set() })}>
              {t('leads.select_all_matching', { count: count(total) })}
            </button>
          )}
          <button type="button" className="button button--quiet" onClick={() => setSelection(emptySelection)}>
            {t('leads.clear_selection')}
          </button>
        </div>
      )}

      <div className="leads__table" role="table" aria-label={t('leads.title')} aria-rowcount={(total ?? 0) + 1}>
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="leads__row leads__row--head">
            <span role="columnheader">
              <input
                type="checkbox"
                aria-label={t('leads.select_visible')}
                checked={allVisibleSelected}
                disabled={visibleIds.length === 0}
                onChange={(e) => setSelection((s) => toggleAll(s, visibleIds, e.target.checked))}
              />
            </span>
            <span role="columnheader">{t('leads.col.captured_at')}</span>
            <span role="columnheader">{t('leads.col.name')}</span>
            <span role="columnheader">{t('leads.col.company')}</span>
            <span role="columnheader">{t('leads.col.title')}</span>
            <span role="columnheader">{t('leads.col.email')}</span>
            <span role="columnheader">{t('leads.col.rating')}</span>
            <span role="columnheader">{t('leads.col.consent')}</span>
            <span role="columnheader">{t('leads.col.staff')}</span>
          </div>
        </div>
        <div role="rowgroup" ref={scroller} className="leads__body" tabIndex={0} aria-label={t('leads.title')}>
          {total === 0 && <p className="leads__empty">{t(query ? 'leads.no_match' : 'leads.empty')}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => (
              <LeadRow
                key={item.key}
                index={item.index}
                lead={rowAt(item.index)}
                start={item.start}
                selection={selection}
                onToggle={(id, on) => setSelection((s) => toggle(s, id, on, visibleIds))}
                onOpen={(lead) => setEditing(lead.id)}
                onKey={onRowKey}
                targets={targets}
              />
            ))}
          </div>
        </div>
      </div>
      <ExportDialog open={exporting} parts={[exportPart]} count={matching ? (total ?? 0) : selected} onClose={() => setExporting(false)} />
      <LeadEditor
        leadId={editing}
        eventId={event.id}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
        onDelete={deleteLead}
      />
      {deleted && (
        <UndoToast
          key={deleted.id}
          message={t('undo.deleted', { name: displayName(deleted) ?? t('card.unnamed') })}
          problem={undoProblem}
          onUndo={restoreDeleted}
          onDismiss={() => setDeleted(null)}
        />
      )}
    </div>
  );
}

function LeadRow(props: {
  index: number;
  lead: Lead | undefined;
  start: number;
  selection: Selection;
  onToggle(id: string, on: boolean): void;
  onOpen(lead: Lead): void;
  onKey(e: KeyboardEvent<HTMLDivElement>, index: number, lead: Lead): void;
  targets: TargetMarks;
}) {
  const { index, lead, start } = props;
  const { t } = useI18n();
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!lead) {
    return (
      <div role="row" aria-rowindex={index + 2} className="leads__row leads__row--loading" style={style}>
        <span role="cell">{t('leads.loading_row')}</span>
      </div>
    );
  }
  const kana = displayKana(lead);
  const name = displayName(lead) ?? t('card.unnamed');
  const checked = props.selection.all || props.selection.ids.has(lead.id);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      title={t('leads.row_keys')}
      className="leads__row"
      style={style}
      data-testid="lead-row"
      data-row-index={index}
      tabIndex={0}
      onClick={() => props.onOpen(lead)}
      onKeyDown={(e) => props.onKey(e, index, lead)}
    >
      {/* Ticking the box chooses the row for export; it does not open the editor. */}
      <span role="cell" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" aria-label={t('leads.select_row', { name })} checked={checked} onChange={(e) => props.onToggle(lead.id, e.target.checked)} />
      </span>
      <span role="cell" className="nowrap">{dateTimeHm(lead.capturedAt)}</span>
      <span role="cell" className="leads__name">
        <span>{name}</span>
        {kana && <span className="leads__kana">{kana}</span>}
      </span>
      <span role="cell">
        {lead.company}
        {targetOf(props.targets, lead.accountId) !== undefined && (
          <> <TargetBadge tier={targetOf(props.targets, lead.accountId) ?? null} /></>
        )}
      </span>
      <span role="cell">{lead.title}</span>
      <span role="cell">{lead.email}</span>
      <span role="cell">{lead.rating && <span className={`pill pill--${lead.rating}`}>{t(`rating.${lead.rating}`)}</span>}</span>
      {/* APPI: a lead without recorded consent must stand out before anyone contacts them. */}
      <span role="cell" data-testid="lead-consent">
        {lead.consentVersion !== null ? t('leads.consent_given', { version: lead.consentVersion }) : <span className="muted">{t('leads.consent_none')}</span>}
      </span>
      <span role="cell">{lead.capturedBy}</span>
    </div>
  );
}
