CREATE TABLE "invitation_steps" (
	"chain_id" text NOT NULL,
	"step" text NOT NULL,
	"kind" text NOT NULL,
	"invitation_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"successor_id" text,
	"settled_at" timestamp with time zone,
	CONSTRAINT "invitation_steps_chain_id_step_pk" PRIMARY KEY("chain_id","step")
);
--> statement-breakpoint
CREATE INDEX "invitation_steps_invitation" ON "invitation_steps" USING btree ("invitation_id");