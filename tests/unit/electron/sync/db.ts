import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenDb } from '../../../../db/open';

/** A migrated database in a temp folder with one event and the given leads. */
export function testDb(leadIds: string[] = []): OpenDb & { addLead(id: string, eventId?: string, updatedAt?: number): void; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-outbox-'));
  const db = openDatabase(path.join(dir, 'test.db'));
  db.sqlite.prepare("INSERT INTO events (id, name, kind, created_at) VALUES ('ev1', 'Expo', 'tradeshow', 0), ('ev2', 'Seminar', 'seminar', 0)").run();
  const insert = db.sqlite.prepare(
    "INSERT INTO leads (id, event_id, source, captured_at, updated_at, email) VALUES (?, ?, 'manual', 1000, ?, ?)",
  );
  const addLead = (id: string, eventId = 'ev1', updatedAt = 1000) => void insert.run(id, eventId, updatedAt, `${id}@example.com`);
  for (const id of leadIds) addLead(id);
  return Object.assign(db, {
    addLead,
    dispose() {
      db.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}
