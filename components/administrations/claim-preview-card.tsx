import { Calculator } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Fragment } from "react";
import type { TAdministrationDetail, TEvaluatedFinding } from "@/server/api/routers/administrations/schemas";
import { formatDollars } from "@/server/domain/billing/exact";
import { formatDate, icdWithDot } from "@/server/domain/format";
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { CLAIM_FILING_INDICATOR_NAMES, type ClaimFilingIndicator } from "@/server/domain/practice-setup/codes";

/** ICD-10-CM as people read it: the dot after the category (the 837 leaves it out). */
const TOPIC_LABEL: Record<string, string> = {
  units: "Units",
  vials: "Vials",
  waste: "Waste",
  free: "Free drug",
  ndc: "NDC",
  admin: "Administration",
  charge: "Charges",
};

/**
 * The claim as the engine builds it for the primary payer: lines, diagnoses and the arithmetic behind
 * every number. Each finding is shown where it belongs: under the claim line it concerns, the ones about
 * the whole claim above the lines.
 */
export function ClaimPreviewCard({ detail, renderFindings }: { detail: TAdministrationDetail; renderFindings: (findings: TEvaluatedFinding[], underLine: boolean) => React.ReactNode }) {
  const p = detail.preview;
  const lineCount = p?.lines.length ?? 0;
  const onLine = (n: number) => detail.findings.filter((f) => f.line === n);
  const claimLevel = detail.findings.filter((f) => !f.line || f.line > lineCount);
  return (
    <Card data-testid="claim-preview">
      <CardHeader>
        <CardTitle asHeading="h2">Claim preview</CardTitle>
        <CardDescription>
          {detail.payer
            ? `As it would be billed to ${detail.payer.name} (primary, member ${detail.payer.memberId})${p ? ` for ${formatDate(p.dateOfService)}` : ""}. No claim exists yet.`
            : "No primary coverage is in force on the date of service."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {!p && detail.billedElsewhere ? (
          <p className="text-sm" data-testid="preview-billed-elsewhere">
            Another entity bills the drug and its administration at {detail.order.locationName}: there is no claim of this practice to build. Close the infusion as billed by the facility.
          </p>
        ) : !p ? (
          <div className="text-sm" data-testid="preview-missing">
            <p className="font-medium">The claim cannot be built yet. Still needed:</p>
            <ul className="list-disc pl-5 text-muted-foreground">
              {detail.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : (
          <>
            <div className="flex flex-wrap gap-2 text-sm">
              <span>
                Diagnoses: <span className="font-mono">{p.diagnoses.map(icdWithDot).join(", ")}</span>
              </span>
              <span data-testid="preview-claim-type">· {p.claimType === "institutional" ? `Institutional claim (837I), type of bill ${p.typeOfBill ?? "—"}` : "Professional claim (837P)"}</span>
              {p.placeOfService ? <span>· POS {p.placeOfService}</span> : null}
              {p.claimFilingIndicator ? (
                <span title={`Code ${p.claimFilingIndicator} (837: SBR09)`}>
                  · Claim filing indicator:{" "}
                  {CLAIM_FILING_INDICATOR_NAMES[p.claimFilingIndicator as ClaimFilingIndicator] ??
                    p.claimFilingIndicator}
                </span>
              ) : null}
              {p.priorAuthNumber ? <span>· Prior authorization {p.priorAuthNumber}</span> : null}
              {p.blocked ? <Badge variant="destructive">Blocked by an error</Badge> : <Badge variant="success">No blocking error</Badge>}
            </div>
            {detail.authorizations.length ? (
              <ul className="space-y-0.5 text-sm" data-testid="preview-authorizations">
                {detail.authorizations.map((a) => (
                  <li key={`${a.number}-${a.hcpcs}`} className={a.remainingAfter !== null && a.remainingAfter < 0 ? "text-destructive" : !a.withinDates ? "text-destructive" : ""}>
                    Authorization <span className="font-mono">{a.number}</span> ({a.hcpcs}, {formatDate(a.startDate)} to {formatDate(a.endDate)}
                    {a.withinDates ? "" : ", not covering this date"}): {a.approvedUnits} approved, {a.usedBefore} used by earlier infusions
                    {a.thisInfusion !== null ? `, this claim ${a.thisInfusion}, ${a.remainingAfter} left after it` : ""}.
                  </li>
                ))}
              </ul>
            ) : null}
            <section aria-labelledby="findings-heading" data-testid="claim-level-findings">
              <h3 id="findings-heading" className="mb-2 text-sm font-semibold">
                Findings on the whole claim
              </h3>
              {claimLevel.length > 0 ? renderFindings(claimLevel, false) : <p className="text-sm text-muted-foreground">None.</p>}
            </section>
            <Table data-testid="claim-lines">
              <TableHeader>
                <TableRow>
                  <TableHead>#</TableHead>
                  <TableHead>Code</TableHead>
                  <TableHead>Modifiers</TableHead>
                  <TableHead className="text-right">Units</TableHead>
                  <TableHead>NDC</TableHead>
                  <TableHead className="text-right">Charge</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {p.lines.map((l, i) => (
                  <Fragment key={i}>
                  <TableRow data-testid={`claim-line-${i + 1}`} data-line={[l.code, ...l.modifiers].join("-")} className={onLine(i + 1).length > 0 ? "border-b-0" : undefined}>
                    <TableCell>{i + 1}</TableCell>
                    <TableCell className="font-mono">{l.code}</TableCell>
                    <TableCell className="font-mono">{l.modifiers.join(", ") || "—"}</TableCell>
                    <TableCell className="text-right tabular-nums">{l.units}</TableCell>
                    <TableCell className="font-mono text-xs">{l.ndc ? `N4 ${formatNdc11(l.ndc.code)} · ${l.ndc.unit} ${l.ndc.quantity}` : "—"}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatDollars(l.chargeCents)}</TableCell>
                  </TableRow>
                  {onLine(i + 1).length > 0 ? (
                    <TableRow data-testid={`claim-line-${i + 1}-findings`} className="hover:bg-transparent">
                      <TableCell colSpan={6} className="pt-0 whitespace-normal">
                        <span className="sr-only">Findings on line {i + 1}:</span>
                        {renderFindings(onLine(i + 1), true)}
                      </TableCell>
                    </TableRow>
                  ) : null}
                  </Fragment>
                ))}
              </TableBody>
              <TableFooter>
                <TableRow>
                  <TableCell colSpan={5}>Total</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="claim-total">
                    {formatDollars(p.totalChargeCents)}
                  </TableCell>
                </TableRow>
              </TableFooter>
            </Table>
            <section aria-labelledby="arithmetic-heading">
              <h3 id="arithmetic-heading" className="mb-2 flex items-center gap-2 text-sm font-semibold">
                <Calculator aria-hidden className="size-4" /> The arithmetic
              </h3>
              <ol className="space-y-1 text-sm" data-testid="claim-arithmetic">
                {p.arithmetic.map((s, i) => (
                  <li key={i} className="flex gap-2">
                    <span className="w-28 shrink-0 text-xs text-muted-foreground">{TOPIC_LABEL[s.topic] ?? s.topic}</span>
                    <span>{s.text}</span>
                  </li>
                ))}
              </ol>
            </section>
          </>
        )}
        {!p ? (
          <section aria-labelledby="findings-heading">
            <h3 id="findings-heading" className="mb-2 text-sm font-semibold">
              Findings
            </h3>
            {detail.findings.length > 0 ? renderFindings(detail.findings, false) : <p className="text-sm text-muted-foreground">No findings: the scrubber has nothing to report.</p>}
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
