CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_email" text NOT NULL,
	"actor_name" text NOT NULL,
	"actor_kind" text,
	"reason" text,
	"organization_id" text NOT NULL,
	"invitee_email" text,
	"roles" text[] DEFAULT '{}' NOT NULL,
	"invitation_id" text,
	"client_id" text,
	"connection_id" text,
	"detail" text
);
--> statement-breakpoint
CREATE INDEX "audit_events_org_time" ON "audit_events" USING btree ("organization_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);