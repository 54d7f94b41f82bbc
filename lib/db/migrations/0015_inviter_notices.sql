CREATE TABLE "inviter_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"recipient_id" text NOT NULL,
	"recipient_email" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_role" text NOT NULL,
	"organization_id" text NOT NULL,
	"organization_name" text NOT NULL,
	"invitation_id" text NOT NULL,
	"invitee_email" text NOT NULL,
	"by_name" text,
	"by_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"email_status" text NOT NULL,
	"email_response" text,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "person_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"outcome_emails" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_visits" (
	"user_id" text PRIMARY KEY NOT NULL,
	"seen_until" timestamp with time zone,
	"last_active_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_events" ADD COLUMN "noticed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "inviter_notices_event_recipient" ON "inviter_notices" USING btree ("event_id","recipient_id");--> statement-breakpoint
CREATE INDEX "inviter_notices_recipient" ON "inviter_notices" USING btree ("recipient_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inviter_notices_queued" ON "inviter_notices" USING btree ("id") WHERE "inviter_notices"."email_status" = 'queued';--> statement-breakpoint
CREATE INDEX "ledger_events_unnoticed" ON "ledger_events" USING btree ("sequence") WHERE "ledger_events"."noticed_at" is null;--> statement-breakpoint
-- Events from before inviters were told are not news: nobody is emailed about the past on upgrade.
UPDATE "ledger_events" SET "noticed_at" = now();
