CREATE TABLE `roster_imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`headers` text NOT NULL,
	`encoding` text NOT NULL,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `roster_entries` ADD `import_id` integer REFERENCES roster_imports(id);