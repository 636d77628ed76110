import { count, sql } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import { markReadinessFormatCurrent, refreshReadiness } from "@/server/services/readiness";
import type { Db } from "../client";
import { auditEvents, practices, users } from "../schema";
import { DEMO_LOGINS, DEMO_PRACTICE, OTHER_DEMO_PRACTICE, OTHER_PRACTICE_LOGIN } from "./demo-logins";
import { seedClaims } from "./demo-claims";
import { seedDocumentation } from "./demo-documentation";
import { seedDemoHistory } from "./demo-history";
import { seedDemoOperator } from "./demo-sec";
import { seedOrders } from "./demo-orders";
import { seedPatients } from "./demo-patients";
import { seedPracticeSetup, seedMedigapPayer } from "./demo-practice-setup";
import { seedPriorAuths } from "./demo-prior-auths";
import { seedRemittances } from "./demo-remittances";

/**
 * Creates the demo practices and one user per role, in one transaction, only when the database has
 * no practice yet (so restarting the demo never duplicates or overwrites data).
 * Later features extend this with their own demo rows.
 */
export async function seedDemoIfEmpty(db: Db, now = new Date()): Promise<{ seeded: boolean }> {
  const [row] = await db.select({ n: count() }).from(practices);
  if ((row?.n ?? 0) > 0) return { seeded: false };
  const hashes = await Promise.all([...DEMO_LOGINS, OTHER_PRACTICE_LOGIN].map((l) => hash(l.password)));
  const seeded = await db.transaction(async (tx) => {
    // App processes starting together on an empty database (SEED_DEMO_ON_EMPTY): one seeds, the others
    // wait here and then find the practices.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"demo-seed"}))`);
    const [again] = await tx.select({ n: count() }).from(practices);
    if ((again?.n ?? 0) > 0) return false;
    const [main] = await tx.insert(practices).values(DEMO_PRACTICE).returning();
    const [other] = await tx.insert(practices).values(OTHER_DEMO_PRACTICE).returning();
    const created = await tx
      .insert(users)
      .values([
        ...DEMO_LOGINS.map((l, i) => ({
          practiceId: main!.id,
          email: l.email,
          name: l.name,
          role: l.role,
          passwordHash: hashes[i]!,
          passwordChangedAt: new Date(),
        })),
        {
          practiceId: other!.id,
          email: OTHER_PRACTICE_LOGIN.email,
          name: OTHER_PRACTICE_LOGIN.name,
          role: OTHER_PRACTICE_LOGIN.role,
          passwordHash: hashes[DEMO_LOGINS.length]!,
          passwordChangedAt: new Date(),
        },
      ])
      .returning({ id: users.id, practiceId: users.practiceId, email: users.email, role: users.role });
    await tx.insert(auditEvents).values(
      created.map((u) => ({
        practiceId: u.practiceId,
        actorUserId: null,
        action: "user.created",
        entityType: "user",
        entityId: u.id,
        after: { email: u.email, role: u.role, source: "demo seed" },
        requestId: "seed",
      })),
    );
    // Each feature adds its demo rows, in dependency order, in this same transaction.
    const setup = await seedPracticeSetup(tx, { practiceId: main!.id, otherPracticeId: other!.id, now });
    const medigap = await seedMedigapPayer(tx, { practiceId: main!.id, now });
    const patients = await seedPatients(tx, { practiceId: main!.id, payerIds: { ...setup.payers, medigap }, now });
    const biller = created.find((u) => u.role === "biller")?.id ?? null;
    const orders = await seedOrders(tx, { practiceId: main!.id, patients, providers: setup.providers, locations: setup.locations, now, users: { biller } });
    await seedDocumentation(tx, { practiceId: main!.id, otherPracticeId: other!.id, now, orders, users: { biller } });
    const claims = await seedClaims(tx, { practiceId: main!.id, now, users: { biller, admin: created.find((u) => u.role === "admin")?.id ?? null } });
    await seedRemittances(tx, { practiceId: main!.id, users: created.filter((u) => u.practiceId === main!.id), now, leaveUnbilled: claims.nearLimitInfusion ? [claims.nearLimitInfusion] : [] });
    await seedPriorAuths(tx, { practiceId: main!.id, now, users: { pa: created.find((u) => u.practiceId === main!.id && u.role === "pa_coordinator")?.id ?? null, admin: created.find((u) => u.practiceId === main!.id && u.role === "admin")?.id ?? null } });
    // Two years of closed history behind the demo's claims, for the dashboards.
    await seedDemoHistory(tx, { practiceId: main!.id, now, users: { biller, manager: created.find((u) => u.role === "manager")?.id ?? null } });
    await seedDemoOperator(tx, now);
    // Planner statistics for the tables just filled: without them every query of the readiness below
    // (and of the app afterwards, on PGlite, which has no autovacuum) is planned as if the tables held
    // one row each, and a one-infusion lookup joined every order with every patient first (7.5 s for the
    // demo practice's 208 infusions; 3.5 s with statistics). ANALYZE counts this transaction's own rows.
    await tx.execute(sql`analyze`);
    // The worklists read each documented infusion's stored readiness: compute it for the demo's.
    await refreshReadiness(tx, main!.id, { practice: true });
    await refreshReadiness(tx, other!.id, { practice: true });
    await markReadinessFormatCurrent(tx);
    return true;
  });
  return { seeded };
}
