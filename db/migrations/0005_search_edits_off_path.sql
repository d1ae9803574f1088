-- An edit of a lead the index already holds (a note typed at the booth, a correction) used to
-- re-index it inside the edit's transaction: a trigram delete and insert, and now and then a
-- segment merge, made a qualification's p99 ten times a capture's. Now the edit only marks the
-- lead, and the index catches up off the path, before any search and when the booth goes
-- quiet (electron/core/search-index.ts), as it does for new leads.
CREATE TABLE `leads_fts_dirty` (`lead_rowid` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER `leads_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_update` AFTER UPDATE OF full_name, family_name, given_name, badge_id, family_name_kana, given_name_kana, company, email, notes ON `leads`
WHEN old.rowid <= (SELECT rowid FROM leads_fts ORDER BY rowid DESC LIMIT 1)
BEGIN
  INSERT OR IGNORE INTO leads_fts_dirty (lead_rowid) VALUES (new.rowid);
END;
