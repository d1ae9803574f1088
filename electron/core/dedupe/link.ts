import type Database from 'better-sqlite3';
import { personKeys } from '../../../shared/dedupe/keys';
import { classifyPair } from '../../../shared/dedupe/rules';
import type { DerivableRow, LeadValues } from '../store/lead-store';
import { dedupeStore } from './store';

/**
 * The lead writer's `link` for people: a lead's 名寄せ keys (email, name, phone) and the
 * person it belongs to across events. Runs inside every write, so it costs at most two index
 * probes, and none when the keys did not change and the lead has its person already. The
 * person is that of another lead the automatic rules call the same (the same email; the same
 * name, reading, account and phone), else a new one. Answers the columns that differ.
 */
export function personLinker(sqlite: Database.Database, deps: { newId: () => string; clock: () => number }) {
  const store = dedupeStore(sqlite);

  function personOf(row: DerivableRow, keys: ReturnType<typeof personKeys>): string | null {
    const me = { ...row, ...keys };
    for (const other of store.candidates(me)) {
      if (other.personId === null) continue;
      // The pair's record is read only for a match: most candidates are not one.
      if (classifyPair(me, other).kind !== 'auto') continue;
      if (store.pair(row.id, other.id)?.state !== 'dismissed') return other.personId;
    }
    return null;
  }

  return {
    link(row: DerivableRow): LeadValues {
      const keys = personKeys(row);
      const out: LeadValues = {};
      if (keys.emailKey !== row.emailKey) out.emailKey = keys.emailKey;
      if (keys.nameKey !== row.nameKey) out.nameKey = keys.nameKey;
      if (keys.phoneKey !== row.phoneKey) out.phoneKey = keys.phoneKey;
      // A merged-away lead keeps the person it had: its history belongs to the survivor's.
      if (row.deletedAt !== null) return out;
      if (row.personId !== null && Object.keys(out).length === 0) return out;
      // The keys changed (an edit, a merge) or the lead has no person yet: the rules decide
      // again; with no match, a lead keeps the person it had.
      const person = personOf(row, keys) ?? row.personId ?? store.newPerson(deps.newId(), deps.clock());
      if (person !== row.personId) out.personId = person;
      return out;
    },
  };
}
