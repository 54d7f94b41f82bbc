ALTER TABLE "webhook_deliveries" RENAME COLUMN "invitation_id" TO "subject_id";--> statement-breakpoint
ALTER TABLE "ledger_events" RENAME COLUMN "invitation_id" TO "subject_id";--> statement-breakpoint
DROP INDEX "webhook_deliveries_invitation";--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subject" ON "webhook_deliveries" USING btree ("endpoint_url","subject_id","event_sequence");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created" ON "webhook_deliveries" USING btree ("created_at");