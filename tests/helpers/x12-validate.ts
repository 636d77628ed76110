import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
/** ../shared/tools/x12-validate, the independent HIPAA 5010 validator CI has beside the clone. */
export const X12_VALIDATOR = path.resolve(root, "../shared/tools/x12-validate");

/** Runs the validator on files; ok only when every file is valid. `output` names each error. */
export function x12Validate(files: string[]): { ok: boolean; output: string } {
  if (!existsSync(X12_VALIDATOR)) {
    throw new Error(`x12-validate is missing at ${X12_VALIDATOR}: put the shared folder beside the clone (../shared).`);
  }
  const r = spawnSync(X12_VALIDATOR, files, { encoding: "utf8", timeout: 290_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
