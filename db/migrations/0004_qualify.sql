CREATE TABLE `consent_texts` (
	`event_id` text NOT NULL,
	`version` text NOT NULL,
	`text_ja` text NOT NULL,
	`text_en` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `version`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `forms` (
	`event_id` text NOT NULL,
	`version` integer NOT NULL,
	`questions` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `version`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lead_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`lead_id` text NOT NULL,
	`hash` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`added_at` integer NOT NULL,
	`added_by` text,
	`deleted_at` integer,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_photos_lead_hash` ON `lead_photos` (`lead_id`,`hash`);--> statement-breakpoint
ALTER TABLE `leads` ADD `answers` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `payload_key` text;--> statement-breakpoint
CREATE INDEX `leads_event_payload` ON `leads` (`event_id`,`payload_key`) WHERE payload_key IS NOT NULL;