-- Authorization turnaround's bucket counts (kpi_daily kind 14) in a partial covering index of their own.
-- They shared kpi_daily_key_idx and the heap with every other kind: at 1M administrations kpi_daily is ~2 GB,
-- and a figure's first range read its pages from disk (56 reads, ~157 ms). This index holds only kind 14's
-- keys and counts, so a period is an index-only range over pages that stay in memory.
CREATE INDEX "kpi_daily_turnaround_idx" ON "kpi_daily" USING btree ("practice_id","rollup","grain","day","payer_id","provider_id","location_id","indication_ids") INCLUDE ("v","n1","n2","n3","n4","n5") WHERE "kpi_daily"."kind" = 14;--> statement-breakpoint
-- The claims list filtered to one payer and a date range: its capped count and charge total read this index
-- alone (before, the date index's whole range for every payer: ~25,000 entries for 6 months at 1M).
CREATE INDEX "claims_practice_payer_dos_idx" ON "claims" USING btree ("practice_id","payer_id","date_of_service","claim_number") INCLUDE ("status","total_charge_cents");
