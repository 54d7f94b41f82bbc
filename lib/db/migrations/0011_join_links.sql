CREATE TABLE "join_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"invitation_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "join_links_invitation" ON "join_links" USING btree ("invitation_id");