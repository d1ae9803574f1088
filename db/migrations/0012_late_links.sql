-- A lead's account, person and 名寄せ are decided after its capture commits, as the search
-- index is filled (electron/core/late-links.ts): linking in the capture's transaction wrote
-- about seven more pages (account keys, a person and their indexes) and doubled a scan's cost.
-- This row says how far the late links have come; the leads already stored were linked when
-- they were written (or by the backfills at open), so it starts at the highest rowid.
CREATE TABLE `late_links` (
	`id` integer PRIMARY KEY NOT NULL,
	`lead_rowid` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `late_links` (`id`, `lead_rowid`) SELECT 1, coalesce(max(rowid), 0) FROM `leads`;
