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
import type { TLocation } from "@/server/api/routers/locations/schemas";
import { PLACE_OF_SERVICE_LABELS } from "@/server/domain/practice-setup/codes";
import { LocationFormDialog } from "./locations-form-dialog";

export function LocationsTable() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const locations = useQuery(trpc.locations.list.queryOptions());
  const [editing, setEditing] = useState<TLocation | null>(null);
  const [open, setOpen] = useState(false);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.locations.list.queryKey() });
  const onError = (title: string) => (e: { message: string }) => toast({ title, description: e.message, variant: "destructive" });
  const deactivate = useMutation(trpc.locations.deactivate.mutationOptions({ onSuccess: () => invalidate(), onError: onError("Could not deactivate the location") }));
  const reactivate = useMutation(trpc.locations.reactivate.mutationOptions({ onSuccess: () => invalidate(), onError: onError("Could not reactivate the location") }));

  return (
    <section className="space-y-4" aria-labelledby="locations-heading">
      <div className="flex items-center justify-between">
        <h2 id="locations-heading" className="text-lg font-semibold">
          Locations
        </h2>
        <Button
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          <Plus aria-hidden /> Add location
        </Button>
      </div>
      {locations.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : locations.isError ? (
        <p className="text-sm text-destructive">Could not load locations: {locations.error.message}</p>
      ) : locations.data.length === 0 ? (
        <EmptyState title="No locations yet" description="Add the office or hospital outpatient department where infusions are given." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Place of service</TableHead>
              <TableHead>Address</TableHead>
              <TableHead>Facility NPI</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Actions</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {locations.data.map((l) => (
              <TableRow key={l.id} data-testid={`location-row-${l.name}`}>
                <TableCell className="font-medium">{l.name}</TableCell>
                <TableCell>{PLACE_OF_SERVICE_LABELS[l.placeOfService]}</TableCell>
                <TableCell>
                  {l.addressLine1}
                  {l.addressLine2 ? `, ${l.addressLine2}` : ""}, {l.city}, {l.state} {l.zip}
                </TableCell>
                <TableCell className="font-mono">{l.facilityNpi ?? "—"}</TableCell>
                <TableCell>{l.isActive ? <Badge variant="success">Active</Badge> : <Badge variant="secondary">Deactivated</Badge>}</TableCell>
                <TableCell className="space-x-2 text-right whitespace-nowrap">
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => {
                      setEditing(l);
                      setOpen(true);
                    }}
                  >
                    Edit
                  </Button>
                  {l.isActive ? (
                    <ConfirmDialog
                      trigger={
                        <Button variant="outline" size="sm">
                          Deactivate
                        </Button>
                      }
                      variant="destructive"
                      title={`Deactivate ${l.name}?`}
                      description="It is no longer offered on new orders. Existing orders, administrations and claims keep it."
                      confirmLabel="Deactivate"
                      onConfirm={async () => {
                        await deactivate.mutateAsync({ locationId: l.id });
                        toast({ title: "Location deactivated", variant: "success" });
                      }}
                    />
                  ) : (
                    <Button variant="outline" size="sm" onClick={() => reactivate.mutate({ locationId: l.id })}>
                      Reactivate
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <LocationFormDialog
        open={open}
        onOpenChange={setOpen}
        location={editing}
        onSaved={(l) => {
          toast({ title: editing ? "Location saved" : "Location added", description: l.name, variant: "success" });
          void invalidate();
        }}
      />
    </section>
  );
}
