import { describe, expect, it } from "vitest";
import { assessWaste, checklistComplete, documentationChecklist } from "@/server/domain/documentation";
import { COMM_NOJZ } from "../billing/helpers";
import { context, ref, values } from "./fixtures";

const missing = (v = values(), c = context()) => documentationChecklist(ref, v, c).filter((i) => !i.done).map((i) => i.key);

describe("documentationChecklist", () => {
  it("is complete for a fully documented infusion with billable waste", () => {
    const items = documentationChecklist(ref, values(), context());
    expect(items.map((i) => i.key)).toEqual(["actualDate", "weightKg", "infusionStart", "infusionStop", "nurseName", "vials", "lots", "mgAdministered", "mgDiscarded", "wasteRecord", "coverage"]);
    expect(checklistComplete(items)).toBe(true);
  });

  it("lists every item an empty draft lacks, each with the field to fill", () => {
    const empty = values({ actualDate: null, weightKg: null, infusionStart: null, infusionStop: null, nurseName: null, mgAdministered: null, mgDiscarded: null, wasteTime: null, wasteWitness: null, vials: [] });
    const items = documentationChecklist(ref, empty, context({ payer: null }));
    expect(items.filter((i) => !i.done).map((i) => `${i.key}:${i.field}`)).toEqual([
      "actualDate:actualDate",
      "weightKg:weightKg",
      "infusionStart:infusionStart",
      "infusionStop:infusionStop",
      "nurseName:nurseName",
      "vials:vials",
      "lots:vials",
      "mgAdministered:mgAdministered",
      "coverage:actualDate",
    ]);
    expect(items.every((i) => i.done || i.detail)).toBe(true);
  });

  it("names the vial line without a lot or expiry", () => {
    const v = values();
    v.vials[1] = { ...v.vials[1]!, expiryDate: null };
    const lots = documentationChecklist(ref, v, context()).find((i) => i.key === "lots")!;
    expect(lots).toMatchObject({ done: false, field: "vials.1.lotNumber" });
    expect(lots.detail).toMatch(/Vial line 2 lacks/);
  });

  it("asks for waste time and witness only when the waste is billable", () => {
    const noRecord = values({ wasteTime: null, wasteWitness: null });
    expect(missing(noRecord)).toEqual(["wasteRecord"]);
    // free drug: nothing billed, no waste record needed
    expect(missing(values({ wasteTime: null, wasteWitness: null, acquisition: "free_manufacturer_program" }))).toEqual([]);
    // payer without JW: the waste is not billed
    expect(missing(noRecord, context({ payer: { ...COMM_NOJZ, wasteModifiers: "none" } }))).toEqual([]);
    // no waste at all: 3 × 500 mg for 1500 mg
    const exact = values({ mgAdministered: "1500", mgDiscarded: null, wasteTime: null, wasteWitness: null, vials: [{ drug: "durvalumab", ndc11: "00310461150", lotNumber: "A", expiryDate: "2027-01-01", count: 3 }] });
    expect(missing(exact)).toEqual([]);
    // less than one billing unit discarded (1495 mg of 1500 mg): nothing billed as waste
    const subUnit = values({ mgAdministered: "1495", mgDiscarded: "5", wasteTime: null, wasteWitness: null, vials: [{ drug: "durvalumab", ndc11: "00310461150", lotNumber: "A", expiryDate: "2027-01-01", count: 3 }] });
    expect(assessWaste(ref, subUnit, context().payer, "durvalumab")).toMatchObject({ wasteUnits: 0, discardedMilli: 5000, billable: false });
    expect(missing(subUnit)).toEqual([]);
    expect(missing(values({ mgDiscarded: null }))).toEqual(["mgDiscarded"]);
  });

  it("computes waste units as opened − ceil(administered)", () => {
    expect(assessWaste(ref, values(), context().payer, "durvalumab")).toEqual({
      drug: "durvalumab",
      openedMilli: 740_000,
      administeredMilli: 673_000,
      discardedMilli: 67_000,
      wasteUnits: 6,
      billable: true,
    });
  });

  it("adds the combination drug's items when the infusion includes tremelimumab", () => {
    const c = context({ administration: { phaseIndex: 0, cycle: 1, includesCombination: true, plannedDate: "2026-09-14" } });
    expect(missing(values(), c)).toEqual(["combination.vials", "combination.mgAdministered", "combination.infusionTimes"]);
    const withTreme = values({
      combination: { mgAdministered: "75", mgDiscarded: null, infusionStart: "11:45", infusionStop: "12:45" },
      vials: [...values().vials, { drug: "tremelimumab", ndc11: "00310450525", lotNumber: "T1", expiryDate: "2027-01-01", count: 3 }],
    });
    expect(missing(withTreme, c)).toEqual([]);
  });
});
