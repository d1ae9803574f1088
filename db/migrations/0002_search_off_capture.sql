-- A scan commits only the lead and its touch: the trigram index (eight or so pages per lead,
-- most of a capture's write) catches up off the capture path, when the booth goes quiet and
-- before a search reads it (electron/core/search-index.ts). Every lead up to the index's
-- highest rowid is indexed; the ones above it are waiting for the catch-up.
CREATE VIEW `leads_fts_source` AS SELECT
  rowid AS lead_rowid,
  coalesce(full_name, '') || ' ' || coalesce(family_name, '') || coalesce(given_name, '') || ' ' || coalesce(badge_id, '') AS name,
  coalesce(family_name_kana, '') || coalesce(given_name_kana, '') AS kana,
  coalesce(company, '') AS company, coalesce(email, '') AS email, coalesce(notes, '') AS notes
FROM leads;
--> statement-breakpoint
DROP TRIGGER `leads_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `leads_fts_update`;
--> statement-breakpoint
-- An edit of a lead the index already holds is re-indexed at once; one still waiting is
-- indexed as it then is by the catch-up.
CREATE TRIGGER `leads_fts_update` AFTER UPDATE OF full_name, family_name, given_name, badge_id, family_name_kana, given_name_kana, company, email, notes ON `leads`
WHEN old.rowid <= (SELECT rowid FROM leads_fts ORDER BY rowid DESC LIMIT 1)
BEGIN
  DELETE FROM leads_fts WHERE rowid = old.rowid;
  INSERT INTO leads_fts(rowid, name, kana, company, email, notes)
    SELECT lead_rowid, name, kana, company, email, notes FROM leads_fts_source WHERE lead_rowid = new.rowid;
END;
