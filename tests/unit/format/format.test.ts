import { describe, expect, it } from "vitest";
import {
  auditActionLabel,
  entityTypeLabel,
  formatDate,
  formatDateTime,
  humanize,
  icdWithDot,
  phaseLabel,
  sourceLinks,
  plural,
} from "@/server/domain/format";
import { payerPolicyText } from "@/server/domain/practice-setup/codes";

describe("icdWithDot", () => {
  it("puts the dot after the category and keeps a code that has one", () => {
    expect(icdWithDot("C3490")).toBe("C34.90");
    expect(icdWithDot("c34.90")).toBe("C34.90");
    expect(icdWithDot("C22")).toBe("C22");
    expect(icdWithDot("Z5112")).toBe("Z51.12");
  });
});

describe("plural", () => {
  it("agrees with the count", () => {
    expect(plural(1, "day")).toBe("1 day");
    expect(plural(0, "day")).toBe("0 days");
    expect(plural(2, "day")).toBe("2 days");
    expect(plural(1500, "unit")).toBe("1,500 units");
    expect(plural(3, "person", "people")).toBe("3 people");
  });
});

describe("dates", () => {
  it("reads a date-only value as that day, whatever the viewer's zone", () => {
    expect(formatDate("2026-12-02")).toBe("12/02/2026");
    expect(formatDate("2026-01-01")).toBe("01/01/2026");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("—");
  });
  it("shows a time with its time zone", () => {
    // tests run with TZ=UTC
    expect(formatDateTime(new Date("2026-12-02T03:17:00Z"))).toBe("12/02/2026, 3:17 AM UTC");
    expect(formatDateTime(undefined)).toBe("—");
  });
});

describe("labels", () => {
  it("turns keys and camelCase into words, keeping acronyms", () => {
    expect(humanize("documentation_saved")).toBe("Documentation saved");
    expect(humanize("billableUnitsPerPackage")).toBe("Billable units per package");
    expect(humanize("ndc_qualifier")).toBe("NDC qualifier");
    expect(humanize("icd10Prefixes")).toBe("ICD-10 prefixes");
  });
  it("names audit actions in words", () => {
    expect(auditActionLabel("administration.documentation_saved")).toBe("Documentation saved");
    expect(auditActionLabel("claim.built")).toBe("Claim built");
    expect(auditActionLabel("administration.amended")).toBe("Infusion amended");
    expect(auditActionLabel("prior_auth.opened")).toBe("Prior auth opened");
    expect(auditActionLabel("auth.sign_in")).toBe("Signed in");
    expect(auditActionLabel("remit_settings.saved")).toBe("Remittance settings saved");
  });
  it("names record kinds", () => {
    expect(entityTypeLabel("administration")).toBe("Infusion");
    expect(entityTypeLabel("prior_auth_rule")).toBe("Prior auth rule");
  });
});

describe("payer settings in words", () => {
  it("never shows the internal keys", () => {
    expect(payerPolicyText("jw_jz", "ML")).toBe("JW/JZ waste modifiers · NDC unit: milliliters");
    expect(payerPolicyText("none", "UN")).toBe("no waste modifiers · NDC unit: vials");
  });
});

describe("phaseLabel", () => {
  it("says the label's phase keys in words and keeps typed names", () => {
    expect(phaseLabel("with-chemotherapy")).toBe("With chemotherapy");
    expect(phaseLabel("maintenance")).toBe("Maintenance");
    expect(phaseLabel("Induction (STRIDE)")).toBe("Induction (STRIDE)");
  });
});

describe("sourceLinks", () => {
  it("drops the internal pointer and links each public source", () => {
    expect(sourceLinks("reference.md §3.2: CMS http://www.cms.gov/a ; Noridian https://med.noridianmedicare.com/b")).toEqual([
      { text: "CMS", url: "http://www.cms.gov/a" },
      { text: "Noridian", url: "https://med.noridianmedicare.com/b" },
    ]);
    expect(sourceLinks("reference.md §3.1: 42 CFR 414.904(a)(3)")).toEqual([{ text: "42 CFR 414.904(a)(3)", url: null }]);
  });
});
