"use client";
import { Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import type { TClaimDetail, TClaimLineInput, TUpdateClaimInput } from "@/server/api/routers/claims/schemas";

interface LineDraft {
  code: string;
  modifiers: string;
  units: string;
  charge: string;
  ndc: string;
  ndcUnit: "ML" | "UN";
  ndcQuantity: string;
  pointers: string;
  revenueCode: string;
  /** kept as it is: a line-level authorization comes from the documentation */
  priorAuthNumber: string | null;
}

function draftOf(l: TClaimDetail["lines"][number]): LineDraft {
  return {
    code: l.code,
    modifiers: l.modifiers.join(" "),
    units: String(l.units),
    charge: (l.chargeCents / 100).toFixed(2),
    ndc: l.ndc?.code11 ?? "",
    ndcUnit: l.ndc?.unit ?? "UN",
    ndcQuantity: l.ndc?.quantity ?? "",
    pointers: l.diagnosisPointers.join(" "),
    revenueCode: l.revenueCode ?? "",
    priorAuthNumber: l.priorAuthNumber,
  };
}

const EMPTY: LineDraft = {
  code: "",
  modifiers: "",
  units: "1",
  charge: "0.00",
  ndc: "",
  ndcUnit: "UN",
  ndcQuantity: "",
  pointers: "1",
  revenueCode: "",
  priorAuthNumber: null,
};

/** Dollars typed by a person → integer cents, or NaN (the server then says what is wrong). */
function cents(text: string): number {
  const m = /^\s*\$?(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/,/g, ""));
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

function lineInput(d: LineDraft): TClaimLineInput {
  return {
    code: d.code,
    modifiers: d.modifiers.split(/[\s,]+/).filter(Boolean),
    units: Number(d.units),
    chargeCents: cents(d.charge),
    ndc: d.ndc.trim() ? { code: d.ndc, unit: d.ndcUnit, quantity: d.ndcQuantity } : null,
    diagnosisPointers: d.pointers
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
    revenueCode: d.revenueCode.trim() ? d.revenueCode.trim() : null,
    priorAuthNumber: d.priorAuthNumber,
  };
}

/**
 * Edits the claim's lines, diagnoses and prior-authorization number. Saving re-scrubs the claim
 * (overrides whose finding no longer matches fall away) and is audited; a stale revision is refused.
 */
export function ClaimEditDialog({
  detail,
  open,
  onOpenChange,
  pending,
  onSave,
}: {
  detail: TClaimDetail;
  open: boolean;
  onOpenChange: (o: boolean) => void;
  pending: boolean;
  onSave: (input: TUpdateClaimInput) => void;
}) {
  const id = useId();
  const institutional = detail.claim.claimType === "institutional";
  const [lines, setLines] = useState<LineDraft[]>(() => detail.lines.map(draftOf));
  const [diagnoses, setDiagnoses] = useState(() => detail.claim.diagnoses.map((d) => d.code).join(" "));
  const [pa, setPa] = useState(detail.claim.priorAuthNumber ?? "");
  const set = (i: number, patch: Partial<LineDraft>) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const reset = () => {
    setLines(detail.lines.map(draftOf));
    setDiagnoses(detail.claim.diagnoses.map((d) => d.code).join(" "));
    setPa(detail.claim.priorAuthNumber ?? "");
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (o) reset();
        onOpenChange(o);
      }}
    >
      <DialogContent className="sm:max-w-6xl">
        <DialogHeader>
          <DialogTitle>Edit claim {detail.claim.claimNumber}</DialogTitle>
          <DialogDescription>
            Saving re-scrubs the claim. Charges in dollars; NDC in any format (5-4-2, 11 digits); diagnosis
            pointers as numbers (1 2).
          </DialogDescription>
        </DialogHeader>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            onSave({
              claimId: detail.claim.id,
              baseRevision: detail.claim.revision,
              lines: lines.map(lineInput),
              diagnoses: diagnoses.split(/[\s,]+/).filter(Boolean),
              priorAuthNumber: pa.trim() ? pa.trim() : null,
            });
          }}
        >
          <table className="w-full text-sm" aria-label="Claim lines">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="w-6 font-normal">#</th>
                <th className="font-normal">Code</th>
                <th className="font-normal">Modifiers</th>
                <th className="font-normal">Units</th>
                <th className="font-normal">Charge ($)</th>
                <th className="font-normal">NDC</th>
                <th className="font-normal">NDC unit</th>
                <th className="font-normal">NDC qty</th>
                <th className="font-normal">Dx pointers</th>
                {institutional ? <th className="font-normal">Rev. code</th> : null}
                <th className="sr-only">Remove</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i} data-testid={`edit-line-${i + 1}`}>
                  <td className="text-muted-foreground">{i + 1}</td>
                  <td className="pr-1">
                    <Input
                      aria-label={`Line ${i + 1} code`}
                      value={l.code}
                      onChange={(e) => set(i, { code: e.target.value })}
                      className="h-8 w-20 font-mono"
                    />
                  </td>
                  <td className="pr-1">
                    <Input
                      aria-label={`Line ${i + 1} modifiers`}
                      value={l.modifiers}
                      onChange={(e) => set(i, { modifiers: e.target.value })}
                      className="h-8 w-24 font-mono"
                    />
                  </td>
                  <td className="pr-1">
                    <Input
                      aria-label={`Line ${i + 1} units`}
                      inputMode="numeric"
                      value={l.units}
                      onChange={(e) => set(i, { units: e.target.value })}
                      className="h-8 w-16 text-right"
                    />
                  </td>
                  <td className="pr-1">
                    <Input
                      aria-label={`Line ${i + 1} charge`}
                      inputMode="decimal"
                      value={l.charge}
                      onChange={(e) => set(i, { charge: e.target.value })}
                      className="h-8 w-28 text-right"
                    />
                  </td>
                  <td className="pr-1">
                    <Input
                      aria-label={`Line ${i + 1} NDC`}
                      value={l.ndc}
                      onChange={(e) => set(i, { ndc: e.target.value })}
                      className="h-8 w-36 font-mono"
                    />
                  </td>
                  <td className="pr-1">
                    <NativeSelect
                      aria-label={`Line ${i + 1} NDC unit`}
                      value={l.ndcUnit}
                      onChange={(e) => set(i, { ndcUnit: e.target.value as "ML" | "UN" })}
                      className="h-8"
                    >
                      <NativeSelectOption value="UN">UN</NativeSelectOption>
                      <NativeSelectOption value="ML">ML</NativeSelectOption>
                    </NativeSelect>
                  </td>
                  <td className="pr-1">
                    <Input
                      aria-label={`Line ${i + 1} NDC quantity`}
                      value={l.ndcQuantity}
                      onChange={(e) => set(i, { ndcQuantity: e.target.value })}
                      className="h-8 w-20 text-right"
                    />
                  </td>
                  <td className="pr-1">
                    <Input
                      aria-label={`Line ${i + 1} diagnosis pointers`}
                      value={l.pointers}
                      onChange={(e) => set(i, { pointers: e.target.value })}
                      className="h-8 w-20"
                    />
                  </td>
                  {institutional ? (
                    <td className="pr-1">
                      <Input
                        aria-label={`Line ${i + 1} revenue code`}
                        value={l.revenueCode}
                        onChange={(e) => set(i, { revenueCode: e.target.value })}
                        className="h-8 w-20 font-mono"
                      />
                    </td>
                  ) : null}
                  <td>
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove line ${i + 1}`}
                      onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                      disabled={lines.length === 1}
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button type="button" variant="outline" size="sm" onClick={() => setLines((ls) => [...ls, EMPTY])}>
            <Plus aria-hidden /> Add a line
          </Button>
          <div className="grid grid-cols-2 gap-4">
            <div className="grid gap-1">
              <Label htmlFor={`${id}-dx`}>Diagnoses (ICD-10-CM, in pointer order)</Label>
              <Input
                id={`${id}-dx`}
                value={diagnoses}
                onChange={(e) => setDiagnoses(e.target.value)}
                className="font-mono"
              />
            </div>
            <div className="grid gap-1">
              <Label htmlFor={`${id}-pa`}>Prior authorization number</Label>
              <Input id={`${id}-pa`} aria-describedby={`${id}-pa-hint`} value={pa} onChange={(e) => setPa(e.target.value)} maxLength={50} />
              <p id={`${id}-pa-hint`} className="text-xs text-muted-foreground">
                The payer&apos;s approval number; it goes on the claim (837 REF*G1).
              </p>
            </div>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Save and re-scrub
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
