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
CREATE INDEX "seat_reservations_org" ON "seat_reservations" USING btree ("organization_id","until");