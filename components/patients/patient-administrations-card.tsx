"use client";
import { useQuery } from "@tanstack/react-query";
import { Syringe } from "lucide-react";
import Link from "next/link";
import { AdministrationStatusBadge } from "@/components/orders/order-status-badge";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** A patient's infusions across their orders, each linking to its documentation and its episode. */
export function PatientAdministrationsCard({ patientId }: { patientId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.worklists.patientAdministrations.queryOptions({ patientId }));
  const given = query.data?.filter((a) => a.status === "documented" || a.status === "ready_for_billing").length ?? 0;
  return (
    <Card data-testid="patient-administrations">
      <CardHeader>
        <CardTitle asHeading="h2">Administrations</CardTitle>
        {query.data && query.data.length > 0 ? (
          <CardDescription>
            {query.data.length} planned infusion{query.data.length === 1 ? "" : "s"}, {given} documented.
          </CardDescription>
        ) : null}
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-20 w-full" />
        ) : query.isError ? (
          <p role="alert" className="text-sm text-destructive">
            Could not load the administrations: {query.error.message}
          </p>
        ) : query.data.length === 0 ? (
          <EmptyState icon={Syringe} title="No administrations yet" description="Planned and documented infusions appear here once an order is signed." />
        ) : (
          <div className="max-h-[28rem] overflow-y-auto">
            <Table aria-label="Administrations">
              <TableHeader>
                <TableRow>
                  <TableHead>Planned</TableHead>
                  <TableHead>Cycle</TableHead>
                  <TableHead>Indication</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">
                    <span className="sr-only">Open</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {query.data.map((a) => (
                  <TableRow key={a.id} data-testid={`patient-administration-${a.id}`}>
                    <TableCell className="whitespace-nowrap">
                      {a.plannedDate}
                      {a.actualDate && a.actualDate !== a.plannedDate ? <span className="block text-xs text-muted-foreground">given {a.actualDate}</span> : null}
                    </TableCell>
                    <TableCell>{a.cycleLabel}</TableCell>
                    <TableCell>
                      <Link href={`/orders/${a.orderId}`} className="line-clamp-2 max-w-xs underline-offset-4 hover:underline">
                        {a.indicationName}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <AdministrationStatusBadge status={a.status} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-right">
                      <Link href={`/administrations/${a.id}`} className="text-sm underline-offset-4 hover:underline">
                        Documentation
                      </Link>
                      <span aria-hidden className="px-1 text-muted-foreground">
                        ·
                      </span>
                      <Link href={`/administrations/${a.id}/episode`} className="text-sm underline-offset-4 hover:underline">
                        Episode
                      </Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
