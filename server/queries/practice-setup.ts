import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { locations, payerProfileTemplates, payers, providers } from "@/db/schema";
import { ZPayerProfileRow } from "@/server/domain/billing/reference";
import type { PayerTemplateId } from "@/server/domain/practice-setup/codes";
import { isTemplateId, settingsFromTemplate } from "@/server/domain/practice-setup/payer-profile";

/** Payers of the practice, active first then by name. `activeOnly` for pickers. */
export async function listPayers(db: Db, practiceId: string, opts: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(payers)
    .where(and(eq(payers.practiceId, practiceId), opts.activeOnly ? eq(payers.isActive, true) : undefined))
    .orderBy(asc(payers.name), asc(payers.ediPayerId));
}

export async function listProviders(db: Db, practiceId: string, opts: { activeOnly?: boolean; canOrder?: boolean; canRender?: boolean } = {}) {
  return db
    .select()
    .from(providers)
    .where(
      and(
        eq(providers.practiceId, practiceId),
        opts.activeOnly ? eq(providers.isActive, true) : undefined,
        opts.canOrder !== undefined ? eq(providers.canOrder, opts.canOrder) : undefined,
        opts.canRender !== undefined ? eq(providers.canRender, opts.canRender) : undefined,
      ),
    )
    .orderBy(asc(providers.lastName), asc(providers.firstName));
}

export async function listLocations(db: Db, practiceId: string, opts: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(locations)
    .where(and(eq(locations.practiceId, practiceId), opts.activeOnly ? eq(locations.isActive, true) : undefined))
    .orderBy(asc(locations.name));
}

/**
 * The payer-profile templates an admin starts a new payer from, with the settings the form is
 * pre-filled with. Read from the reference table payer_profile_templates (seeded from
 * db/seed/reference/payer-profiles.json); templates not in force on `today` (ISO date) are left out.
 */
export async function listPayerTemplates(db: Db, today: string) {
  const rows = await db.select().from(payerProfileTemplates).orderBy(asc(payerProfileTemplates.key));
  return rows
    .filter((r) => isTemplateId(r.key) && (r.effectiveFrom ?? "0000-01-01") <= today && (r.effectiveTo === null || r.effectiveTo >= today))
    .map((r) => {
      // Validated like a reference file row, so a bad table row fails loudly instead of pre-filling junk.
      const t = ZPayerProfileRow.parse({ ...r, id: r.key, doseRoundingPercent: r.doseRoundingPercent === null ? null : Number(r.doseRoundingPercent) });
      return { ...settingsFromTemplate(t), id: r.key as PayerTemplateId, name: t.name, source: t.source };
    });
}
