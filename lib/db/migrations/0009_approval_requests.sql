CREATE TABLE "approval_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"rule" text NOT NULL,
	"rule_message" text NOT NULL,
	"ttl_seconds" integer NOT NULL,
	"decider_id" text,
	"decider_email" text,
	"decider_name" text,
	"decider_kind" text,
	"decider_reason" text,
	"note" text,
	"decided_at" timestamp with time zone
);
