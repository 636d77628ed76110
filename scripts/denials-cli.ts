/**
 * `npm run billing -- denials <file.835>`: the denial classifier on a remittance file, without a
 * database. Prints `{ "denials": [ { claim, line, procedure?, group, carc, rarcs, amount, category,
 * action, explanation } ] }` (the contract of issue 11); exit 1 with `{ error, field }` when the file
 * cannot be read.
 */
import { readFileSync } from "node:fs";
import { referenceSeed } from "@/db/seed/reference";
import { validateReferenceData } from "@/server/domain/billing/reference";
import { findDenials, indexDenialRules } from "@/server/domain/denials/classify";
import { parse835 } from "@/server/domain/x12/parse-835";

export function runDenialsCommand(file: string | undefined): { code: number; stdout: string } {
  const out = (code: number, value: unknown) => ({ code, stdout: `${JSON.stringify(value, null, 2)}\n` });
  if (!file) return out(1, { error: "missing file argument", field: "(argument)" });
  let text: string;
  try {
    text = readFileSync(file, "latin1");
  } catch (e) {
    return out(1, { error: `cannot read ${file}: ${(e as Error).message}`, field: "(file)" });
  }
  const v = validateReferenceData(referenceSeed);
  if (!v.ok) throw new Error(`reference seed invalid: ${JSON.stringify(v.errors.slice(0, 5))}`);
  const index = indexDenialRules(v.data.denialRules, v.data.adjustmentCodes);
  return out(0, { denials: findDenials(parse835(text), index) });
}
