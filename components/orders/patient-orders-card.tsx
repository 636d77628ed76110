"use client";
import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { OrderStatusBadge } from "./order-status-badge";

/** A patient's durvalumab orders, for the patient page. `canWrite` shows the "New order" link. */
export function PatientOrdersCard({ patientId, canWrite }: { patientId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.orders.list.queryOptions({ patientId, pageSize: 50, page: 1, sort: "start", dir: "desc" }));
  return (
    <Card data-testid="patient-orders">
      <CardHeader>
        <CardTitle asHeading="h2">Orders</CardTitle>
        {canWrite ? (
          <CardAction>
            <Button variant="outline" size="sm" asChild>
              <Link href={`/orders/new?patientId=${patientId}`}>
                <Plus aria-hidden /> New order
              </Link>
            </Button>
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-20 w-full" />
        ) : query.isError ? (
          <p className="text-sm text-destructive">Could not load the orders: {query.error.message}</p>
        ) : query.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No orders.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Indication</TableHead>
                <TableHead>Regimen</TableHead>
                <TableHead>Start</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Infusions</TableHead>
                <TableHead>Next</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data.items.map((o) => (
                <TableRow key={o.id}>
                  <TableCell>
                    <Link href={`/orders/${o.id}`} className="underline-offset-4 hover:underline">
                      {o.indicationName}
                    </Link>
                  </TableCell>
                  <TableCell>{o.regimen}</TableCell>
                  <TableCell className="whitespace-nowrap">{o.startDate}</TableCell>
                  <TableCell>
                    <OrderStatusBadge status={o.status} />
                  </TableCell>
                  <TableCell>{o.administrationsTotal ? `${o.administrationsGiven} / ${o.administrationsTotal}` : "—"}</TableCell>
                  <TableCell className="whitespace-nowrap">{o.nextPlannedDate ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
