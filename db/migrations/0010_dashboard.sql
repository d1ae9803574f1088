-- The dashboard's covering index in the order one event's charts group by (status first, so
-- the leads with sales' verdict lie side by side), with the answers of those leads in it:
-- the acceptance-by-answer chart then reads no lead row (electron/core/reports/dashboard-sql.ts).
DROP INDEX `leads_dashboard`;--> statement-breakpoint
CREATE INDEX `leads_dashboard` ON `leads` (`event_id`,`status`,`captured_by`,`rejection_reason`,`grade`,(answers -> '$.interest.value'),`score`,`rating`,`walk_in`,`person_id`,`account_id`,(answers <> '{}'),(CASE WHEN status = 'sal' OR status = 'rejected' THEN answers END)) WHERE deleted_at IS NULL;