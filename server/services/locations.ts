import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { locations } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { isValidNpi } from "@/server/domain/identifiers";
import { billerAllowed, defaultBiller, hospitalSiteFor, posRequiresFacilityNpi } from "@/server/domain/practice-setup/codes";
import { changedFields, isUniqueViolation, nextUpdatedAt, sameVersion } from "@/server/domain/practice-setup/versioning";
import { refreshOrRecheckReadiness, sendReadinessRechecks, type RecheckSender } from "./readiness-recheck";
import { preparedReferenceIn } from "./reference-data";
import { recordAudit } from "./audit";
import type { Actor } from "./context";

export type LocationRow = typeof locations.$inferSelect;

export interface LocationInput {
  name: string;
  placeOfService: LocationRow["placeOfService"];
  addressLine1: string;
  addressLine2?: string | null;
  city: string;
  state: string;
  zip: string;
  facilityNpi?: string | null;
  hospitalSite?: LocationRow["hospitalSite"];
  coveredEntityType340b?: LocationRow["coveredEntityType340b"];
  /** who bills here; omitted = the place of service's default (office 837P, hospital department 837I) */
  billedBy?: LocationRow["billedBy"] | null;
}

const EDITABLE = [
  "name",
  "placeOfService",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "zip",
  "facilityNpi",
  "hospitalSite",
  "coveredEntityType340b",
  "billedBy",
] as const satisfies readonly (keyof LocationRow)[];
const DUPLICATE = "Another location of this practice already has this name.";

function columns(input: LocationInput) {
  const v = {
    name: input.name.trim(),
    placeOfService: input.placeOfService,
    addressLine1: input.addressLine1.trim(),
    addressLine2: input.addressLine2?.trim() || null,
    city: input.city.trim(),
    state: input.state.trim().toUpperCase(),
    zip: input.zip.trim(),
    facilityNpi: input.facilityNpi?.trim() || null,
    hospitalSite: null as LocationRow["hospitalSite"],
    coveredEntityType340b: input.coveredEntityType340b ?? null,
    billedBy: input.billedBy ?? defaultBiller(input.placeOfService),
  };
  const biller = billerAllowed(v.placeOfService, v.billedBy);
  if (!biller.ok) throw new DomainError("VALIDATION", biller.message, { field: "billedBy" });
  const site = hospitalSiteFor(v.placeOfService, input.hospitalSite);
  if (!site.ok) throw new DomainError("VALIDATION", site.message, { field: "hospitalSite" });
  v.hospitalSite = site.site;
  if (v.facilityNpi !== null && !isValidNpi(v.facilityNpi)) {
    throw new DomainError("VALIDATION", "This NPI's check digit is wrong: check it for a typo.", { field: "facilityNpi" });
  }
  if (posRequiresFacilityNpi(v.placeOfService) && v.facilityNpi === null) {
    throw new DomainError("VALIDATION", "Hospital outpatient places of service (19, 22) bill under the facility's NPI: enter it.", { field: "facilityNpi" });
  }
  return v;
}

async function loadLocation(tx: DbOrTx, actor: Actor, locationId: string): Promise<LocationRow> {
  const [l] = await tx
    .select()
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.practiceId, actor.practiceId)));
  if (!l) throw new DomainError("NOT_FOUND", "Location not found.");
  return l;
}

async function assertNameFree(tx: DbOrTx, actor: Actor, name: string, exceptId?: string) {
  const [dup] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.practiceId, actor.practiceId), eq(locations.name, name), exceptId ? ne(locations.id, exceptId) : undefined));
  if (dup) throw new DomainError("CONFLICT", DUPLICATE, { field: "name" });
}

function rethrowDuplicate(e: unknown): never {
  if (isUniqueViolation(e, "locations_practice_name_uq")) throw new DomainError("CONFLICT", DUPLICATE, { field: "name" });
  throw e;
}

function stale() {
  return new DomainError("CONFLICT", "This location was changed by someone else since you opened it. Reload and make your change again.");
}

export async function getLocation(db: Db, actor: Actor, locationId: string): Promise<LocationRow> {
  return loadLocation(db, actor, locationId);
}

export async function createLocation(db: Db, actor: Actor, input: LocationInput, now: Date): Promise<LocationRow> {
  const values = columns(input);
  return db
    .transaction(async (tx) => {
      await assertNameFree(tx, actor, values.name);
      const [row] = await tx
        .insert(locations)
        .values({ ...values, practiceId: actor.practiceId, createdAt: now, updatedAt: now })
        .returning();
      await recordAudit(tx, actor, { action: "location.created", entityType: "location", entityId: row!.id, after: row });
      return row!;
    })
    .catch(rethrowDuplicate);
}

export async function updateLocation(
  db: Db,
  actor: Actor,
  input: LocationInput & { locationId: string; updatedAt: Date },
  now: Date,
  /** sends the practice's background readiness recheck after the commit, when the change touches more infusions than are rechecked at once */
  sendRecheck?: RecheckSender,
): Promise<LocationRow> {
  const values = columns(input);
  const result = await db
    .transaction(async (tx) => {
      const before = await loadLocation(tx, actor, input.locationId);
      if (!sameVersion(input.updatedAt, before.updatedAt)) throw stale();
      const diff = changedFields(before, { ...before, ...values }, EDITABLE);
      if (!diff.changed) return { after: before, recheck: null };
      if (values.name !== before.name) await assertNameFree(tx, actor, values.name, before.id);
      const [after] = await tx
        .update(locations)
        .set({ ...values, updatedAt: nextUpdatedAt(before.updatedAt, now) })
        .where(
          and(
            eq(locations.id, before.id),
            eq(locations.practiceId, actor.practiceId),
            sql`date_trunc('milliseconds', ${locations.updatedAt}) = ${input.updatedAt.toISOString()}::timestamptz`,
          ),
        )
        .returning();
      if (!after) throw stale();
      await recordAudit(tx, actor, { action: "location.updated", entityType: "location", entityId: before.id, before: diff.before, after: diff.after });
      const recheck = await refreshOrRecheckReadiness(tx, actor.practiceId, { locationId: before.id }, await preparedReferenceIn(db, tx), `Location changed: ${after.name}`);
      return { after, recheck };
    })
    .catch(rethrowDuplicate);
  await sendReadinessRechecks(sendRecheck, result.recheck ? [result.recheck] : []);
  return result.after;
}

export async function setLocationActive(db: Db, actor: Actor, input: { locationId: string; active: boolean }, now: Date): Promise<LocationRow> {
  return db.transaction(async (tx) => {
    const before = await loadLocation(tx, actor, input.locationId);
    if (before.isActive === input.active) return before;
    const [after] = await tx
      .update(locations)
      .set({ isActive: input.active, updatedAt: nextUpdatedAt(before.updatedAt, now) })
      .where(and(eq(locations.id, before.id), eq(locations.practiceId, actor.practiceId), eq(locations.isActive, before.isActive)))
      .returning();
    if (!after) throw stale();
    await recordAudit(tx, actor, {
      action: input.active ? "location.reactivated" : "location.deactivated",
      entityType: "location",
      entityId: before.id,
      before: { isActive: before.isActive },
      after: { isActive: after.isActive },
    });
    return after;
  });
}
