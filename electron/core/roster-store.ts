import type Database from 'better-sqlite3';
import type { PersonFields } from '../../shared/model';

export interface RosterEntryRow {
  id: number;
  badgeId: string;
  fullName: string | null;
  familyName: string | null;
  givenName: string | null;
  familyNameKana: string | null;
  givenNameKana: string | null;
  company: string | null;
  department: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  checkedInAt: number | null;
}

const PERSON_COLUMNS = `badge_id AS badgeId, full_name AS fullName, family_name AS familyName, given_name AS givenName,
  family_name_kana AS familyNameKana, given_name_kana AS givenNameKana, company, department, title, email, phone`;

export function rosterStore(sqlite: Database.Database) {
  const find = sqlite.prepare(
    `SELECT id, ${PERSON_COLUMNS}, checked_in_at AS checkedInAt FROM roster_entries WHERE event_id = ? AND badge_id = ?`,
  );
  const checkIn = sqlite.prepare('UPDATE roster_entries SET checked_in_at = ? WHERE id = ? AND checked_in_at IS NULL');
  return {
    find: (eventId: string, badgeId: string) => find.get(eventId, badgeId) as RosterEntryRow | undefined,
    checkIn: (id: number, at: number) => checkIn.run(at, id),
    fields(entry: RosterEntryRow): PersonFields {
      const out: PersonFields = {};
      for (const [key, value] of Object.entries(entry)) {
        if (key !== 'id' && key !== 'checkedInAt' && typeof value === 'string' && value) out[key as keyof PersonFields] = value;
      }
      return out;
    },
  };
}
