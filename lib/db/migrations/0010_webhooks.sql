CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"event_sequence" bigint NOT NULL,
	"event_type" text NOT NULL,
	"organization_id" text NOT NULL,
	"invitation_id" text NOT NULL,
	"endpoint_url" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_events" (
	"sequence" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"organization_id" text NOT NULL,
	"invitation_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"fanned_out_at" timestamp with time zone,
	CONSTRAINT "ledger_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_endpoint" ON "webhook_deliveries" USING btree ("event_id","endpoint_url");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_invitation" ON "webhook_deliveries" USING btree ("endpoint_url","invitation_id","event_sequence");--> statement-breakpoint
CREATE INDEX "ledger_events_unfanned" ON "ledger_events" USING btree ("sequence") WHERE "ledger_events"."fanned_out_at" is null;