import type { Tx } from "../client";
import { auditEvents, locations, payers, providers } from "../schema";
import { ZPayerProfileRow } from "@/server/domain/billing/reference";
import { settingsFromTemplate } from "@/server/domain/practice-setup/payer-profile";
import type { PayerTemplateId } from "@/server/domain/practice-setup/codes";
import { referenceSeed } from "./reference";

/**
 * Demo payers, providers and locations. The demo practice gets one payer of each kind (the
 * Medicaid plan reports NDC vial counts, one commercial plan rejects JZ), two medical oncologists and
 * a nurse practitioner, an office (POS 11) and an on-campus hospital outpatient department (POS 22);
 * the other practice one of each, so isolation is visible in the demo. All identifiers are fictional
 * (NPIs have valid check digits but are not assigned to anyone we know of).
 */
export interface PracticeSetupIds {
  payers: { medicare: string; medicareAdvantage: string; medicaidUn: string; commercial: string; commercialNoJz: string };
  providers: { oncologistA: string; oncologistB: string; nursePractitioner: string };
  locations: { office: string; hospitalOutpatient: string };
  other: { payer: string; provider: string; location: string };
}

function template(id: PayerTemplateId) {
  const row = (referenceSeed.payerProfiles as unknown[]).map((r) => ZPayerProfileRow.parse(r)).find((r) => r.id === id);
  if (!row) throw new Error(`payer profile template ${id} missing from db/seed/reference/payer-profiles.json`);
  const { templateId, ...settings } = settingsFromTemplate(row);
  return { templateId, ...settings };
}

export async function seedPracticeSetup(tx: Tx, ctx: { practiceId: string; otherPracticeId: string; now: Date }): Promise<PracticeSetupIds> {
  const { practiceId, otherPracticeId, now } = ctx;
  const stamp = { createdAt: now, updatedAt: now };

  const payerRows = await tx
    .insert(payers)
    .values([
      { ...template("MCR"), practiceId, name: "Medicare Part B — WPS", ediPayerId: "05299", ...stamp },
      { ...template("MA"), practiceId, name: "Lakeshore Medicare Advantage HMO", ediPayerId: "LKMA01", ...stamp },
      { ...template("MCD-UN"), practiceId, name: "Badger State Medicaid", ediPayerId: "BSMCD7", ...stamp },
      { ...template("COMM"), practiceId, name: "Northwoods Health PPO", ediPayerId: "NWH200", ...stamp },
      { ...template("COMM-NOJZ"), practiceId, name: "Prairie Mutual Health", ediPayerId: "PMH310", ...stamp },
      { ...template("MCR"), practiceId: otherPracticeId, name: "Medicare Part B — WPS", ediPayerId: "05299", ...stamp },
    ])
    .returning({ id: payers.id, practiceId: payers.practiceId, name: payers.name });

  const person = { entityType: "person" as const, canRender: true, canOrder: true, ...stamp };
  const providerRows = await tx
    .insert(providers)
    .values([
      { ...person, practiceId, firstName: "Priya", lastName: "Raman", credential: "MD", npi: "1728394051", taxonomyCode: "207RX0202X" },
      { ...person, practiceId, firstName: "Daniel", lastName: "Okafor", credential: "MD", npi: "1839405168", taxonomyCode: "207RX0202X" },
      // Nurse practitioners order and render here; incident-to rules are the biller's concern.
      { ...person, practiceId, firstName: "Grace", lastName: "Lindqvist", credential: "NP", npi: "1940516275", taxonomyCode: "363L00000X" },
      { ...person, practiceId: otherPracticeId, firstName: "Samuel", lastName: "Brandt", credential: "MD", npi: "1506172836", taxonomyCode: "207RX0202X" },
    ])
    .returning({ id: providers.id, practiceId: providers.practiceId, npi: providers.npi });

  const locationRows = await tx
    .insert(locations)
    .values([
      { practiceId, name: "Lakeside Infusion Suite", placeOfService: "11" as const, addressLine1: "400 Lakeshore Drive, Suite 210", city: "Madison", state: "WI", zip: "53703", facilityNpi: null, ...stamp },
      {
        practiceId,
        name: "St. Olaf Hospital Outpatient Infusion",
        placeOfService: "22" as const,
        addressLine1: "1200 University Avenue",
        addressLine2: "Cancer Center, 3rd floor",
        city: "Madison",
        state: "WI",
        zip: "53705",
        facilityNpi: "1617283944",
        // The practice's organisation owns the department: it bills drug and administration as the facility (837I).
        billedBy: "practice_facility" as const,
        ...stamp,
      },
      { practiceId: otherPracticeId, name: "Riverbend Infusion Center", placeOfService: "11" as const, addressLine1: "12 River Road", city: "La Crosse", state: "WI", zip: "54601", facilityNpi: null, ...stamp },
    ])
    .returning({ id: locations.id, practiceId: locations.practiceId, name: locations.name });

  await tx.insert(auditEvents).values([
    ...payerRows.map((r) => ({ practiceId: r.practiceId, actorUserId: null, action: "payer.created", entityType: "payer", entityId: r.id, after: { name: r.name, source: "demo seed" }, requestId: "seed" })),
    ...providerRows.map((r) => ({ practiceId: r.practiceId, actorUserId: null, action: "provider.created", entityType: "provider", entityId: r.id, after: { npi: r.npi, source: "demo seed" }, requestId: "seed" })),
    ...locationRows.map((r) => ({ practiceId: r.practiceId, actorUserId: null, action: "location.created", entityType: "location", entityId: r.id, after: { name: r.name, source: "demo seed" }, requestId: "seed" })),
  ]);

  // Look rows up by what identifies them rather than trusting RETURNING order.
  const payer = (pid: string, name: string) => payerRows.find((r) => r.practiceId === pid && r.name === name)!.id;
  const provider = (npi: string) => providerRows.find((r) => r.npi === npi)!.id;
  const location = (name: string) => locationRows.find((r) => r.name === name)!.id;
  return {
    payers: {
      medicare: payer(practiceId, "Medicare Part B — WPS"),
      medicareAdvantage: payer(practiceId, "Lakeshore Medicare Advantage HMO"),
      medicaidUn: payer(practiceId, "Badger State Medicaid"),
      commercial: payer(practiceId, "Northwoods Health PPO"),
      commercialNoJz: payer(practiceId, "Prairie Mutual Health"),
    },
    providers: { oncologistA: provider("1728394051"), oncologistB: provider("1839405168"), nursePractitioner: provider("1940516275") },
    locations: { office: location("Lakeside Infusion Suite"), hospitalOutpatient: location("St. Olaf Hospital Outpatient Infusion") },
    other: { payer: payer(otherPracticeId, "Medicare Part B — WPS"), provider: provider("1506172836"), location: location("Riverbend Infusion Center") },
  };
}

/**
 * The demo's Medicare supplement (Medigap) plan, its own payer: a supplement follows Medicare's
 * decision, so it asks for no prior authorization and no NDC, and takes claims for twelve months
 * (crossovers come from Medicare's adjudication). The demo's Medicare + supplement patients are
 * billed to it as secondary (and one as the second of three payers).
 */
export async function seedMedigapPayer(tx: Tx, ctx: { practiceId: string; now: Date }): Promise<string> {
  const stamp = { createdAt: ctx.now, updatedAt: ctx.now };
  const [row] = await tx
    .insert(payers)
    .values({ ...template("COMM"), ndc: "none", priorAuthRequired: false, timelyFilingDays: 365, practiceId: ctx.practiceId, name: "Northwoods Medicare Supplement", ediPayerId: "NWH210", ...stamp })
    .returning({ id: payers.id, name: payers.name });
  await tx.insert(auditEvents).values({ practiceId: ctx.practiceId, actorUserId: null, action: "payer.created", entityType: "payer", entityId: row!.id, after: { name: row!.name, source: "demo seed" }, requestId: "seed" });
  return row!.id;
}
