import { useEffect, useId, useRef, useState } from 'react';
import type { DoorPerson } from '../../../shared/door/api';
import { call } from '../api/client';
import { displayKana, displayName, timeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { useDebounced } from '../app/useDebounced';

const SEARCH_DELAY_MS = 150;
const SHOWN = 8;

interface Found {
  query: string;
  exact: boolean;
  rows: DoorPerson[];
}

/**
 * The door's one field: a badge id or a few letters of a name, reading, company or email.
 * Matches show as you type; ↑↓ choose, Enter checks the chosen person in. Enter on text that
 * matches nobody asks the core, which answers "not on the roster" for a person to decide.
 */
export function CheckInSearch(props: {
  eventId: string;
  /** Changes when someone arrives: the shown matches re-read their status. */
  live: number;
  /** Resolves true when the person was checked in (the field is cleared for the next one). */
  onCheckIn(badgeId: string): Promise<boolean>;
}) {
  const { eventId, live, onCheckIn } = props;
  const { t } = useI18n();
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const [found, setFound] = useState<Found | null>(null);
  const [active, setActive] = useState(0);
  const busy = useRef(false);

  useEffect(() => {
    if (!query) {
      setFound(null);
      return;
    }
    let stale = false;
    call('door.find', { eventId, query, limit: SHOWN })
      .then((result) => {
        if (stale) return;
        setFound((shown) => {
          // A live refresh of the same search keeps the person chosen; a new search starts at the top.
          if (shown?.query !== query) setActive(0);
          else setActive((a) => Math.min(a, Math.max(result.rows.length - 1, 0)));
          return { query, ...result };
        });
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [eventId, query, live]);

  async function submit() {
    const typed = text.trim();
    if (!typed || busy.current) return;
    busy.current = true;
    try {
      // Enter pressed before the matches for what is typed arrived: ask now, take the first.
      const current = found?.query === typed ? found : { query: typed, ...(await call('door.find', { eventId, query: typed, limit: SHOWN })) };
      const person = current.rows[current === found ? active : 0];
      if (await onCheckIn(person?.badgeId ?? typed)) {
        setText('');
        setFound(null);
      }
    } finally {
      busy.current = false;
    }
  }

  const rows = found?.query === text.trim() ? found.rows : (found?.rows ?? []);
  const open = text.trim() !== '' && found !== null;
  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <div className="door-search">
      <label htmlFor={inputId} className="field__label">
        {t('door.search_label')}
      </label>
      <input
        id={inputId}
        className="door-search__input"
        type="search"
        role="combobox"
        autoComplete="off"
        autoFocus
        aria-autocomplete="list"
        aria-expanded={open && rows.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && rows[active] ? optionId(active) : undefined}
        aria-describedby={hintId}
        placeholder={t('door.search_placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return; // Enter that confirms an IME conversion
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (rows.length === 0) return;
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((a) => (a + step + rows.length) % rows.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            setText('');
          }
        }}
      />
      <p id={hintId} className="door-search__hint">
        {t('door.search_hint')}
      </p>
      <ul id={listId} role="listbox" aria-label={t('door.results')} className="door-search__results" hidden={!open}>
        {rows.map((person, i) => (
          <li
            key={person.badgeId ?? i}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="door-search__option"
            data-testid="door-match"
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setActive(i);
              if (person.badgeId) void onCheckIn(person.badgeId).then((done) => done && (setText(''), setFound(null)));
            }}
          >
            <PersonSummary person={person} />
          </li>
        ))}
      </ul>
      {open && rows.length === 0 && (
        <p className="door-search__none" role="status">
          {t('door.no_match')}
        </p>
      )}
    </div>
  );
}

function PersonSummary({ person }: { person: DoorPerson }) {
  const { t } = useI18n();
  const kana = displayKana(person);
  return (
    <>
      <span className="door-search__name">
        {displayName(person) ?? person.badgeId}
        {kana && <span className="door-search__kana"> {kana}</span>}
      </span>
      <span className="door-search__company">{person.company}</span>
      <span className="door-search__badge">{person.badgeId}</span>
      <span className={person.checkedInAt ? 'door-search__status door-search__status--in' : 'door-search__status'}>
        {person.checkedInAt ? t('door.status_checked_in', { time: timeHm(person.checkedInAt) }) : t('door.status_not_arrived')}
      </span>
    </>
  );
}
