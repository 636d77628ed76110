import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { x12Validate } from "../../helpers/x12-validate";

const dir = path.resolve(import.meta.dirname, "../../fixtures/x12/835/remit");

describe("hand-written 835 fixtures of the posting paths", () => {
  it("every one is a valid 005010X221A1 file (x12-validate)", () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".835") && !f.startsWith("invalid-"))
      .map((f) => path.join(dir, f));
    expect(files.length).toBeGreaterThan(0);
    const r = x12Validate(files);
    expect(r.output).not.toContain("invalid");
    expect(r.ok).toBe(true);
    // pyx12 takes a second or more per file, far more on a loaded two-core machine
  }, 300_000);
});
