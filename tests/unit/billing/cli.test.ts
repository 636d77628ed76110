import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { x12Validate } from "../../helpers/x12-validate";

const root = path.resolve(import.meta.dirname, "../../..");
const fixture = (name: string) => path.join(root, "tests/fixtures/scenarios", name);

function cli(...args: string[]) {
  // tsx from the project itself (npx would resolve it again on every call); each call is a new process
  const r = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/billing-cli.ts", ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Every test starts node processes (and x12-validate): on a busy machine one takes well over the default 30 s.
const SPAWNED = { timeout: 180_000 };

describe("billing CLI (spawned)", SPAWNED, () => {
  it("preview prints lines, diagnoses and findings (Example 2) with exit 0", () => {
    const r = cli("preview", fixture("example2-commercial.json"));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["lines", "diagnoses", "findings"]);
    expect(out.lines[0]).toEqual({ code: "J9173", modifiers: ["JZ"], units: 150, ndc: { code: "00310461150", unit: "ML", quantity: 30 }, diagnosisPointers: [1], charge: 22500 });
    expect(out.diagnoses).toEqual(["C3411"]);
    expect(out.findings).toEqual([]);
  });

  it("invalid input exits 1 with a JSON error naming the field", () => {
    const r = cli("preview", fixture("invalid-start-time.json"));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ field: "drugs.0.infusion.start" });
  });

  it("x12 writes the 837P for a clean claim (Example 2 segments) with exit 0", () => {
    const r = cli("x12", fixture("example2-commercial.json"));
    expect(r.code).toBe(0);
    for (const seg of ["CLM*DEMO20260914*22800***11:B:1*Y*A*Y*Y~", "REF*G1*PA778899~", "HI*ABK:C3411~", "SV1*HC:J9173:JZ*22500*UN*150***1~", "LIN**N4*00310461150~", "CTP****30*ML~", "SV1*HC:96413*300*UN*1***1~"]) {
      expect(r.stdout).toContain(seg);
    }
  });

  it("x12 refuses a claim with error findings: exit 2 and the findings as JSON", () => {
    const r = cli("x12", fixture("wrong-hcpcs-j9322.json"));
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.findings.some((f: { rule: string; message: string }) => f.rule === "R-HCPCS" && f.message.includes("J9173"))).toBe(true);
  });
});

describe("billing CLI: issue 14 scenario fields (spawned), every 837 through x12-validate", SPAWNED, () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "engine-837-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const written: string[] = [];
  const x12 = (name: string) => {
    const r = cli("x12", fixture(`${name}.json`));
    expect(r.code, r.stdout).toBe(0);
    const file = path.join(tmp, `${name}.837`);
    writeFileSync(file, r.stdout.trim());
    written.push(file);
    return { text: r.stdout, file, segments: r.stdout.trim().split("~").filter(Boolean) };
  };

  it("line-level authorizations, same-day chemotherapy, a documented vial-choice reason: preview and 837P", () => {
    const p = cli("preview", fixture("poseidon-two-authorizations.json"));
    expect(p.code).toBe(0);
    const out = JSON.parse(p.stdout);
    expect(Object.keys(out)).toEqual(["lines", "diagnoses", "findings"]);
    expect(out.lines.map((l: { code: string; modifiers: string[]; units: number; priorAuthNumber?: string }) => `${[l.code, ...l.modifiers].join("-")} ×${l.units} ${l.priorAuthNumber ?? "-"}`)).toEqual([
      "J9173-JZ ×150 PA778899",
      "J9347 ×75 PA-T-5521",
      "J9347-JW ×225 PA-T-5521",
      "J9045-JZ ×12 -",
      "96413 ×1 -",
      "96417 ×2 -",
    ]);
    const x = x12("poseidon-two-authorizations");
    // no claim-level REF*G1 (it would follow CLM); each drug line carries its own
    const clm = x.segments.findIndex((s) => s.startsWith("CLM*"));
    expect(x.segments[clm + 1]).not.toMatch(/^REF\*G1/);
    expect(x.segments.filter((s) => s.startsWith("REF*G1"))).toEqual(["REF*G1*PA778899", "REF*G1*PA-T-5521", "REF*G1*PA-T-5521"]);
    expect(x.segments).toContain("SV1*HC:96417*300*UN*2***1");
  });

  it("837I from an off-campus 340B department: JG, PO on every line, SBR09 MA", () => {
    const x = x12("hopd-340b-off-campus");
    expect(x.segments).toContain("SBR*P*18*******MA");
    expect(x.segments).toContain("SV2*0636*HC:J9173:JG:PO*10200*UN*68");
    expect(x.segments).toContain("SV2*0636*HC:J9173:JG:JW:PO*600*UN*4");
    expect(x.segments).toContain("SV2*0335*HC:96413:PO*300*UN*1");
  });

  it("free drug on Medicare: the HCPCS at $0.01 with the administration", () => {
    const x = x12("free-drug-medicare");
    expect(x.segments).toContain("SV1*HC:J9173*0.01*UN*150***1");
    expect(x.segments).toContain("CLM*DEMO20260914*300.01***11:B:1*Y*A*Y*Y");
  });

  it("every 837 the CLI wrote above (and Example 2's) passes x12-validate", () => {
    x12("example2-commercial");
    expect(written).toHaveLength(4);
    const v = x12Validate(written);
    expect(v.ok, v.output).toBe(true);
  });
});
