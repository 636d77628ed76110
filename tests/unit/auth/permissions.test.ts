import { describe, expect, it } from "vitest";
import { can, navFor, PERMISSIONS, permissionsOf, ROLE_PERMISSIONS } from "@/server/auth/permissions";
import { ROLES } from "@/server/domain/auth/roles";

describe("permission map", () => {
  it("gives the admin every permission", () => {
    expect(permissionsOf("admin")).toEqual([...PERMISSIONS]);
  });
  it("keeps managers read-only on work items, approving larger write-offs their only write", () => {
    const writes = permissionsOf("manager").filter((p) => !/\.read$/.test(p));
    expect(writes).toEqual(["writeOff.approve"]);
    expect(can("manager", "audit.read")).toBe(true);
    expect(can("manager", "report.read")).toBe(true);
  });
  it("lets billers build and submit claims but not manage users or decide prior auths", () => {
    expect(can("biller", "claim.submit")).toBe(true);
    expect(can("biller", "administration.document")).toBe(true);
    expect(can("biller", "user.manage")).toBe(false);
    expect(can("biller", "priorAuth.decide")).toBe(false);
    expect(can("biller", "audit.read")).toBe(false);
  });
  it("lets PA coordinators decide prior auths but not submit claims", () => {
    expect(can("pa_coordinator", "priorAuth.decide")).toBe(true);
    expect(can("pa_coordinator", "claim.submit")).toBe(false);
    expect(can("pa_coordinator", "administration.document")).toBe(false);
  });
  it("only admins manage users, payers and reference data", () => {
    for (const p of ["user.manage", "payer.manage", "referenceData.versions", "practice.manage"] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(["admin"]);
    }
  });
  it("every permission in a role set is a declared permission", () => {
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
  });
  it("navigation follows permissions", () => {
    expect(navFor("admin").map((n) => n.label)).toContain("Admin");
    expect(navFor("manager").map((n) => n.label)).not.toContain("Admin");
    expect(navFor("biller").map((n) => n.label)).toEqual(["Dashboard", "Patients", "Orders", "Worklists", "Prior auth", "Claims", "Remittances", "Denials"]);
  });
});
