import type { Sql } from "postgres";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { DEMO_LOGINS } from "@/db/seed/demo-logins";
import { hashPassword } from "@/server/auth/password";
import { markReadinessFormatCurrent } from "@/server/services/readiness";

/**
 * What `npm run bench:api` adds to the dashboard's synthetic practice so the app's list pages have
 * what they have in a real practice:
 * - the demo biller (same email and password as the demo, argon2 hash by the app's own function,
 *   no forced password change) to sign in with;
 * - the stored readiness (`administration_billing_status`) of every documented and ready infusion,
 *   which the worklists join (the app keeps it on every change; the set-based seed bypasses that);
 * - one worklist item in ten assigned to the biller (the assignee filter and sort).
 */
export const BENCH_LOGIN = DEMO_LOGINS.find((l) => l.role === "biller")!;

export async function seedApiExtras(sql: Sql, db: Db, practiceId: string, log: (s: string) => void): Promise<{ userId: string }> {
  const now = new Date();
  const [user] = await db
    .insert(users)
    .values({ practiceId, email: BENCH_LOGIN.email, name: BENCH_LOGIN.name, role: BENCH_LOGIN.role, passwordHash: await hashPassword(BENCH_LOGIN.password), passwordChangedAt: now })
    .returning({ id: users.id });
  await db.insert(auditEvents).values({ practiceId, actorUserId: null, action: "user.created", entityType: "user", entityId: user!.id, after: { email: BENCH_LOGIN.email, role: BENCH_LOGIN.role, source: "bench seed" }, requestId: "seed" });
  const t = performance.now();
  await sql.unsafe(
    `insert into administration_billing_status (practice_id, administration_id, status, status_since, ready, blockers, findings, date_of_service, primary_payer_id, charge_cents, filing_deadline,
        patient_id, location_id, ordering_provider_id, indication_id)
      select a.practice_id, a.id, a.status, dos.d::timestamptz + interval '18 hours', a.status = 'ready_for_billing',
        case when a.status = 'ready_for_billing' then '[]'::jsonb else '["The vials used are not recorded."]'::jsonb end, '[]'::jsonb,
        dos.d,
        (select c.payer_id from coverages c
          where c.practice_id = a.practice_id and c.patient_id = a.patient_id and c.priority = 'primary'
            and c.effective_date <= dos.d and (c.end_date is null or c.end_date >= dos.d)
          order by c.effective_date desc limit 1),
        2280000 + (hashint8(a.sequence::bigint) & 1023)::int * 100, dos.d + 365,
        a.patient_id, o.location_id, o.ordering_provider_id, o.indication_id
      from administrations a
      join orders o on o.id = a.order_id and o.practice_id = a.practice_id
      left join administration_documentation d on d.administration_id = a.id and d.practice_id = a.practice_id and d.is_current
      cross join lateral (select coalesce(d.actual_date, a.planned_date) as d) dos
      where a.practice_id = $1 and a.status in ('documented', 'ready_for_billing')`,
    [practiceId],
  );
  await sql.unsafe(
    `insert into worklist_assignments (practice_id, administration_id, assignee_user_id, assigned_by_user_id, assigned_at)
      select practice_id, administration_id, $2, $2, status_since from administration_billing_status
      where practice_id = $1 and (hashint8(hashtext(administration_id::text)::bigint) & 2147483647) % 10 = 0`,
    [practiceId, user!.id],
  );
  // The stored row carries its assignee (assignWorklistItems writes both in the app).
  await sql.unsafe(
    `update administration_billing_status s set assignee_user_id = w.assignee_user_id
      from worklist_assignments w
      where w.practice_id = s.practice_id and w.administration_id = s.administration_id and s.practice_id = $1`,
    [practiceId],
  );
  // The rows stand for what the app keeps; recorded as current, the app's start does not recompute
  // every one of them through the engine (which held /api/health for minutes at 20,000).
  await markReadinessFormatCurrent(db);
  log(`  stored readiness and assignments ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // A database in service is kept vacuumed by autovacuum; a fresh seed is not yet. Its set-based
  // updates leave a dead version of most rows (995,982 in administrations, 1,005,196 in claims at 1M)
  // and no visibility map, so until autovacuum gets to them every index-only scan (the lists' capped
  // counts) reads the heap as well. The lists are measured on the database as it settles.
  const v = performance.now();
  await sql.unsafe(`vacuum (analyze)`).simple();
  log(`  vacuum ${((performance.now() - v) / 1000).toFixed(1)} s`);
  return { userId: user!.id };
}
