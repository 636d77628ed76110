import Link from "next/link";
import { money, usDate } from "@/components/remittances/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TPaymentDetail } from "@/server/api/routers/remittances/schemas";
import { ClaimPaymentStatusBadge, OutcomeBadge } from "./remittance-badges";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** One payment (835 transaction): the money, the provider-level adjustments in words, and every claim in it. */
export function PaymentDetail({ p }: { p: TPaymentDetail }) {
  const claimsPaid = p.claimPayments.reduce((s, c) => s + c.paidCents, 0);
  return (
    <div className="space-y-6">
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4 lg:grid-cols-6">
            <Fact label="Paid on">{usDate(p.paymentDate) || "—"}</Fact>
            <Fact label="Method">{p.method}</Fact>
            <Fact label="Amount">
              <span className="font-semibold tabular-nums">{money(p.amountCents)}</span>
            </Fact>
            <Fact label="Payer">
              {p.payerName}
              {p.payerIdentifier ? <span className="text-xs text-muted-foreground"> ({p.payerIdentifier})</span> : null}
            </Fact>
            <Fact label="Payee">
              {p.payeeName}
              {p.payeeNpi ? <span className="text-xs text-muted-foreground"> NPI {p.payeeNpi}</span> : null}
            </Fact>
            <Fact label="File">
              <Link className="underline-offset-4 hover:underline" href={`/remittances/files/${p.fileId}`}>
                {p.fileName}
              </Link>
            </Fact>
          </dl>
          <p className="mt-4 text-sm text-muted-foreground" data-testid="payment-balance">
            Claims paid {money(claimsPaid)} − provider adjustments {money(p.providerAdjustmentCents)} = {money(claimsPaid - p.providerAdjustmentCents)}
            {claimsPaid - p.providerAdjustmentCents === p.amountCents ? " — matches the payment." : ` — the payment says ${money(p.amountCents)}.`}
            {p.duplicate ? " This payment was already received in an earlier file; it was not posted again." : ""}
          </p>
        </CardContent>
      </Card>

      {p.providerAdjustments.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Provider-level adjustments (PLB)</CardTitle>
            <CardDescription>Taken from or added to this payment, not to one claim&apos;s balance.</CardDescription>
          </CardHeader>
          <CardContent>
            <Table aria-label="Provider-level adjustments">
              <TableHeader>
                <TableRow>
                  <TableHead>Reason</TableHead>
                  <TableHead>Reference</TableHead>
                  <TableHead>Claim</TableHead>
                  <TableHead className="text-right">Effect on the payment</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {p.providerAdjustments.map((a, i) => (
                  <TableRow key={i}>
                    <TableCell>
                      <span className="font-mono">{a.reason}</span> {a.reasonText}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{a.reference ?? "—"}</TableCell>
                    <TableCell>{a.claimId && a.claimNumber ? <Link className="font-mono underline-offset-4 hover:underline" href={`/claims/${a.claimId}`}>{a.claimNumber}</Link> : "—"}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(-a.amountCents)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Claims in this payment</CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Claims in this payment">
            <TableHeader>
              <TableRow>
                <TableHead>Claim</TableHead>
                <TableHead>Patient</TableHead>
                <TableHead>Payer says</TableHead>
                <TableHead className="text-right">Charge</TableHead>
                <TableHead className="text-right">Paid</TableHead>
                <TableHead className="text-right">Patient owes</TableHead>
                <TableHead className="text-right">Contractual</TableHead>
                <TableHead className="text-right">Denied</TableHead>
                <TableHead>Posting</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.claimPayments.map((c) => (
                <TableRow key={c.id} data-testid={`claim-payment-${c.patientControlNumber}`}>
                  <TableCell className="whitespace-nowrap">
                    <Link className="font-mono font-medium underline-offset-4 hover:underline" href={`/remittances/claims/${c.id}`}>
                      {c.claimNumber ?? c.patientControlNumber}
                    </Link>
                  </TableCell>
                  <TableCell className="max-w-40 truncate whitespace-nowrap">{c.patientName ?? "—"}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    <OutcomeBadge outcome={c.outcome} /> <span className="text-xs text-muted-foreground">{c.statusText}</span>
                    {c.forwardedToName ? <span className="block text-xs text-muted-foreground">Forwarded to {c.forwardedToName}</span> : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(c.chargeCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(c.paidCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(c.patientCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(c.contractualCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">{c.deniedCents ? money(c.deniedCents) : "—"}</TableCell>
                  <TableCell className="max-w-64 whitespace-nowrap">
                    <ClaimPaymentStatusBadge status={c.status} />
                    {c.reversed ? <span className="ml-1 text-xs text-muted-foreground">reversed later</span> : null}
                    {c.reason ? <span className="block truncate text-xs text-muted-foreground" title={c.reason}>{c.reason}</span> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
