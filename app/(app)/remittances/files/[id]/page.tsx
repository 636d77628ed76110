import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { money, when } from "@/components/remittances/format";
import { FileStatusBadge } from "@/components/remittances/remittance-badges";
import { PostingProgress } from "@/components/remittances/remittance-files";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePermission } from "@/server/auth/guards";
import { loadOr404 } from "../../load";

export const metadata = { title: "Remittance file" };

export default async function FilePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("remittance.read");
  const { id } = await params;
  const f = await loadOr404((c) => c.remittances.file({ fileId: id }));
  return (
    <div className="space-y-2">
      <Link href="/remittances" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> Remittances
      </Link>
      <PageHeader title={f.fileName} description={`Uploaded ${when(f.uploadedAt)}${f.uploadedBy ? ` by ${f.uploadedBy}` : ""} · ${f.bytes.toLocaleString("en-US")} bytes, kept exactly as received`} />
      <div className="flex flex-wrap items-center gap-4">
        <FileStatusBadge status={f.status} label={f.statusLabel} />
        <PostingProgress f={f} />
        <span className="text-sm text-muted-foreground">
          {f.postedCount} posted · {f.unmatchedCount} unmatched · {f.heldCount} held · {f.denialCount} denials and underpayments opened
        </span>
      </div>
      {f.statusReason ? <p className="text-sm">{f.statusReason}</p> : null}
      {f.lastError ? <p className="text-sm text-destructive">{f.lastError}</p> : null}
      <div className="grid gap-6 pt-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Payments</CardTitle>
          </CardHeader>
          <CardContent>
            <Table aria-label="Payments in this file">
              <TableHeader>
                <TableRow>
                  <TableHead>Trace</TableHead>
                  <TableHead>Payer</TableHead>
                  <TableHead className="text-right">Amount</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {f.payments.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>
                      <Link className="font-mono underline-offset-4 hover:underline" href={`/remittances/payments/${p.id}`}>
                        {p.traceNumber}
                      </Link>
                      {p.duplicate ? <span className="ml-2 text-xs text-muted-foreground">already received, not posted</span> : null}
                    </TableCell>
                    <TableCell>{p.payerName}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(p.amountCents)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">What the reader found ({f.findingCount})</CardTitle>
          </CardHeader>
          <CardContent>
            {f.findings.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing: the file reads cleanly.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {f.findings.map((x, i) => (
                  <li key={i}>
                    <span className={x.severity === "error" ? "font-medium text-destructive" : "font-medium"}>{x.severity}</span> segment {x.segment}
                    {x.claim ? ` (claim ${x.claim})` : ""}: {x.message}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
