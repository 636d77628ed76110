"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  applyServerFieldErrors,
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { InputField, SelectField } from "@/components/ui/form-fields";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import {
  ZLocationCreate,
  type TLocation,
  type TLocationCreate,
} from "@/server/api/routers/locations/schemas";
import { COVERED_ENTITY_TYPES } from "@/server/domain/billing/reference";
import {
  COVERED_ENTITY_TYPE_LABELS,
  defaultBiller,
  HOSPITAL_SITE_LABELS,
  LOCATION_BILLER_LABELS,
  LOCATION_BILLERS,
  PLACE_OF_SERVICE_LABELS,
  PLACES_OF_SERVICE,
  posRequiresFacilityNpi,
} from "@/server/domain/practice-setup/codes";

interface LocationFormValues {
  name: string;
  placeOfService: TLocation["placeOfService"];
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  zip: string;
  facilityNpi: string;
  hospitalSite: string;
  coveredEntityType340b: string;
  billedBy: string;
}
const FIELDS = [
  "name",
  "placeOfService",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "zip",
  "facilityNpi",
  "hospitalSite",
  "coveredEntityType340b",
  "billedBy",
] as const;
const EMPTY: LocationFormValues = {
  name: "",
  placeOfService: "11",
  addressLine1: "",
  addressLine2: "",
  city: "",
  state: "",
  zip: "",
  facilityNpi: "",
  hospitalSite: "",
  coveredEntityType340b: "",
  billedBy: "",
};
const TEXT: {
  name: Exclude<keyof LocationFormValues, "placeOfService" | "facilityNpi" | "name">;
  label: string;
  autoComplete: string;
}[] = [
  { name: "addressLine1", label: "Address", autoComplete: "address-line1" },
  { name: "addressLine2", label: "Address line 2", autoComplete: "address-line2" },
  { name: "city", label: "City", autoComplete: "address-level2" },
  { name: "state", label: "State", autoComplete: "address-level1" },
  { name: "zip", label: "ZIP code", autoComplete: "postal-code" },
];

export function LocationFormDialog({
  open,
  onOpenChange,
  location,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  location: TLocation | null;
  onSaved: (l: TLocation) => void;
}) {
  const trpc = useTRPC();
  const form = useForm<LocationFormValues, unknown, TLocationCreate>({
    resolver: zodResolver(ZLocationCreate) as unknown as Resolver<
      LocationFormValues,
      unknown,
      TLocationCreate
    >,
    defaultValues: EMPTY,
  });
  const watchedPlaceOfService = useWatch({ control: form.control, name: "placeOfService" });
  useEffect(() => {
    if (!open) return;
    form.reset(
      location
        ? {
            ...location,
            addressLine2: location.addressLine2 ?? "",
            facilityNpi: location.facilityNpi ?? "",
            hospitalSite: location.hospitalSite ?? "",
            coveredEntityType340b: location.coveredEntityType340b ?? "",
            billedBy: location.billedBy,
          }
        : EMPTY,
    );
  }, [open, location, form]);

  const onError = (title: string) => (e: unknown) => {
    if (!applyServerFieldErrors(form, e, { fields: FIELDS }))
      toast({ title, description: (e as { message?: string }).message, variant: "destructive" });
  };
  const onSuccess = (l: TLocation) => {
    onOpenChange(false);
    onSaved(l);
  };
  const create = useMutation(
    trpc.locations.create.mutationOptions({ onSuccess, onError: onError("Could not add the location") }),
  );
  const update = useMutation(
    trpc.locations.update.mutationOptions({ onSuccess, onError: onError("Could not save the location") }),
  );
  const pending = create.isPending || update.isPending;
  const hospital = posRequiresFacilityNpi(watchedPlaceOfService);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{location ? "Edit location" : "Add a location"}</DialogTitle>
          <DialogDescription>
            Where infusions are given. The place of service goes on every claim line and decides professional
            vs facility billing.
          </DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form
            className="grid gap-4 sm:grid-cols-2"
            noValidate
            onSubmit={form.handleSubmit((v) =>
              location
                ? update.mutate({ ...v, locationId: location.id, updatedAt: location.updatedAt })
                : create.mutate(v),
            )}
          >
            <FormField
              control={form.control}
              name="name"
              render={({ field }) => (
                <FormItem className="sm:col-span-2">
                  <FormLabel>Name</FormLabel>
                  <FormControl>
                    <Input autoComplete="off" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="placeOfService"
              render={({ field }) => (
                <FormItem className="sm:col-span-2">
                  <FormLabel>Place of service</FormLabel>
                  <FormControl>
                    <NativeSelect {...field}>
                      {PLACES_OF_SERVICE.map((p) => (
                        <NativeSelectOption key={p} value={p}>
                          {PLACE_OF_SERVICE_LABELS[p]}
                        </NativeSelectOption>
                      ))}
                    </NativeSelect>
                  </FormControl>
                  <FormDescription>
                    11 office; 19 and 22 hospital outpatient departments, billed under the facility&apos;s
                    NPI.
                  </FormDescription>
                  <FormMessage />
                </FormItem>
              )}
            />
            <div className="sm:col-span-2">
              <SelectField
                control={form.control}
                name="billedBy"
                label="Who bills the drug and its administration"
                options={[
                  ["", `Default: ${LOCATION_BILLER_LABELS[defaultBiller(watchedPlaceOfService)]}`],
                  ...LOCATION_BILLERS.filter((b) => hospital || b !== "practice_facility").map(
                    (b) => [b, LOCATION_BILLER_LABELS[b]] as const,
                  ),
                ]}
                description="Decides the claim the documentation builds: the practice's professional claim (837P), the practice's facility claim (837I, type of bill 0131), or none when the hospital bills them (the infusion then closes as billed by the facility)."
              />
            </div>
            {TEXT.map((f) => (
              <FormField
                key={f.name}
                control={form.control}
                name={f.name}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{f.label}</FormLabel>
                    <FormControl>
                      <Input autoComplete={f.autoComplete} {...field} value={field.value ?? ""} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
            <InputField
              control={form.control}
              name="facilityNpi"
              label={`Facility NPI${hospital ? "" : " (optional)"}`}
              description={
                hospital
                  ? "Required: the hospital outpatient department's NPI."
                  : "Only needed if this office has its own NPI."
              }
              inputMode="numeric"
              autoComplete="off"
            />
            {watchedPlaceOfService === "19" ? (
              <SelectField
                control={form.control}
                name="hospitalSite"
                label="Off-campus department"
                options={[
                  ["", "Choose…"],
                  ["off_campus_excepted", HOSPITAL_SITE_LABELS.off_campus_excepted],
                  ["off_campus_non_excepted", HOSPITAL_SITE_LABELS.off_campus_non_excepted],
                ]}
                description="Excepted departments put modifier PO, non-excepted ones PN, on every line of their facility claims (drugs included)."
              />
            ) : null}
            <SelectField
              control={form.control}
              name="coveredEntityType340b"
              label="340B covered entity"
              options={[
                ["", "Not a 340B site"],
                ...COVERED_ENTITY_TYPES.map((t) => [t, COVERED_ENTITY_TYPE_LABELS[t]] as const),
              ]}
              description="The entity type this site is registered under for 340B; it decides JG or TB on Medicare lines of drug bought under 340B."
            />
            <DialogFooter className="sm:col-span-2">
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : location ? "Save location" : "Create location"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}
