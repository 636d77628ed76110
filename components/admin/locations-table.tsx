"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { toast } from "@/components/ui/toast";
import type { TLocation } from "@/server/api/routers/locations/schemas";
import { LOCATION_BILLER_SHORT, PLACE_OF_SERVICE_LABELS } from "@/server/domain/practice-setup/codes";
import { LocationFormDialog } from "./locations-form-dialog";
import { Clamp, SetupList } from "./setup-list";

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
  const edit = (l: TLocation | null) => {
    setEditing(l);
    setOpen(true);
  };
  return (
    <SetupList
      title="Locations"
      noun="location"
      query={locations}
      rowTestId={(l) => `location-row-${l.name}`}
      rowName={(l) => l.name}
      emptyText="Add the office or hospital outpatient department where infusions are given."
      deactivateText="It is no longer offered on new orders. Existing orders, administrations and claims keep it."
      onAdd={() => edit(null)}
      onEdit={edit}
      onDeactivate={(l) => deactivate.mutateAsync({ locationId: l.id })}
      onReactivate={(l) => reactivate.mutate({ locationId: l.id })}
      columns={[
        { header: "Name", cell: (l) => <Clamp text={l.name} width="max-w-56" />, className: "font-medium" },
        // "22 — On-campus outpatient hospital": the code, the words on hover
        { header: "POS", cell: (l) => <span title={PLACE_OF_SERVICE_LABELS[l.placeOfService]}>{PLACE_OF_SERVICE_LABELS[l.placeOfService].replace(/ — .*/, "")} · {PLACE_OF_SERVICE_LABELS[l.placeOfService].replace(/^\d+ — /, "").replace(/ outpatient hospital$/, " hospital")}</span> },
        { header: "Billed by", cell: (l) => LOCATION_BILLER_SHORT[l.billedBy] },
        { header: "Address", cell: (l) => <Clamp text={`${l.addressLine1}${l.addressLine2 ? `, ${l.addressLine2}` : ""}, ${l.city}, ${l.state} ${l.zip}`} width="max-w-64" /> },
        { header: "Facility NPI", cell: (l) => l.facilityNpi ?? "—", className: "font-mono" },
      ]}
    >
      <LocationFormDialog
        open={open}
        onOpenChange={setOpen}
        location={editing}
        onSaved={(l) => {
          toast({ title: editing ? "Location saved" : "Location added", description: l.name, variant: "success" });
          void invalidate();
        }}
      />
    </SetupList>
  );
}
