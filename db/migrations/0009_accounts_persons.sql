CREATE TABLE `account_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name_key` text,
	`account_ids` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `account_flags_name` ON `account_flags` (`kind`,`name_key`);--> statement-breakpoint
CREATE TABLE `account_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`manual` integer DEFAULT false NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `account_keys_account` ON `account_keys` (`account_id`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_key` text,
	`domain` text,
	`created_at` integer NOT NULL,
	`merged_into` text
);
--> statement-breakpoint
CREATE TABLE `duplicate_pairs` (
	`lead_a` text NOT NULL,
	`lead_b` text NOT NULL,
	`scope` text NOT NULL,
	`rule` text NOT NULL,
	`state` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`lead_a`, `lead_b`)
);
--> statement-breakpoint
CREATE INDEX `duplicate_pairs_state` ON `duplicate_pairs` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `merges` (
	`id` text PRIMARY KEY NOT NULL,
	`survivor_id` text NOT NULL,
	`merged_id` text NOT NULL,
	`rule` text NOT NULL,
	`auto` integer DEFAULT false NOT NULL,
	`actor` text,
	`at` integer NOT NULL,
	`undone_at` integer,
	`snapshot` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `merges_survivor` ON `merges` (`survivor_id`);--> statement-breakpoint
CREATE INDEX `merges_merged` ON `merges` (`merged_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`merged_into` text
);
--> statement-breakpoint
ALTER TABLE `crm_records` ADD `contact_key` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `account_id` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `person_id` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `email_key` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `name_key` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `phone_key` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `merged_into` text;--> statement-breakpoint
CREATE INDEX `leads_email_key` ON `leads` (`email_key`) WHERE email_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_account` ON `leads` (`account_id`) WHERE account_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_person` ON `leads` (`person_id`) WHERE person_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_name_key` ON `leads` (`name_key`) WHERE name_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `leads_dashboard` ON `leads` (`event_id`,`captured_by`,`status`,`rejection_reason`,`grade`,`score`,`rating`,`walk_in`,`person_id`,`account_id`,(answers <> '{}'),(answers -> '$.interest.value')) WHERE deleted_at IS NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `kind` text DEFAULT 'upsert' NOT NULL;