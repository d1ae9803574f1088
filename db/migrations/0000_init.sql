CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`venue` text,
	`starts_on` text,
	`ends_on` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`badge_id` text,
	`full_name` text,
	`family_name` text,
	`given_name` text,
	`family_name_kana` text,
	`given_name_kana` text,
	`company` text,
	`company_key` text,
	`department` text,
	`title` text,
	`email` text,
	`phone` text,
	`url` text,
	`source_format` text,
	`source` text NOT NULL,
	`raw_payload` text,
	`captured_by` text,
	`captured_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`rating` text,
	`notes` text,
	`status` text DEFAULT 'new' NOT NULL,
	`walk_in` integer DEFAULT false NOT NULL,
	`owner` text,
	`consent_version` text,
	`consent_at` integer,
	`field_times` text DEFAULT '{}' NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_event_badge` ON `leads` (`event_id`,`badge_id`) WHERE badge_id IS NOT NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `leads_event_email` ON `leads` (`event_id`,`email`,`captured_at`);--> statement-breakpoint
CREATE INDEX `leads_event_captured` ON `leads` (`event_id`,`captured_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`connector` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`remote_id` text,
	`batch_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_lead_connector` ON `outbox` (`lead_id`,`connector`);--> statement-breakpoint
CREATE INDEX `outbox_connector_state` ON `outbox` (`connector`,`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `roster_entries` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`badge_id` text NOT NULL,
	`full_name` text,
	`family_name` text,
	`given_name` text,
	`family_name_kana` text,
	`given_name_kana` text,
	`company` text,
	`department` text,
	`title` text,
	`email` text,
	`phone` text,
	`raw` text NOT NULL,
	`imported_at` integer NOT NULL,
	`checked_in_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_event_badge` ON `roster_entries` (`event_id`,`badge_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `touches` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`staff` text,
	`device` text,
	`at` integer NOT NULL,
	`detail` text,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `touches_lead_at` ON `touches` (`lead_id`,`at`);--> statement-breakpoint
CREATE INDEX `touches_event_at` ON `touches` (`event_id`,`at`);--> statement-breakpoint
CREATE TABLE `upload_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`connector` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`sent` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`retrying` integer DEFAULT 0 NOT NULL,
	`attention` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `upload_batches_connector` ON `upload_batches` (`connector`,`started_at`);