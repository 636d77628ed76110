"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import type { TPayer } from "@/server/api/routers/payers/schemas";
import { NDC_POLICY_LABELS, PAYER_KIND_LABELS, WASTE_POLICY_LABELS } from "@/server/domain/practice-setup/codes";
import { PayerFormDialog } from "./payers-form-dialog";

export function PayersTable() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const payers = useQuery(trpc.payers.list.queryOptions());
  const [editing, setEditing] = useState<TPayer | null>(null);
  const [open, setOpen] = useState(false);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.payers.list.queryKey() });
  const onError = (title: string) => (e: { message: string }) => toast({ title, description: e.message, variant: "destructive" });
  const deactivate = useMutation(trpc.payers.deactivate.mutationOptions({ onSuccess: () => invalidate(), onError: onError("Could not deactivate the payer") }));
  const reactivate = useMutation(trpc.payers.reactivate.mutationOptions({ onSuccess: () => invalidate(), onError: onError("Could not reactivate the payer") }));

  return (
    <section className="space-y-4" aria-labelledby="payers-heading">
      <div className="flex items-center justify-between">
        <h2 id="payers-heading" className="text-lg font-semibold">
          Payers
        </h2>
        <Button
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          <Plus aria-hidden /> Add payer
        </Button>
      </div>
      {payers.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : payers.isError ? (
        <p className="text-sm text-destructive">Could not load payers: {payers.error.message}</p>
      ) : payers.data.length === 0 ? (
        <EmptyState title="No payers yet" description="Add the payers you bill, starting from a payer profile template." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>EDI id</TableHead>
              <TableHead>Kind</TableHead>
              <TableHead>Waste modifiers</TableHead>
              <TableHead>NDC</TableHead>
              <TableHead>PA</TableHead>
              <TableHead>Filing / appeal</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {payers.data.map((p) => (
              <TableRow key={p.id} data-testid={`payer-row-${p.ediPayerId}`}>
                <TableCell className="font-medium">{p.name}</TableCell>
                <TableCell className="font-mono">{p.ediPayerId}</TableCell>
                <TableCell>{PAYER_KIND_LABELS[p.kind]}</TableCell>
                <TableCell>{WASTE_POLICY_LABELS[p.wasteModifiers]}</TableCell>
                <TableCell>{NDC_POLICY_LABELS[p.ndc]}</TableCell>
                <TableCell>{p.priorAuthRequired ? "Required" : "No"}</TableCell>
                <TableCell>
                  {p.timelyFilingDays === null ? "12 months" : `${p.timelyFilingDays} days`} / {p.appealDays === null ? "—" : `${p.appealDays} days`}
                </TableCell>
                <TableCell>{p.isActive ? <Badge variant="success">Active</Badge> : <Badge variant="secondary">Deactivated</Badge>}</TableCell>
                <TableCell className="space-x-2 text-right whitespace-nowrap">
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => {
                      setEditing(p);
                      setOpen(true);
                    }}
                  >
                    Edit
                  </Button>
                  {p.isActive ? (
                    <ConfirmDialog
                      trigger={
                        <Button variant="outline" size="sm">
                          Deactivate
                        </Button>
                      }
                      variant="destructive"
                      title={`Deactivate ${p.name}?`}
                      description="It is no longer offered for new coverages. Existing coverages, claims and their history keep pointing at it; you can reactivate it at any time."
                      confirmLabel="Deactivate"
                      onConfirm={async () => {
                        await deactivate.mutateAsync({ payerId: p.id });
                        toast({ title: "Payer deactivated", variant: "success" });
                      }}
                    />
                  ) : (
                    <Button variant="outline" size="sm" onClick={() => reactivate.mutate({ payerId: p.id })}>
                      Reactivate
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <PayerFormDialog
        open={open}
        onOpenChange={setOpen}
        payer={editing}
        onSaved={(p) => {
          toast({ title: editing ? "Payer saved" : "Payer added", description: p.name, variant: "success" });
          void invalidate();
        }}
      />
    </section>
  );
}
