CREATE TABLE "phi_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"patient_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"reason" text,
	"hour_start" timestamp with time zone NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"request_id" text,
	"dedup_key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "phi_access_log" ADD CONSTRAINT "phi_access_log_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phi_access_log" ADD CONSTRAINT "phi_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phi_access_log" ADD CONSTRAINT "phi_access_log_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "phi_access_dedup_uq" ON "phi_access_log" USING btree ("dedup_key");--> statement-breakpoint
CREATE UNIQUE INDEX "phi_access_seq_uq" ON "phi_access_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "phi_access_practice_seq_idx" ON "phi_access_log" USING btree ("practice_id","seq");--> statement-breakpoint
CREATE INDEX "phi_access_patient_idx" ON "phi_access_log" USING btree ("practice_id","patient_id","seq");--> statement-breakpoint
CREATE INDEX "phi_access_user_idx" ON "phi_access_log" USING btree ("practice_id","user_id","seq");