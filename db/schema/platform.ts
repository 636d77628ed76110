import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/*
 * The platform: what belongs to no practice. Shared reference data (NDC crosswalk, ASP limits,
 * ICD-10-CM, indications, payer templates, codes) is used by every practice's claims, so only a
 * platform operator, a person outside every practice created from the command line
 * (`npm run operator -- create <email>`), loads new versions of it. Practice administrators view,
 * download and compare the versions, and read the platform audit trail.
 */

export const platformOperators = pgTable(
  "platform_operators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("platform_operators_email_uq").on(t.email)],
);

/** Server-side sessions of operators (same rules as user_sessions: idle, absolute age, revocation). */
export const operatorSessions = pgTable(
  "operator_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => platformOperators.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("operator_sessions_operator_idx").on(t.operatorId).where(sql`${t.revokedAt} is null`)],
);

/**
 * The platform audit trail: every reference version applied, every operator sign-in and lockout.
 * Readable by every practice's administrators; append-only (migration trigger).
 */
export const platformAuditEvents = pgTable(
  "platform_audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    /** null when written by the command line (creating an operator) */
    operatorId: uuid("operator_id").references(() => platformOperators.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("platform_audit_seq_uq").on(t.seq)],
);

/**
 * Every version of a reference table that was in force: the first one recorded is the table as it
 * was before the first upload ("as installed"), then one per applied file. Kept whole (as CSV) so
 * any two versions can be compared and downloaded.
 */
export const referenceVersions = pgTable(
  "reference_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tableKey: text("table_key").notNull(),
    version: integer("version").notNull(),
    fingerprint: text("fingerprint").notNull(),
    rowCount: integer("row_count").notNull(),
    csv: text("csv").notNull(),
    /** added / changed / removed against the previous version (null for the installed one) */
    counts: jsonb("counts").$type<{ added: number; changed: number; removed: number } | null>(),
    appliedByOperatorId: uuid("applied_by_operator_id").references(() => platformOperators.id),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("reference_versions_table_version_uq").on(t.tableKey, t.version)],
);
