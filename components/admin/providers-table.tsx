"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { toast } from "@/components/ui/toast";
import { providerDisplayName, type TProvider } from "@/server/api/routers/providers/schemas";
import { ProviderFormDialog } from "./providers-form-dialog";
import { SetupList } from "./setup-list";

export function ProvidersTable() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const providers = useQuery(trpc.providers.list.queryOptions());
  const [editing, setEditing] = useState<TProvider | null>(null);
  const [open, setOpen] = useState(false);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.providers.list.queryKey() });
  const onError = (title: string) => (e: { message: string }) => toast({ title, description: e.message, variant: "destructive" });
  const deactivate = useMutation(trpc.providers.deactivate.mutationOptions({ onSuccess: () => invalidate(), onError: onError("Could not deactivate the provider") }));
  const reactivate = useMutation(trpc.providers.reactivate.mutationOptions({ onSuccess: () => invalidate(), onError: onError("Could not reactivate the provider") }));
  const edit = (p: TProvider | null) => {
    setEditing(p);
    setOpen(true);
  };
  return (
    <SetupList
      title="Providers"
      noun="provider"
      query={providers}
      rowTestId={(p) => `provider-row-${p.npi}`}
      rowName={providerDisplayName}
      emptyText="Add the oncologists and other clinicians who order and give durvalumab."
      deactivateText="They are no longer offered on new orders and documentation. Existing orders and claims keep them."
      onAdd={() => edit(null)}
      onEdit={edit}
      onDeactivate={(p) => deactivate.mutateAsync({ providerId: p.id })}
      onReactivate={(p) => reactivate.mutate({ providerId: p.id })}
      columns={[
        { header: "Name", cell: providerDisplayName, className: "font-medium" },
        { header: "NPI", cell: (p) => p.npi, className: "font-mono" },
        { header: "Taxonomy", cell: (p) => p.taxonomyCode, className: "font-mono" },
        {
          header: "Renders / orders",
          className: "space-x-1",
          cell: (p) => (
            <>
              {p.canRender && <Badge variant="outline">Renders</Badge>}
              {p.canOrder && <Badge variant="outline">Orders</Badge>}
            </>
          ),
        },
      ]}
    >
      <ProviderFormDialog
        open={open}
        onOpenChange={setOpen}
        provider={editing}
        onSaved={(p) => {
          toast({ title: editing ? "Provider saved" : "Provider added", description: providerDisplayName(p), variant: "success" });
          void invalidate();
        }}
      />
    </SetupList>
  );
}
