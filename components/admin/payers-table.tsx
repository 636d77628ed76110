"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { toast } from "@/components/ui/toast";
import type { TPayer } from "@/server/api/routers/payers/schemas";
import { NDC_POLICY_LABELS, PAYER_KIND_LABELS, WASTE_POLICY_LABELS } from "@/server/domain/practice-setup/codes";
import { PayerFormDialog } from "./payers-form-dialog";
import { SetupList } from "./setup-list";
import { plural } from "@/server/domain/format";

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
  const edit = (p: TPayer | null) => {
    setEditing(p);
    setOpen(true);
  };
  return (
    <SetupList
      title="Payers"
      noun="payer"
      query={payers}
      rowTestId={(p) => `payer-row-${p.ediPayerId}`}
      rowName={(p) => p.name}
      emptyText="Add the payers you bill, starting from a payer profile template."
      deactivateText="It is no longer offered for new coverages. Existing coverages, claims and their history keep pointing at it; you can reactivate it at any time."
      onAdd={() => edit(null)}
      onEdit={edit}
      onDeactivate={(p) => deactivate.mutateAsync({ payerId: p.id })}
      onReactivate={(p) => reactivate.mutate({ payerId: p.id })}
      columns={[
        { header: "Name", cell: (p) => p.name, className: "font-medium" },
        { header: "EDI id", cell: (p) => p.ediPayerId, className: "font-mono" },
        { header: "Kind", cell: (p) => PAYER_KIND_LABELS[p.kind] },
        { header: "Waste modifiers", cell: (p) => WASTE_POLICY_LABELS[p.wasteModifiers] },
        { header: "NDC", cell: (p) => NDC_POLICY_LABELS[p.ndc] },
        { header: "PA", cell: (p) => (p.priorAuthRequired ? "Required" : "No") },
        {
          header: "Filing / appeal",
          cell: (p) => `${p.timelyFilingDays === null ? "12 months" : plural(p.timelyFilingDays, "day")} / ${p.appealDays === null ? "—" : plural(p.appealDays, "day")}`,
        },
      ]}
    >
      <PayerFormDialog
        open={open}
        onOpenChange={setOpen}
        payer={editing}
        onSaved={(p) => {
          toast({ title: editing ? "Payer saved" : "Payer added", description: p.name, variant: "success" });
          void invalidate();
        }}
      />
    </SetupList>
  );
}
