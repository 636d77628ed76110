"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
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
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
} from "@/components/ui/form";
import { InputField } from "@/components/ui/form-fields";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import {
  ZCoverageFields,
  type TCoverage,
  type TCoverageFields,
  type TCoverageFieldsIn,
} from "@/server/api/routers/patients/schemas";
import {
  COVERAGE_PRIORITIES,
  COVERAGE_PRIORITY_LABELS,
  SUBSCRIBER_RELATIONSHIP_LABELS,
  SUBSCRIBER_RELATIONSHIPS,
} from "@/server/domain/patients/codes";

const FIELD_NAMES: (keyof TCoverageFieldsIn)[] = [
  "payerId",
  "memberId",
  "groupNumber",
  "planName",
  "priority",
  "relationship",
  "subscriberFirstName",
  "subscriberLastName",
  "subscriberDateOfBirth",
  "effectiveDate",
  "endDate",
];

function defaults(c: TCoverage | undefined, priority: TCoverage["priority"]): TCoverageFieldsIn {
  return {
    payerId: c?.payerId ?? "",
    memberId: c?.memberId ?? "",
    groupNumber: c?.groupNumber ?? "",
    planName: c?.planName ?? "",
    priority: c?.priority ?? priority,
    relationship: c?.relationship ?? "self",
    subscriberFirstName: c?.subscriberFirstName ?? "",
    subscriberLastName: c?.subscriberLastName ?? "",
    subscriberDateOfBirth: c?.subscriberDateOfBirth ?? "",
    effectiveDate: c?.effectiveDate ?? "",
    endDate: c?.endDate ?? "",
  };
}

/**
 * Adds a coverage to the patient, or edits one (`coverage` given). The trigger opens it; on success the
 * caller refreshes the patient.
 */
export function CoverageDialog({
  patientId,
  coverage,
  suggestedPriority = "primary",
  trigger,
  onSaved,
}: {
  patientId: string;
  coverage?: TCoverage;
  suggestedPriority?: TCoverage["priority"];
  trigger: (open: () => void) => React.ReactNode;
  onSaved: () => void;
}) {
  const [open, setOpen] = useState(false);
  // A fix link to this coverage (`#coverage-<id>`, `#coverage-new` to add one) opens the dialog.
  const hashKey = `#coverage-${coverage?.id ?? "new"}`;
  useEffect(() => {
    const check = () => {
      if (window.location.hash === hashKey) setOpen(true);
    };
    check();
    window.addEventListener("hashchange", check);
    return () => window.removeEventListener("hashchange", check);
  }, [hashKey]);
  return (
    <>
      {trigger(() => setOpen(true))}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="sm:max-w-2xl">
          <DialogHeader>
            <DialogTitle>{coverage ? "Edit coverage" : "Add coverage"}</DialogTitle>
            <DialogDescription>
              Only one coverage of each priority can be in force on a day. Claims go to the primary coverage
              in force on the date of service.
            </DialogDescription>
          </DialogHeader>
          {open ? (
            <CoverageForm
              patientId={patientId}
              coverage={coverage}
              suggestedPriority={suggestedPriority}
              onCancel={() => setOpen(false)}
              onSaved={() => {
                setOpen(false);
                onSaved();
              }}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function CoverageForm({
  patientId,
  coverage,
  suggestedPriority,
  onCancel,
  onSaved,
}: {
  patientId: string;
  coverage?: TCoverage;
  suggestedPriority: TCoverage["priority"];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const payers = useQuery(trpc.patients.payerOptions.queryOptions());
  const form = useForm<TCoverageFieldsIn, unknown, TCoverageFields>({
    resolver: zodResolver(ZCoverageFields),
    defaultValues: defaults(coverage, suggestedPriority),
  });
  const relationship = useWatch({ control: form.control, name: "relationship" });
  const onError = (e: { message: string }) => {
    if (!applyServerFieldErrors(form, e, { fields: FIELD_NAMES })) {
      toast({ title: "Could not save the coverage", description: e.message, variant: "destructive" });
    }
  };
  const add = useMutation(
    trpc.patients.coverage.add.mutationOptions({
      onSuccess: () => {
        toast({ title: "Coverage added", variant: "success" });
        onSaved();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.patients.coverage.update.mutationOptions({
      onSuccess: () => {
        toast({ title: "Coverage saved", variant: "success" });
        onSaved();
      },
      onError,
    }),
  );
  const pending = add.isPending || update.isPending;
  const submit = (v: TCoverageFields) =>
    coverage
      ? update.mutate({ ...v, coverageId: coverage.id, expectedUpdatedAt: coverage.updatedAt })
      : add.mutate({ ...v, patientId });

  // An edited coverage keeps showing its payer even if that payer has since been deactivated.
  const options = [...(payers.data ?? [])];
  if (coverage && !options.some((p) => p.id === coverage.payerId)) {
    options.unshift({
      id: coverage.payerId,
      name: `${coverage.payerName} (inactive)`,
      kind: coverage.payerKind,
    });
  }

  const text = (
    name: Exclude<keyof TCoverageFieldsIn, "priority" | "relationship" | "payerId">,
    label: string,
    type = "text",
  ) => (
    <InputField control={form.control} name={name} label={label} type={type} autoComplete="off" />
  );

  return (
    <Form {...form}>
      <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={form.handleSubmit(submit)}>
        <FormField
          control={form.control}
          name="payerId"
          render={({ field }) => (
            <FormItem className="sm:col-span-2">
              <FormLabel>Payer</FormLabel>
              <FormControl>
                <NativeSelect {...field} disabled={payers.isPending}>
                  <NativeSelectOption value="">
                    {payers.isPending ? "Loading payers…" : "Choose a payer"}
                  </NativeSelectOption>
                  {options.map((p) => (
                    <NativeSelectOption key={p.id} value={p.id}>
                      {p.name}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        {text("memberId", "Member id")}
        {text("groupNumber", "Group number")}
        {text("planName", "Plan name")}
        <FormField
          control={form.control}
          name="priority"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Priority</FormLabel>
              <FormControl>
                <NativeSelect {...field}>
                  {COVERAGE_PRIORITIES.map((p) => (
                    <NativeSelectOption key={p} value={p}>
                      {COVERAGE_PRIORITY_LABELS[p]}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        {text("effectiveDate", "Effective date", "date")}
        {text("endDate", "End date (optional)", "date")}
        <FormField
          control={form.control}
          name="relationship"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Patient&apos;s relationship to the subscriber</FormLabel>
              <FormControl>
                <NativeSelect {...field}>
                  {SUBSCRIBER_RELATIONSHIPS.map((r) => (
                    <NativeSelectOption key={r} value={r}>
                      {SUBSCRIBER_RELATIONSHIP_LABELS[r]}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        {relationship !== "self" ? (
          <fieldset className="grid gap-4 rounded-md border p-3 sm:col-span-2 sm:grid-cols-3">
            <legend className="px-1 text-sm font-medium">Subscriber (policy holder)</legend>
            {text("subscriberFirstName", "Subscriber first name")}
            {text("subscriberLastName", "Subscriber last name")}
            {text("subscriberDateOfBirth", "Subscriber date of birth", "date")}
          </fieldset>
        ) : null}
        <DialogFooter className="sm:col-span-2">
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : coverage ? "Save coverage" : "Add coverage"}
          </Button>
        </DialogFooter>
      </form>
    </Form>
  );
}
