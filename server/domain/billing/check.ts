/**
 * Check mode: compares lines a biller entered with the lines the record supports. The entered
 * lines are echoed (normalised); each finding carries the corrected line when there is one.
 */
import type { AdminCodeLine, AdminResult } from "./admin";
import { ndcQuantityMilli, wrongCodeFinding, type DrugOutcome } from "./build";
import { centsToDollars, formatMilli, milliToNumber, numberToMilli } from "./exact";
import { checkNdc, formatNdc11, normalizeNdc } from "./ndc";
import type { PayerPolicy } from "./payer";
import { pick, type PreparedReference } from "./prepare";
import { RULES } from "./rules";
import type { TLineInput, TOtherDrugInput } from "./scenario";
import type { BuiltLine, ClaimLine, Finding, NdcUnit } from "./types";

/** Preview line at the output edge; `lineLevelAuth` adds the line's own authorization (claims whose lines carry different ones). */
export function toClaimLine(l: BuiltLine, lineLevelAuth = false): ClaimLine {
  const out: ClaimLine = {
    code: l.code,
    modifiers: l.modifiers,
    units: l.units,
    ndc: l.ndc ? { code: l.ndc.code, unit: l.ndc.unit, quantity: milliToNumber(l.ndc.quantityMilli) } : null,
    diagnosisPointers: l.diagnosisPointers,
    charge: centsToDollars(l.chargeCents),
  };
  if (lineLevelAuth && l.priorAuthNumber !== undefined) out.priorAuthNumber = l.priorAuthNumber;
  return out;
}

export interface CheckContext {
  ref: PreparedReference;
  dos: string;
  payer: PayerPolicy;
  findings: Finding[];
  pointer: number;
  drugs: DrugOutcome[];
  /** other same-day drugs by HCPCS (user-given units) */
  otherDrugs: Map<string, TOtherDrugInput>;
  /** infusions that ran at the same time (for a 96417 billed over them) */
  concurrent: AdminResult["concurrent"];
}

/** Entered line -> BuiltLine (codes upper-case, NDC to 11 digits, quantity filled in when missing). */
export function normalizeEnteredLine(ctx: CheckContext, l: TLineInput, drugCodes: Map<string, DrugOutcome>): BuiltLine {
  const drugOutcome = drugCodes.get(l.code);
  const isAdmin = ctx.ref.adminByCode.has(l.code);
  const wasteMods = new Set(ctx.drugs.map((d) => d.wasteModifier).filter(Boolean));
  const kind = drugOutcome ? (l.modifiers.some((m) => wasteMods.has(m)) ? "waste" : "drug") : isAdmin ? "admin" : "other";
  const role = kind !== "other" ? undefined : ctx.otherDrugs.has(l.code) ? ("same_day_drug" as const) : ctx.ref.emByCode.has(l.code) ? ("em" as const) : undefined;
  const line: BuiltLine = {
    kind,
    code: l.code,
    modifiers: [...l.modifiers],
    units: l.units,
    ndc: null,
    diagnosisPointers: l.diagnosisPointers ?? [ctx.pointer],
    chargeCents: l.charge !== undefined ? Math.round(l.charge * 100) : -1,
  };
  if (drugOutcome) line.drug = drugOutcome.drug;
  if (role) line.role = role;
  if (drugOutcome?.free) {
    // Free drug is never priced from the fee schedule: the entered charge, or the payer's fixed one.
    line.free = true;
    if (l.charge === undefined) line.chargeCents = ctx.payer.freeDrug === "nominal_charge" ? 1 : 0;
  }
  if (l.ndc != null) {
    const raw = typeof l.ndc === "string" ? l.ndc : l.ndc.code;
    const n = normalizeNdc(raw);
    const code = n.ok ? n.ndc11 : raw.trim();
    const unitText = typeof l.ndc === "object" && l.ndc.unit ? l.ndc.unit.toUpperCase() : ctx.payer.ndc === "none" ? "UN" : ctx.payer.ndc;
    const unit = (unitText === "ML" ? "ML" : "UN") as NdcUnit;
    let quantityMilli = typeof l.ndc === "object" && l.ndc.quantity !== undefined ? (numberToMilli(l.ndc.quantity) ?? 0) : -1;
    if (quantityMilli < 0) {
      const pkg = n.ok ? ctx.ref.packagesByNdc.get(n.ndc11)?.[0] : undefined;
      quantityMilli = pkg && pkg.billableUnits > 0 ? ndcQuantityMilli(l.units, pkg, unit) : 0;
    }
    line.ndc = { code, unit, quantityMilli };
  }
  return line;
}

const key = (l: { code: string; modifiers: string[] }) => `${l.code}|${[...l.modifiers].sort().join(",")}`;

export function checkEnteredLines(
  ctx: CheckContext,
  entered: BuiltLine[],
  expectedAdmin: AdminCodeLine[] | null,
  complexDrugs: string[],
): void {
  const { ref, findings } = ctx;
  // Map entered lines to drugs: by the drug's own code, or by a known wrong code for it.
  const byDrug = new Map<DrugOutcome, { line: BuiltLine; index: number }[]>();
  const adminEntered: { line: BuiltLine; index: number }[] = [];
  for (const d of ctx.drugs) byDrug.set(d, []);
  entered.forEach((line, index) => {
    let owner = ctx.drugs.find((d) => d.hcpcs === line.code || d.billedCode === line.code);
    if (!owner && line.role === undefined) {
      const wrong = ref.wrongCodesByCode.get(line.code);
      owner = ctx.drugs.find((d) => wrong?.some((w) => w.usedForDrug === d.drug)) ?? (ref.drugsByHcpcs.has(line.code) ? ctx.drugs[0] : undefined);
    }
    if (owner) {
      if (owner.hcpcs && line.code !== owner.hcpcs) {
        const f = wrongCodeFinding(ref, line.code, owner.drug, owner.hcpcs, index + 1);
        const fix = owner.lines.find((e) => key(e) === key({ code: owner!.hcpcs!, modifiers: line.modifiers })) ?? owner.lines[0];
        if (fix) f.suggestedFix = { action: `Bill ${owner.drug} as ${owner.hcpcs}.`, line: toClaimLine(fix) };
        findings.push(f);
      }
      byDrug.get(owner)!.push({ line, index });
    } else if (ref.adminByCode.has(line.code)) {
      adminEntered.push({ line, index });
    } else if (line.role === "same_day_drug") {
      const o = ctx.otherDrugs.get(line.code)!;
      if (line.units !== o.units) {
        findings.push({
          rule: "R-OTHER-DRUG",
          category: "code",
          severity: "warning",
          message: `Line ${index + 1}: ${line.code}${o.description ? ` (${o.description})` : ""} ×${line.units} billed, but the record gives ${o.units} units for it.`,
          suggestedFix: { action: `Bill ${line.code} ×${o.units}, or correct the units on the record.` },
          source: RULES["R-OTHER-DRUG"].source,
          line: index + 1,
        });
      }
    } else if (line.role === "em") {
      checkEmLine(ctx, line, index, expectedAdmin !== null && expectedAdmin.length > 0 ? expectedAdmin : null);
    } else {
      findings.push({
        rule: "R-HCPCS",
        category: "code",
        severity: "warning",
        message: `Line ${index + 1}: ${line.code} is neither a drug nor an administration code supported by the documented administration.`,
        suggestedFix: { action: `Remove line ${index + 1} or document the service it bills (other drugs given that day go with their HCPCS, units and times).` },
        source: RULES["R-HCPCS"].source,
        line: index + 1,
      });
    }
  });
  for (const [d, lines] of byDrug) checkDrugLines(ctx, d, lines);
  if (expectedAdmin) checkAdminLines(ctx, adminEntered, expectedAdmin, complexDrugs);
}

/** A same-day office visit on a drug-administration claim: modifier 25, and 99211 not with chemotherapy (R-EM). */
function checkEmLine(ctx: CheckContext, line: BuiltLine, index: number, admin: AdminCodeLine[] | null): void {
  const { ref, findings, dos, payer } = ctx;
  const row = pick(ref.emByCode.get(line.code), ctx.dos) ?? ref.emByCode.get(line.code)![0]!;
  const n = index + 1;
  const src = RULES["R-EM"].source;
  if (!admin) return;
  const chemo = admin.some((a) => a.family === "chemo");
  const mod = row.modifierWithDrugAdministration;
  if (row.notPayableWithChemoAdministration && chemo && (payer.kind === "medicare" || payer.kind === "medicare_advantage")) {
    findings.push({
      rule: "R-EM",
      category: "code",
      severity: "warning",
      message: `Line ${n}: Medicare does not pay ${line.code} on the day of a chemotherapy administration, with or without modifier ${mod}; the nurse's assessment is part of ${admin.find((a) => a.family === "chemo")!.code}.`,
      suggestedFix: { action: `Remove ${line.code}; bill a higher-level visit with ${mod} only when the physician's separately identifiable service is documented.` },
      source: src,
      line: n,
    });
    return;
  }
  if (!line.modifiers.includes(mod)) {
    findings.push({
      rule: "R-EM",
      category: "code",
      severity: "error",
      message: `Line ${n}: ${line.code} (${row.description}) is billed on the day of a drug administration without modifier ${mod}; a visit is payable only when it is significant and separately identifiable, shown by ${mod} (otherwise it is bundled into the administration).`,
      suggestedFix: {
        action: `Add modifier ${mod} when the record documents a separately identifiable visit; otherwise remove line ${n}.`,
        line: { code: line.code, modifiers: [...line.modifiers, mod], units: line.units, ndc: null, diagnosisPointers: line.diagnosisPointers, charge: Math.max(0, line.chargeCents) / 100 },
      },
      source: src,
      line: n,
    });
  }
  void dos;
}

function fixFor(d: DrugOutcome, waste: boolean, ndc?: string): ClaimLine | undefined {
  const cands = d.lines.filter((l) => (l.kind === "waste") === waste);
  const hit = (ndc ? cands.find((l) => l.ndc?.code === ndc) : undefined) ?? cands[0];
  return hit ? toClaimLine(hit) : undefined;
}

function withFix(f: Finding, line: ClaimLine | undefined): Finding {
  if (line && f.suggestedFix) f.suggestedFix.line = line;
  return f;
}

function checkDrugLines(ctx: CheckContext, d: DrugOutcome, lines: { line: BuiltLine; index: number }[]): void {
  const { findings, payer, ref, dos } = ctx;
  if (!d.hcpcs || !d.units) return;
  const src = (r: keyof typeof RULES) => RULES[r].source;
  const label = `${d.drug} (${d.hcpcs})`;
  if (lines.length === 0) {
    if (d.lines.length > 0) {
      findings.push({
        rule: "R-UNITS",
        category: "units",
        severity: "warning",
        message: `${label}: ${d.units.billedAdministeredUnits} units were administered but no ${d.hcpcs} line is billed.`,
        suggestedFix: { action: `Add the ${d.hcpcs} line(s).`, ...(d.lines[0] ? { line: toClaimLine(d.lines[0]) } : {}) },
        source: src("R-UNITS"),
      });
    }
    return;
  }
  const first = lines[0]!.index + 1;
  if (d.free) {
    const fb = ref.modifiersByRole.get("free_drug")?.[0]?.code;
    for (const { line, index } of lines) {
      const n = index + 1;
      if (payer.freeDrug === "nominal_charge") {
        // Medicare contractors: the drug's HCPCS at a nominal $0.01 with the administration (CGS, NGS).
        if (line.chargeCents > 1) {
          findings.push(
            withFix(
              {
                rule: "R-FREE",
                category: "units",
                severity: "error",
                message: `Line ${n}: ${d.drug} was supplied free of charge and must not be billed to the payer; this payer takes the drug line at a nominal $0.01, not ${(line.chargeCents / 100).toFixed(2)}.`,
                suggestedFix: { action: `Bill ${d.hcpcs} at $0.01.` },
                source: src("R-FREE"),
                line: n,
              },
              fixFor(d, false, line.ndc?.code),
            ),
          );
        } else if (line.chargeCents === 0) {
          findings.push({
            rule: "R-FREE",
            category: "units",
            severity: "warning",
            message: `Line ${n}: ${d.drug} (free drug) is billed at $0.00; this payer's contractor instructs a nominal $0.01 charge on the drug line.`,
            suggestedFix: { action: `Bill ${d.hcpcs} at $0.01.` },
            source: src("R-FREE"),
            line: n,
          });
        }
        continue;
      }
      const billed = line.chargeCents > 0 || (fb !== undefined && !line.modifiers.includes(fb));
      if (payer.freeDrug === "no_drug_line" || billed) {
        findings.push(
          withFix(
            {
              rule: "R-FREE",
              category: "units",
              severity: "error",
              message: `Line ${n}: ${d.drug} was supplied free of charge (manufacturer program) and must not be billed to the payer${payer.freeDrug === "no_drug_line" ? "; this payer wants no drug line at all" : `; bill it with ${fb ?? "FB"} and a zero charge`}.`,
              suggestedFix: { action: payer.freeDrug === "no_drug_line" ? `Remove line ${n}; keep the administration lines.` : `Bill ${d.hcpcs}-${fb ?? "FB"} with charge 0.` },
              source: src("R-FREE"),
              line: n,
            },
            payer.freeDrug === "no_drug_line" ? undefined : fixFor(d, false, line.ndc?.code),
          ),
        );
      }
    }
    return;
  }
  const jw = d.wasteModifier;
  const jz = d.zeroModifier ?? (payer.wasteModifiers !== "none" ? ref.modifiersByRole.get("zero_waste")?.[0]?.code : undefined);
  const jwLines = lines.filter((x) => jw !== undefined && x.line.modifiers.includes(jw));
  const adminLines = lines.filter((x) => !(jw !== undefined && x.line.modifiers.includes(jw)));
  const jzLines = lines.filter((x) => jz !== undefined && x.line.modifiers.includes(jz));
  for (const x of jwLines) {
    if (jz !== undefined && x.line.modifiers.includes(jz)) {
      findings.push({
        rule: "R-JWJZ",
        category: "modifier",
        severity: "error",
        message: `Line ${x.index + 1}: ${jw} and ${jz} on the same line contradict each other.`,
        suggestedFix: { action: `Keep ${jw} only on the waste line and no ${jz}.` },
        source: src("R-JWJZ"),
        line: x.index + 1,
      });
    }
  }
  if (adminLines.length === 0 && jwLines.length > 0) {
    findings.push(
      withFix(
        {
          rule: "R-JW",
          category: "waste",
          severity: "error",
          message: `${label}: only a ${jw} (waste) line is billed; the administered amount must be on its own line without ${jw} (payers reject a claim with only a JW line).`,
          suggestedFix: { action: `Add the administered line ${d.hcpcs} ×${d.units.billedAdministeredUnits}.` },
          source: src("R-JW"),
          line: first,
        },
        fixFor(d, false),
      ),
    );
  }
  const expectedWaste = d.expectedWasteUnits;
  if (payer.wasteModifiers === "jw_jz" && d.zeroModifier !== undefined && jw !== undefined) {
    const hasJw = jwLines.length > 0;
    const hasJz = jzLines.length > 0;
    if (hasJw === hasJz) {
      findings.push(
        withFix(
          {
            rule: "R-JWJZ",
            category: "modifier",
            severity: "error",
            message: hasJw
              ? `${label}: both a ${jw} line and ${jz} are billed; exactly one must be present (${jw} when something was discarded, ${jz} when nothing was).`
              : `${label}: neither a ${jw} line nor ${jz} is billed; this payer requires exactly one (claims without them are returned as unprocessable).`,
            suggestedFix: { action: expectedWaste > 0 ? `Bill the waste as ${d.hcpcs}-${jw} ×${expectedWaste} and remove ${jz}.` : `Put ${jz} on the ${d.hcpcs} line.` },
            source: src("R-JWJZ"),
            line: first,
          },
          fixFor(d, false),
        ),
      );
    }
  } else if (payer.wasteModifiers === "jw_only" && jzLines.length > 0) {
    const x = jzLines[0]!;
    findings.push(
      withFix(
        {
          rule: "R-JWJZ",
          category: "modifier",
          severity: "error",
          message: `Line ${x.index + 1}: this payer rejects the ${jz} modifier (it accepts ${jw ?? "JW"} only).`,
          suggestedFix: { action: `Remove ${jz} from line ${x.index + 1}.` },
          source: src("R-JWJZ"),
          line: x.index + 1,
        },
        fixFor(d, false, x.line.ndc?.code),
      ),
    );
  } else if (payer.wasteModifiers === "none" && (jzLines.length > 0 || lines.some((x) => x.line.modifiers.includes(ref.modifiersByRole.get("waste")?.[0]?.code ?? "JW")))) {
    findings.push({
      rule: "R-JWJZ",
      category: "modifier",
      severity: "warning",
      message: `${label}: this payer does not use the JW/JZ modifiers; they may be rejected.`,
      suggestedFix: { action: "Remove JW/JZ unless the payer asks for them." },
      source: src("R-JWJZ"),
      line: first,
    });
  }
  const jwUnits = jwLines.reduce((a, x) => a + x.line.units, 0);
  const wasteText = `${d.openedUnits ?? "?"} opened − ${d.units.billedAdministeredUnits} administered = ${d.units.wasteUnits}`;
  if (jwUnits > expectedWaste) {
    findings.push(
      withFix(
        {
          rule: "R-JW",
          category: "waste",
          severity: "error",
          message:
            expectedWaste === 0
              ? `${label}: ${jwUnits} unit${jwUnits === 1 ? "" : "s"} billed as waste (${jw}) but the record supports no billable waste (${wasteText} units); waste smaller than one unit is not billed.`
              : `${label}: ${jwUnits} units billed as waste (${jw}) but the record supports ${expectedWaste} (${wasteText} units).`,
          suggestedFix: { action: expectedWaste === 0 ? `Remove the ${jw} line${d.zeroModifier ? ` and put ${d.zeroModifier} on the administered line` : ""}.` : `Bill ${d.hcpcs}-${jw} ×${expectedWaste}.` },
          source: src("R-JW"),
          line: (jwLines[0]?.index ?? 0) + 1,
        },
        expectedWaste === 0 ? fixFor(d, false) : fixFor(d, true),
      ),
    );
  } else if (jwUnits < expectedWaste) {
    const contradicted = jwUnits === 0 && jzLines.length > 0;
    findings.push(
      withFix(
        {
          rule: "R-JW",
          category: "waste",
          severity: contradicted ? "error" : "warning",
          message: contradicted
            ? `${label}: ${jz} says nothing was discarded, but ${expectedWaste} units were (${wasteText} units).`
            : `${label}: ${expectedWaste} units of waste (${wasteText}) are documented but ${jwUnits} are billed on a ${jw} line.`,
          suggestedFix: { action: `Bill the waste as ${d.hcpcs}-${jw} ×${expectedWaste}${contradicted ? ` and remove ${jz}` : ""}.` },
          source: src("R-JW"),
          line: first,
        },
        fixFor(d, true),
      ),
    );
  }
  const adminUnits = adminLines.reduce((a, x) => a + x.line.units, 0);
  const expectedAdmin = d.units.billedAdministeredUnits;
  const unitMg = d.prepared ? formatMilli(d.prepared.unitMilli) : "?";
  if (adminUnits !== expectedAdmin && adminLines.length > 0) {
    const over = adminUnits > expectedAdmin;
    findings.push(
      withFix(
        {
          rule: "R-UNITS",
          category: "units",
          severity: over ? "error" : "warning",
          message: `${label}: ${adminUnits} administered units billed, the record supports ${expectedAdmin} (${formatMilli(d.administeredMilli)} mg ÷ ${unitMg} mg per unit, rounded up${d.units.overfillUnits > 0 ? `, capped at the ${d.openedUnits} units opened` : ""}).`,
          suggestedFix: { action: `Bill ${d.hcpcs} ×${expectedAdmin}.` },
          source: src("R-UNITS"),
          line: (adminLines[0]?.index ?? 0) + 1,
        },
        fixFor(d, false),
      ),
    );
  }
  if (d.openedUnits !== null && adminUnits + jwUnits > d.openedUnits) {
    findings.push({
      rule: "R-OVERFILL",
      category: "units",
      severity: "error",
      message: `${label}: ${adminUnits + jwUnits} units billed (administered + waste) exceed the ${d.openedUnits} units in the opened vials.`,
      suggestedFix: { action: `Bill at most ${d.openedUnits} units in total.` },
      source: src("R-OVERFILL"),
      line: first,
    });
  }
  // NDC checks
  const openedNdcs = new Set(d.groups.map((g) => g.pkg.ndc11));
  const expectedNdcLines = d.lines.filter((l) => l.ndc !== null);
  for (const { line, index } of lines) {
    const n = index + 1;
    const expected = fixFor(d, line.kind === "waste", line.ndc?.code);
    if (line.ndc === null) {
      if (payer.ndc !== "none") {
        findings.push(
          withFix(
            {
              rule: "R-NDC",
              category: "ndc",
              severity: "error",
              message: `Line ${n}: this payer requires the NDC (qualifier ${payer.ndc}) on every drug line (CO-16/M119 otherwise).`,
              suggestedFix: { action: `Add the NDC of the vial used with its ${payer.ndc} quantity.` },
              source: src("R-NDC"),
              line: n,
            },
            expected,
          ),
        );
      }
      continue;
    }
    const c = checkNdc(ref, line.ndc.code, dos, d.hcpcs);
    if (!c.ok) {
      findings.push(
        withFix(
          { rule: "R-NDC", category: "ndc", severity: "error", message: `Line ${n}: ${c.message}.`, suggestedFix: { action: "Report the 11-digit NDC of the finished package actually used." }, source: src("R-NDC"), line: n },
          expected,
        ),
      );
      continue;
    }
    if (openedNdcs.size > 0 && !openedNdcs.has(c.ndc11)) {
      findings.push(
        withFix(
          {
            rule: "R-NDC",
            category: "ndc",
            severity: "error",
            message: `Line ${n}: NDC ${formatNdc11(c.ndc11)} is not among the vials opened (${[...openedNdcs].map(formatNdc11).join(", ")}); report the NDC actually used.`,
            suggestedFix: { action: "Use the NDC of the vial that was opened." },
            source: src("R-NDC"),
            line: n,
          },
          expected,
        ),
      );
      continue;
    }
    if (payer.ndc !== "none" && line.ndc.unit !== payer.ndc) {
      findings.push(
        withFix(
          {
            rule: "R-NDC",
            category: "ndc",
            severity: "error",
            message: `Line ${n}: NDC quantity qualifier ${line.ndc.unit}, but this payer wants ${payer.ndc}.`,
            suggestedFix: { action: `Report the NDC quantity in ${payer.ndc}.` },
            source: src("R-NDC"),
            line: n,
          },
          expected,
        ),
      );
      continue;
    }
    // UN counts whole containers: the built line for this NDC says how many (volume is exact for ML).
    const built = line.ndc.unit === "UN" ? d.lines.find((b) => b.ndc?.code === c.ndc11 && b.kind === line.kind && b.units === line.units) : undefined;
    const wantQty = built?.ndc ? built.ndc.quantityMilli : line.ndc.unit === "UN" ? Math.ceil(line.units / Math.max(1, c.pkg.billableUnits)) * 1000 : ndcQuantityMilli(line.units, c.pkg, line.ndc.unit);
    if (line.ndc.quantityMilli !== wantQty) {
      findings.push(
        withFix(
          {
            rule: "R-NDC",
            category: "ndc",
            severity: "warning",
            message: `Line ${n}: NDC quantity ${formatMilli(line.ndc.quantityMilli)} ${line.ndc.unit}, but ${line.units} units of ${formatNdc11(c.ndc11)} are ${formatMilli(wantQty)} ${line.ndc.unit}.`,
            suggestedFix: { action: `Report ${formatMilli(wantQty)} ${line.ndc.unit}.` },
            source: src("R-NDC"),
            line: n,
          },
          expected,
        ),
      );
    }
  }
  if (payer.ndc !== "none" && expectedNdcLines.length > 0) {
    const expectedSet = new Set(expectedNdcLines.map((l) => `${l.ndc!.code}|${l.kind}`));
    const enteredSet = new Set(lines.filter((x) => x.line.ndc).map((x) => `${normalizeNdc(x.line.ndc!.code).ok ? x.line.ndc!.code : ""}|${x.line.kind}`));
    const distinctExpected = new Set(expectedNdcLines.map((l) => l.ndc!.code)).size;
    if (distinctExpected > 1 && [...expectedSet].some((k) => !enteredSet.has(k))) {
      findings.push({
        rule: "R-NDC-SPLIT",
        category: "ndc",
        severity: "warning",
        message: `${label}: ${distinctExpected} different NDCs were opened; this payer needs one line per NDC (larger vials first, waste on the last-opened vial): ${expectedNdcLines.map((l) => `${l.code}${l.modifiers.length ? `-${l.modifiers.join("-")}` : ""} ×${l.units} ${l.ndc!.code} ${formatMilli(l.ndc!.quantityMilli)} ${l.ndc!.unit}`).join("; ")}.`,
        suggestedFix: { action: "Split the drug lines by NDC as listed." },
        source: src("R-NDC-SPLIT"),
        line: first,
      });
    }
  }
}

function checkAdminLines(ctx: CheckContext, entered: { line: BuiltLine; index: number }[], expected: AdminCodeLine[], complexDrugs: string[]): void {
  const { ref, findings, dos } = ctx;
  const src = RULES["R-ADMIN"].source;
  const enteredUnits = new Map<string, { units: number; index: number }>();
  for (const { line, index } of entered) {
    const cur = enteredUnits.get(line.code);
    if (cur) cur.units += line.units;
    else enteredUnits.set(line.code, { units: line.units, index });
  }
  const expectedUnits = new Map(expected.map((e) => [e.code, e.units]));
  const adminLine = (code: string, units: number): ClaimLine => ({ code, modifiers: [], units, ndc: null, diagnosisPointers: [ctx.pointer], charge: 0 });
  const expectedInitial = expected.find((e) => ref.adminByCode.get(e.code)?.[0]?.role === "infusion_initial" || ref.adminByCode.get(e.code)?.[0]?.role === "push_initial");
  let therapeuticFlagged = false;
  for (const [code, { units, index }] of enteredUnits) {
    const row = ref.adminByCode.get(code)?.find((r) => (r.effectiveFrom == null || r.effectiveFrom <= dos) && (r.effectiveTo == null || dos <= r.effectiveTo));
    if (!row) continue;
    const want = expectedUnits.get(code) ?? 0;
    if (row.family === "therapeutic" && complexDrugs.length > 0 && !expectedUnits.has(code)) {
      therapeuticFlagged = true;
      findings.push({
        rule: "R-ADMIN",
        category: "administration",
        severity: "warning",
        message: `Line ${index + 1}: ${code} is a therapeutic/hydration infusion code, but ${complexDrugs.join(" and ")} ${complexDrugs.length > 1 ? "are monoclonal antibodies" : "is a monoclonal antibody"} (complex drug) administered with the chemotherapy administration codes${expectedInitial ? ` (${expectedInitial.code})` : ""}; ${code} under-codes the service.`,
        suggestedFix: expectedInitial
          ? { action: `Replace ${code} with ${expectedInitial.code}.`, line: adminLine(expectedInitial.code, expectedInitial.units) }
          : { action: `Use the chemotherapy administration codes for ${complexDrugs.join(", ")}.` },
        source: src,
        line: index + 1,
      });
      continue;
    }
    for (const primary of row.addOnTo.length > 0 ? [row.addOnTo] : []) {
      if (!primary.some((p) => enteredUnits.has(p))) {
        findings.push({
          rule: "R-ADMIN",
          category: "administration",
          severity: "error",
          message: `Line ${index + 1}: ${code} is an add-on code and needs its primary code (${primary.join(" or ")}) on the claim.`,
          suggestedFix: { action: `Bill the primary administration code first.` },
          source: src,
          line: index + 1,
        });
      }
    }
    if (units > want) {
      const conc = row.role === "infusion_sequential" && row.family === "chemo" ? ctx.concurrent : [];
      findings.push({
        rule: "R-ADMIN",
        category: "administration",
        severity: "error",
        message:
          conc.length > 0
            ? `Line ${index + 1}: ${code} ×${units} billed, the documented infusion times support ${want === 0 ? "none" : `×${want}`}: ${code} is for a different drug infused after the first, and ${conc.map((c) => c.text).join("; ")} (concurrent infusions get no ${code}).`
            : `Line ${index + 1}: ${code} ×${units} billed, the documented infusion times support ${want === 0 ? "none" : `×${want}`}.`,
        suggestedFix: want === 0 ? { action: `Remove ${code}.` } : { action: `Bill ${code} ×${want}.`, line: adminLine(code, want) },
        source: src,
        line: index + 1,
      });
    } else if (units < want) {
      findings.push({
        rule: "R-ADMIN",
        category: "administration",
        severity: "warning",
        message: `Line ${index + 1}: ${code} ×${units} billed, the documented infusion times support ×${want}.`,
        suggestedFix: { action: `Bill ${code} ×${want}.`, line: adminLine(code, want) },
        source: src,
        line: index + 1,
      });
    }
  }
  for (const e of expected) {
    if (enteredUnits.has(e.code)) continue;
    if (therapeuticFlagged && e === expectedInitial) continue;
    findings.push({
      rule: "R-ADMIN",
      category: "administration",
      severity: "warning",
      message: `${e.code} ×${e.units} is supported by the documented infusion times but not billed.`,
      suggestedFix: { action: `Add ${e.code} ×${e.units}.`, line: adminLine(e.code, e.units) },
      source: src,
    });
  }
}

/** Build mode with biller-chosen administration codes (`adminCodes`): checks those lines only. */
export function checkAdminLinesOnly(ctx: CheckContext, lines: BuiltLine[], offset: number, expected: AdminCodeLine[], complexDrugs: string[]): void {
  checkAdminLines(
    ctx,
    lines.map((line, i) => ({ line, index: offset + i })),
    expected,
    complexDrugs,
  );
}
