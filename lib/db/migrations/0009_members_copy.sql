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
ALTER TABLE "applied_log_events" ALTER COLUMN "invitation_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "organization_members_email" ON "organization_members" USING btree ("organization_id",lower("email"),"user_id");--> statement-breakpoint
CREATE INDEX "organization_members_roles" ON "organization_members" USING gin ("role_ids");