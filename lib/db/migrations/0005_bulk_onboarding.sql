CREATE TABLE "bulk_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_email" text NOT NULL,
	"actor_name" text NOT NULL,
	"actor_kind" text NOT NULL,
	"reason" text,
	"status" text NOT NULL,
	"status_detail" text,
	"client_id" text NOT NULL,
	"connection_id" text,
	"ttl_seconds" integer NOT NULL,
	"send_email" boolean NOT NULL,
	"inviter_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"authorized_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bulk_rows" (
	"job_id" text NOT NULL,
	"line" integer NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"role_ids" text[] DEFAULT '{}' NOT NULL,
	"role_names" text[] DEFAULT '{}' NOT NULL,
	"connection_id" text,
	"state" text NOT NULL,
	"detail" text,
	"invitation_id" text,
	"invitation_url" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"retry_at" timestamp with time zone,
	"uncertain_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_rows_job_id_line_pk" PRIMARY KEY("job_id","line")
);
--> statement-breakpoint
CREATE TABLE "rate_budgets" (
	"bucket" text PRIMARY KEY NOT NULL,
	"capacity" integer NOT NULL,
	"refill_per_second" double precision NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "bulk_jobs_org_created" ON "bulk_jobs" USING btree ("organization_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "bulk_rows_job_state" ON "bulk_rows" USING btree ("job_id","state","line");