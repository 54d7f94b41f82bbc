DROP INDEX "inviter_notices_queued";--> statement-breakpoint
ALTER TABLE "inviter_notices" ADD COLUMN "email_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inviter_notices" ADD COLUMN "email_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "inviter_notices_email_due" ON "inviter_notices" USING btree ("email_due_at") WHERE "inviter_notices"."email_status" in ('queued', 'sending');