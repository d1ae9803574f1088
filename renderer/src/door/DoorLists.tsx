import { useEffect, useId, useRef, useState } from 'react';
import { useVisibleRows } from '../ui/usePagedRows';
import { DoorList, type DoorCounts, type DoorPerson } from '../../../shared/door/api';
import { call } from '../api/client';
import { dateTimeHm, displayKana, displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import { useDebounced } from '../app/useDebounced';
import { useDoorPages } from './useDoorPages';

const ROW_HEIGHT = 52;
const FILTER_DELAY_MS = 250;
const LISTS = DoorList.options;

/** Registered / attended / walk-ins / not yet arrived: tabs with their counts, one filter, live. */
export function DoorLists({ eventId, live }: { eventId: string; live: number }) {
  const { t, count } = useI18n();
  const filterId = useId();
  const panelId = useId();
  const [list, setList] = useState<DoorList>('not_arrived');
  const [filter, setFilter] = useState('');
  const query = useDebounced(filter.trim(), FILTER_DELAY_MS);
  const [counts, setCounts] = useState<DoorCounts | null>(null);

  useEffect(() => {
    let stale = false;
    call('door.counts', { eventId, ...(query ? { query } : {}) })
      .then((c) => !stale && setCounts(c))
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [eventId, query, live]);

  return (
    <section className="door-lists" aria-label={t('door.lists')}>
      <div className="door-lists__bar">
        <div role="tablist" aria-label={t('door.lists')} className="door-lists__tabs">
          {LISTS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${panelId}-${name}`}
              aria-selected={list === name}
              aria-controls={panelId}
              className="door-lists__tab"
              data-testid={`door-tab-${name}`}
              onClick={() => setList(name)}
            >
              {t('door.tab', { label: t(`door.list.${name}`), count: counts ? count(counts[name]) : '…' })}
            </button>
          ))}
        </div>
        <div className="field field--inline door-lists__filter">
          <label htmlFor={filterId} className="field__label">
            {t('door.filter_label')}
          </label>
          <input
            id={filterId}
            type="search"
            value={filter}
            placeholder={t('door.filter_placeholder')}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={`${panelId}-${list}`} className="door-lists__panel">
        <PeopleTable key={`${list}\u0000${query}`} eventId={eventId} list={list} query={query} live={live} />
      </div>
    </section>
  );
}

function PeopleTable(props: { eventId: string; list: DoorList; query: string; live: number }) {
  const { t } = useI18n();
  const { total, rowAt, ensure } = useDoorPages(props.eventId, props.list, props.query, props.live);
  const scroller = useRef<HTMLDivElement>(null);
  const { virtualizer, items } = useVisibleRows(scroller, total, ensure, ROW_HEIGHT);

  const label = t(`door.list.${props.list}`);
  return (
    <div className="leads__table" role="table" aria-label={label} aria-rowcount={(total ?? 0) + 1}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="door-row leads__row--head">
          <span role="columnheader">{t('door.col.badge_id')}</span>
          <span role="columnheader">{t('door.col.name')}</span>
          <span role="columnheader">{t('door.col.company')}</span>
          <span role="columnheader">{t('door.col.checked_in_at')}</span>
          <span role="columnheader">{t('door.col.staff')}</span>
        </div>
      </div>
      <div role="rowgroup" ref={scroller} className="leads__body" tabIndex={0} aria-label={label} data-testid={`door-list-${props.list}`}>
        {total === 0 && <p className="leads__empty">{t('door.list_empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <PersonRow key={item.key} index={item.index} person={rowAt(item.index)} start={item.start} />
          ))}
        </div>
      </div>
    </div>
  );
}

function PersonRow({ index, person, start }: { index: number; person: DoorPerson | undefined; start: number }) {
  const { t } = useI18n();
  const style = { transform: `translateY(${start}px)`, height: ROW_HEIGHT };
  if (!person) {
    return (
      <div role="row" aria-rowindex={index + 2} className="door-row leads__row--loading" style={style}>
        <span role="cell">{t('leads.loading_row')}</span>
      </div>
    );
  }
  const kana = displayKana(person);
  return (
    <div role="row" aria-rowindex={index + 2} className="door-row" style={style} data-testid="door-person">
      <span role="cell">{person.badgeId}</span>
      <span role="cell" className="leads__name">
        <span>{displayName(person) ?? t('card.unnamed')}</span>
        {kana && <span className="leads__kana">{kana}</span>}
      </span>
      <span role="cell">{person.company}</span>
      <span role="cell" className="nowrap">{person.checkedInAt && dateTimeHm(person.checkedInAt)}</span>
      <span role="cell">{person.checkedInBy}</span>
    </div>
  );
}
