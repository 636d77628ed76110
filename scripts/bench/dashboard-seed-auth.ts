/**
 * Prior authorizations for the dashboard benchmark's synthetic practice (scripts/bench/dashboard-seed.ts
 * calls this while the foreign-key triggers are off). Set-based and deterministic like the rest:
 * every id an md5 of the patient and window, every choice a hash of them.
 *
 * Each patient whose payer requires authorization (Medicare Advantage, Medicaid and both commercial
 * plans: 60 % of patients) gets one request per 180-day window of the three years, sent 5–24 days
 * before the window by portal (45 %), fax (25 %), electronic PAS (20 %) or phone (10 %), and decided
 * after a channel-typical wait (electronic 4–47 h, phone 12–95 h, portal 24–167 h, fax 48–335 h):
 * 88 % approved, 7 % denied then approved on appeal 3–10 days later (the appeal decided 5–15 days after
 * it went out, so the window's first infusions go without an authorization), 5 % denied for good.
 * Requests whose decision would fall after the seed's end are still with the payer. Each approval
 * grants one authorization for J9173 covering the window.
 */

const h = (expr: string, salt: number, m: number) => `(((hashint8((${expr})::bigint * 1000 + ${salt}) & 2147483647) % ${m})::int)`;

export async function seedBenchAuthorizations(
  practiceId: string,
  patients: number,
  seed: { start: string; end: string },
  step: (label: string, q: string) => Promise<void>,
): Promise<void> {
  const { start: SEED_START, end: SEED_END } = seed;
  const pid = `'${practiceId}'::uuid`;
  const key = "(pt * 10 + k)";
  await step(
    "prior authorizations",
    `create temp table bench_pa as
    with w as (
      select pt, k, date '${SEED_START}' + 180 * k as wstart, cv.id as coverage_id, cv.payer_id, o.id as order_id, o.ordering_provider_id, o.location_id, o.indication_id,
        ${h(key, 40, 100)} as r_out, ${h(key, 41, 100)} as r_ch, ${h(key, 42, 1000)} as r_t, ${h(key, 43, 20)} as r_lead
      from generate_series(1, ${patients}) pt cross join generate_series(0, 6) k
        join coverages cv on cv.id = md5('cov' || pt)::uuid join payers py on py.id = cv.payer_id join orders o on o.id = md5('ord' || pt)::uuid
      where py.prior_auth_required and date '${SEED_START}' + 180 * k <= date '${SEED_END}'
    ), c as (
      select w.*, case when r_ch < 45 then 'portal' when r_ch < 70 then 'fax' when r_ch < 90 then 'electronic' else 'phone' end as channel,
        (wstart - (5 + r_lead))::timestamp + interval '9 hours' + interval '1 hour' * (r_t % 8) as submitted
      from w
    ), d as (
      select c.*, submitted + interval '1 hour' * (case channel when 'electronic' then 4 + r_t % 44 when 'phone' then 12 + r_t % 84
          when 'portal' then 24 + r_t % 144 else 48 + r_t % 288 end) as decided1
      from c
    ), e as (
      select d.*, decided1 + make_interval(days => 3 + r_lead % 8) as appealed
      from d
    )
    select e.*, appealed + interval '1 hour' * (120 + r_t % 240) as decided2,
      case when decided1 > date '${SEED_END}' then 'submitted'
           when r_out < 88 then 'approved'
           when r_out < 95 then (case when appealed > date '${SEED_END}' then 'denied'
                                      when appealed + interval '1 hour' * (120 + r_t % 240) > date '${SEED_END}' then 'appeal_submitted' else 'approved' end)
           else 'denied' end as status
    from e;
    insert into prior_auth_requests (id, practice_id, request_number, patient_id, order_id, coverage_id, payer_id, kind, status, trigger, indication_id,
        diagnoses, requested_lines, start_date, end_date, first_dose_date, clinical, ordering_provider_id, location_id, channel, turnaround_days,
        submitted_at, decided_at, denial_reason, created_at, updated_at)
      select md5('par' || pt || '-' || k)::uuid, ${pid}, 'PB-' || pt || '-' || k, md5('pat' || pt)::uuid, order_id, coverage_id, payer_id,
        (case when k = 0 then 'initial' else 'renewal' end)::prior_auth_request_kind, status::prior_auth_status, 'order_signed', indication_id,
        '["C34.11"]'::jsonb, '[{"hcpcs":"J9173","ndc":"00310461150","units":1050,"doses":7}]'::jsonb, wstart, wstart + 179, wstart,
        '{"stage":null,"biomarkers":[],"priorTherapies":null,"ecog":null,"intent":null,"notes":null}'::jsonb, ordering_provider_id, location_id,
        channel::prior_auth_channel, 15,
        case when status = 'appeal_submitted' or (status = 'approved' and r_out >= 88) then appealed else submitted end,
        case status when 'approved' then (case when r_out < 88 then decided1 else decided2 end) when 'denied' then decided1 end,
        case when status = 'denied' then 'Drug policy criteria not met' end,
        submitted - interval '2 days', coalesce(case when status = 'approved' and r_out >= 88 then decided2 end, least(decided1, date '${SEED_END}'))
      from bench_pa;
    -- first determinations (approved or denied), then the appeals' approvals
    insert into prior_auth_decisions (id, practice_id, request_id, outcome, authorization_number, start_date, end_date, approved_lines, denial_reason,
        decided_on, submitted_at, created_at)
      select md5('pad' || x.n || '-' || pt || '-' || k)::uuid, ${pid}, md5('par' || pt || '-' || k)::uuid, x.outcome::prior_auth_status,
        case when x.outcome = 'approved' then 'BA-' || pt || '-' || k end, case when x.outcome = 'approved' then wstart end, case when x.outcome = 'approved' then wstart + 179 end,
        case when x.outcome = 'approved' then '[{"hcpcs":"J9173","units":1050,"doses":7}]'::jsonb else '[]'::jsonb end,
        case when x.outcome = 'denied' then 'Drug policy criteria not met' end, x.at::date, x.sent, x.at
      from bench_pa cross join lateral (values
          (1, case when r_out < 88 then 'approved' else 'denied' end, submitted, decided1),
          (2, 'approved', appealed, decided2)) x(n, outcome, sent, at)
      where status <> 'submitted' and (x.n = 1 or (r_out between 88 and 94 and status = 'approved'));
    insert into authorizations (id, practice_id, request_id, decision_id, patient_id, order_id, coverage_id, payer_id, authorization_number, hcpcs,
        approved_units, approved_doses, start_date, end_date, created_at)
      select md5('pau' || pt || '-' || k)::uuid, ${pid}, md5('par' || pt || '-' || k)::uuid, md5('pad' || (case when r_out < 88 then 1 else 2 end) || '-' || pt || '-' || k)::uuid,
        md5('pat' || pt)::uuid, order_id, coverage_id, payer_id, 'BA-' || pt || '-' || k, 'J9173', 1050, 7, wstart, wstart + 179,
        case when r_out < 88 then decided1 else decided2 end
      from bench_pa where status = 'approved';
    drop table bench_pa;`,
  );
}
