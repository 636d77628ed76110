import { hash } from "@node-rs/argon2";
import type { Tx } from "../client";
import { platformAuditEvents, platformOperators } from "../schema";
import { DEMO_OPERATOR } from "./demo-logins";

/** The demo's platform operator (see DEMO_OPERATOR), with its row in the platform audit trail. */
export async function seedDemoOperator(tx: Tx, now: Date): Promise<void> {
  const [op] = await tx
    .insert(platformOperators)
    .values({ email: DEMO_OPERATOR.email, name: DEMO_OPERATOR.name, passwordHash: await hash(DEMO_OPERATOR.password), createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: platformOperators.id });
  if (!op) return;
  await tx.insert(platformAuditEvents).values({
    operatorId: null,
    action: "operator.created",
    entityType: "platform_operator",
    entityId: op.id,
    after: { email: DEMO_OPERATOR.email, name: DEMO_OPERATOR.name, via: "demo seed" },
    requestId: "seed",
  });
}
