CREATE TABLE "applied_log_events" (
	"log_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"invitation_id" text NOT NULL,
	"organization_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"invitee_email" text NOT NULL,
	"role_ids" text[] DEFAULT '{}' NOT NULL,
	"client_id" text NOT NULL,
	"connection_id" text,
	"inviter_name" text NOT NULL,
	"actor_id" text,
	"actor_email" text,
	"actor_name" text,
	"actor_kind" text,
	"reason" text,
	"send_email" boolean,
	"invitation_url" text,
	"ticket_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"origin" text NOT NULL,
	"status" text NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"status_inferred" boolean DEFAULT false NOT NULL,
	"status_by_id" text,
	"status_by_name" text,
	"successor_id" text,
	"predecessor_id" text
);
--> statement-breakpoint
CREATE TABLE "log_reader" (
	"id" integer PRIMARY KEY NOT NULL,
	"checkpoint" text,
	"covered_since" timestamp with time zone,
	"read_at" timestamp with time zone,
	"lease_holder" text,
	"lease_until" timestamp with time zone,
	"problem" text,
	"problem_since" timestamp with time zone,
	"gap_from" timestamp with time zone,
	"gap_found_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "invitations_org_status" ON "invitations" USING btree ("organization_id","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "invitations_org_email" ON "invitations" USING btree ("organization_id","invitee_email");--> statement-breakpoint
CREATE INDEX "audit_events_invitation" ON "audit_events" USING btree ("invitation_id");