-- Trigram FTS works for Japanese without a dictionary; it matches queries of 3+ characters,
-- shorter ones fall back to LIKE in the core. The name column holds both "山田 太郎" and
-- "山田太郎" so a query typed with or without the space finds the person.
CREATE VIRTUAL TABLE `leads_fts` USING fts5(name, kana, company, email, notes, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `leads_fts_insert` AFTER INSERT ON `leads` BEGIN
  INSERT INTO leads_fts(rowid, name, kana, company, email, notes) VALUES (
    new.rowid,
    coalesce(new.full_name, '') || ' ' || coalesce(new.family_name, '') || coalesce(new.given_name, '') || ' ' || coalesce(new.badge_id, ''),
    coalesce(new.family_name_kana, '') || coalesce(new.given_name_kana, ''),
    coalesce(new.company, ''), coalesce(new.email, ''), coalesce(new.notes, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_update` AFTER UPDATE OF full_name, family_name, given_name, badge_id, family_name_kana, given_name_kana, company, email, notes ON `leads` BEGIN
  DELETE FROM leads_fts WHERE rowid = old.rowid;
  INSERT INTO leads_fts(rowid, name, kana, company, email, notes) VALUES (
    new.rowid,
    coalesce(new.full_name, '') || ' ' || coalesce(new.family_name, '') || coalesce(new.given_name, '') || ' ' || coalesce(new.badge_id, ''),
    coalesce(new.family_name_kana, '') || coalesce(new.given_name_kana, ''),
    coalesce(new.company, ''), coalesce(new.email, ''), coalesce(new.notes, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `leads_fts_delete` AFTER DELETE ON `leads` BEGIN
  DELETE FROM leads_fts WHERE rowid = old.rowid;
END;
