CREATE TABLE "link_flows" (
	"commune1" text NOT NULL,
	"commune2" text NOT NULL,
	"cross_border" boolean NOT NULL,
	"n" integer NOT NULL,
	"sx1" double precision NOT NULL,
	"sy1" double precision NOT NULL,
	"sx2" double precision NOT NULL,
	"sy2" double precision NOT NULL,
	CONSTRAINT "link_flows_commune1_commune2_cross_border_pk" PRIMARY KEY("commune1","commune2","cross_border")
);
--> statement-breakpoint
CREATE INDEX "link_flows_empty_idx" ON "link_flows" USING btree ("n") WHERE "link_flows"."n" = 0;