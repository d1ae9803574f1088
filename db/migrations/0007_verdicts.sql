CREATE TABLE `crm_records` (
	`lead_id` text NOT NULL,
	`connector` text NOT NULL,
	`remote_id` text,
	`delivered_at` integer NOT NULL,
	`owner_sent` text,
	`verdict_value` text,
	`verdict_reason` text,
	`verdict_to` text,
	`verdict_outcome` text,
	`verdict_at` integer,
	PRIMARY KEY(`lead_id`, `connector`),
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crm_records_connector` ON `crm_records` (`connector`,`remote_id`);--> statement-breakpoint
-- Leads delivered before this table existed: the outbox's done rows, and rows re-queued since
-- that kept the CRM's id. Without them a delivered lead that stops being selected (disqualified)
-- would be withdrawn instead of its change reaching the CRM.
INSERT INTO `crm_records` (`lead_id`, `connector`, `remote_id`, `delivered_at`)
SELECT `lead_id`, `connector`, `remote_id`, `updated_at` FROM `outbox` WHERE `state` = 'done' OR `remote_id` IS NOT NULL;
