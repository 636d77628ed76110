import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { indications, locations, payers, providers } from "@/db/schema";

/** The choices of the dashboard filters: the practice's payers, providers and locations, and the indications. */
export async function dashboardFilterOptions(db: DbOrTx, pid: string) {
  const [py, pr, lo, ind] = await Promise.all([
    db.select({ id: payers.id, name: payers.name }).from(payers).where(eq(payers.practiceId, pid)).orderBy(asc(payers.name)),
    db.select({ id: providers.id, firstName: providers.firstName, lastName: providers.lastName, credential: providers.credential }).from(providers).where(eq(providers.practiceId, pid)).orderBy(asc(providers.lastName)),
    db.select({ id: locations.id, name: locations.name }).from(locations).where(eq(locations.practiceId, pid)).orderBy(asc(locations.name)),
    db.selectDistinctOn([indications.key], { id: indications.key, name: indications.name }).from(indications).orderBy(asc(indications.key)),
  ]);
  return {
    payers: py,
    providers: pr.map((p) => ({ id: p.id, name: [p.firstName, p.lastName].filter(Boolean).join(" ") + (p.credential ? `, ${p.credential}` : "") })),
    locations: lo,
    indications: ind.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
