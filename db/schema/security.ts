import { bigserial, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { practices, users } from "./core";
import { patients } from "./patients";

/**
 * Who looked at which patient's records, and when (HIPAA audit controls). One row per user, patient,
 * kind of access (view, export) and clock hour: the first access of the hour is kept, repeats in the
 * same hour add nothing (the unique dedup key makes the insert a no-op), so reading a page costs one
 * indexed insert at most. Refused attempts (a role without the permission, an id that is not in the
 * user's practice) are kept too, one row per user, record and hour. Append-only (migration trigger).
 */
export const phiAccessLog = pgTable(
  "phi_access_log",
  {
    id: uuid("id").notNull().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** null for a refused attempt (the record was not shown, and may not exist) */
    patientId: uuid("patient_id"),
    /** view | export | refused */
    action: text("action").$type<"view" | "export" | "refused">().notNull(),
    /** what was asked for: patient, order, administration, episode, export:patients … */
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** refused only: role (the role lacks the permission) | not_found (not in the user's practice) */
    reason: text("reason"),
    hourStart: timestamp("hour_start", { withTimezone: true }).notNull(),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    requestId: text("request_id"),
    dedupKey: text("dedup_key").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    foreignKey({ name: "phi_access_log_patient_id_fk", columns: [t.practiceId, t.patientId], foreignColumns: [patients.practiceId, patients.id] }),
    uniqueIndex("phi_access_dedup_uq").on(t.dedupKey, t.practiceId),
    uniqueIndex("phi_access_seq_uq").on(t.seq, t.practiceId),
    index("phi_access_practice_seq_idx").on(t.practiceId, t.seq),
    index("phi_access_patient_idx").on(t.practiceId, t.patientId, t.seq),
    index("phi_access_user_idx").on(t.practiceId, t.userId, t.seq),
  ],
);

/**
 * Failed sign-ins per client address in the current window, so guessing is slowed per address before
 * any account lockout, and across every app process (the counter lives here, not in memory). The
 * address is kept only as a keyed hash. A row whose window has passed counts as zero and is reused or
 * swept.
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    clientKey: text("client_key").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    failures: integer("failures").notNull(),
  },
  (t) => [index("sign_in_throttle_window_idx").on(t.windowStart)],
);
