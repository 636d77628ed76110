import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const fixture = (name: string) => path.join(root, "tests/fixtures/scenarios", name);

function cli(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "scripts/billing-cli.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("billing CLI (spawned)", () => {
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
