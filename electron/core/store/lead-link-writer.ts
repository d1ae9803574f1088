import type Database from 'better-sqlite3';
import type { FullLeadRow } from './lead-store';
import type { WrittenLead } from './lead-writer';

/**
 * The lead writer's batch entry point for linking accounts (every lead at open, for a database
 * from before accounts or after the linking rules changed), kept apart so the lead writer file
 * can re-export it. It writes a lead's account and nothing else: no derived value reads the
 * account (a target is matched by the lead's own company key and email domain), so a new
 * account moves no score, grade, status or owner; and the re-score at open has brought those up
 * to date before the link runs. A lead whose company key is out of date (the legal forms
 * changed) goes through the writer's own `rederive` instead, which decides everything again.
 */

/** What linking reads (core/accounts/link.ts), and what delivery is told of a lead whose account moved. */
export type LinkingRow = Pick<
  FullLeadRow,
  'id' | 'eventId' | 'company' | 'companyKey' | 'email' | 'accountId' | 'status' | 'readyAt' | 'personId' | 'mergedInto'
> & { rowid_: number };
type RawLinkingRow = [
  number, string, string, string | null, string | null, string | null, string | null, LinkingRow['status'], number | null, string | null, string | null,
];

export function leadLinkWriter(sqlite: Database.Database, onWritten: (lead: WrittenLead) => void) {
  // A quarter of a row's columns, as arrays (raw) rather than an object per row: at 100,000
  // leads, half the CPU time of reading the same columns as objects.
  const after = sqlite
    .prepare(
      `SELECT rowid, id, event_id, company, company_key, email, account_id, status, ready_at, person_id, merged_into
       FROM leads WHERE rowid > ? AND deleted_at IS NULL ORDER BY rowid LIMIT ?`,
    )
    .raw();
  // By rowid: the walk has it, and it saves the probe of the id index.
  const setAccount = sqlite.prepare('UPDATE leads SET account_id = ? WHERE rowid = ?');

  return {
    /**
     * Live leads in storage order after a rowid, with only the columns linking reads, each
     * handed to `visit` in turn as one object filled again for every lead (no object per
     * lead): keep nothing of it past the call. Answers the last rowid read and how many.
     */
    each(rowid: number, limit: number, visit: (row: LinkingRow) => void): { last: number; read: number } {
      const rows = after.all(rowid, limit) as RawLinkingRow[];
      const row: LinkingRow = {
        rowid_: 0, id: '', eventId: '', company: null, companyKey: null, email: null, accountId: null, status: 'new',
        readyAt: null, personId: null, mergedInto: null,
      };
      for (const r of rows) {
        row.rowid_ = r[0];
        row.id = r[1];
        row.eventId = r[2];
        row.company = r[3];
        row.companyKey = r[4];
        row.email = r[5];
        row.accountId = r[6];
        row.status = r[7];
        row.readyAt = r[8];
        row.personId = r[9];
        row.mergedInto = r[10];
        visit(row);
      }
      return { last: rows.length > 0 ? rows[rows.length - 1]![0] : rowid, read: rows.length };
    },

    /**
     * Inside the writer's transaction: the lead's new account. updated_at stays (no person
     * changed the lead); delivery hears of it as of any write, as `rederive` would tell it.
     */
    write(row: LinkingRow, accountId: string | null): void {
      if (!sqlite.inTransaction) throw new Error('Lead writes run inside writer.transaction()');
      if (accountId === row.accountId) return;
      setAccount.run(accountId, row.rowid_);
      onWritten({
        id: row.id, eventId: row.eventId, status: row.status, readyAt: row.readyAt, deleted: false,
        personId: row.personId, mergedInto: row.mergedInto,
      });
    },
  };
}
export type LeadLinkWriter = ReturnType<typeof leadLinkWriter>;
