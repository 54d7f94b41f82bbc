CREATE TABLE "member_refreshes" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone,
	"checkpoint" text,
	"completed_at" timestamp with time zone,
	"requested_at" timestamp with time zone,
	"lease_holder" text,
	"lease_until" timestamp with time zone,
	"problem" text,
	"problem_at" timestamp with time zone,
	"changed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organization_members" (
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower("organization_members"."email") || chr(10) || lower("organization_members"."name")) STORED,
	"role_ids" text[] DEFAULT '{}' NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organization_members_organization_id_user_id_pk" PRIMARY KEY("organization_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "policy_tightenings" (
	"organization_id" text NOT NULL,
	"limit" text NOT NULL,
	"value" text NOT NULL,
	"set_by_id" text NOT NULL,
	"set_by_email" text NOT NULL,
	"set_by_name" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_tightenings_organization_id_limit_pk" PRIMARY KEY("organization_id","limit")
);
--> statement-breakpoint
CREATE TABLE "seat_reservations" (
	"audit_id" bigint PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
--> statement-breakpoint
ALTER TABLE "applied_log_events" ALTER COLUMN "invitation_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "organization_members_email" ON "organization_members" USING btree ("organization_id",lower("email"),"user_id");--> statement-breakpoint
CREATE INDEX "organization_members_roles" ON "organization_members" USING gin ("role_ids");--> statement-breakpoint
CREATE INDEX "seat_reservations_org" ON "seat_reservations" USING btree ("organization_id","until");