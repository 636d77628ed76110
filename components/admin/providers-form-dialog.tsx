"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
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
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { ZProviderCreate, type TProvider, type TProviderCreate } from "@/server/api/routers/providers/schemas";

interface ProviderFormValues {
  entityType: TProvider["entityType"];
  firstName: string;
  lastName: string;
  credential: string;
  npi: string;
  taxonomyCode: string;
  canRender: boolean;
  canOrder: boolean;
}
const FIELDS = ["entityType", "firstName", "lastName", "credential", "npi", "taxonomyCode", "canRender", "canOrder"] as const;
const EMPTY: ProviderFormValues = { entityType: "person", firstName: "", lastName: "", credential: "", npi: "", taxonomyCode: "207RX0202X", canRender: true, canOrder: true };

export function ProviderFormDialog({
  open,
  onOpenChange,
  provider,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  provider: TProvider | null;
  onSaved: (p: TProvider) => void;
}) {
  const trpc = useTRPC();
  const form = useForm<ProviderFormValues, unknown, TProviderCreate>({
    resolver: zodResolver(ZProviderCreate) as unknown as Resolver<ProviderFormValues, unknown, TProviderCreate>,
    defaultValues: EMPTY,
  });
  const watchedEntityType = useWatch({ control: form.control, name: "entityType" });
  useEffect(() => {
    if (!open) return;
    form.reset(
      provider
        ? {
            entityType: provider.entityType,
            firstName: provider.firstName ?? "",
            lastName: provider.lastName,
            credential: provider.credential ?? "",
            npi: provider.npi,
            taxonomyCode: provider.taxonomyCode,
            canRender: provider.canRender,
            canOrder: provider.canOrder,
          }
        : EMPTY,
    );
  }, [open, provider, form]);

  const onError = (title: string) => (e: unknown) => {
    if (!applyServerFieldErrors(form, e, { fields: FIELDS })) toast({ title, description: (e as { message?: string }).message, variant: "destructive" });
  };
  const onSuccess = (p: TProvider) => {
    onOpenChange(false);
    onSaved(p);
  };
  const create = useMutation(trpc.providers.create.mutationOptions({ onSuccess, onError: onError("Could not add the provider") }));
  const update = useMutation(trpc.providers.update.mutationOptions({ onSuccess, onError: onError("Could not save the provider") }));
  const pending = create.isPending || update.isPending;
  const isOrg = watchedEntityType === "organization";

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{provider ? "Edit provider" : "Add a provider"}</DialogTitle>
          <DialogDescription>Rendering and ordering providers appear on orders and claims with their NPI.</DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form
            className="grid gap-4 sm:grid-cols-2"
            noValidate
            onSubmit={form.handleSubmit((v) => (provider ? update.mutate({ ...v, providerId: provider.id, updatedAt: provider.updatedAt }) : create.mutate(v)))}
          >
            <FormField
              control={form.control}
              name="entityType"
              render={({ field }) => (
                <FormItem className="sm:col-span-2">
                  <FormLabel>Provider is</FormLabel>
                  <FormControl>
                    <NativeSelect {...field}>
                      <NativeSelectOption value="person">A person</NativeSelectOption>
                      <NativeSelectOption value="organization">An organisation</NativeSelectOption>
                    </NativeSelect>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            {!isOrg && <Text form={form} name="firstName" label="First name" />}
            <Text form={form} name="lastName" label={isOrg ? "Organisation name" : "Last name"} />
            {!isOrg && <Text form={form} name="credential" label="Credential" description="MD, DO, NP, PA …" />}
            <Text form={form} name="npi" label="NPI" description="10 digits; the last is a check digit." inputMode="numeric" />
            <Text form={form} name="taxonomyCode" label="Taxonomy code" description="NUCC code, e.g. 207RX0202X medical oncology, 363L00000X nurse practitioner." />
            <div className="grid gap-3 sm:col-span-2">
              {(["canRender", "canOrder"] as const).map((name) => (
                <FormField
                  key={name}
                  control={form.control}
                  name={name}
                  render={({ field }) => (
                    <FormItem>
                      <div className="flex items-center gap-2">
                        <FormControl>
                          <Checkbox checked={field.value} onCheckedChange={(c) => field.onChange(c === true)} />
                        </FormControl>
                        <FormLabel>{name === "canRender" ? "Can render (gives the infusion)" : "Can order (signs durvalumab orders)"}</FormLabel>
                      </div>
                      <FormMessage />
                    </FormItem>
                  )}
                />
              ))}
            </div>
            <DialogFooter className="sm:col-span-2">
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : provider ? "Save provider" : "Create provider"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

function Text({
  form,
  name,
  label,
  description,
  inputMode,
}: {
  form: ReturnType<typeof useForm<ProviderFormValues, unknown, TProviderCreate>>;
  name: "firstName" | "lastName" | "credential" | "npi" | "taxonomyCode";
  label: string;
  description?: string;
  inputMode?: "numeric";
}) {
  return (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Input autoComplete="off" inputMode={inputMode} {...field} value={field.value ?? ""} />
          </FormControl>
          {description && <FormDescription>{description}</FormDescription>}
          <FormMessage />
        </FormItem>
      )}
    />
  );
}
