CREATE TABLE "directory_refresh" (
	"id" integer PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone,
	"checkpoint" text,
	"completed_at" timestamp with time zone,
	"organization_count" integer,
	"lease_holder" text,
	"lease_until" timestamp with time zone,
	"problem" text
);
--> statement-breakpoint
CREATE TABLE "inviter_role_hints" (
	"user_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"inviter" boolean NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inviter_role_hints_user_id_organization_id_pk" PRIMARY KEY("user_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "organization_directory" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_engagements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"organization_name" text NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "organization_directory_display_name" ON "organization_directory" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "support_engagements_session" ON "support_engagements" USING btree ("session_id","organization_id");