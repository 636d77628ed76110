import type { Tx } from "../client";
import { auditEvents, coverages, patients } from "../schema";
import type { CoveragePriority, Sex, SubscriberRelationship } from "@/server/domain/patients/codes";

/**
 * About forty fictional patients of the demo practice (names, addresses, phone numbers in the
 * 555-01xx range and member ids are invented), each with a primary coverage on one of the demo payers
 * and some with a secondary (Medicare + a supplemental commercial plan, Medicare + Medicaid for
 * dual-eligibles, commercial through a spouse), one with three (Medicare, the supplement, Medicaid as
 * tertiary). A few changed payers, so their history shows an ended
 * coverage. Each patient carries a suggested durvalumab indication (the ids of
 * db/seed/reference/indications.json) so the orders seed can pick patients that fit a label.
 *
 * Payer keys are the ones seedPracticeSetup returns in `payers`: medicare, medicareAdvantage,
 * medicaidUn, commercial, commercialNoJz; medigap is the demo's Medicare supplement (seedMedigapPayer).
 */

export type DemoPayerKey = "medicare" | "medicareAdvantage" | "medicaidUn" | "commercial" | "commercialNoJz" | "medigap";

export interface SeededPatient {
  id: string;
  /** stable key of the demo row, e.g. "p07" */
  key: string;
  mrn: string;
  /** "Last, First" */
  name: string;
  sex: Sex;
  dateOfBirth: string;
  /** the indication id an order for this patient would fit */
  indication: string;
  /** short human description, e.g. "71 F, stage III NSCLC after chemoradiation; Medicare + Northwoods supplement" */
  descriptor: string;
  primaryPayer: DemoPayerKey;
  secondaryPayer: DemoPayerKey | null;
  /** ids of the coverages in force at `now` */
  coverageIds: { primary: string; secondary: string | null };
}

interface Cov {
  payer: DemoPayerKey;
  priority: CoveragePriority;
  memberId: string;
  groupNumber?: string;
  planName?: string;
  effectiveDate: string;
  endDate?: string;
  relationship?: SubscriberRelationship;
  subscriber?: { firstName: string; lastName: string; dateOfBirth: string };
}

interface Demo {
  last: string;
  first: string;
  sex: Sex;
  dob: string;
  city: string;
  zip: string;
  street: string;
  line2?: string;
  indication: string;
  note: string;
  /** coverage plan shorthand, expanded by `plan()` */
  plan:
    "mcr" | "mcr+gap" | "mcr+mcd" | "mcr+gap+mcd" | "ma" | "mcd" | "comm" | "nojz" | "comm-spouse" | "comm→mcr" | "nojz→ma";
}

/* prettier-ignore */
const DEMO: Demo[] = [
  { last: "Olson", first: "Margaret", sex: "female", dob: "1951-04-22", city: "Madison", zip: "53704", street: "2210 Commercial Ave", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC after concurrent chemoradiation", plan: "mcr+gap" },
  { last: "Schmidt", first: "Gerald", sex: "male", dob: "1948-11-03", city: "Middleton", zip: "53562", street: "7412 Elmwood Ave", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, unresectable, former smoker", plan: "mcr" },
  { last: "Nguyen", first: "Thanh", sex: "male", dob: "1959-02-17", city: "Madison", zip: "53713", street: "1830 Park St", line2: "Apt 4B", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, 52 kg", plan: "mcr+mcd" },
  { last: "Kowalski", first: "Dorothy", sex: "female", dob: "1946-06-30", city: "Stevens Point", zip: "54481", street: "915 Clark St", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, fixed-dose regimen", plan: "ma" },
  { last: "Johnson", first: "Curtis", sex: "male", dob: "1963-09-14", city: "Janesville", zip: "53545", street: "402 Milton Ave", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, employer plan", plan: "comm" },
  { last: "Lindqvist", first: "Ingrid", sex: "female", dob: "1956-01-08", city: "Stoughton", zip: "53589", street: "118 S Fourth St", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, near the 12-month limit", plan: "mcr+gap" },
  { last: "Vang", first: "Pa Houa", sex: "female", dob: "1970-12-02", city: "Wausau", zip: "54401", street: "1507 N 6th St", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, Medicaid", plan: "mcd" },
  { last: "Becker", first: "Walter", sex: "male", dob: "1944-03-25", city: "Sun Prairie", zip: "53590", street: "33 Bristol St", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, switched to Medicare this year", plan: "comm→mcr" },
  { last: "Hernandez", first: "Rosa", sex: "female", dob: "1961-07-19", city: "Madison", zip: "53719", street: "6602 Mineral Point Rd", indication: "nsclc-resectable-perioperative", note: "resectable NSCLC, neoadjuvant then adjuvant", plan: "comm" },
  { last: "Mueller", first: "Dennis", sex: "male", dob: "1955-10-11", city: "Verona", zip: "53593", street: "210 N Main St", indication: "nsclc-resectable-perioperative", note: "resectable NSCLC, perioperative", plan: "mcr+gap" },
  { last: "Thompson", first: "Alicia", sex: "female", dob: "1966-05-27", city: "Fitchburg", zip: "53711", street: "2935 Fish Hatchery Rd", indication: "nsclc-resectable-perioperative", note: "resectable NSCLC, plan that rejects JZ", plan: "nojz" },
  { last: "Anderson", first: "Ruth", sex: "female", dob: "1949-08-02", city: "Monona", zip: "53716", street: "4800 Monona Dr", indication: "nsclc-metastatic-with-tremelimumab", note: "metastatic NSCLC with tremelimumab and chemotherapy", plan: "mcr" },
  { last: "Washington", first: "Darnell", sex: "male", dob: "1958-04-04", city: "Madison", zip: "53704", street: "1102 Northport Dr", indication: "nsclc-metastatic-with-tremelimumab", note: "metastatic NSCLC, tremelimumab", plan: "mcr+mcd" },
  { last: "Peterson", first: "Lois", sex: "female", dob: "1953-12-20", city: "DeForest", zip: "53532", street: "512 N Main St", indication: "nsclc-metastatic-with-tremelimumab", note: "metastatic NSCLC, Medicare Advantage", plan: "ma" },
  { last: "Hansen", first: "Robert", sex: "male", dob: "1952-01-21", city: "Waunakee", zip: "53597", street: "905 Madison St", indication: "sclc-limited-stage", note: "limited-stage SCLC after chemoradiation", plan: "mcr+gap" },
  { last: "O'Brien", first: "Kathleen", sex: "female", dob: "1960-09-09", city: "Baraboo", zip: "53913", street: "130 4th Ave", indication: "sclc-limited-stage", note: "limited-stage SCLC", plan: "comm-spouse" },
  { last: "Jablonski", first: "Stanley", sex: "male", dob: "1947-02-14", city: "Portage", zip: "53901", street: "220 W Cook St", indication: "sclc-limited-stage", note: "limited-stage SCLC, 48 kg", plan: "mcr" },
  { last: "Fischer", first: "Helen", sex: "female", dob: "1945-10-10", city: "Watertown", zip: "53094", street: "611 Main St", indication: "sclc-extensive-stage", note: "extensive-stage SCLC with etoposide and platinum", plan: "mcr+gap" },
  { last: "Garcia", first: "Miguel", sex: "male", dob: "1964-06-01", city: "Beloit", zip: "53511", street: "1721 Prairie Ave", indication: "sclc-extensive-stage", note: "extensive-stage SCLC, Medicaid", plan: "mcd" },
  { last: "Larson", first: "Betty", sex: "female", dob: "1950-12-24", city: "Oregon", zip: "53575", street: "118 Janesville St", indication: "sclc-extensive-stage", note: "extensive-stage SCLC, maintenance q4w", plan: "ma" },
  { last: "Brown", first: "Harold", sex: "male", dob: "1942-07-07", city: "Madison", zip: "53705", street: "3418 University Ave", indication: "sclc-extensive-stage", note: "extensive-stage SCLC", plan: "mcr" },
  { last: "Xiong", first: "Tou", sex: "male", dob: "1968-03-15", city: "La Crosse", zip: "54601", street: "908 Cass St", indication: "biliary-tract", note: "biliary tract cancer with gemcitabine and cisplatin", plan: "nojz" },
  { last: "Wagner", first: "Joan", sex: "female", dob: "1954-06-06", city: "Mount Horeb", zip: "53572", street: "105 E Main St", indication: "biliary-tract", note: "biliary tract cancer", plan: "mcr+gap" },
  { last: "Krueger", first: "Arnold", sex: "male", dob: "1957-11-30", city: "Madison", zip: "53714", street: "4202 Milwaukee St", indication: "biliary-tract", note: "biliary tract cancer, switched to Medicare Advantage", plan: "nojz→ma" },
  { last: "Smith", first: "Patricia", sex: "female", dob: "1962-08-19", city: "Middleton", zip: "53562", street: "6750 University Ave", line2: "Unit 12", indication: "biliary-tract", note: "biliary tract cancer, employer plan", plan: "comm" },
  { last: "Dahl", first: "Karl", sex: "male", dob: "1951-09-19", city: "Madison", zip: "53711", street: "2301 Todd Dr", indication: "hcc-with-tremelimumab", note: "unresectable HCC, STRIDE (tremelimumab once)", plan: "mcr" },
  { last: "Chen", first: "Wei", sex: "male", dob: "1960-02-28", city: "Fitchburg", zip: "53719", street: "5520 Lacy Rd", indication: "hcc-with-tremelimumab", note: "unresectable HCC, STRIDE", plan: "comm" },
  { last: "Jackson", first: "Evelyn", sex: "female", dob: "1955-05-05", city: "Janesville", zip: "53546", street: "2717 Kennedy Rd", indication: "hcc-with-tremelimumab", note: "unresectable HCC", plan: "mcr+mcd" },
  { last: "Schultz", first: "Norman", sex: "male", dob: "1949-01-13", city: "Sun Prairie", zip: "53590", street: "1428 W Main St", indication: "hcc-with-tremelimumab", note: "unresectable HCC, Medicare Advantage", plan: "ma" },
  { last: "Martinez", first: "Elena", sex: "female", dob: "1971-10-21", city: "Madison", zip: "53713", street: "2506 Fish Hatchery Rd", indication: "endometrial-dmmr", note: "dMMR endometrial cancer with carboplatin and paclitaxel", plan: "comm-spouse" },
  { last: "Erickson", first: "Janet", sex: "female", dob: "1958-03-03", city: "Stoughton", zip: "53589", street: "400 Nygaard St", indication: "endometrial-dmmr", note: "dMMR endometrial cancer", plan: "mcr+gap" },
  { last: "Yang", first: "Mai", sex: "female", dob: "1975-07-07", city: "Wausau", zip: "54403", street: "811 Sturgeon Eddy Rd", indication: "endometrial-dmmr", note: "dMMR endometrial cancer, Medicaid", plan: "mcd" },
  { last: "Nelson", first: "Donald", sex: "male", dob: "1946-04-04", city: "Verona", zip: "53593", street: "622 Lincoln St", indication: "bladder-muscle-invasive-perioperative", note: "muscle-invasive bladder cancer, perioperative", plan: "mcr+gap" },
  { last: "Ramirez", first: "Jose", sex: "male", dob: "1965-12-12", city: "Beloit", zip: "53511", street: "950 Park Ave", indication: "bladder-muscle-invasive-perioperative", note: "muscle-invasive bladder cancer", plan: "nojz" },
  { last: "Christensen", first: "Paul", sex: "male", dob: "1950-05-05", city: "Monona", zip: "53716", street: "5211 Monona Dr", indication: "bladder-muscle-invasive-perioperative", note: "muscle-invasive bladder cancer, Medicare Advantage", plan: "ma" },
  { last: "Kaur", first: "Harpreet", sex: "female", dob: "1969-11-26", city: "Madison", zip: "53717", street: "702 N High Point Rd", indication: "gastric-gej-perioperative", note: "resectable gastric/GEJ adenocarcinoma with FLOT", plan: "comm" },
  { last: "Hoffman", first: "Eugene", sex: "male", dob: "1953-08-08", city: "Watertown", zip: "53098", street: "1310 Boomer St", indication: "gastric-gej-perioperative", note: "resectable GEJ adenocarcinoma", plan: "mcr" },
  { last: "Lee", first: "David", sex: "male", dob: "1985-01-31", city: "Madison", zip: "53703", street: "121 W Gorman St", line2: "Apt 710", indication: "urothelial-post-platinum", note: "urothelial carcinoma after platinum (withdrawn indication: claim should be flagged)", plan: "comm" },
  { last: "Novak", first: "Frances", sex: "female", dob: "1940-02-29", city: "Baraboo", zip: "53913", street: "615 Ash St", indication: "off-label-compendia", note: "compendia-supported off-label use, oldest patient", plan: "mcr+gap" },
  { last: "Van Der Berg", first: "Anna", sex: "female", dob: "1967-04-22", city: "Oregon", zip: "53575", street: "877 Park St", indication: "nsclc-stage3-consolidation", note: "stage III NSCLC, plan that rejects JZ", plan: "nojz" },
  { last: "Sorensen", first: "Agnes", sex: "female", dob: "1944-09-12", city: "Madison", zip: "53705", street: "4410 Regent St", indication: "gastric-gej-perioperative", note: "resectable gastric adenocarcinoma; three payers (tertiary Medicaid)", plan: "mcr+gap+mcd" },
];

const PAYER_NAMES: Record<DemoPayerKey, string> = {
  medicare: "Medicare",
  medicareAdvantage: "Medicare Advantage",
  medicaidUn: "Medicaid",
  commercial: "Northwoods PPO",
  commercialNoJz: "Prairie Mutual",
  medigap: "Northwoods supplement",
};

/** A fictional Medicare Beneficiary Identifier in the CMS shape (11 characters, no S L O I B Z). */
function fakeMbi(i: number): string {
  const L = "ACDEFGHJKMNPQRTUVWXY";
  const d = (k: number) => String((i * 7 + k * 3) % 10);
  const l = (k: number) => L[(i * 11 + k * 5) % L.length]!;
  return `${1 + (i % 9)}${l(1)}${d(2)}${d(3)}${l(4)}${l(5)}${d(6)}${l(7)}${l(8)}${d(9)}${d(10)}`;
}
const digits = (i: number, n: number, seed: number) =>
  String((i + 1) * seed)
    .padStart(n, "0")
    .slice(-n);

function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  // A 29 February birthday turns 65 on 1 March in a non-leap year: use the first of the month anyway.
  return `${y}-${iso.slice(5, 7)}-01`;
}
const later = (a: string, b: string) => (a > b ? a : b);

function plan(d: Demo, i: number, today: string): Cov[] {
  const medicareStart = later(addYears(d.dob, 65), "2016-01-01");
  const mcr = (priority: CoveragePriority = "primary", effectiveDate = medicareStart): Cov => ({
    payer: "medicare",
    priority,
    memberId: fakeMbi(i),
    planName: "Original Medicare Part B",
    effectiveDate,
  });
  const gap: Cov = {
    payer: "medigap",
    priority: "secondary",
    memberId: `NWS${digits(i, 9, 7919)}`,
    groupNumber: "MEDSUPG",
    planName: "Northwoods Medicare Supplement Plan G",
    effectiveDate: medicareStart,
  };
  const mcd = (priority: CoveragePriority): Cov => ({
    payer: "medicaidUn",
    priority,
    memberId: digits(i, 10, 104_729),
    planName: priority === "primary" ? "BadgerCare Plus" : "Medicaid (dual eligible)",
    effectiveDate: "2021-07-01",
  });
  const comm = (payer: "commercial" | "commercialNoJz", extra: Partial<Cov> = {}): Cov => ({
    payer,
    priority: "primary",
    memberId: `${payer === "commercial" ? "NWH" : "PMH"}${digits(i, 9, 15_485_863)}`,
    groupNumber: `G${digits(i, 5, 613)}`,
    planName: payer === "commercial" ? "Northwoods Health PPO" : "Prairie Mutual Choice",
    effectiveDate: "2022-01-01",
    ...extra,
  });
  const ma: Cov = {
    payer: "medicareAdvantage",
    priority: "primary",
    memberId: `LMA${digits(i, 8, 99_991)}`,
    planName: "Lakeshore Medicare Advantage HMO",
    effectiveDate: later(medicareStart, "2020-01-01"),
  };
  const thisJan = `${today.slice(0, 4)}-01-01`;
  const lastDec = `${Number(today.slice(0, 4)) - 1}-12-31`;
  switch (d.plan) {
    case "mcr":
      return [mcr()];
    case "mcr+gap":
      return [mcr(), gap];
    case "mcr+mcd":
      return [mcr(), mcd("secondary")];
    case "mcr+gap+mcd":
      // three payers: Medicare, then the supplement, then Medicaid (the payer of last resort)
      return [mcr(), gap, mcd("tertiary")];
    case "ma":
      return [ma];
    case "mcd":
      return [mcd("primary")];
    case "comm":
      return [comm("commercial")];
    case "nojz":
      return [comm("commercialNoJz")];
    case "comm-spouse":
      return [
        comm("commercial", {
          relationship: "spouse",
          subscriber: {
            firstName: d.sex === "female" ? "Thomas" : "Linda",
            lastName: d.last,
            dateOfBirth: "1958-05-14",
          },
        }),
      ];
    case "comm→mcr":
      // Retired: the employer plan ended last year, Medicare started this January.
      return [
        comm("commercial", { effectiveDate: "2018-01-01", endDate: lastDec }),
        mcr("primary", thisJan),
        { ...gap, effectiveDate: thisJan },
      ];
    case "nojz→ma":
      return [
        comm("commercialNoJz", { effectiveDate: "2019-01-01", endDate: lastDec }),
        { ...ma, effectiveDate: thisJan },
      ];
  }
}

function age(dob: string, today: string): number {
  const y = Number(today.slice(0, 4)) - Number(dob.slice(0, 4));
  return today.slice(5) < dob.slice(5) ? y - 1 : y;
}

export async function seedPatients(
  tx: Tx,
  ctx: { practiceId: string; payerIds: Record<string, string>; now: Date },
): Promise<SeededPatient[]> {
  const { practiceId, payerIds, now } = ctx;
  const today = now.toISOString().slice(0, 10);
  const payerId = (key: DemoPayerKey) => {
    const id = payerIds[key];
    if (!id) throw new Error(`seedPatients: no payer id for "${key}" (pass seedPracticeSetup(...).payers)`);
    return id;
  };

  const rows = DEMO.map((d, i) => ({
    practiceId,
    mrn: `LK${String(100_201 + i * 37)}`,
    firstName: d.first,
    lastName: d.last,
    dateOfBirth: d.dob,
    sex: d.sex,
    addressLine1: d.street,
    addressLine2: d.line2 ?? null,
    city: d.city,
    state: "WI",
    zip: d.zip,
    phone: `608555${String(100 + i).padStart(4, "0")}`,
    // Registered over the past weeks, oldest first, so "newest" sorting shows something sensible.
    createdAt: new Date(now.getTime() - (DEMO.length - i) * 36 * 3_600_000),
    updatedAt: new Date(now.getTime() - (DEMO.length - i) * 36 * 3_600_000),
  }));
  const inserted = await tx.insert(patients).values(rows).returning({ id: patients.id, mrn: patients.mrn });
  const idByMrn = new Map(inserted.map((r) => [r.mrn, r.id]));

  const plans = DEMO.map((d, i) => plan(d, i, today));
  const covRows = DEMO.flatMap((d, i) =>
    plans[i]!.map((c) => ({
      practiceId,
      patientId: idByMrn.get(rows[i]!.mrn)!,
      payerId: payerId(c.payer),
      memberId: c.memberId,
      groupNumber: c.groupNumber ?? null,
      planName: c.planName ?? null,
      priority: c.priority,
      relationship: c.relationship ?? ("self" as const),
      subscriberFirstName: c.subscriber?.firstName ?? null,
      subscriberLastName: c.subscriber?.lastName ?? null,
      subscriberDateOfBirth: c.subscriber?.dateOfBirth ?? null,
      effectiveDate: c.effectiveDate,
      endDate: c.endDate ?? null,
      createdAt: rows[i]!.createdAt,
      updatedAt: rows[i]!.createdAt,
    })),
  );
  const insertedCovs = await tx
    .insert(coverages)
    .values(covRows)
    .returning({
      id: coverages.id,
      patientId: coverages.patientId,
      priority: coverages.priority,
      endDate: coverages.endDate,
      effectiveDate: coverages.effectiveDate,
    });

  // No PHI beyond the MRN in the seed's audit rows.
  await tx.insert(auditEvents).values([
    ...inserted.map((r) => ({
      practiceId,
      actorUserId: null,
      action: "patient.created",
      entityType: "patient",
      entityId: r.id,
      after: { mrn: r.mrn, source: "demo seed" },
      requestId: "seed",
    })),
    ...insertedCovs.map((c) => ({
      practiceId,
      actorUserId: null,
      action: "coverage.added",
      entityType: "coverage",
      entityId: c.id,
      after: { patientId: c.patientId, priority: c.priority, source: "demo seed" },
      requestId: "seed",
    })),
  ]);

  return DEMO.map((d, i) => {
    const id = idByMrn.get(rows[i]!.mrn)!;
    const mine = insertedCovs.filter(
      (c) => c.patientId === id && c.effectiveDate <= today && (c.endDate === null || c.endDate >= today),
    );
    const current = plans[i]!.filter((c) => c.effectiveDate <= today && (!c.endDate || c.endDate >= today));
    const primary = current.find((c) => c.priority === "primary");
    if (!primary)
      throw new Error(
        `seedPatients: ${d.last} has no primary coverage in force on ${today}; the demo dates assume 2025 or later`,
      );
    const secondary = current.find((c) => c.priority === "secondary") ?? null;
    const tertiary = current.find((c) => c.priority === "tertiary") ?? null;
    const payers = [primary, secondary, tertiary].flatMap((c) => (c ? [PAYER_NAMES[c.payer]] : [])).join(" + ");
    return {
      id,
      key: `p${String(i + 1).padStart(2, "0")}`,
      mrn: rows[i]!.mrn,
      name: `${d.last}, ${d.first}`,
      sex: d.sex,
      dateOfBirth: d.dob,
      indication: d.indication,
      descriptor: `${age(d.dob, today)} ${d.sex === "female" ? "F" : "M"}, ${d.note}; ${payers}`,
      primaryPayer: primary.payer,
      secondaryPayer: secondary?.payer ?? null,
      coverageIds: {
        primary: mine.find((c) => c.priority === "primary")!.id,
        secondary: mine.find((c) => c.priority === "secondary")?.id ?? null,
      },
    };
  });
}
