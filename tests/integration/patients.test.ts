import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditEvents, coverages, patients, payers } from "@/db/schema";
import { formatError } from "@/server/api/errors";
import { findOverlappingCoverage } from "@/server/domain/patients/coverage";
import { callerFor, makePractice, makeSession, makeUser, makeWorld } from "../factories";
import { createTestDb } from "../helpers/test-db";

let h: DbHandle;
let w: Awaited<ReturnType<typeof makeWorld>>;
let medicare: string;
let commercial: string;
let inactivePayer: string;
let otherPracticePayer: string;

async function makePayer(practiceId: string, over: Partial<typeof payers.$inferInsert> = {}) {
  const [p] = await h.db
    .insert(payers)
    .values({
      practiceId,
      name: `Payer ${randomBytes(2).toString("hex")}`,
      ediPayerId: `P${randomBytes(3).toString("hex").toUpperCase()}`,
      kind: "commercial",
      wasteModifiers: "jw_jz",
      ndc: "none",
      priorAuthRequired: true,
      timelyFilingDays: 90,
      appealDays: 180,
      freeDrug: "fb_zero_charge",
      claimFilingIndicator: "CI",
      ...over,
    })
    .returning();
  return p!.id;
}

let seq = 0;
function patientInput(over: Record<string, unknown> = {}) {
  seq += 1;
  return {
    mrn: `T-${seq}-${randomBytes(2).toString("hex")}`,
    firstName: "Margaret",
    lastName: "Olson",
    dateOfBirth: "1951-04-22",
    sex: "female" as const,
    addressLine1: "12 Elm St",
    addressLine2: "",
    city: "Madison",
    state: "wi",
    zip: "53703-1234",
    phone: "(608) 555-0134",
    ...over,
  };
}

function coverageInput(patientId: string, over: Record<string, unknown> = {}) {
  return {
    patientId,
    payerId: medicare,
    memberId: "1eg4-te5-mk73",
    groupNumber: "",
    planName: "Original Medicare Part B",
    priority: "primary" as const,
    relationship: "self" as const,
    effectiveDate: "2020-01-01",
    endDate: null,
    ...over,
  };
}

async function auditFor(entityId: string) {
  return h.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.seq);
}

async function expectBadRequest(p: Promise<unknown>, field: string, message?: string | RegExp) {
  const err = await p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ code: "BAD_REQUEST" });
  const shown = formatError(err as never, "req");
  const fields = Object.keys(shown.data.zodError?.fieldErrors ?? {});
  expect([shown.data.field, ...fields]).toContain(field);
  if (message) expect(shown.message).toMatch(message);
}

beforeAll(async () => {
  h = await createTestDb();
  w = await makeWorld(h.db);
  medicare = await makePayer(w.practice.id, {
    name: "Medicare Part B (WPS)",
    kind: "medicare",
    timelyFilingDays: null,
    claimFilingIndicator: "MB",
  });
  commercial = await makePayer(w.practice.id, { name: "Badger Health Plan" });
  inactivePayer = await makePayer(w.practice.id, { name: "Old Plan", isActive: false });
  otherPracticePayer = await makePayer(w.other.id, { name: "Their Payer" });
});
afterAll(() => h?.close());

describe("patients.create", () => {
  it("creates a patient with normalised fields and audits the new row", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput({ mrn: "abc-100" }));
    expect(p).toMatchObject({
      mrn: "ABC-100",
      state: "WI",
      zip: "537031234",
      phone: "6085550134",
      addressLine2: null,
      practiceId: w.practice.id,
    });
    const [a] = await auditFor(p.id);
    expect(a).toMatchObject({
      action: "patient.created",
      entityType: "patient",
      actorUserId: w.as.biller.user.id,
      before: null,
    });
    expect(a!.after).toMatchObject({ mrn: "ABC-100", lastName: "Olson", dateOfBirth: "1951-04-22" });
  });

  it("admins may write too; PA coordinators and managers may not", async () => {
    await expect(w.as.admin.caller.patients.create(patientInput())).resolves.toMatchObject({
      lastName: "Olson",
    });
    for (const role of ["pa_coordinator", "manager"] as const) {
      const input = patientInput();
      await expect(w.as[role].caller.patients.create(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      const rows = await h.db.select().from(patients).where(eq(patients.mrn, input.mrn.toUpperCase()));
      expect(rows).toHaveLength(0);
    }
    await expect(w.anonymous.patients.create(patientInput())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a duplicate MRN in the practice (case-insensitively) but allows it in another practice", async () => {
    await w.as.biller.caller.patients.create(patientInput({ mrn: "DUP-1" }));
    const err = await w.as.biller.caller.patients.create(patientInput({ mrn: "dup-1" })).catch((e) => e);
    expect(err).toMatchObject({
      code: "CONFLICT",
      message: "Another patient of the practice already has this MRN.",
    });
    expect(formatError(err, "r").data.field).toBe("mrn");
    const theirs = await w.otherAdmin.caller.patients.create(patientInput({ mrn: "DUP-1" }));
    expect(theirs.practiceId).toBe(w.other.id);
  });

  it("rejects bad input with the field and a specific message", async () => {
    const c = w.as.biller.caller.patients;
    await expectBadRequest(
      c.create(patientInput({ dateOfBirth: "2999-01-01" })),
      "dateOfBirth",
      /cannot be in the future/,
    );
    await expectBadRequest(
      c.create(patientInput({ dateOfBirth: "1899-12-31" })),
      "dateOfBirth",
      /before 1900/,
    );
    await expectBadRequest(c.create(patientInput({ dateOfBirth: "1951-02-30" })), "dateOfBirth", /real date/);
    await expectBadRequest(c.create(patientInput({ state: "Wisc" })), "state", /two-letter state/);
    await expectBadRequest(c.create(patientInput({ zip: "5370" })), "zip", /5- or 9-digit ZIP/);
    await expectBadRequest(c.create(patientInput({ phone: "555-0134" })), "phone", /10-digit US phone/);
    await expectBadRequest(c.create(patientInput({ sex: "f" })), "sex", /female, male or unknown/);
    await expectBadRequest(c.create(patientInput({ lastName: "  " })), "lastName", /Enter the last name/);
    await expectBadRequest(c.create(patientInput({ mrn: "A B" })), "mrn", /letters, digits and dashes/);
  });

  it("checks the date of birth against the request clock too", async () => {
    const past = callerFor(h.db, w.as.biller.session, () => new Date("2020-06-01T12:00:00Z"));
    const err = await past.patients.create(patientInput({ dateOfBirth: "2021-01-01" })).catch((e) => e);
    expect(err).toMatchObject({ code: "BAD_REQUEST", message: "The date of birth cannot be in the future." });
    expect(formatError(err, "r").data.field).toBe("dateOfBirth");
  });
});

describe("patients.get", () => {
  it("returns the patient with coverages to readers; other practices get NOT_FOUND", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    await w.as.biller.caller.patients.coverage.add(coverageInput(p.id));
    for (const role of ["admin", "biller", "pa_coordinator", "manager"] as const) {
      const got = await w.as[role].caller.patients.get({ patientId: p.id });
      expect(got.coverages).toHaveLength(1);
      expect(got.coverages[0]).toMatchObject({
        payerName: "Medicare Part B (WPS)",
        memberId: "1EG4TE5MK73",
        priority: "primary",
      });
    }
    await expect(w.otherAdmin.caller.patients.get({ patientId: p.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expectBadRequest(w.as.biller.caller.patients.get({ patientId: "nope" }), "patientId");
  });
});

describe("patients.update", () => {
  it("updates with the version the editor loaded and audits only what changed", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const updated = await w.as.biller.caller.patients.update({
      ...patientInput({ mrn: p.mrn, lastName: "Olson-Berg", phone: "608 555 0199" }),
      patientId: p.id,
      expectedUpdatedAt: p.updatedAt,
    });
    expect(updated).toMatchObject({ lastName: "Olson-Berg", phone: "6085550199" });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(p.updatedAt.getTime());
    const events = await auditFor(p.id);
    expect(events.at(-1)).toMatchObject({
      action: "patient.updated",
      before: { lastName: "Olson", phone: "6085550134" },
      after: { lastName: "Olson-Berg", phone: "6085550199" },
    });
  });

  it("a stale edit is a CONFLICT and changes nothing", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const first = await w.as.admin.caller.patients.update({
      ...patientInput({ mrn: p.mrn, firstName: "Maggie" }),
      patientId: p.id,
      expectedUpdatedAt: p.updatedAt,
    });
    await expect(
      w.as.biller.caller.patients.update({
        ...patientInput({ mrn: p.mrn, firstName: "Marge" }),
        patientId: p.id,
        expectedUpdatedAt: p.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/changed by someone else/) });
    const [row] = await h.db.select().from(patients).where(eq(patients.id, p.id));
    expect(row!.firstName).toBe("Maggie");
    expect(row!.updatedAt.getTime()).toBe(first.updatedAt.getTime());
  });

  it("two concurrent edits from the same version: one wins, the other conflicts", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const results = await Promise.allSettled(
      ["Ann", "Bea"].map((firstName, i) =>
        (i ? w.as.admin : w.as.biller).caller.patients.update({
          ...patientInput({ mrn: p.mrn, firstName }),
          patientId: p.id,
          expectedUpdatedAt: p.updatedAt,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
  });

  it("refuses taking another patient's MRN, bad input, readers and other practices", async () => {
    const a = await w.as.biller.caller.patients.create(patientInput());
    const b = await w.as.biller.caller.patients.create(patientInput());
    const base = { patientId: b.id, expectedUpdatedAt: b.updatedAt };
    await expect(
      w.as.biller.caller.patients.update({ ...patientInput({ mrn: a.mrn }), ...base }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expectBadRequest(
      w.as.biller.caller.patients.update({ ...patientInput({ zip: "abc" }), ...base }),
      "zip",
    );
    await expect(
      w.as.manager.caller.patients.update({ ...patientInput({ mrn: b.mrn }), ...base }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      w.otherAdmin.caller.patients.update({ ...patientInput({ mrn: b.mrn, lastName: "Hijack" }), ...base }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await h.db.select().from(patients).where(eq(patients.id, b.id));
    expect(row!.lastName).toBe("Olson");
  });
});

describe("patients.coverage", () => {
  it("adds Medicare primary and a commercial secondary, audited", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const prim = await w.as.biller.caller.patients.coverage.add(coverageInput(p.id));
    expect(prim).toMatchObject({ memberId: "1EG4TE5MK73", groupNumber: null, subscriberFirstName: null });
    const sec = await w.as.admin.caller.patients.coverage.add(
      coverageInput(p.id, {
        payerId: commercial,
        memberId: "BHP99812",
        groupNumber: "GRP-7",
        planName: "Medigap Plan G",
        priority: "secondary",
        relationship: "spouse",
        subscriberFirstName: "Robert",
        subscriberLastName: "Olson",
        subscriberDateOfBirth: "1949-11-02",
        effectiveDate: "2021-03-01",
      }),
    );
    expect(sec).toMatchObject({ priority: "secondary", relationship: "spouse", subscriberLastName: "Olson" });
    const [a] = await auditFor(sec.id);
    expect(a).toMatchObject({ action: "coverage.added", entityType: "coverage", before: null });
    expect(a!.after).toMatchObject({ payerId: commercial, priority: "secondary", patientId: p.id });
    const got = await w.as.manager.caller.patients.get({ patientId: p.id });
    expect(got.coverages.map((c) => c.priority)).toEqual(["primary", "secondary"]);
  });

  it("clears subscriber fields when the patient is the subscriber; requires them otherwise", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const c = await w.as.biller.caller.patients.coverage.add(
      coverageInput(p.id, {
        subscriberFirstName: "Leftover",
        subscriberLastName: "X",
        subscriberDateOfBirth: "1950-01-01",
      }),
    );
    expect(c).toMatchObject({
      subscriberFirstName: null,
      subscriberLastName: null,
      subscriberDateOfBirth: null,
    });
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.add(
        coverageInput(p.id, { priority: "secondary", relationship: "child" }),
      ),
      "subscriberFirstName",
      /subscriber's first name/,
    );
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.add(
        coverageInput(p.id, {
          priority: "secondary",
          relationship: "other",
          subscriberFirstName: "A",
          subscriberLastName: "B",
          subscriberDateOfBirth: "2999-01-01",
        }),
      ),
      "subscriberDateOfBirth",
    );
  });

  it("rejects an end before the effective date and other bad input, naming the field", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const add = w.as.biller.caller.patients.coverage.add;
    await expectBadRequest(
      add(coverageInput(p.id, { endDate: "2019-12-31" })),
      "endDate",
      /before the effective date/,
    );
    await expectBadRequest(add(coverageInput(p.id, { memberId: "" })), "memberId", /member id/);
    await expectBadRequest(
      add(coverageInput(p.id, { priority: "quaternary" })),
      "priority",
      /primary, secondary or tertiary/,
    );
    await expectBadRequest(
      add(coverageInput(p.id, { effectiveDate: "01/01/2020" })),
      "effectiveDate",
      /real date/,
    );
    await expectBadRequest(add(coverageInput(p.id, { payerId: "x" })), "payerId", /Choose a payer/);
    expect(await h.db.select().from(coverages).where(eq(coverages.patientId, p.id))).toHaveLength(0);
  });

  it("refuses a payer of another practice, or an inactive one", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.add(coverageInput(p.id, { payerId: otherPracticePayer })),
      "payerId",
      /practice's payers/,
    );
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.add(coverageInput(p.id, { payerId: inactivePayer })),
      "payerId",
      /inactive/,
    );
    expect(await h.db.select().from(coverages).where(eq(coverages.patientId, p.id))).toHaveLength(0);
  });

  it("refuses overlapping coverages of one priority, allows back-to-back ones and other priorities", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const add = w.as.biller.caller.patients.coverage.add;
    await add(coverageInput(p.id, { effectiveDate: "2020-01-01", endDate: "2022-12-31" }));
    const err = await add(coverageInput(p.id, { payerId: commercial, effectiveDate: "2022-12-31" })).catch(
      (e) => e,
    );
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(err.message).toMatch(
      /overlap the patient's primary coverage with Medicare Part B \(WPS\) \(from 01\/01\/2020 through 12\/31\/2022\)/,
    );
    expect(formatError(err, "r").data.field).toBe("effectiveDate");
    // The day after the end is fine, and so is another priority on the same days.
    await expect(
      add(coverageInput(p.id, { payerId: commercial, effectiveDate: "2023-01-01" })),
    ).resolves.toBeDefined();
    await expect(
      add(coverageInput(p.id, { payerId: commercial, priority: "secondary" })),
    ).resolves.toBeDefined();
    // An open-ended one before an existing range overlaps it.
    await expect(
      add(coverageInput(p.id, { effectiveDate: "2019-01-01", priority: "secondary" })),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("two concurrent adds of the same priority: exactly one succeeds", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const results = await Promise.allSettled([
      w.as.biller.caller.patients.coverage.add(coverageInput(p.id)),
      w.as.admin.caller.patients.coverage.add(coverageInput(p.id, { payerId: commercial })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "CONFLICT",
    });
  });

  it("is forbidden to readers and blind to other practices", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    await expect(w.as.manager.caller.patients.coverage.add(coverageInput(p.id))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(w.as.pa_coordinator.caller.patients.coverage.add(coverageInput(p.id))).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    await expect(
      w.otherAdmin.caller.patients.coverage.add(coverageInput(p.id, { payerId: otherPracticePayer })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await h.db.select().from(coverages).where(eq(coverages.patientId, p.id))).toHaveLength(0);
  });

  it("holds a Medicare coverage's member id to the MBI format (CMS's positions); other payers keep the general check", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const add = w.as.biller.caller.patients.coverage.add;
    await expectBadRequest(add(coverageInput(p.id, { memberId: "ABC" })), "memberId", /MBI\) has 11 characters/);
    // S is never used (it reads as 5); position 4 must be a digit.
    await expectBadRequest(add(coverageInput(p.id, { memberId: "1SG4TE5MK73" })), "memberId", /character 2 must be a letter/);
    await expectBadRequest(add(coverageInput(p.id, { memberId: "1EGATE5MK73" })), "memberId", /character 4 must be a digit/);
    await expectBadRequest(add(coverageInput(p.id, { memberId: "0EG4TE5MK73" })), "memberId", /character 1 must be a digit 1–9/);
    expect(await h.db.select().from(coverages).where(eq(coverages.patientId, p.id))).toHaveLength(0);
    const c = await add(coverageInput(p.id, { memberId: "9ak0-hn1-tx22" }));
    expect(c.memberId).toBe("9AK0HN1TX22");
    // Changing the payer to Medicare later is held to the same rule.
    const com = await add(coverageInput(p.id, { payerId: commercial, memberId: "ABC", priority: "secondary" }));
    expect(com.memberId).toBe("ABC");
    const { patientId: _p, ...fields } = coverageInput(p.id, { memberId: "ABC", priority: "secondary" });
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.update({ ...fields, coverageId: com.id, expectedUpdatedAt: com.updatedAt }),
      "memberId",
      /MBI/,
    );
  });

  it("updates a coverage with optimistic concurrency and a before/after audit", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const c = await w.as.biller.caller.patients.coverage.add(coverageInput(p.id));
    const { patientId: _p, ...fields } = coverageInput(p.id, { memberId: "1EG4TE5MK74", groupNumber: "G1" });
    const u = await w.as.biller.caller.patients.coverage.update({
      ...fields,
      coverageId: c.id,
      expectedUpdatedAt: c.updatedAt,
    });
    expect(u).toMatchObject({ memberId: "1EG4TE5MK74", groupNumber: "G1" });
    expect((await auditFor(c.id)).at(-1)).toMatchObject({
      action: "coverage.updated",
      before: { memberId: "1EG4TE5MK73", groupNumber: null },
      after: { memberId: "1EG4TE5MK74", groupNumber: "G1" },
    });
    await expect(
      w.as.admin.caller.patients.coverage.update({
        ...fields,
        memberId: "STALE",
        coverageId: c.id,
        expectedUpdatedAt: c.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      w.as.manager.caller.patients.coverage.update({
        ...fields,
        coverageId: c.id,
        expectedUpdatedAt: u.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      w.otherAdmin.caller.patients.coverage.update({
        ...fields,
        coverageId: c.id,
        expectedUpdatedAt: u.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.update({
        ...fields,
        endDate: "2000-01-01",
        coverageId: c.id,
        expectedUpdatedAt: u.updatedAt,
      }),
      "endDate",
    );
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.update({
        ...fields,
        payerId: otherPracticePayer,
        coverageId: c.id,
        expectedUpdatedAt: u.updatedAt,
      }),
      "payerId",
    );
    const [row] = await h.db.select().from(coverages).where(eq(coverages.id, c.id));
    expect(row!.memberId).toBe("1EG4TE5MK74");
  });

  it("an update may not create an overlap", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    await w.as.biller.caller.patients.coverage.add(coverageInput(p.id, { endDate: "2021-12-31" }));
    const later = await w.as.biller.caller.patients.coverage.add(
      coverageInput(p.id, { payerId: commercial, effectiveDate: "2022-01-01" }),
    );
    const { patientId: _p, ...fields } = coverageInput(p.id, {
      payerId: commercial,
      effectiveDate: "2021-06-01",
    });
    await expect(
      w.as.biller.caller.patients.coverage.update({
        ...fields,
        coverageId: later.id,
        expectedUpdatedAt: later.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/overlap/) });
  });

  it("ends a coverage: audited, then not in force after the end date; refuses end < effective and stale versions", async () => {
    const p = await w.as.biller.caller.patients.create(patientInput());
    const c = await w.as.biller.caller.patients.coverage.add(coverageInput(p.id));
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.end({
        coverageId: c.id,
        endDate: "2019-06-30",
        expectedUpdatedAt: c.updatedAt,
      }),
      "endDate",
      /before the effective date/,
    );
    await expect(
      w.as.manager.caller.patients.coverage.end({
        coverageId: c.id,
        endDate: "2024-06-30",
        expectedUpdatedAt: c.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      w.otherAdmin.caller.patients.coverage.end({
        coverageId: c.id,
        endDate: "2024-06-30",
        expectedUpdatedAt: c.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const ended = await w.as.biller.caller.patients.coverage.end({
      coverageId: c.id,
      endDate: "2024-06-30",
      expectedUpdatedAt: c.updatedAt,
    });
    expect(ended.endDate).toBe("2024-06-30");
    expect((await auditFor(c.id)).at(-1)).toMatchObject({
      action: "coverage.ended",
      before: { endDate: null },
      after: { endDate: "2024-06-30" },
    });
    await expect(
      w.as.admin.caller.patients.coverage.end({
        coverageId: c.id,
        endDate: "2024-07-31",
        expectedUpdatedAt: c.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // A new primary may now start the next day.
    await expect(
      w.as.biller.caller.patients.coverage.add(
        coverageInput(p.id, { payerId: commercial, effectiveDate: "2024-07-01" }),
      ),
    ).resolves.toBeDefined();
    // Moving the end later again would overlap the new one.
    await expect(
      w.as.biller.caller.patients.coverage.end({
        coverageId: c.id,
        endDate: "2024-12-31",
        expectedUpdatedAt: ended.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a failed write leaves no audit row", async () => {
    const before = (await h.db.select().from(auditEvents)).length;
    const p = await w.as.biller.caller.patients.create(patientInput());
    await w.as.biller.caller.patients.coverage.add(coverageInput(p.id)).catch(() => null);
    const mid = (await h.db.select().from(auditEvents)).length;
    expect(mid).toBe(before + 2);
    await w.as.biller.caller.patients.coverage
      .add(coverageInput(p.id, { payerId: commercial }))
      .catch(() => null);
    expect((await h.db.select().from(auditEvents)).length).toBe(mid);
  });
});

describe("patients.payerOptions", () => {
  it("lists the practice's active payers to writers only", async () => {
    const opts = await w.as.biller.caller.patients.payerOptions();
    expect(opts.map((o) => o.id).sort()).toEqual([medicare, commercial].sort());
    await expect(w.as.manager.caller.patients.payerOptions()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const theirs = await w.otherAdmin.caller.patients.payerOptions();
    expect(theirs.map((o) => o.id)).toEqual([otherPracticePayer]);
  });
});

describe("issue 7: text rules hold at the boundary of every procedure", () => {
  it("a NUL byte or a bidi override anywhere in the input is a field error, never a database error", async () => {
    await expectBadRequest(w.as.biller.caller.patients.list({ q: "Ols\u0000on" }), "q", /control character/);
    await expectBadRequest(w.as.biller.caller.orders.list({ q: "\u202Enosl" }), "q", /text-direction/);
    const p = await w.as.biller.caller.patients.create(patientInput());
    await expectBadRequest(
      w.as.biller.caller.patients.coverage.add(coverageInput(p.id, { payerId: commercial, planName: "Plan\u0000G" })),
      "planName",
      /control character/,
    );
  });
});

describe("patients.list: pagination, sort and search in a practice of its own", () => {
  let caller: ReturnType<typeof callerFor>;
  const NAMES: [string, string, string][] = [
    ["Anderson", "Ruth", "1944-02-11"],
    ["Bauer", "Walter", "1950-07-30"],
    ["Becker", "Linda", "1962-12-01"],
    ["Christensen", "Paul", "1955-05-05"],
    ["Dahl", "Karen", "1948-09-19"],
    ["Erickson", "James", "1958-03-03"],
    ["Fischer", "Helen", "1940-10-10"],
    ["Gonzalez", "Maria", "1969-08-08"],
    ["Hansen", "Robert", "1953-01-21"],
    ["Hoffman", "Susan", "1961-06-16"],
    ["Jensen", "Donald", "1946-04-04"],
    ["Johnson", "Mary", "1957-11-11"],
    ["Kowalski", "Joseph", "1952-02-29"],
    ["Larson", "Betty", "1949-12-24"],
    ["Lee", "David", "1975-07-07"],
    ["Martin", "Patricia", "1966-09-09"],
    ["Mueller", "Gerald", "1943-03-13"],
    ["Nelson", "Nancy", "1959-05-25"],
    ["Olson", "Richard", "1951-04-22"],
    ["Peterson", "Dorothy", "1947-08-18"],
    ["Schmidt", "Thomas", "1956-10-30"],
    ["Schultz", "Carol", "1964-01-01"],
    ["Thompson", "Mark", "1970-02-02"],
    ["Wagner", "Joan", "1945-06-06"],
    ["Van Der Berg", "Anna", "1951-04-22"],
  ];

  beforeAll(async () => {
    const practice = await makePractice(h.db);
    const user = await makeUser(h.db, practice.id, "biller");
    // A clock that moves a minute per call, so "created" order is well defined.
    let tick = 0;
    caller = callerFor(h.db, await makeSession(h.db, user), () => new Date(Date.UTC(2026, 2, 1, 12, tick++)));
    const payer = await makePayer(practice.id, { name: "Search Test Payer" });
    for (const [i, [lastName, firstName, dateOfBirth]] of NAMES.entries()) {
      const p = await caller.patients.create(
        patientInput({ mrn: `S${String(i + 1).padStart(4, "0")}`, lastName, firstName, dateOfBirth }),
      );
      if (i % 2 === 0) {
        await caller.patients.coverage.add({ ...coverageInput(p.id), payerId: payer });
      }
    }
  });

  it("pages on the server with a total, a stable order and no repeats", async () => {
    const p1 = await caller.patients.list({ page: 1, pageSize: 10 });
    expect(p1).toMatchObject({ total: 25, page: 1, pageSize: 10 });
    expect(p1.items).toHaveLength(10);
    expect(p1.items[0]).toMatchObject({ lastName: "Anderson", primaryPayerName: "Search Test Payer" });
    expect(p1.items[1]).toMatchObject({ lastName: "Bauer", primaryPayerName: null });
    const p3 = await caller.patients.list({ page: 3, pageSize: 10 });
    expect(p3.items).toHaveLength(5);
    const all = [...p1.items, ...(await caller.patients.list({ page: 2, pageSize: 10 })).items, ...p3.items];
    expect(new Set(all.map((p) => p.id)).size).toBe(25);
    const beyond = await caller.patients.list({ page: 9, pageSize: 10 });
    expect(beyond).toMatchObject({ items: [], total: 25 });
  });

  it("sorts by name, MRN, date of birth and creation, both ways", async () => {
    const byName = await caller.patients.list({ sort: "name", dir: "desc", pageSize: 100 });
    expect(byName.items.map((p) => p.lastName).slice(0, 3)).toEqual(["Wagner", "Van Der Berg", "Thompson"]);
    const byMrn = await caller.patients.list({ sort: "mrn", dir: "asc", pageSize: 10 });
    expect(byMrn.items[0]!.mrn).toBe("S0001");
    const byDob = await caller.patients.list({ sort: "dob", dir: "asc", pageSize: 10 });
    expect(byDob.items[0]).toMatchObject({ lastName: "Fischer", dateOfBirth: "1940-10-10" });
    const byDobDesc = await caller.patients.list({ sort: "dob", dir: "desc", pageSize: 10 });
    expect(byDobDesc.items[0]!.lastName).toBe("Lee");
    const byCreated = await caller.patients.list({ sort: "created", dir: "desc", pageSize: 10 });
    expect(byCreated.items[0]!.mrn).toBe("S0025");
  });

  it("searches by partial name, case-insensitively, and 'last, first'", async () => {
    const names = async (q: string) =>
      (await caller.patients.list({ q, pageSize: 100 })).items.map((p) => `${p.lastName}, ${p.firstName}`);
    expect(await names("SCH")).toEqual(["Fischer, Helen", "Schmidt, Thomas", "Schultz, Carol"]);
    expect(await names("olson")).toEqual(["Olson, Richard"]);
    expect(await names("johnson, m")).toEqual(["Johnson, Mary"]);
    expect(await names("Hansen, Mary")).toEqual([]);
    expect(await names("van der")).toEqual(["Van Der Berg, Anna"]);
    expect(await names("mary johnson")).toEqual(["Johnson, Mary"]);
    expect(await names("100%")).toEqual([]);
  });

  it("searches by MRN and by date of birth in ISO or MM/DD/YYYY", async () => {
    const r = await caller.patients.list({ q: "s0013" });
    expect(r.items.map((p) => p.lastName)).toEqual(["Kowalski"]);
    const iso = await caller.patients.list({ q: "1951-04-22" });
    expect(iso.items.map((p) => p.lastName)).toEqual(["Olson", "Van Der Berg"]);
    const us = await caller.patients.list({ q: "4/22/1951" });
    expect(us.total).toBe(2);
    const page = await caller.patients.list({ q: "son", pageSize: 10 });
    expect(page.items.map((p) => p.lastName)).toEqual([
      "Anderson",
      "Erickson",
      "Johnson",
      "Larson",
      "Nelson",
      "Olson",
      "Peterson",
      "Thompson",
    ]);
  });

  it("only ever shows the caller's practice; readers may list, bad params are refused", async () => {
    const mine = await w.as.manager.caller.patients.list({ pageSize: 100 });
    expect(mine.items.every((p) => !p.mrn.startsWith("S00"))).toBe(true);
    const other = await w.otherAdmin.caller.patients.list({ q: "S0001" });
    expect(other.total).toBe(0);
    await expect(w.as.pa_coordinator.caller.patients.list({})).resolves.toBeDefined();
    await expect(w.anonymous.patients.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expectBadRequest(caller.patients.list({ pageSize: 7 }), "pageSize", /one of 10, 25, 50, 100/);
    await expectBadRequest(caller.patients.list({ sort: "ssn" as never }), "sort");
    await expectBadRequest(caller.patients.list({ page: 0 }), "page");
  });
});

describe("demo seed", () => {
  it("seeds ~40 patients with a primary coverage in force, some secondaries, all valid for the schemas", async () => {
    const { seedPracticeSetup, seedMedigapPayer } = await import("@/db/seed/demo-practice-setup");
    const { seedPatients } = await import("@/db/seed/demo-patients");
    const { ZPatientFields, ZCoverageFields } = await import("@/server/api/routers/patients/schemas");
    const practice = await makePractice(h.db);
    const other = await makePractice(h.db);
    const now = new Date();
    const seeded = await h.db.transaction(async (tx) => {
      const setup = await seedPracticeSetup(tx, { practiceId: practice.id, otherPracticeId: other.id, now });
      return seedPatients(tx, { practiceId: practice.id, payerIds: { ...setup.payers, medigap: await seedMedigapPayer(tx, { practiceId: practice.id, now }) }, now });
    });
    expect(seeded.length).toBeGreaterThanOrEqual(38);
    expect(new Set(seeded.map((s) => s.mrn)).size).toBe(seeded.length);
    expect(seeded.filter((s) => s.secondaryPayer).length).toBeGreaterThanOrEqual(8);
    expect(new Set(seeded.map((s) => s.indication)).size).toBeGreaterThanOrEqual(10);
    const user = await makeUser(h.db, practice.id, "manager");
    const caller = callerFor(h.db, await makeSession(h.db, user));
    for (const s of seeded) {
      const p = await caller.patients.get({ patientId: s.id });
      // What the seed wrote passes the same validation as the screen.
      expect(ZPatientFields.safeParse({ ...p, zip: p.zip }).success, s.name).toBe(true);
      for (const c of p.coverages) {
        expect(ZCoverageFields.safeParse(c).success, `${s.name} ${c.priority}`).toBe(true);
        expect(findOverlappingCoverage(p.coverages, c), `${s.name} overlap`).toBeUndefined();
      }
      expect(p.coverages.find((c) => c.id === s.coverageIds.primary)?.priority).toBe("primary");
    }
    const list = await caller.patients.list({ pageSize: 100 });
    expect(list.total).toBe(seeded.length);
    expect(list.items.every((p) => p.primaryPayerName)).toBe(true);
  });
});
