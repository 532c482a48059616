CREATE TYPE "public"."introduction_event_kind" AS ENUM('created', 'stage', 'note', 'next_step', 'owner', 'outcome', 'link');--> statement-breakpoint
CREATE TYPE "public"."introduction_outcome" AS ENUM('no_further_contact', 'knowledge_gained', 'valuable_contact', 'negotiation_started', 'cooperation_agreed');--> statement-breakpoint
CREATE TYPE "public"."introduction_stage" AS ENUM('proposed', 'contacted', 'met', 'cooperating', 'declined', 'dormant');--> statement-breakpoint
CREATE TABLE "calendar_tokens" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_tokens_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "introduction_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "introduction_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"introduction_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "introduction_event_kind" NOT NULL,
	"account_id" integer,
	"label" text NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "introductions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "introductions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"from_id" integer NOT NULL,
	"to_company_id" integer,
	"to_actor_id" integer,
	"stage" "introduction_stage" DEFAULT 'proposed' NOT NULL,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"met_at" timestamp with time zone,
	"cooperating_at" timestamp with time zone,
	"owner_id" integer,
	"next_step" text,
	"due_on" date,
	"outcome" "introduction_outcome",
	"outcome_at" timestamp with time zone,
	"suggestion" jsonb,
	"link_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "introductions_one_target" CHECK (("introductions"."to_company_id" IS NULL) <> ("introductions"."to_actor_id" IS NULL)),
	CONSTRAINT "introductions_not_self" CHECK ("introductions"."to_company_id" IS NULL OR "introductions"."to_company_id" <> "introductions"."from_id")
);
--> statement-breakpoint
ALTER TABLE "calendar_tokens" ADD CONSTRAINT "calendar_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_events" ADD CONSTRAINT "introduction_events_introduction_id_introductions_id_fk" FOREIGN KEY ("introduction_id") REFERENCES "public"."introductions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_from_id_companies_id_fk" FOREIGN KEY ("from_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_to_company_id_companies_id_fk" FOREIGN KEY ("to_company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_to_actor_id_actors_id_fk" FOREIGN KEY ("to_actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_owner_id_accounts_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_link_id_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "introduction_events_introduction_idx" ON "introduction_events" USING btree ("introduction_id","id");--> statement-breakpoint
CREATE INDEX "introductions_owner_idx" ON "introductions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "introductions_from_idx" ON "introductions" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "introductions_to_company_idx" ON "introductions" USING btree ("to_company_id");