CREATE TABLE "seat_reservations" (
	"audit_id" bigint PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "seat_reservations_org" ON "seat_reservations" USING btree ("organization_id","until");