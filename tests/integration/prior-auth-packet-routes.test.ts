import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Bundle, Claim, DocumentReference, Organization, Practitioner } from "@medplum/fhirtypes";
import type { DbHandle } from "@/db/client";
import { auditEvents, coverages, patients, phiAccessLog, priorAuthRequests, providers } from "@/db/schema";
import { seedFeeSchedule } from "@/db/seed/demo-documentation";
import { seedPracticeSetup, type PracticeSetupIds } from "@/db/seed/demo-practice-setup";
import type { Role } from "@/server/domain/auth/roles";
import { PAS_INLINE_MAX_BYTES } from "@/server/domain/prior-auth-packet";
import type { SessionUser } from "@/server/services/auth";
import { callerFor, makeWorld } from "../factories";
import { pdfText } from "../helpers/pdf-text";
import { createTestDb } from "../helpers/test-db";

/*
 * The prior-authorization download routes (packet PDF, PAS bundle JSON, attachment), called as Next
 * calls them, on a real database: only the signed-in user and the database come from outside.
 */
const state = vi.hoisted(() => ({ db: null as unknown, user: null as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getDb: async () => state.db,
}));
vi.mock("@/server/auth/auth", () => ({
  currentUser: async () => state.user,
  currentSessionId: async () => null,
  currentIdentity: async () => ({ user: state.user, operator: null }),
}));

const { GET: packetPdf } = await import("@/app/api/prior-auths/[id]/packet.pdf/route");
const { GET: pasBundle } = await import("@/app/api/prior-auths/[id]/pas-bundle.json/route");
const { GET: attachment } = await import("@/app/api/prior-auths/[id]/attachments/[attachmentId]/route");

const NOW = new Date("2026-09-01T14:00:00Z");
const BASE = "http://127.0.0.1:3103";
const get = (p: string) => new Request(`${BASE}${p}`);
const one = (id: string) => ({ params: Promise.resolve({ id }) });
const two = (id: string, attachmentId: string) => ({ params: Promise.resolve({ id, attachmentId }) });

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let setup: PracticeSetupIds;
let requestId: string;
let requestNumber: string;
let patientId: string;
let pdfAttachmentId: string;
let pngAttachmentId: string;
let largeAttachmentId: string;
let pa: ReturnType<typeof callerFor>;
let orderId: string;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR tiny image")]);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const as = (s: SessionUser | null) => {
  state.user = s;
};
const asRole = (role: Role) => as(w.as[role].session);

async function auditRows(entityId: string, action: string) {
  return h.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.seq));
}

beforeAll(async () => {
  h = await createTestDb();
  state.db = h.db;
  w = await makeWorld(h.db);
  const clock = () => NOW;
  const biller = callerFor(h.db, w.as.biller.session, clock);
  pa = callerFor(h.db, w.as.pa_coordinator.session, clock);
  setup = await h.db.transaction((tx) => seedPracticeSetup(tx, { practiceId: w.practice.id, otherPracticeId: w.other.id, now: NOW }));
  await h.db.transaction((tx) => seedFeeSchedule(tx, w.practice.id, NOW));
  const [p] = await h.db
    .insert(patients)
    .values({ practiceId: w.practice.id, mrn: `MRN-${randomBytes(3).toString("hex").toUpperCase()}`, firstName: "Ada", lastName: "Packetson", dateOfBirth: "1952-03-04", sex: "female", addressLine1: "1 Main St", city: "Madison", state: "WI", zip: "53703" })
    .returning();
  patientId = p!.id;
  await h.db.insert(coverages).values({ practiceId: w.practice.id, patientId, payerId: setup.payers.commercial, memberId: "NWH884213", groupNumber: "G-5521", priority: "primary", relationship: "self", effectiveDate: "2026-01-01" });
  const o = await biller.orders.create({
    patientId,
    indicationId: "nsclc-stage3-consolidation",
    diagnoses: ["C34.11"],
    phases: [{ name: "consolidation", doseKind: "per_kg", doseAmount: "10", frequency: "q2w", cycles: null }],
    durationMonths: 12,
    combination: null,
    startDate: "2026-09-14",
    orderingProviderId: setup.providers.oncologistA,
    locationId: setup.locations.office,
    weightKg: "67.3",
    notes: null,
  });
  await biller.orders.sign({ orderId: o.id });
  orderId = o.id;
  const opened = await pa.priorAuths.openForOrder({ orderId });
  requestId = opened.id!;
  requestNumber = opened.requestNumber!;
  const d = await pa.priorAuths.get({ id: requestId });
  await pa.priorAuths.update({
    id: requestId,
    revision: d.request.revision,
    requestedLines: d.request.requestedLines,
    startDate: d.request.startDate,
    endDate: d.request.endDate,
    clinical: { stage: "IIIA", biomarkers: [{ name: "PD-L1", result: "TPS 60% (22C3)" }], priorTherapies: "Concurrent cisplatin/etoposide with 60 Gy radiation", ecog: "1", intent: "consolidation", notes: null },
    channel: "portal",
    payerReference: "NWH-REF-7781",
    payerContact: "Provider services 800-555-0142",
    notes: null,
  });
  pdfAttachmentId = (await pa.priorAuths.addAttachment({ requestId, fileName: "pathology report.pdf", contentBase64: PDF.toString("base64"), description: "Pathology" })).id;
  pngAttachmentId = (await pa.priorAuths.addAttachment({ requestId, fileName: "scan.png", contentBase64: PNG.toString("base64"), description: null })).id;
  const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(PAS_INLINE_MAX_BYTES + 10, 0x20)]);
  largeAttachmentId = (await pa.priorAuths.addAttachment({ requestId, fileName: "imaging.pdf", contentBase64: big.toString("base64"), description: "PET-CT report" })).id;
}, 240_000);
afterAll(() => h?.close());

describe("GET /api/prior-auths/<id>/packet.pdf", () => {
  it("every reading role downloads the packet with the request's values; audited and logged as an export", async () => {
    const [provider] = await h.db.select().from(providers).where(eq(providers.id, setup.providers.oncologistA));
    for (const role of ["pa_coordinator", "admin", "biller", "manager"] as const) {
      asRole(role);
      const res = await packetPdf(get(`/api/prior-auths/${requestId}/packet.pdf`), one(requestId));
      expect(res.status, role).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="prior-auth-${requestNumber}.pdf"`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      if (role !== "pa_coordinator") continue;
      const text = pdfText(bytes).join(" ");
      const [row] = await h.db.select().from(priorAuthRequests).where(eq(priorAuthRequests.id, requestId));
      const line = row!.requestedLines[0]!;
      for (const v of [requestNumber, "Packetson, Ada", "NWH884213", provider!.npi, "J9173", "Injection, durvalumab, 10 mg", "C34.11", `${line.units} units J9173 for ${line.doses} doses`, "10 mg/kg", "673 mg", "TPS 60% (22C3)", "NWH-REF-7781", "pathology report.pdf", "FDA label, approved 02/16/2018"]) {
        expect(text, v).toContain(v);
      }
    }
    const audit = await auditRows(requestId, "prior_auth.packet_downloaded");
    expect(audit).toHaveLength(4);
    expect(audit[0]!.after).toMatchObject({ requestNumber, format: "pdf" });
    const log = await h.db.select().from(phiAccessLog).where(and(eq(phiAccessLog.patientId, patientId), eq(phiAccessLog.action, "export"), eq(phiAccessLog.entityType, "prior_auth_packet")));
    expect(new Set(log.map((l) => l.userId)).size).toBe(4);
  }, 120_000);

  it("another practice, an unknown id and a malformed id get 404; signed out gets 401; nothing is audited for them", async () => {
    const before = (await auditRows(requestId, "prior_auth.packet_downloaded")).length;
    as(w.otherAdmin.session);
    const other = await packetPdf(get(`/api/prior-auths/${requestId}/packet.pdf`), one(requestId));
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain("Packetson");
    // the attempt is in the access log as refused, under the other practice's user
    const refused = await h.db.select().from(phiAccessLog).where(and(eq(phiAccessLog.userId, w.otherAdmin.user.id), eq(phiAccessLog.action, "refused")));
    expect(refused).toEqual([expect.objectContaining({ entityType: "prior_auth_packet", entityId: requestId, reason: "not_found", patientId: null })]);
    asRole("biller");
    const unknown = randomUUID();
    expect((await packetPdf(get(`/api/prior-auths/${unknown}/packet.pdf`), one(unknown))).status).toBe(404);
    expect((await packetPdf(get("/api/prior-auths/nope/packet.pdf"), one("nope"))).status).toBe(404);
    as(null);
    expect((await packetPdf(get(`/api/prior-auths/${requestId}/packet.pdf`), one(requestId))).status).toBe(401);
    expect((await auditRows(requestId, "prior_auth.packet_downloaded")).length).toBe(before);
  });
});

describe("GET /api/prior-auths/<id>/pas-bundle.json", () => {
  it("downloads the PAS request bundle: references resolve, codings and identifier systems, small attachments inline, the large one by URL; audited", async () => {
    asRole("manager");
    const res = await pasBundle(get(`/api/prior-auths/${requestId}/pas-bundle.json`), one(requestId));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="pas-${requestNumber}.json"`);
    const bundle = (await res.json()) as Bundle;
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
    const urls = new Set(bundle.entry!.map((e) => e.fullUrl));
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]+"/g)!.map((m) => m.slice(13, -1));
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !urls.has(r))).toEqual([]);
    const claim = bundle.entry![0]!.resource as Claim;
    expect(claim).toMatchObject({ resourceType: "Claim", use: "preauthorization", status: "active", identifier: [{ value: requestNumber }] });
    expect(claim.item![0]!.productOrService.coding![0]).toMatchObject({ system: "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", code: "J9173" });
    expect(claim.insurance[0]!.preAuthRef).toEqual(["NWH-REF-7781"]);
    expect(claim.diagnosis![0]!.diagnosisCodeableConcept!.coding![0]).toMatchObject({ system: "http://hl7.org/fhir/sid/icd-10-cm", code: "C34.11" });
    const [provider] = await h.db.select().from(providers).where(eq(providers.id, setup.providers.oncologistA));
    const practitioner = bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === "Practitioner") as Practitioner;
    expect(practitioner.identifier).toEqual([{ system: "http://hl7.org/fhir/sid/us-npi", value: provider!.npi }]);
    const insurer = bundle.entry!.map((e) => e.resource!).find((r) => r.resourceType === "Organization" && r.name === "Northwoods Health PPO") as Organization;
    expect(insurer).toBeDefined();
    const docs = bundle.entry!.map((e) => e.resource!).filter((r): r is DocumentReference => r.resourceType === "DocumentReference");
    expect(docs.map((d) => d.content[0]!.attachment.title)).toEqual(["pathology report.pdf", "scan.png", "imaging.pdf"]);
    expect(docs[0]!.content[0]!.attachment).toMatchObject({ contentType: "application/pdf", size: PDF.length, data: PDF.toString("base64") });
    expect(docs[1]!.content[0]!.attachment).toMatchObject({ contentType: "image/png", data: PNG.toString("base64") });
    expect(docs[2]!.content[0]!.attachment.data).toBeUndefined();
    expect(docs[2]!.content[0]!.attachment.url).toBe(`${BASE}/api/prior-auths/${requestId}/attachments/${largeAttachmentId}`);
    // the same request again: the same ids
    const again = (await (await pasBundle(get(`/api/prior-auths/${requestId}/pas-bundle.json`), one(requestId))).json()) as Bundle;
    expect(again.entry!.map((e) => e.fullUrl)).toEqual(bundle.entry!.map((e) => e.fullUrl));
    const audit = await auditRows(requestId, "prior_auth.packet_downloaded");
    expect(audit.filter((a) => (a.after as { format?: string }).format === "pas-bundle")).toHaveLength(2);
    as(w.otherAdmin.session);
    expect((await pasBundle(get(`/api/prior-auths/${requestId}/pas-bundle.json`), one(requestId))).status).toBe(404);
    as(null);
    expect((await pasBundle(get(`/api/prior-auths/${requestId}/pas-bundle.json`), one(requestId))).status).toBe(401);
  }, 120_000);
});

describe("GET /api/prior-auths/<id>/attachments/<attachmentId>", () => {
  it("serves the stored bytes as a download with the type found by their magic bytes, to every reading role; audited", async () => {
    for (const role of ["pa_coordinator", "admin", "biller", "manager"] as const) {
      asRole(role);
      const res = await attachment(get(`/api/prior-auths/${requestId}/attachments/${pngAttachmentId}`), two(requestId, pngAttachmentId));
      expect(res.status, role).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="scan\.png"/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("sandbox");
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }
    asRole("biller");
    const pdf = await attachment(get(`/api/prior-auths/${requestId}/attachments/${pdfAttachmentId}`), two(requestId, pdfAttachmentId));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain('filename="pathology report.pdf"');
    expect(pdf.headers.get("content-disposition")!.startsWith("attachment;")).toBe(true);
    const audit = await auditRows(requestId, "prior_auth.attachment_downloaded");
    expect(audit).toHaveLength(5);
    expect(audit[0]!.after).toMatchObject({ attachmentId: pngAttachmentId, fileName: "scan.png", contentType: "image/png" });
    // The access log keeps the first export per user, patient and hour: a biller who only fetched the file is logged for it.
    const { makeSession, makeUser } = await import("../factories");
    const fresh = await makeSession(h.db, await makeUser(h.db, w.practice.id, "biller"));
    as(fresh);
    expect((await attachment(get(`/api/prior-auths/${requestId}/attachments/${pdfAttachmentId}`), two(requestId, pdfAttachmentId))).status).toBe(200);
    const log = await h.db.select().from(phiAccessLog).where(and(eq(phiAccessLog.patientId, patientId), eq(phiAccessLog.userId, fresh.userId)));
    expect(log).toEqual([expect.objectContaining({ action: "export", entityType: "prior_auth_attachment", entityId: pdfAttachmentId })]);
  });

  it("another practice, an unknown attachment, an attachment asked for under another request, malformed ids → 404; signed out → 401", async () => {
    const before = (await auditRows(requestId, "prior_auth.attachment_downloaded")).length;
    as(w.otherAdmin.session);
    expect((await attachment(get(`/api/prior-auths/${requestId}/attachments/${pdfAttachmentId}`), two(requestId, pdfAttachmentId))).status).toBe(404);
    asRole("pa_coordinator");
    const unknown = randomUUID();
    expect((await attachment(get(`/api/prior-auths/${requestId}/attachments/${unknown}`), two(requestId, unknown))).status).toBe(404);
    const otherRequest = randomUUID();
    expect((await attachment(get(`/api/prior-auths/${otherRequest}/attachments/${pdfAttachmentId}`), two(otherRequest, pdfAttachmentId))).status).toBe(404);
    const refused = await h.db.select().from(phiAccessLog).where(and(eq(phiAccessLog.userId, w.as.pa_coordinator.user.id), eq(phiAccessLog.action, "refused")));
    expect(refused.map((r) => [r.entityType, r.entityId]).sort()).toEqual([["prior_auth_attachment", pdfAttachmentId], ["prior_auth_attachment", unknown]].sort());
    expect((await attachment(get(`/api/prior-auths/${requestId}/attachments/x`), two(requestId, "x"))).status).toBe(404);
    as(null);
    expect((await attachment(get(`/api/prior-auths/${requestId}/attachments/${pdfAttachmentId}`), two(requestId, pdfAttachmentId))).status).toBe(401);
    expect((await auditRows(requestId, "prior_auth.attachment_downloaded")).length).toBe(before);
  });
});

describe("a renewal's packet", () => {
  it("names the order's earlier authorization and asks for an extension in the PAS bundle", async () => {
    const d = await pa.priorAuths.get({ id: requestId });
    const sub = await pa.priorAuths.transition({ id: requestId, revision: d.request.revision, event: "submit" });
    await pa.priorAuths.decide({
      id: requestId,
      revision: sub.revision,
      outcome: "approve_partially",
      decidedOn: "2026-09-01",
      authorizationNumber: "NWH-A-7781",
      startDate: "2026-09-14",
      endDate: "2026-12-31",
      lines: [{ hcpcs: "J9173", units: 432, doses: 6 }],
      denialReason: null,
      exceedsRequestConfirmed: false,
      replaceOverlapping: false,
      payerReference: null,
      note: null,
    });
    const renewal = await pa.priorAuths.openForOrder({ orderId });
    expect(renewal.created).toBe(true);
    asRole("biller");
    const res = await packetPdf(get(`/api/prior-auths/${renewal.id}/packet.pdf`), one(renewal.id!));
    expect(res.status).toBe(200);
    const text = pdfText(new Uint8Array(await res.arrayBuffer())).join(" ");
    expect(text).toContain("Renewal authorization");
    expect(text).toContain("NWH-A-7781: 432 units J9173, 09/14/2026 to 12/31/2026");
    const bundle = (await (await pasBundle(get(`/api/prior-auths/${renewal.id}/pas-bundle.json`), one(renewal.id!))).json()) as Bundle;
    const claim = bundle.entry![0]!.resource as Claim;
    expect(JSON.stringify(claim.item![0]!.extension)).toContain('"code":"4"');
    // the first request's own packet does not list its own authorization as an earlier one
    const first = pdfText(new Uint8Array(await (await packetPdf(get(`/api/prior-auths/${requestId}/packet.pdf`), one(requestId))).arrayBuffer())).join(" ");
    expect(first).not.toContain("Previous authorizations");
  }, 120_000);
});
