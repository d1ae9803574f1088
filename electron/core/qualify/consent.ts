import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { ConsentText } from '../../../shared/qualify/api';
import { iso } from '../../../shared/time';

/**
 * Consent wording per event. APPI asks that what a person agreed to can be shown later word
 * for word: a version any lead agreed to is never reworded, only followed by a new version.
 */
export function consentStore(sqlite: Database.Database, clock: () => number) {
  const all = sqlite.prepare(`
    SELECT c.event_id AS eventId, c.version, c.text_ja AS textJa, c.text_en AS textEn, c.created_at AS createdAt,
      (SELECT count(*) FROM leads l WHERE l.event_id = c.event_id AND l.consent_version = c.version AND l.deleted_at IS NULL) AS agreed
    FROM consent_texts c WHERE c.event_id = ? ORDER BY c.created_at DESC, c.rowid DESC`);
  const one = sqlite.prepare('SELECT 1 FROM consent_texts WHERE event_id = ? AND version = ?').pluck();
  const agreedTo = sqlite.prepare('SELECT 1 FROM leads WHERE event_id = ? AND consent_version = ? LIMIT 1').pluck();
  const upsert = sqlite.prepare(`
    INSERT INTO consent_texts (event_id, version, text_ja, text_en, created_at) VALUES (@eventId, @version, @textJa, @textEn, @now)
    ON CONFLICT (event_id, version) DO UPDATE SET text_ja = excluded.text_ja, text_en = excluded.text_en, created_at = excluded.created_at`);
  const eventExists = sqlite.prepare('SELECT 1 FROM events WHERE id = ?').pluck();

  type Row = Omit<ConsentText, 'createdAt'> & { createdAt: number };
  const versions = (eventId: string): ConsentText[] =>
    (all.all(eventId) as Row[]).map((r) => ({ ...r, createdAt: iso(r.createdAt) }));

  const save = sqlite.transaction((input: { eventId: string; version?: string; textJa: string; textEn: string }): ConsentText => {
    if (eventExists.get(input.eventId) !== 1) throw new AppError('event.not_found', `No event with id ${input.eventId}`);
    const existing = versions(input.eventId);
    const version = input.version ?? nextVersion(existing.map((v) => v.version));
    // Checked against every lead, deleted ones too: a deleted lead can be restored with its consent.
    if (agreedTo.get(input.eventId, version) === 1) {
      throw new AppError('consent.version_agreed', `Consent version ${version} was agreed to and cannot be reworded; save a new version`);
    }
    upsert.run({ ...input, version, now: clock() });
    return versions(input.eventId).find((v) => v.version === version)!;
  });

  return {
    versions,
    exists: (eventId: string, version: string) => one.get(eventId, version) === 1,
    save: (input: Parameters<typeof save>[0]) => save.immediate(input),
  };
}
export type ConsentStore = ReturnType<typeof consentStore>;

/** "1", "2", …: the next number after the largest numeric version so far. */
function nextVersion(taken: string[]): string {
  const numbers = taken.map((v) => Number.parseInt(v, 10)).filter((n) => Number.isFinite(n));
  return String(numbers.length ? Math.max(...numbers) + 1 : 1);
}
