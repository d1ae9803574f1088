-- The Triage table's orders: a page sorted by anything but capture time walked the event's
-- every entry of leads_triage (230-440 ms at a million leads). This narrow copy has one index
-- per sort column and is kept off the capture path, as the search index is (migrations 0002,
-- 0005; electron/core/triage/order-index.ts): a capture commits nothing here, the catch-up
-- copies new leads by rowid above the table's highest, and fills the table of an existing
-- database the same way (not here, so opening it stays quick).
CREATE TABLE `triage_order` (
	`lead_rowid` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`event_id` text NOT NULL,
	`deleted_at` integer,
	`captured_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`score` integer NOT NULL,
	`grade` text NOT NULL,
	`status` text NOT NULL,
	`rating` text,
	`owner` text,
	`captured_by` text,
	`follow_up_due` integer,
	`ready_at` integer,
	`consent_version` text,
	`company` text,
	`title` text,
	`family_name` text,
	`given_name` text,
	`full_name` text,
	`filter_bits` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `triage_order_updated` ON `triage_order` (`event_id`,`updated_at`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_score` ON `triage_order` (`event_id`,`score`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_grade` ON `triage_order` (`event_id`,`grade`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_status` ON `triage_order` (`event_id`,(CASE status WHEN 'new' THEN 1 WHEN 'working' THEN 2 WHEN 'mql' THEN 3 WHEN 'sal' THEN 4 WHEN 'rejected' THEN 5 WHEN 'nurture' THEN 6 WHEN 'disqualified' THEN 7 END),`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_name` ON `triage_order` (`event_id`,(coalesce(family_name || ' ' || coalesce(given_name, ''), full_name)),`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_company` ON `triage_order` (`event_id`,`company`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_title` ON `triage_order` (`event_id`,`title`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_rating` ON `triage_order` (`event_id`,(CASE rating WHEN 'cold' THEN 1 WHEN 'warm' THEN 2 WHEN 'hot' THEN 3 END),`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_owner` ON `triage_order` (`event_id`,`owner`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_captured_by` ON `triage_order` (`event_id`,`captured_by`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_follow_up` ON `triage_order` (`event_id`,`follow_up_due`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `triage_order_event` ON `triage_order` (`event_id`,`id`,`filter_bits`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `triage_order_dirty` (
	`lead_rowid` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- An edit or deletion of a lead already copied only marks it; one still waiting is copied as
-- it then is. The columns are those the Triage query sorts or filters on through this table.
CREATE TRIGGER `triage_order_update` AFTER UPDATE OF id, event_id, deleted_at, captured_at, updated_at, score, grade, status, rating, owner, captured_by, follow_up_due, ready_at, consent_version, company, title, family_name, given_name, full_name ON `leads`
WHEN old.rowid <= (SELECT lead_rowid FROM triage_order ORDER BY lead_rowid DESC LIMIT 1)
BEGIN
  INSERT OR IGNORE INTO triage_order_dirty (lead_rowid) VALUES (new.rowid);
END;
--> statement-breakpoint
CREATE TRIGGER `triage_order_delete` AFTER DELETE ON `leads`
WHEN old.rowid <= (SELECT lead_rowid FROM triage_order ORDER BY lead_rowid DESC LIMIT 1)
BEGIN
  INSERT OR IGNORE INTO triage_order_dirty (lead_rowid) VALUES (old.rowid);
END;
