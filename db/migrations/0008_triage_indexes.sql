DROP INDEX `leads_event_captured`;--> statement-breakpoint
CREATE INDEX `leads_triage` ON `leads` (`event_id`,`captured_at`,`id`,`score`,`grade`,`status`,`owner`,`rating`,`captured_by`,`follow_up_due`,`ready_at`,`consent_version`,`updated_at`,`company`,`title`,`family_name`,`given_name`,`full_name`) WHERE deleted_at IS NULL;--> statement-breakpoint
-- The search index now holds text folded as queries are (NFKC, kana as katakana: やまだ finds
-- ヤマダ and ﾔﾏﾀﾞ finds both; electron/core/search-index.ts). Every lead it already holds is
-- marked, and the catch-up re-indexes them before the next search, as it does an edited lead.
INSERT OR IGNORE INTO `leads_fts_dirty` (`lead_rowid`) SELECT `rowid` FROM `leads_fts`;
