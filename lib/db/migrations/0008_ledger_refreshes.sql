CREATE TABLE "ledger_refreshes" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone,
	"problem" text,
	"problem_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "verified_at" timestamp with time zone;