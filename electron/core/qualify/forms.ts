import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { DEFAULT_QUESTIONS, FormQuestions, type Form, type Question } from '../../../shared/qualify/form';
import { iso } from '../../../shared/time';

/**
 * Qualification forms, versioned per event. An event that never saved a form answers with the
 * default one as version 1, written the first time anyone reads it, so answers given under it
 * point at a version that exists.
 */
export function formStore(sqlite: Database.Database, clock: () => number) {
  const latest = sqlite.prepare('SELECT version, questions, created_at AS createdAt FROM forms WHERE event_id = ? ORDER BY version DESC LIMIT 1');
  const insert = sqlite.prepare('INSERT INTO forms (event_id, version, questions, created_at) VALUES (?, ?, ?, ?)');
  const eventExists = sqlite.prepare('SELECT 1 FROM events WHERE id = ?').pluck();

  type Row = { version: number; questions: string; createdAt: number };
  // A version never changes once written, so each is parsed once: qualifying a lead at the
  // booth reads the form on every save.
  const parsed = new Map<string, Form>();
  const toForm = (eventId: string, row: Row): Form => {
    const key = `${eventId}\u0000${row.version}`;
    let form = parsed.get(key);
    if (!form) {
      form = {
        eventId,
        version: row.version,
        // Stored by this code after validation; parsed again so defaults of later versions apply.
        questions: FormQuestions.parse(JSON.parse(row.questions)),
        createdAt: iso(row.createdAt),
      };
      parsed.set(key, form);
    }
    return form;
  };

  function requireEvent(eventId: string): void {
    if (eventExists.get(eventId) !== 1) throw new AppError('event.not_found', `No event with id ${eventId}`);
  }

  const ensure = sqlite.transaction((eventId: string): Form => {
    const row = latest.get(eventId) as Row | undefined;
    if (row) return toForm(eventId, row);
    requireEvent(eventId);
    const now = clock();
    insert.run(eventId, 1, JSON.stringify(DEFAULT_QUESTIONS), now);
    return toForm(eventId, { version: 1, questions: JSON.stringify(DEFAULT_QUESTIONS), createdAt: now });
  });

  const save = sqlite.transaction((eventId: string, questions: Question[]): Form => {
    const current = ensure(eventId);
    if (JSON.stringify(current.questions) === JSON.stringify(questions)) return current;
    const now = clock();
    insert.run(eventId, current.version + 1, JSON.stringify(questions), now);
    return { eventId, version: current.version + 1, questions, createdAt: iso(now) };
  });

  return {
    /** The form in force; read-only callers inside another transaction join it. */
    current: (eventId: string): Form => {
      // Most reads find a form; only the first takes the write lock (ensure reads again under it).
      const row = latest.get(eventId) as Row | undefined;
      return row ? toForm(eventId, row) : ensure.immediate(eventId);
    },
    save: (eventId: string, questions: Question[]) => save.immediate(eventId, questions),
  };
}
export type FormStore = ReturnType<typeof formStore>;
