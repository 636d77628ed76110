CREATE TABLE "administration_billing_status" (
	"practice_id" uuid NOT NULL,
	"administration_id" uuid NOT NULL,
	"status" "administration_status" NOT NULL,
	"status_since" timestamp with time zone NOT NULL,
	"ready" boolean NOT NULL,
	"blockers" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"date_of_service" date NOT NULL,
	"charge_cents" integer,
	"filing_deadline" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "administration_billing_status_practice_id_administration_id_pk" PRIMARY KEY("practice_id","administration_id")
);
--> statement-breakpoint
CREATE TABLE "worklist_assignments" (
	"practice_id" uuid NOT NULL,
	"administration_id" uuid NOT NULL,
	"assignee_user_id" uuid NOT NULL,
	"assigned_by_user_id" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worklist_assignments_practice_id_administration_id_pk" PRIMARY KEY("practice_id","administration_id")
);
--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD CONSTRAINT "administration_billing_status_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_billing_status" ADD CONSTRAINT "administration_billing_status_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worklist_assignments" ADD CONSTRAINT "worklist_assignments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worklist_assignments" ADD CONSTRAINT "worklist_assignments_administration_id_administrations_id_fk" FOREIGN KEY ("administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worklist_assignments" ADD CONSTRAINT "worklist_assignments_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worklist_assignments" ADD CONSTRAINT "worklist_assignments_assigned_by_user_id_users_id_fk" FOREIGN KEY ("assigned_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "administration_billing_status_deadline_idx" ON "administration_billing_status" USING btree ("practice_id","status","filing_deadline");--> statement-breakpoint
CREATE INDEX "worklist_assignments_assignee_idx" ON "worklist_assignments" USING btree ("practice_id","assignee_user_id");