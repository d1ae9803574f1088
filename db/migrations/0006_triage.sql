CREATE TABLE `owners` (
	`email` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`team` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `status_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`reason` text,
	`actor` text,
	`auto` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_changes_lead_at` ON `status_changes` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `target_accounts` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`domain` text,
	`tier` text
);
--> statement-breakpoint
ALTER TABLE `leads` ADD `score` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `grade` text DEFAULT 'D' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `touch_count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `ready_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `follow_up_due` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `status_at` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `rejection_reason` text;--> statement-breakpoint
-- Leads stored before triage: how often each person was scanned or checked in, and when their
-- status was set. Score and grade are filled by the first rescore at open (the rules' version
-- differs from the one last applied), so this file needs no copy of the rules.
UPDATE `leads` SET
  `touch_count` = max(1, (SELECT count(*) FROM `touches` t WHERE t.lead_id = leads.id AND t.kind IN ('scan', 'checkin'))),
  `status_at` = `captured_at`;
