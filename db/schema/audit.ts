import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { practices, users } from "./core";

/**
 * Append-only audit trail. A trigger (migration 0001) rejects UPDATE and DELETE, so rows cannot be
 * changed through the application even by a bug.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").notNull().defaultRandom(),
    /** Insertion order: several events of one transaction share created_at, seq still orders them. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.practiceId] }),
    uniqueIndex("audit_seq_uq").on(t.seq, t.practiceId),
    index("audit_practice_seq_idx").on(t.practiceId, t.seq),
    index("audit_entity_idx").on(t.practiceId, t.entityType, t.entityId),
    index("audit_actor_idx").on(t.practiceId, t.actorUserId),
  ],
);
