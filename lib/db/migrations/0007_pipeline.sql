ALTER TABLE "bulk_jobs" ADD COLUMN "engagement_id" bigint;--> statement-breakpoint
ALTER TABLE "bulk_rows" ADD COLUMN "lease_holder" text;--> statement-breakpoint
ALTER TABLE "bulk_rows" ADD COLUMN "audit_event_id" bigint;