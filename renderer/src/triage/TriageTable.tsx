import { useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { EventSummary, Lead } from '../../../shared/model';
import type { TriageSort, TriageSortColumn } from '../../../shared/triage/api';
import { isOverdue } from '../../../shared/triage/follow-up';
import type { Owner } from '../../../shared/triage/assign';
import { dateTimeHm, displayKana, displayName } from '../app/format';
import { TargetBadge } from '../accounts/TargetBadge';
import { targetOf, type TargetMarks } from '../accounts/useTargetAccounts';
import { useI18n } from '../app/i18n';
import { useVisibleRows } from '../ui/usePagedRows';
import { layout, type Column } from './columns';
import { isSelected, type TriageSelection } from './triage-selection';

export const ROW_HEIGHT = 44;

export interface TriageTableProps {
  rows: readonly Lead[];
  /** More rows follow the loaded ones (a keyset page not fetched yet). */
  hasMore: boolean;
  /** The list's length as the header counts it, for assistive technology. */
  total: number;
  sort: TriageSort;
  onSort(column: TriageSortColumn): void;
  selection: TriageSelection;
  onSelect(id: string, on: boolean, shift: boolean): void;
  onSelectLoaded(on: boolean): void;
  /** The lead shown in the detail panel. */
  openId: string | null;
  onOpen(id: string): void;
  /** A row near `index` is on screen: time to fetch the next page if it is close. */
  onNearRow(index: number): void;
  events: ReadonlyMap<string, EventSummary>;
  owners: ReadonlyMap<string, Owner>;
  compact: boolean;
  emptyText: string | null;
  /** The render's clock for the overdue mark (passed so a row does not read the clock itself). */
  now: number;
  /** Accounts on the target list: their leads carry the mark beside the company. */
  targets?: TargetMarks;
}

/**
 * The Triage table: a virtualizer draws only the rows on screen (100,000 leads stay smooth) and
 * the list grows by keyset pages as it is scrolled. ↑/↓ move, Enter opens the detail, Space
 * ticks the row (with Shift: from the last ticked row).
 */
export function TriageTable(props: TriageTableProps) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const { columns, grid } = layout(props.compact);
  const count = props.rows.length + (props.hasMore ? 1 : 0);
  const { virtualizer, items } = useVisibleRows(scroller, count, (_first, last) => props.onNearRow(last), ROW_HEIGHT);
  const loadedIds = props.rows.map((r) => r.id);
  const allLoadedSelected = props.selection.all || (loadedIds.length > 0 && loadedIds.every((id) => props.selection.ids.has(id)));

  function focusRow(index: number) {
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`)?.focus());
  }

  function onRowKey(e: KeyboardEvent<HTMLDivElement>, index: number, lead: Lead) {
    if (e.target !== e.currentTarget) return; // keys typed on the row's checkbox stay the checkbox's
    if (e.key === 'Enter') {
      e.preventDefault();
      props.onOpen(lead.id);
    } else if (e.key === ' ') {
      e.preventDefault();
      props.onSelect(lead.id, !isSelected(props.selection, lead.id), e.shiftKey);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = index + (e.key === 'ArrowDown' ? 1 : -1);
      if (next >= 0 && next < props.rows.length) focusRow(next);
    }
  }

  return (
    <div className="triage__table" role="table" aria-label={t('triage.title')} aria-rowcount={props.total + 1} data-testid="triage-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="triage__row triage__row--head" style={{ gridTemplateColumns: grid }}>
          <span role="columnheader">
            <input
              type="checkbox"
              aria-label={t('triage.select_loaded')}
              checked={allLoadedSelected}
              disabled={loadedIds.length === 0}
              onChange={(e) => props.onSelectLoaded(e.target.checked)}
            />
          </span>
          {columns.map((column) => (
            <SortHeader key={column.sort} column={column} sort={props.sort} onSort={props.onSort} />
          ))}
        </div>
      </div>
      <div role="rowgroup" ref={scroller} className="triage__body" aria-label={t('triage.rows')}>
        {props.emptyText && <p className="triage__empty">{props.emptyText}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const lead = props.rows[item.index];
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: grid };
            if (!lead) {
              return (
                <div key={item.key} role="row" aria-rowindex={item.index + 2} className="triage__row triage__row--loading" style={style}>
                  <span role="cell" />
                  <span role="cell">{t('triage.loading_rows')}</span>
                </div>
              );
            }
            return (
              <TriageRow
                key={lead.id}
                index={item.index}
                lead={lead}
                style={style}
                columns={columns}
                checked={isSelected(props.selection, lead.id)}
                open={props.openId === lead.id}
                onSelect={props.onSelect}
                onOpen={props.onOpen}
                onKey={onRowKey}
                event={props.events.get(lead.eventId)}
                owner={lead.owner ? props.owners.get(lead.owner) : undefined}
                now={props.now}
                target={props.targets ? targetOf(props.targets, lead.accountId) : undefined}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function SortHeader({ column, sort, onSort }: { column: Column; sort: TriageSort; onSort(column: TriageSortColumn): void }) {
  const { t } = useI18n();
  const active = sort.column === column.sort;
  return (
    <span role="columnheader" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="triage__sort" onClick={() => onSort(column.sort)} data-testid={`sort-${column.sort}`}>
        {t(column.label)}
        <span aria-hidden="true" className="triage__sort-mark">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </span>
  );
}

function TriageRow(props: {
  index: number;
  lead: Lead;
  style: CSSProperties;
  columns: readonly Column[];
  checked: boolean;
  open: boolean;
  onSelect(id: string, on: boolean, shift: boolean): void;
  onOpen(id: string): void;
  onKey(e: KeyboardEvent<HTMLDivElement>, index: number, lead: Lead): void;
  event: EventSummary | undefined;
  owner: Owner | undefined;
  now: number;
  /** The target mark's tier (null: no tier), or undefined when the account is not a target. */
  target: string | null | undefined;
}) {
  const { t } = useI18n();
  const { lead } = props;
  const name = displayName(lead) ?? t('card.unnamed');
  const cells: Record<Column['sort'], ReactNode> = {
    name: (
      <span className="triage__name">
        <span>{name}</span>
        {displayKana(lead) && <span className="triage__kana">{displayKana(lead)}</span>}
      </span>
    ),
    company:
      props.target === undefined ? (
        lead.company
      ) : (
        <span className="triage__company">
          <span>{lead.company}</span> <TargetBadge tier={props.target} />
        </span>
      ),
    title: lead.title,
    event: props.event?.name,
    status: <span className={`status-pill status-pill--${lead.status}`}>{t(`triage.status_short.${lead.status}`)}</span>,
    grade: <span className={`grade grade--${lead.grade}`}>{lead.grade}</span>,
    score: <span className="triage__score">{lead.score}</span>,
    rating: lead.rating && <span className={`pill pill--${lead.rating}`}>{t(`rating.${lead.rating}`)}</span>,
    owner: props.owner?.name ?? lead.owner ?? <span className="muted">{t('triage.no_owner')}</span>,
    capturedBy: lead.capturedBy,
    capturedAt: dateTimeHm(lead.capturedAt),
    followUpDue: <FollowUp lead={lead} now={props.now} />,
    updatedAt: dateTimeHm(lead.updatedAt),
  };
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={props.checked}
      aria-current={props.open ? 'true' : undefined}
      className={props.open ? 'triage__row triage__row--open' : 'triage__row'}
      style={props.style}
      data-testid="triage-row"
      data-row-index={props.index}
      data-lead-id={lead.id}
      tabIndex={0}
      onClick={() => props.onOpen(lead.id)}
      onKeyDown={(e) => props.onKey(e, props.index, lead)}
    >
      {/* Ticking the box chooses the row for a bulk action; it does not open the detail. */}
      <span role="cell" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={t('triage.select_row', { name })}
          checked={props.checked}
          onChange={(e) => props.onSelect(lead.id, e.target.checked, (e.nativeEvent as MouseEvent).shiftKey === true)}
        />
      </span>
      {props.columns.map((column) => (
        <span role="cell" key={column.sort} className={`triage__cell--${column.sort}`}>
          {cells[column.sort]}
        </span>
      ))}
    </div>
  );
}

function FollowUp({ lead, now }: { lead: Lead; now: number }) {
  const { t } = useI18n();
  if (!lead.followUpDue) return null;
  const overdue = isOverdue(Date.parse(lead.followUpDue), lead.status, now);
  return (
    <span className={overdue ? 'triage__overdue' : undefined} data-overdue={overdue || undefined}>
      {overdue && <span className="visually-hidden">{t('triage.overdue')} </span>}
      {overdue && <span aria-hidden="true">⚠ </span>}
      {dateTimeHm(lead.followUpDue)}
    </span>
  );
}
