import type Database from 'better-sqlite3';
import { Owner } from '../../../shared/triage/assign';

type OwnerRow = { email: string; name: string; team: string | null; active: number };

/** The people leads are assigned to (Settings → owners). */
export function ownerStore(sqlite: Database.Database, clock: () => number) {
  const all = sqlite.prepare('SELECT email, name, team, active FROM owners ORDER BY name, email');
  const upsert = sqlite.prepare(`
    INSERT INTO owners (email, name, team, active, created_at) VALUES (@email, @name, @team, @active, @createdAt)
    ON CONFLICT (email) DO UPDATE SET name = excluded.name, team = excluded.team, active = excluded.active`);
  const toOwner = (row: OwnerRow): Owner => ({ email: row.email, name: row.name, team: row.team, active: row.active === 1 });

  return {
    list: (): Owner[] => (all.all() as OwnerRow[]).map(toOwner),
    /** Adds or changes one owner; an owner is never deleted, only made inactive, so old leads keep a name. */
    save(owner: Owner): Owner {
      upsert.run({ ...owner, team: owner.team ?? null, active: owner.active ? 1 : 0, createdAt: clock() });
      return owner;
    },
  };
}
export type OwnerStore = ReturnType<typeof ownerStore>;
