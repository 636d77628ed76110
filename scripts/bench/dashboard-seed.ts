/**
 * A synthetic practice for `npm run bench:dashboard`, seeded with set-based SQL (INSERT … SELECT over
 * generate_series) so a million administrations take minutes. Deterministic: every id is an md5 of
 * the row's number and every choice a hash of it (`hashint8`), so two runs with the same N hold the
 * same rows. Three years of history ending on SEED_END.
 *
 * Shape (per administration i, all of one practice; a few rows of a second practice for isolation):
 * - patients N/13 (one durvalumab order each, 13 infusions on average), one primary coverage spread
 *   over the five demo payers (Medicare 40 %, Medicare Advantage 15 %, Medicaid 10 %, commercial 25 %,
 *   commercial without JZ 10 %), the order's indication, ordering provider and location spread too;
 * - administrations on a hashed day of the three years: 2 % still scheduled (in the future), the last
 *   week documented, the rest ready for billing; current documentation for every given infusion;
 * - one claim per infusion ready for billing (3 lines: J9173 drug line, 96413, and a JW waste line on
 *   30 % of claims or an ondansetron line): 1.5 % drafts and 1 % ready but unsent (timely-filing
 *   exposure), 2 % rejected and open, 3 % rejected and re-billed (the original replaced), 4 % edited
 *   (revision 2), 3 % with an overridden warning; the rest sent 1–5 days after the service;
 * - a posted claim payment 14–43 days after submission (when that is before SEED_END): 80 % paid,
 *   8 % partially denied, 8 % denied (25 % of denials for authorization), 1 % of paid ones reversed and
 *   paid again 20 days later; one 835 file and payment per payer and week; a payment line on the drug
 *   line; denial adjustments; a denial work item per denial (open, appealed, overturned, written off,
 *   not needed, by age) and an underpayment item on 3 % of paid claims. Fully paid claims older than
 *   60 days are closed;
 * - prior authorizations for the patients of payers requiring them (dashboard-seed-auth.ts).
 */
import type { Sql } from "postgres";
import type { PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import { referenceSeed } from "@/db/seed/reference";
import { seedBenchAuthorizations } from "./dashboard-seed-auth";

export const SEED_START = "2023-12-01";
export const SEED_END = "2026-11-30";
export const SEED_DAYS = 1096;

/** Every indication of the reference data (the orders spread over them). */
export const BENCH_INDICATIONS: string[] = (referenceSeed.indications as { id: string }[]).map((r) => r.id);

const arr = (ids: string[]) => `array[${ids.map((x) => `'${x}'`).join(",")}]`;

/** A non-negative hash of the row number and a salt, below m. */
const h = (expr: string, salt: number, m: number) => `(((hashint8((${expr})::bigint * 1000 + ${salt}) & 2147483647) % ${m})::int)`;

export interface SeedCounts {
  [table: string]: number;
}

export async function seedDashboardPractice(sql: Sql, practiceId: string, setup: PracticeSetupIds, n: number, log: (s: string) => void): Promise<SeedCounts> {
  const pid = `'${practiceId}'::uuid`;
  const P = Math.max(20, Math.round(n / 13));
  const p = setup.payers;
  // weights out of 20: Medicare 8, MA 3, Medicaid 2, commercial 5, commercial no-JZ 2
  const payerByBucket = arr([...Array(8).fill(p.medicare), ...Array(3).fill(p.medicareAdvantage), ...Array(2).fill(p.medicaidUn), ...Array(5).fill(p.commercial), ...Array(2).fill(p.commercialNoJz)]);
  const providersArr = arr([setup.providers.oncologistA, setup.providers.oncologistB, setup.providers.nursePractitioner]);
  const locationsArr = arr([setup.locations.office, setup.locations.hospitalOutpatient]);
  const payerList = [p.medicare, p.medicareAdvantage, p.medicaidUn, p.commercial, p.commercialNoJz];
  const step = async (label: string, q: string) => {
    const t = performance.now();
    await sql.unsafe(q).simple();
    log(`  ${label} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  await sql.unsafe(`set session_replication_role = replica`); // the rows are consistent by construction: no FK or total triggers per row
  await sql.unsafe(`set maintenance_work_mem = '256MB'`);
  await sql.unsafe(`set work_mem = '64MB'`);

  await step(
    "patients, coverages, orders",
    `insert into patients (id, practice_id, mrn, first_name, last_name, date_of_birth, sex, address_line1, city, state, zip)
      select md5('pat' || g)::uuid, ${pid}, 'B' || lpad(g::text, 8, '0'), 'Bench', 'Patient ' || g, date '1935-01-01' + ${h("g", 1, 15000)},
        (case when g % 2 = 0 then 'female' else 'male' end)::patient_sex, '1 Bench Street', 'Madison', 'WI', '53703'
      from generate_series(1, ${P}) g;
    insert into coverages (id, practice_id, patient_id, payer_id, member_id, priority, relationship, effective_date)
      select md5('cov' || g)::uuid, ${pid}, md5('pat' || g)::uuid, (${payerByBucket}::uuid[])[1 + ${h("g", 2, 20)}], 'M' || g, 'primary', 'self', date '${SEED_START}' - 365
      from generate_series(1, ${P}) g;
    insert into orders (id, practice_id, patient_id, indication_id, diagnoses, phases, duration_months, start_date, ordering_provider_id, location_id, weight_kg, status)
      select md5('ord' || g)::uuid, ${pid}, md5('pat' || g)::uuid, (${arr(BENCH_INDICATIONS)})[1 + ${h("g", 3, BENCH_INDICATIONS.length)}], '["C34.11"]'::jsonb,
        '[{"name":"consolidation","doseKind":"flat","doseAmount":"1500","frequency":"q4w","cycles":null}]'::jsonb, 12, date '${SEED_START}',
        (${providersArr}::uuid[])[1 + ${h("g", 4, 3)}], (${locationsArr}::uuid[])[1 + ${h("g", 5, 2)}], 70.0, 'active'
      from generate_series(1, ${P}) g;`,
  );

  // One staging row per administration with every derived choice, then the real tables from it.
  await step(
    "staging",
    `create temp table bench_stage as
    with a as (
      select i, 1 + (i - 1) % ${P} as pt, 1 + (i - 1) / ${P} as seq,
        ${h("i", 10, 100)} as r_adm, ${h("i", 11, SEED_DAYS)} as r_day, ${h("i", 12, 1000)} as r_claim, ${h("i", 13, 100)} as r_pay,
        ${h("i", 14, 100)} as r_lines, ${h("i", 15, 30)} as r_lag, ${h("i", 16, 5)} as r_sub, ${h("i", 17, 10)} as r_wi, ${h("i", 18, 100)} as r_cat
      from generate_series(1, ${n}) i
    ), b as (
      select a.*, case when r_adm < 2 then date '${SEED_END}' + 1 + r_day % 28 else date '${SEED_START}' + r_day end as planned
      from a
    ), c as (
      select b.*,
        case when r_adm < 2 then 'scheduled' when planned > date '${SEED_END}' - 7 then 'documented' else 'ready_for_billing' end as adm_status,
        planned + (case when r_adm % 10 = 3 then 1 else 0 end) as dos
      from b
    ), d as (
      select c.*,
        case when adm_status <> 'ready_for_billing' then null
             when r_claim < 15 then 'draft' when r_claim < 25 then 'ready' when r_claim < 45 then 'rejected'
             when r_claim < 75 then 'replaced' else 'sent' end as kind,
        (c.dos + 1 + r_sub)::timestamp + interval '20 hours' as submitted,
        (case when r_lines < 30 then 'waste' else 'premed' end) as line3,
        (case when r_lines % 7 = 0 then 112 else 150 end) as drug_units
      from c
    )
    select d.*,
      -- the claim that gets paid: the original, or the re-bill of a replaced original (sent 6 days after the service)
      case when kind = 'sent' then submitted when kind = 'replaced' then (dos + 6)::timestamp + interval '20 hours' end as paid_submitted
    from d;
    alter table bench_stage add column posted timestamp;
    update bench_stage set posted = paid_submitted + make_interval(days => 14 + r_lag) + interval '1 hour' * (r_pay % 8)
      where paid_submitted is not null and paid_submitted + make_interval(days => 14 + r_lag + 1) <= date '${SEED_END}';
    analyze bench_stage;`,
  );

  await step(
    "administrations, documentation",
    `insert into administrations (id, practice_id, order_id, patient_id, sequence, cycle, phase_index, planned_date, original_planned_date, status, created_at,
        location_id, ordering_provider_id, indication_id, patient_sort_last, patient_sort_first)
      select md5('adm' || i)::uuid, ${pid}, o.id, p.id, seq, seq, 0, planned, planned, adm_status::administration_status, planned::timestamp,
        -- the order's keys (migration 0045) and the patient's sort names (0046), whose insert triggers the replica role keeps off
        o.location_id, o.ordering_provider_id, o.indication_id, lower(p.last_name), lower(p.first_name)
      from bench_stage
      join orders o on o.id = md5('ord' || pt)::uuid and o.practice_id = ${pid}
      join patients p on p.id = md5('pat' || pt)::uuid and p.practice_id = ${pid};
    insert into administration_documentation (id, practice_id, administration_id, version, is_current, actual_date, weight_kg, created_at)
      select md5('doc' || i)::uuid, ${pid}, md5('adm' || i)::uuid, 1, true, dos, 70.0, dos::timestamp + interval '14 hours'
      from bench_stage where adm_status <> 'scheduled';`,
  );

  const drugCharge = "drug_units * 8000";
  const line3Charge = "(case when line3 = 'waste' then 10 * 8000 else 2000 end)";
  const total = `(${drugCharge} + 30000 + ${line3Charge})`;
  // status of the paid (or still unpaid) claim: fully paid and older than 60 days closes
  const payKind = `(case when s.posted is null then null when s.r_pay < 80 then 'paid' when s.r_pay < 88 then 'partial' else 'denied' end)`;
  await step(
    "claims",
    `insert into claims (id, practice_id, claim_number, patient_id, coverage_id, payer_id, location_id, rendering_provider_id, claim_type, frequency,
        original_claim_id, status, date_of_service, place_of_service, diagnoses, total_charge_cents, parties, scenario, scrubbed_at, revision,
        submission_channel, submitted_at, accepted_at, rejected_at, adjudicated_at, adjudication_outcome, closed_at, close_reason, created_at, updated_at)
      select md5('clm' || s.i)::uuid, ${pid}, 'D' || lpad(s.i::text, 9, '0'), md5('pat' || s.pt)::uuid, md5('cov' || s.pt)::uuid, cv.payer_id, o.location_id, o.ordering_provider_id,
        'professional', 'original', null,
        (case when s.kind in ('draft', 'ready', 'rejected', 'replaced') then s.kind
              when s.posted is null then (case when s.submitted > date '${SEED_END}' - 10 then 'submitted' else 'accepted' end)
              when ${payKind} = 'paid' and s.posted < date '${SEED_END}' - 60 then 'closed' else 'adjudicated' end)::claim_status,
        s.dos, case when o.location_id = '${setup.locations.office}' then '11' else '22' end, '["C3411"]'::jsonb, ${total}, '{}'::jsonb, '{}'::jsonb,
        s.dos::timestamp + interval '18 hours', case when s.r_claim % 25 = 7 then 2 else 1 end,
        case when s.kind in ('draft', 'ready') then null else 'clearinghouse_upload'::submission_channel end,
        case when s.kind in ('draft', 'ready') then null else s.submitted end,
        case when s.kind = 'sent' then s.submitted + interval '2 hours' end,
        case when s.kind in ('rejected', 'replaced') then s.submitted + interval '1 day' end,
        case when s.kind = 'sent' then s.posted end,
        case when s.kind = 'sent' then (case ${payKind} when 'paid' then 'paid' when 'partial' then 'partially_paid' when 'denied' then 'denied' end)::adjudication_outcome end,
        case when s.kind = 'sent' and ${payKind} = 'paid' and s.posted < date '${SEED_END}' - 60 then s.posted + interval '1 day' end,
        case when s.kind = 'sent' and ${payKind} = 'paid' and s.posted < date '${SEED_END}' - 60 then 'paid' end,
        s.dos::timestamp + interval '18 hours', s.dos::timestamp + interval '18 hours'
      from bench_stage s join coverages cv on cv.id = md5('cov' || s.pt)::uuid join orders o on o.id = md5('ord' || s.pt)::uuid
      where s.kind is not null;
    -- re-bills of the replaced originals
    insert into claims (id, practice_id, claim_number, patient_id, coverage_id, payer_id, location_id, rendering_provider_id, claim_type, frequency,
        original_claim_id, status, date_of_service, place_of_service, diagnoses, total_charge_cents, parties, scenario, scrubbed_at, revision,
        submission_channel, submitted_at, accepted_at, adjudicated_at, adjudication_outcome, closed_at, close_reason, created_at, updated_at)
      select md5('rb' || s.i)::uuid, ${pid}, 'R' || lpad(s.i::text, 9, '0'), md5('pat' || s.pt)::uuid, md5('cov' || s.pt)::uuid, cv.payer_id, o.location_id, o.ordering_provider_id,
        'professional', 'original', md5('clm' || s.i)::uuid,
        (case when s.posted is null then (case when s.paid_submitted > date '${SEED_END}' - 10 then 'submitted' else 'accepted' end)
              when ${payKind} = 'paid' and s.posted < date '${SEED_END}' - 60 then 'closed' else 'adjudicated' end)::claim_status,
        s.dos, case when o.location_id = '${setup.locations.office}' then '11' else '22' end, '["C3411"]'::jsonb, ${total}, '{}'::jsonb, '{}'::jsonb,
        (s.dos + 5)::timestamp + interval '18 hours', 1, 'clearinghouse_upload', s.paid_submitted, s.paid_submitted + interval '2 hours', s.posted,
        (case ${payKind} when 'paid' then 'paid' when 'partial' then 'partially_paid' when 'denied' then 'denied' end)::adjudication_outcome,
        case when ${payKind} = 'paid' and s.posted < date '${SEED_END}' - 60 then s.posted + interval '1 day' end,
        case when ${payKind} = 'paid' and s.posted < date '${SEED_END}' - 60 then 'paid' end,
        (s.dos + 5)::timestamp + interval '18 hours', (s.dos + 5)::timestamp + interval '18 hours'
      from bench_stage s join coverages cv on cv.id = md5('cov' || s.pt)::uuid join orders o on o.id = md5('ord' || s.pt)::uuid
      where s.kind = 'replaced';`,
  );

  // The claim that carries the payment: the original when sent, the re-bill when replaced.
  const payClaim = `(case when s.kind = 'replaced' then md5('rb' || s.i)::uuid else md5('clm' || s.i)::uuid end)`;
  await step(
    "claim lines, infusions billed, overrides",
    `insert into claim_lines (id, practice_id, claim_id, position, kind, code, modifiers, units, charge_cents, ndc11, ndc_unit, ndc_quantity, diagnosis_pointers, date_of_service)
      select md5(x.tag || k || s.i)::uuid, ${pid}, md5(x.tag || s.i)::uuid, k,
        case k when 1 then 'drug' when 2 then 'admin' else (case when s.line3 = 'waste' then 'waste' else 'other' end) end,
        case k when 1 then 'J9173' when 2 then '96413' else (case when s.line3 = 'waste' then 'J9173' else 'J2405' end) end,
        case k when 1 then (case when s.line3 = 'waste' then '[]' when s.r_lines % 20 = 1 then '[]' else '["JZ"]' end)
               when 2 then '[]' else (case when s.line3 = 'waste' then '["JW"]' else '[]' end) end::jsonb,
        case k when 1 then s.drug_units when 2 then 1 else (case when s.line3 = 'waste' then 10 else 4 end) end,
        case k when 1 then s.drug_units * 8000 when 2 then 30000 else ${line3Charge} end,
        case when k = 1 or (k = 3 and s.line3 = 'waste') then '00310461150' end,
        case when k = 1 or (k = 3 and s.line3 = 'waste') then 'ML' end,
        case when k = 1 then s.drug_units when k = 3 and s.line3 = 'waste' then 10 end,
        '[1]'::jsonb, s.dos
      from bench_stage s cross join generate_series(1, 3) k
        join (values ('clm'), ('rb')) x(tag) on x.tag = 'clm' or s.kind = 'replaced'
      where s.kind is not null;
    insert into claim_administrations (claim_id, administration_id, coverage_id, practice_id, active)
      select md5(x.tag || s.i)::uuid, md5('adm' || s.i)::uuid, md5('cov' || s.pt)::uuid, ${pid}, not (x.tag = 'clm' and s.kind = 'replaced')
      from bench_stage s join (values ('clm'), ('rb')) x(tag) on x.tag = 'clm' or s.kind = 'replaced'
      where s.kind is not null;
    insert into claim_overrides (practice_id, claim_id, rule, fingerprint, message, reason, created_at)
      select ${pid}, md5('clm' || s.i)::uuid, 'R-BENCH', 'f' || s.i, 'A warning', 'Reviewed by the biller', s.dos::timestamp + interval '18 hours'
      from bench_stage s where s.kind = 'sent' and s.r_claim % 33 = 5;`,
  );

  // 835s: one file and payment per payer and week of posting
  await step(
    "remittance files and payments",
    `insert into remittance_files (id, practice_id, file_name, content, sha256, bytes, status, payment_count, claim_count, uploaded_at)
      select md5('rf' || py.k || '-' || w)::uuid, ${pid}, 'week-' || w || '-' || py.k || '.835', convert_to('ISA*BENCH*' || py.k || '*' || w || '~', 'UTF8'),
        md5('rf' || py.k || '-' || w), 20, 'posted', 1, 0, date '${SEED_START}' + w * 7 + interval '8 hours'
      from generate_series(0, ${Math.ceil(SEED_DAYS / 7) + 1}) w cross join unnest(${arr(payerList)}::uuid[]) with ordinality py(payer_id, k);
    insert into remittance_payments (id, practice_id, file_id, position, payer_name, payer_key, trace_number, amount_cents, claim_count, payee_name, payment_date)
      select md5('rp' || py.k || '-' || w)::uuid, ${pid}, md5('rf' || py.k || '-' || w)::uuid, 0, 'PAYER ' || py.k, '1' || py.k, 'T' || py.k || '-' || w, 0, 0, 'BENCH PRACTICE',
        date '${SEED_START}' + w * 7
      from generate_series(0, ${Math.ceil(SEED_DAYS / 7) + 1}) w cross join generate_series(1, 5) py(k);`,
  );

  const week = (col: string) => `((${col})::date - date '${SEED_START}') / 7`;
  const payerK = `array_position(${arr(payerList)}::uuid[], c.payer_id)`;
  await step(
    "claim payments",
    `create temp table bench_pay as
      select s.i, ${payClaim} as claim_id, c.payer_id, c.total_charge_cents as charge, s.posted, s.r_pay, s.r_lag, s.r_wi, s.r_cat, s.drug_units,
        ${payKind} as outcome, ${payerK} as pk
      from bench_stage s join claims c on c.id = ${payClaim}
      where s.posted is not null;
    insert into claim_payments (id, practice_id, file_id, payment_id, position, claim_id, status, matched_by, patient_control_number, status_code, outcome,
        charge_cents, paid_cents, allowed_cents, contractual_cents, patient_cents, deductible_cents, coinsurance_cents, copay_cents, denied_cents, posted_at, created_at)
      select md5('cp' || b.i)::uuid, ${pid}, md5('rf' || b.pk || '-' || ${week("b.posted")})::uuid, md5('rp' || b.pk || '-' || ${week("b.posted")})::uuid, b.i, b.claim_id,
        'posted', 'claim_number', 'PCN' || b.i, case b.outcome when 'denied' then '4' else '1' end,
        (case b.outcome when 'paid' then 'paid' when 'partial' then 'partially_paid' else 'denied' end)::claim_payment_outcome,
        b.charge, v.paid, v.paid + v.patient, v.contractual, v.patient, 0, v.patient, 0, v.denied, b.posted, b.posted
      from bench_pay b cross join lateral (
        select case b.outcome when 'paid' then b.charge - round(b.charge * 0.2) - round(b.charge * 0.16)
                              when 'partial' then (b.charge - round(b.charge * 0.1)) - round((b.charge - round(b.charge * 0.1)) * 0.2) - round((b.charge - round(b.charge * 0.1)) * 0.16)
                              else 0 end::bigint as paid,
               case b.outcome when 'paid' then round(b.charge * 0.2) when 'partial' then round((b.charge - round(b.charge * 0.1)) * 0.2) else 0 end::bigint as contractual,
               case b.outcome when 'paid' then round(b.charge * 0.16) when 'partial' then round((b.charge - round(b.charge * 0.1)) * 0.16) else 0 end::bigint as patient,
               case b.outcome when 'paid' then 0 when 'partial' then round(b.charge * 0.1) else b.charge end::bigint as denied
      ) v;
    -- 1 % of paid claims: reversed and paid again (less) 20 days later, when that is before the end
    insert into claim_payments (id, practice_id, file_id, payment_id, position, claim_id, status, matched_by, patient_control_number, status_code, outcome,
        is_reversal, reverses_claim_payment_id, charge_cents, paid_cents, allowed_cents, contractual_cents, patient_cents, deductible_cents, coinsurance_cents,
        copay_cents, denied_cents, posted_at, created_at)
      select md5(x.tag || b.i)::uuid, ${pid}, md5('rf' || b.pk || '-' || ${week("b.posted + interval '20 days'")})::uuid,
        md5('rp' || b.pk || '-' || ${week("b.posted + interval '20 days'")})::uuid, b.i + x.off, b.claim_id, 'posted', 'claim_number', 'PCN' || b.i,
        case x.tag when 'cprev' then '22' else '1' end, (case x.tag when 'cprev' then 'reversed' else 'paid' end)::claim_payment_outcome,
        x.tag = 'cprev', case x.tag when 'cprev' then md5('cp' || b.i)::uuid end,
        x.sign * cp.charge_cents, x.sign * (cp.paid_cents - x.less), x.sign * (cp.allowed_cents - x.less), x.sign * (cp.contractual_cents + x.less), x.sign * cp.patient_cents, 0,
        x.sign * cp.coinsurance_cents, 0, 0, b.posted + interval '20 days', b.posted + interval '20 days'
      from bench_pay b join claim_payments cp on cp.id = md5('cp' || b.i)::uuid
        cross join (values ('cprev', -1, 100000000, 0), ('cprepay', 1, 200000000, 5000)) x(tag, sign, off, less)
      where b.outcome = 'paid' and b.r_lag = 7 and b.r_pay % 3 = 0 and b.posted + interval '21 days' <= date '${SEED_END}';
    update claim_payments cp set reversed_by_claim_payment_id = md5('cprev' || b.i)::uuid
      from bench_pay b where cp.id = md5('cp' || b.i)::uuid and b.outcome = 'paid' and b.r_lag = 7 and b.r_pay % 3 = 0 and b.posted + interval '21 days' <= date '${SEED_END}';
    insert into claim_payment_lines (id, practice_id, claim_payment_id, position, claim_line_id, code, modifiers, units, charge_cents, paid_cents, allowed_cents, allowed_source)
      select md5('cpl' || b.i)::uuid, ${pid}, md5('cp' || b.i)::uuid, 0, md5((case when b.claim_id = md5('clm' || b.i)::uuid then 'clm' else 'rb' end) || 1 || b.i)::uuid,
        'J9173', '[]'::jsonb, b.drug_units, b.drug_units * 8000,
        case b.outcome when 'denied' then 0 else round(b.drug_units * 8000 * 0.64) end, case b.outcome when 'denied' then 0 else round(b.drug_units * 8000 * 0.8) end, 'B6'
      from bench_pay b;`,
  );

  const categories = arr(["authorization", "authorization", "medical-necessity", "ndc-coding", "modifier", "eligibility", "units", "missing-information"]);
  const category = `(${categories})[1 + b.r_cat % 8]::denial_category`;
  await step(
    "adjustments and work items",
    `insert into remittance_adjustments (practice_id, claim_payment_id, group_code, carc, amount_cents, kind, category)
      select ${pid}, md5('cp' || b.i)::uuid, 'CO', case when b.r_cat % 8 < 2 then '197' else '50' end, cp.denied_cents, 'denial', ${category}
      from bench_pay b join claim_payments cp on cp.id = md5('cp' || b.i)::uuid where b.outcome in ('partial', 'denied');
    insert into denial_work_items (id, practice_id, kind, claim_id, claim_payment_id, status, category, action, codes, amount_cents, explanation, detail,
        appeal_sent_at, outcome, recovered_cents, write_off_cents, write_off_reason, resolved_at, created_at, updated_at)
      select md5('dw' || b.i)::uuid, ${pid}, 'denial', b.claim_id, md5('cp' || b.i)::uuid, st.status::denial_status, ${category}, 'appeal', '["CO-50"]'::jsonb,
        cp.denied_cents, 'Bench denial', '{}'::jsonb, st.appealed, st.outcome::denial_outcome,
        case when st.outcome = 'overturned' then round(cp.denied_cents * 0.9) end,
        case when st.status = 'written_off' then cp.denied_cents end, case when st.status = 'written_off' then 'Not recoverable after review' end,
        st.resolved, b.posted, b.posted
      from bench_pay b join claim_payments cp on cp.id = md5('cp' || b.i)::uuid
        cross join lateral (
          select case when b.posted + interval '75 days' > date '${SEED_END}' then 'open'
                      when b.r_wi < 4 then 'appealed' when b.r_wi < 6 then 'resolved' when b.r_wi < 8 then 'written_off' else 'resolved' end as status,
                 case when b.posted + interval '75 days' <= date '${SEED_END}' and b.r_wi < 6 then b.posted + make_interval(days => 7 + b.r_lag % 14) end as appealed,
                 case when b.posted + interval '75 days' > date '${SEED_END}' then null when b.r_wi between 4 and 5 then 'overturned' when b.r_wi >= 8 then 'not_needed' end as outcome,
                 case when b.posted + interval '75 days' > date '${SEED_END}' or b.r_wi < 4 then null
                      when b.r_wi < 6 then b.posted + make_interval(days => 40 + b.r_lag) else b.posted + make_interval(days => 30 + b.r_lag % 10) end as resolved
        ) st
      where b.outcome in ('partial', 'denied');
    insert into denial_work_items (id, practice_id, kind, claim_id, claim_payment_id, claim_payment_line_id, status, category, action, codes, amount_cents, explanation, detail, created_at, updated_at)
      select md5('du' || b.i)::uuid, ${pid}, 'underpayment', b.claim_id, md5('cp' || b.i)::uuid, md5('cpl' || b.i)::uuid, 'open', null, 'review', '[]'::jsonb, 5000,
        'Bench underpayment', '{}'::jsonb, b.posted, b.posted
      from bench_pay b where b.outcome = 'paid' and b.r_cat % 33 = 3;`,
  );

  await seedBenchAuthorizations(practiceId, P, { start: SEED_START, end: SEED_END }, step);

  // each infusion's primary payer on its date of service (migration 0041), set here while the replica role
  // keeps its triggers (and the infusion facts' statement trigger) from firing on the bulk rows
  await step(
    "infusions' primary payer",
    `update administrations a set primary_payer_id = x.payer
       from (select a2.id, a2.practice_id, primary_payer_on(a2.practice_id, a2.patient_id, coalesce(d.actual_date, a2.planned_date)) as payer
             from administrations a2
             left join administration_documentation d on d.administration_id = a2.id and d.practice_id = a2.practice_id and d.is_current) x
       where a.practice_id = x.practice_id and a.id = x.id and x.payer is not null;`,
  );
  // the claims' indications (migration 0044), kept by triggers on claim_administrations that did not fire: built as the
  // migration's backfill builds them (still as replica: the claims' own update triggers have nothing to do for this column)
  await step("claims' indications", `select claims_indications_build()`);
  await sql.unsafe(`set session_replication_role = origin`);
  // the claims' status counts and the denial items' claim number, payer (migration 0038) and payer name (0042) are kept by
  // triggers that did not fire either: fill them as the migration's backfill does
  await step(
    "claim status counts, denial items' claim keys",
    `delete from claim_status_counts;
     insert into claim_status_counts (practice_id, status, n, cents)
       select practice_id, status, count(*), coalesce(sum(total_charge_cents), 0) from claims group by 1, 2;
     update denial_work_items w set claim_number = c.claim_number, payer_id = c.payer_id, payer_name = p.name
       from claims c left join payers p on p.id = c.payer_id where c.id = w.claim_id and c.practice_id = w.practice_id;`,
  );
  // the triggers that keep the A/R history did not fire (replica role): build it and its kind-15 daily rows, in
  // chunks of 100,000 claims, as migration 0040 does
  await step("analyze", `analyze`);
  await step("A/R history (kpi_ar_intervals, kpi_daily kind 15)", `select kpi_ar_build()`);
  // nor did the ones that keep the daily figures (migration 0033)
  // (in chunks of 100,000 claims by date of service: each chunk's sums stay in memory, and touch their own months)
  await step(
    "daily figures (kpi_claim_facts, kpi_daily)",
    `do $$ declare ids uuid[]; k int := 0; begin
      loop
        ids := array(select id from claims order by date_of_service, id offset k limit 100000);
        exit when cardinality(ids) = 0;
        perform kpi_facts_rebuild(ids);
        k := k + 100000;
      end loop;
    end $$`,
  );
  // nor those of the infusions and service authorizations (migration 0035)
  await step("infusion and authorization figures (kpi_infusion_facts, kpi_auth_facts, kpi_daily)", `select kpi_infusion_auth_facts_build()`);
  // nor those of the authorization turnaround (migration 0036)
  await step("authorization turnaround (kpi_turnaround_facts, kpi_daily)", `select kpi_turnaround_facts_build()`);
  // The bulk builds insert kpi_daily in hash order: every row a figure reads would lie on a page of its own, so a
  // cold read costs a page per row (a year of one kind with every dimension is ~5,000 rows). Rewritten in key order
  // once, as after any bulk load (the triggers' later writes go wherever there is free space, so a long-lived
  // database drifts back: decision 0004 says so).
  await step("kpi_daily in key order (cluster)", `cluster kpi_daily using kpi_daily_key_idx`);
  await step("analyze", `drop table bench_stage; drop table bench_pay; analyze;`);
  const counts: SeedCounts = {};
  for (const t of ["patients", "administrations", "claims", "claim_lines", "claim_payments", "claim_payment_lines", "remittance_adjustments", "denial_work_items", "prior_auth_requests", "authorizations"]) {
    const [r] = await sql.unsafe(`select count(*)::int as n from ${t}`);
    counts[t] = Number(r!.n);
  }
  return counts;
}
