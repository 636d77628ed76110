import { randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { Db } from "@/db/client";
import { operatorSessions, patients, platformOperators, practices, userSessions, users } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import type { Role } from "@/server/domain/auth/roles";
import type { SessionUser } from "@/server/services/auth";
import type { OperatorSession } from "@/server/services/operators";

export const TEST_PASSWORD = "Factory-Password-2026";
let cachedHash: Promise<string> | undefined;

/** A practice of its own per test, so tests run in parallel without truncating tables. */
export async function makePractice(db: Db, overrides: Partial<typeof practices.$inferInsert> = {}) {
  const [p] = await db
    .insert(practices)
    .values({
      name: `Test Practice ${randomBytes(3).toString("hex")}`,
      npi: "1234567893",
      taxId: "123456789",
      addressLine1: "1 Test Street",
      city: "Testville",
      state: "WI",
      zip: "53703",
      ...overrides,
    })
    .returning();
  return p!;
}

export async function makeUser(
  db: Db,
  practiceId: string,
  role: Role,
  overrides: Partial<typeof users.$inferInsert> = {},
) {
  cachedHash ??= hash(TEST_PASSWORD);
  const [u] = await db
    .insert(users)
    .values({
      practiceId,
      email: `${role}-${randomBytes(4).toString("hex")}@test.example`,
      name: `Test ${role}`,
      role,
      passwordHash: await cachedHash,
      ...overrides,
    })
    .returning();
  return u!;
}

/** A live session row for the user, as sign-in would create. */
export async function makeSession(db: Db, user: { id: string; practiceId: string; role: Role; email: string; name: string; mustChangePassword?: boolean }, now = new Date()): Promise<SessionUser> {
  const [s] = await db.insert(userSessions).values({ userId: user.id, createdAt: now, lastSeenAt: now }).returning();
  return {
    sessionId: s!.id,
    userId: user.id,
    practiceId: user.practiceId,
    role: user.role,
    email: user.email,
    name: user.name,
    mustChangePassword: user.mustChangePassword ?? false,
  };
}

export function callerFor(db: Db, session: SessionUser | null, now: () => Date = () => new Date()) {
  const ctx: Context = { db, session, requestId: `test-${randomUUID()}`, now };
  return createCaller(ctx);
}

/** A platform operator (outside every practice) with a live session, and a caller acting as them. */
export async function makeOperator(db: Db) {
  cachedHash ??= hash(TEST_PASSWORD);
  const [op] = await db
    .insert(platformOperators)
    .values({ email: `operator-${randomBytes(4).toString("hex")}@platform.example`, name: "Test Operator", passwordHash: await cachedHash })
    .returning();
  const [s] = await db.insert(operatorSessions).values({ operatorId: op!.id }).returning();
  const session: OperatorSession = { sessionId: s!.id, operatorId: op!.id, email: op!.email, name: op!.name };
  const caller = createCaller({ db, session: null, operator: session, requestId: `test-${randomUUID()}`, now: () => new Date() });
  return { operator: op!, session, caller };
}

/** One practice with a user of every role, plus a second practice with an admin (for isolation cases). */
export async function makeWorld(db: Db) {
  const practice = await makePractice(db);
  const other = await makePractice(db, { name: "Other Practice" });
  const roles: Role[] = ["admin", "biller", "pa_coordinator", "manager"];
  const entries = await Promise.all(
    roles.map(async (role) => {
      const user = await makeUser(db, practice.id, role);
      const session = await makeSession(db, user);
      return [role, { user, session, caller: callerFor(db, session) }] as const;
    }),
  );
  const as = Object.fromEntries(entries) as Record<Role, { user: typeof users.$inferSelect; session: SessionUser; caller: ReturnType<typeof callerFor> }>;
  const otherAdminUser = await makeUser(db, other.id, "admin");
  const otherSession = await makeSession(db, otherAdminUser);
  return {
    practice,
    other,
    as,
    otherAdmin: { user: otherAdminUser, session: otherSession, caller: callerFor(db, otherSession) },
    anonymous: callerFor(db, null),
  };
}

/** A patient of the practice, inserted directly (integration tests of reads, exports and the access log). */
export async function makePatient(db: Db, practiceId: string, overrides: Partial<typeof patients.$inferInsert> = {}) {
  const [p] = await db
    .insert(patients)
    .values({
      practiceId,
      mrn: `MRN-${randomBytes(4).toString("hex").toUpperCase()}`,
      firstName: "Jane",
      lastName: "Testpatient",
      dateOfBirth: "1950-02-03",
      sex: "female",
      addressLine1: "1 Test Street",
      city: "Madison",
      state: "WI",
      zip: "53703",
      ...overrides,
    })
    .returning();
  return p!;
}
