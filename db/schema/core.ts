import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "@/server/domain/auth/roles";

export const roleEnum = pgEnum("user_role", ROLES);

/**
 * A practice is the tenant: every row that belongs to one carries practice_id, and so does every key of
 * such a table, so the schema can be distributed by practice (docs/architecture.md, "Running at scale"):
 * the primary key is (id, practice_id), other unique indexes end with practice_id, and a foreign key to
 * another practice table is (practice_id, x_id) -> (practice_id, id). tests/integration/practice-keys.test.ts
 * checks the catalog.
 */
export const practices = pgTable("practices", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  npi: text("npi").notNull(),
  taxId: text("tax_id").notNull(),
  addressLine1: text("address_line1").notNull(),
  addressLine2: text("address_line2"),
  city: text("city").notNull(),
  state: text("state").notNull(),
  zip: text("zip").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    isActive: boolean("is_active").notNull().default(true),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are stored lower-case; one account per address across the whole product. That is why users
    // (with user_sessions) is a platform table, not a practice table: sign-in looks the address up before
    // any practice is known. Foreign keys to users stay simple.
    uniqueIndex("users_email_uq").on(t.email),
    index("users_practice_idx").on(t.practiceId),
  ],
);

/**
 * Server-side sessions. The Auth.js JWT only carries the session id; every request checks the row,
 * which is how idle expiry, sign-out everywhere and deactivation take effect at once.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId).where(sql`${t.revokedAt} is null`)],
);
