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
import { providerDisplayName, type TProvider } from "@/server/api/routers/providers/schemas";
import { ProviderFormDialog } from "./providers-form-dialog";

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

  return (
    <section className="space-y-4" aria-labelledby="providers-heading">
      <div className="flex items-center justify-between">
        <h2 id="providers-heading" className="text-lg font-semibold">
          Providers
        </h2>
        <Button
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          <Plus aria-hidden /> Add provider
        </Button>
      </div>
      {providers.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : providers.isError ? (
        <p className="text-sm text-destructive">Could not load providers: {providers.error.message}</p>
      ) : providers.data.length === 0 ? (
        <EmptyState title="No providers yet" description="Add the oncologists and other clinicians who order and give durvalumab." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>NPI</TableHead>
              <TableHead>Taxonomy</TableHead>
              <TableHead>Renders / orders</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {providers.data.map((p) => (
              <TableRow key={p.id} data-testid={`provider-row-${p.npi}`}>
                <TableCell className="font-medium">{providerDisplayName(p)}</TableCell>
                <TableCell className="font-mono">{p.npi}</TableCell>
                <TableCell className="font-mono">{p.taxonomyCode}</TableCell>
                <TableCell className="space-x-1">
                  {p.canRender && <Badge variant="outline">Renders</Badge>}
                  {p.canOrder && <Badge variant="outline">Orders</Badge>}
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
                      title={`Deactivate ${providerDisplayName(p)}?`}
                      description="They are no longer offered on new orders and documentation. Existing orders and claims keep them."
                      confirmLabel="Deactivate"
                      onConfirm={async () => {
                        await deactivate.mutateAsync({ providerId: p.id });
                        toast({ title: "Provider deactivated", variant: "success" });
                      }}
                    />
                  ) : (
                    <Button variant="outline" size="sm" onClick={() => reactivate.mutate({ providerId: p.id })}>
                      Reactivate
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ProviderFormDialog
        open={open}
        onOpenChange={setOpen}
        provider={editing}
        onSaved={(p) => {
          toast({ title: editing ? "Provider saved" : "Provider added", description: providerDisplayName(p), variant: "success" });
          void invalidate();
        }}
      />
    </section>
  );
}
