/**
 * Billing command line (issue 3):
 *   npm run billing -- preview <scenario.json>   -> {"lines","diagnoses","findings"} on stdout
 *   npm run billing -- x12 <scenario.json>       -> the 837P/837I text; exit 2 + findings JSON when the claim has errors
 *   npm run billing -- parse-835 <file>          -> {"transactions","findings"} on stdout
 *   npm run billing -- denials <file.835>        -> {"denials"} (scripts/denials-cli.ts)
 * Exit codes: 0 ok, 1 invalid input (JSON error naming the field), 2 x12 refused because of error findings.
 *
 * A scenario has no practice, provider or patient data, so `x12` fills them with the DEMO values
 * below. Every name and number there is fictional (NPIs chosen only to pass the Luhn check) and
 * must never reach a payer.
 */
import { readFileSync } from "node:fs";
import { referenceSeed } from "@/db/seed/reference";
import {
  parseScenario,
  prepareReference,
  previewClaim,
  toClaim837Lines,
  validateReferenceData,
  type PreviewResult,
  type TScenario,
} from "@/server/domain/billing";
import { DomainError } from "@/server/domain/errors";
import type { Claim837, Envelope837 } from "@/server/domain/x12/claim-837";
import { parse835, remittance835Json } from "@/server/domain/x12/parse-835";
import { parse277ca, parse277caJson } from "@/server/domain/x12/parse-277ca";
import { parse999, parse999Json } from "@/server/domain/x12/parse-999";
import { write837 } from "@/server/domain/x12/write-837";
import { runDenialsCommand } from "./denials-cli";

/** Fictional practice / provider / patient used for `x12` (see the header comment). */
export const DEMO = {
  submitter: { name: "DEMO ONCOLOGY BILLING", id: "DEMOSUBMIT01", contactName: "DEMO BILLING OFFICE", phone: "6155550100" },
  billingProvider: {
    name: "DEMO ONCOLOGY ASSOCIATES",
    npi: "1234567893",
    tin: "990000001",
    taxonomy: "207RX0202X",
    address: { line1: "100 DEMO WAY", city: "NASHVILLE", state: "TN", postalCode: "372030001" },
  },
  renderingProvider: { lastName: "DEMO", firstName: "RENDERING", npi: "1987654328", taxonomy: "207RX0202X" },
  subscriber: {
    lastName: "DOE",
    firstName: "JANE",
    birthDate: "1958-04-12",
    gender: "F" as const,
    memberId: "DEMO000001",
    address: { line1: "1 EXAMPLE ST", city: "NASHVILLE", state: "TN", postalCode: "37203" },
  },
  payerNames: { medicare: "DEMO MEDICARE PART B", medicare_advantage: "DEMO MEDICARE ADVANTAGE", medicaid: "DEMO MEDICAID", commercial: "DEMO COMMERCIAL PLAN" },
  payerId: "DEMOPAYER01",
  receiver: { name: "DEMO CLEARINGHOUSE", id: "DEMORECEIVER01" },
} as const;

type Out = { code: number; stdout: string };

function jsonOut(code: number, value: unknown): Out {
  return { code, stdout: `${JSON.stringify(value, null, 2)}\n` };
}

function inputError(field: string, message: string, issues?: { field: string; message: string }[]): Out {
  return jsonOut(1, { error: message, field, ...(issues ? { issues } : {}) });
}

function loadJson(path: string | undefined): { ok: true; value: unknown } | { ok: false; out: Out } {
  if (!path) return { ok: false, out: inputError("(argument)", "missing file argument") };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return { ok: false, out: inputError("(file)", `cannot read ${path}: ${(e as Error).message}`) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, out: inputError("(file)", `${path} is not valid JSON: ${(e as Error).message}`) };
  }
}

function loadReference() {
  const v = validateReferenceData(referenceSeed);
  if (!v.ok) throw new Error(`reference seed invalid: ${JSON.stringify(v.errors.slice(0, 5))}`);
  return prepareReference(v.data);
}

function toClaim837(s: TScenario, r: PreviewResult): Claim837 {
  const dos = s.dateOfService;
  const claim: Claim837["claim"] = {
    patientControlNumber: `DEMO${dos.replaceAll("-", "")}`,
    frequency: s.frequency,
    diagnoses: r.diagnoses,
    lines: toClaim837Lines(r.claim.builtLines, dos, r.claim),
  };
  if (r.claim.payerClaimNumber !== undefined) claim.payerClaimNumber = r.claim.payerClaimNumber;
  if (r.claim.priorAuthNumber !== undefined) claim.priorAuthNumber = r.claim.priorAuthNumber;
  if (s.claimType === "professional") {
    claim.placeOfService = r.claim.placeOfService ?? "11";
    claim.renderingProvider = { ...DEMO.renderingProvider };
  } else {
    if (r.claim.typeOfBill !== undefined) claim.typeOfBill = r.claim.typeOfBill;
    claim.renderingProvider = { ...DEMO.renderingProvider };
  }
  return {
    claimType: s.claimType,
    submitter: { ...DEMO.submitter },
    receiver: { ...DEMO.receiver },
    billingProvider: { ...DEMO.billingProvider, address: { ...DEMO.billingProvider.address } },
    subscriber: { ...DEMO.subscriber, address: { ...DEMO.subscriber.address } },
    payer: { name: DEMO.payerNames[s.payer.kind], id: DEMO.payerId, claimFilingIndicator: r.claim.claimFilingIndicator ?? "CI" },
    claim,
  };
}

export function runCli(argv: string[]): Out {
  const [command, file] = argv;
  if (command === "preview" || command === "x12") {
    const loaded = loadJson(file);
    if (!loaded.ok) return loaded.out;
    const ref = loadReference();
    const parsed = parseScenario(loaded.value, ref);
    if (!parsed.ok) return inputError(parsed.errors[0]!.field, `invalid scenario: ${parsed.errors[0]!.message}`, parsed.errors);
    const r = previewClaim(parsed.scenario, ref);
    if (command === "preview") return jsonOut(0, { lines: r.lines, diagnoses: r.diagnoses, findings: r.findings });
    const errors = r.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) return jsonOut(2, { error: "the claim has error findings and was not written", findings: r.findings });
    const s = parsed.scenario;
    const day = s.today ?? s.dateOfService;
    const envelope: Envelope837 = {
      senderId: DEMO.submitter.id,
      receiverId: DEMO.receiver.id,
      interchangeControlNumber: 1,
      groupControlNumber: 1,
      transactionSetControlNumber: "0001",
      creationDate: day,
      creationTime: "12:00",
      usage: "T",
    };
    try {
      return { code: 0, stdout: `${write837(toClaim837(s, r), envelope)}\n` };
    } catch (e) {
      if (e instanceof DomainError) return inputError(e.field ?? "(claim)", e.message);
      throw e;
    }
  }
  if (command === "parse-835") {
    if (!file) return inputError("(argument)", "missing file argument");
    let text: string;
    try {
      text = readFileSync(file, "latin1");
    } catch (e) {
      return inputError("(file)", `cannot read ${file}: ${(e as Error).message}`);
    }
    return jsonOut(0, remittance835Json(parse835(text)));
  }
  if (command === "parse-999" || command === "parse-277ca") {
    if (!file) return inputError("(argument)", "missing file argument");
    let text: string;
    try {
      text = readFileSync(file, "latin1");
    } catch (e) {
      return inputError("(file)", `cannot read ${file}: ${(e as Error).message}`);
    }
    return jsonOut(0, command === "parse-999" ? parse999Json(parse999(text)) : parse277caJson(parse277ca(text)));
  }
  if (command === "denials") return runDenialsCommand(file);
  return inputError("(command)", `unknown command ${command ?? "(none)"}; use preview | x12 | parse-835 | parse-999 | parse-277ca | denials`);
}

// Run only when executed directly (tests import runCli).
if (process.argv[1] && /billing-cli\.ts$/.test(process.argv[1])) {
  const out = runCli(process.argv.slice(2));
  process.stdout.write(out.stdout);
  process.exitCode = out.code;
}
