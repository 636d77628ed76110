"use client";
import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2, Wand2 } from "lucide-react";
import { useState } from "react";
import { useFieldArray, useForm, useWatch, type Control } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { applyServerFieldErrors, Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { InputField, SelectField } from "@/components/ui/form-fields";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { useUnsavedChangesWarning } from "@/components/ui/use-unsaved-changes";
import type { TAdministrationDetail, TDocumentationValues, TPackageInfo } from "@/server/api/routers/administrations/schemas";
import { formatNdc11, normalizeNdc } from "@/server/domain/billing/ndc";
import {
  ACQUISITION_LABELS,
  ACQUISITION_SOURCES,
  OTHER_DRUG_ADMINISTRATION_LABELS,
  OTHER_DRUG_ADMINISTRATIONS,
  type AcquisitionSource,
  type OtherDrugAdministration,
} from "@/server/domain/documentation/codes";

interface VialFormValues {
  ndc: string;
  lotNumber: string;
  expiryDate: string;
  count: string;
}
interface OtherDrugFormValues {
  hcpcs: string;
  description: string;
  units: string;
  administration: OtherDrugAdministration;
  infusionStart: string;
  infusionStop: string;
}
const HOW_GIVEN = OTHER_DRUG_ADMINISTRATIONS.map((k) => [k, OTHER_DRUG_ADMINISTRATION_LABELS[k]] as const);
export interface DocumentationFormValues {
  actualDate: string;
  weightKg: string;
  infusionStart: string;
  infusionStop: string;
  nurseName: string;
  mgAdministered: string;
  mgDiscarded: string;
  wasteTime: string;
  wasteWitness: string;
  acquisition: AcquisitionSource;
  acquisitionCostPerUnit: string;
  vialChoiceReason: string;
  notes: string;
  combination: { mgAdministered: string; mgDiscarded: string; infusionStart: string; infusionStop: string };
  vials: VialFormValues[];
  otherDrugs: OtherDrugFormValues[];
}

const s = (v: string | null | undefined) => v ?? "";

/**
 * The saved values, or an empty form. "Date given" starts as the planned date only when that day has
 * come: a future planned date is never offered as the day the drug was given.
 */
export function toFormValues(values: TDocumentationValues | null, plannedDate: string, today: string): DocumentationFormValues {
  return {
    actualDate: values ? s(values.actualDate) : plannedDate <= today ? plannedDate : "",
    weightKg: s(values?.weightKg),
    infusionStart: s(values?.infusionStart),
    infusionStop: s(values?.infusionStop),
    nurseName: s(values?.nurseName),
    mgAdministered: s(values?.mgAdministered),
    mgDiscarded: s(values?.mgDiscarded),
    wasteTime: s(values?.wasteTime),
    wasteWitness: s(values?.wasteWitness),
    acquisition: values?.acquisition ?? "purchased",
    acquisitionCostPerUnit: s(values?.acquisitionCostPerUnit),
    vialChoiceReason: s(values?.vialChoiceReason),
    notes: s(values?.notes),
    combination: {
      mgAdministered: s(values?.combination?.mgAdministered),
      mgDiscarded: s(values?.combination?.mgDiscarded),
      infusionStart: s(values?.combination?.infusionStart),
      infusionStop: s(values?.combination?.infusionStop),
    },
    vials: (values?.vials ?? []).map((v) => ({ ndc: formatNdc11(v.ndc11), lotNumber: s(v.lotNumber), expiryDate: s(v.expiryDate), count: String(v.count) })),
    otherDrugs: (values?.otherDrugs ?? []).map((o) => ({
      hcpcs: o.hcpcs,
      description: s(o.description),
      units: String(o.units),
      administration: o.administration,
      infusionStart: s(o.infusionStart),
      infusionStop: s(o.infusionStop),
    })),
  };
}

/** The form's strings → the procedure's input; the server schema decides what is valid. */
function toInput(v: DocumentationFormValues, includesCombination: boolean) {
  return {
    actualDate: v.actualDate,
    weightKg: v.weightKg,
    infusionStart: v.infusionStart,
    infusionStop: v.infusionStop,
    nurseName: v.nurseName,
    mgAdministered: v.mgAdministered,
    mgDiscarded: v.mgDiscarded,
    wasteTime: v.wasteTime,
    wasteWitness: v.wasteWitness,
    acquisition: v.acquisition,
    acquisitionCostPerUnit: v.acquisition === "purchased_340b" ? v.acquisitionCostPerUnit : "",
    vialChoiceReason: v.vialChoiceReason,
    notes: v.notes,
    combination: includesCombination ? v.combination : null,
    vials: v.vials.map((x) => ({ ndc: x.ndc, lotNumber: x.lotNumber, expiryDate: x.expiryDate, count: x.count })),
    otherDrugs: v.otherDrugs.map((o) => ({ ...o })),
  };
}

/**
 * The NDC as typed, read the way the server will read it: 4-4-2, 5-3-2, 5-4-1 (hyphenated), 5-4-2 or
 * a scanned 11-digit code; a 10-digit code without hyphens is accepted when exactly one padding is a
 * known package.
 */
export function readNdc(text: string, packages: readonly TPackageInfo[]): { ok: true; ndc11: string; pkg: TPackageInfo | null } | { ok: false; message: string } | null {
  if (text.trim() === "") return null;
  const n = normalizeNdc(text);
  if (n.ok) return { ok: true, ndc11: n.ndc11, pkg: packages.find((p) => p.ndc11 === n.ndc11) ?? null };
  if (n.reason === "ambiguous") {
    const known = packages.filter((p) => (n.candidates ?? []).includes(p.ndc11));
    if (known.length === 1) return { ok: true, ndc11: known[0]!.ndc11, pkg: known[0]! };
  }
  return { ok: false, message: n.message };
}

/** Lot expiry against the date given, as either is typed (the server refuses to bill an expired lot). */
function ExpiryCheck({ control, index }: { control: Control<DocumentationFormValues>; index: number }) {
  const [expiry, given] = useWatch({ control, name: [`vials.${index}.expiryDate`, "actualDate"] });
  if (!expiry || !given || !ISO_DATE.test(expiry) || !ISO_DATE.test(given) || expiry >= given) return null;
  return (
    <p className="text-sm font-medium text-destructive" role="alert" data-testid={`vial-${index}-expired`}>
      Expired on {expiry}, before the date given ({given}): check the vial; an expired lot cannot be billed.
    </p>
  );
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function NdcHint({ control, index, packages }: { control: Control<DocumentationFormValues>; index: number; packages: readonly TPackageInfo[] }) {
  const text = useWatch({ control, name: `vials.${index}.ndc` });
  const r = readNdc(text ?? "", packages);
  if (!r) return <FormDescription>Type or scan the NDC on the vial, in any format.</FormDescription>;
  if (!r.ok) return <FormDescription className="text-destructive">{r.message}</FormDescription>;
  return (
    <FormDescription data-testid={`vial-${index}-package`}>
      <span className="font-mono">{formatNdc11(r.ndc11)}</span> · {r.pkg ? `${r.pkg.description} (${r.pkg.billableUnits} units)` : "not a durvalumab or tremelimumab package in the catalog"}
    </FormDescription>
  );
}

/**
 * The infusion record as the nurse and pharmacy document it. "Save draft" keeps a scheduled or
 * started infusion where it is; "Save and mark documented" also asks for the documented state, which
 * the server grants only when the record is complete.
 */
export function DocumentationForm({ detail, onSaved, today }: { detail: TAdministrationDetail; onSaved: () => void; today: string }) {
  const trpc = useTRPC();
  const a = detail.administration;
  const combo = detail.order.combination;
  const form = useForm<DocumentationFormValues>({ defaultValues: toFormValues(detail.documentation?.values ?? null, a.plannedDate, today) });
  useUnsavedChangesWarning(form.formState.isDirty);
  const canMarkDocumented = a.status === "scheduled" || a.status === "in_progress";
  // The revision this form was loaded from (then the one it saved): a save by someone else in
  // between is a conflict the user resolves by reloading, never a silent overwrite.
  const [baseRevision, setBaseRevision] = useState(detail.revision);
  const vials = useFieldArray({ control: form.control, name: "vials" });
  const otherDrugs = useFieldArray({ control: form.control, name: "otherDrugs" });
  const acquisition = useWatch({ control: form.control, name: "acquisition" });
  const mutation = useMutation(
    trpc.administrations.saveDocumentation.mutationOptions({
      onSuccess: (r) => {
        toast({
          title: r.status === "documented" && canMarkDocumented ? "Infusion documented" : "Documentation saved",
          description: `Version ${r.version ?? 1}, save ${r.revision ?? ""}.${r.status === "scheduled" || r.status === "in_progress" ? " The infusion stays open until it is marked documented." : ""}`,
          variant: "success",
        });
        form.reset(form.getValues());
        setBaseRevision(r.revision ?? baseRevision);
        onSaved();
      },
      onError: (e) => {
        if (!applyServerFieldErrors(form, e)) toast({ title: "Could not save the documentation", description: e.message, variant: "destructive" });
      },
    }),
  );
  const suggestion = detail.suggestedVials.find((x) => x.drug === "durvalumab");
  const useSuggestion = () => {
    if (!suggestion) return;
    // Keep the combination drug's vials; replace the durvalumab ones.
    const kept = form.getValues("vials").filter((v) => {
      const r = readNdc(v.ndc, detail.packages);
      return r !== null && r.ok && r.pkg !== null && r.pkg.drug !== "durvalumab";
    });
    form.setValue("vials", [...suggestion.vials.map((v) => ({ ndc: formatNdc11(v.ndc11), lotNumber: "", expiryDate: "", count: String(v.count) })), ...kept], { shouldDirty: true });
  };

  return (
    <Form {...form}>
      <form
        noValidate
        onSubmit={(e) => {
          const markDocumented = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "document";
          void form.handleSubmit((v) => mutation.mutate({ administrationId: a.id, baseRevision, markDocumented, ...toInput(v, a.includesCombination && combo !== null) }))(e);
        }}
      >
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Infusion documentation</CardTitle>
            <CardDescription>
              Dose today: {detail.dose.basis}
              {detail.dose.note ? <span className="block text-warning-foreground">{detail.dose.note}</span> : null}
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-6">
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              <InputField control={form.control} name="actualDate" label="Date given" type="date" />
              <InputField control={form.control} name="weightKg" label="Weight today (kg)" inputMode="decimal" description={`At order: ${detail.order.weightKg} kg`} />
              <InputField control={form.control} name="nurseName" label="Administering nurse" />
              <InputField control={form.control} name="infusionStart" label="Infusion start" type="time" />
              <InputField control={form.control} name="infusionStop" label="Infusion stop" type="time" />
              <FormField
                control={form.control}
                name="acquisition"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Drug acquired</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {ACQUISITION_SOURCES.map((k) => (
                          <NativeSelectOption key={k} value={k}>
                            {ACQUISITION_LABELS[k]}
                          </NativeSelectOption>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              {acquisition === "purchased_340b" ? (
                <InputField
                  control={form.control}
                  name="acquisitionCostPerUnit"
                  label="340B acquisition cost per unit ($)"
                  inputMode="decimal"
                  description="Charged instead of the fee schedule for payers that want the actual acquisition cost."
                />
              ) : null}
            </div>

            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold">Vials opened</legend>
              {suggestion ? (
                <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="suggested-vials">
                  <span>
                    Least waste for {suggestion.forMg} mg: <strong>{suggestion.text}</strong> ({suggestion.totalMg} mg, {suggestion.totalUnits} units)
                  </span>
                  <Button type="button" size="sm" variant="outline" onClick={useSuggestion}>
                    <Wand2 aria-hidden /> Use suggestion
                  </Button>
                </p>
              ) : null}
              {vials.fields.map((f, i) => (
                <div key={f.id} className="grid gap-3 rounded-md border p-3 sm:grid-cols-[2fr_1fr_1fr_6rem_auto]" data-testid={`vial-${i}`}>
                  <FormField
                    control={form.control}
                    name={`vials.${i}.ndc`}
                    render={({ field }) => (
                      <FormItem>
                        <FormLabel>NDC (vial {i + 1})</FormLabel>
                        <FormControl>
                          <Input {...field} list="ndc-packages" autoComplete="off" className="font-mono" />
                        </FormControl>
                        <NdcHint control={form.control} index={i} packages={detail.packages} />
                        <FormMessage />
                      </FormItem>
                    )}
                  />
                  <FormField
                    control={form.control}
                    name={`vials.${i}.lotNumber`}
                    render={({ field }) => (
                      <FormItem>
                        <FormLabel>Lot (vial {i + 1})</FormLabel>
                        <FormControl>
                          <Input {...field} autoComplete="off" />
                        </FormControl>
                        <FormMessage />
                      </FormItem>
                    )}
                  />
                  <FormField
                    control={form.control}
                    name={`vials.${i}.expiryDate`}
                    render={({ field }) => (
                      <FormItem>
                        <FormLabel>Expiry (vial {i + 1})</FormLabel>
                        <FormControl>
                          <Input type="date" {...field} />
                        </FormControl>
                        <FormMessage />
                        <ExpiryCheck control={form.control} index={i} />
                      </FormItem>
                    )}
                  />
                  <FormField
                    control={form.control}
                    name={`vials.${i}.count`}
                    render={({ field }) => (
                      <FormItem>
                        <FormLabel>Count (vial {i + 1})</FormLabel>
                        <FormControl>
                          <Input type="number" min={1} max={100} {...field} />
                        </FormControl>
                        <FormMessage />
                      </FormItem>
                    )}
                  />
                  <div className="flex items-end">
                    <Button type="button" variant="ghost" size="icon" onClick={() => vials.remove(i)} aria-label={`Remove vial ${i + 1}`}>
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                </div>
              ))}
              <datalist id="ndc-packages">
                {detail.packages.map((p) => (
                  <option key={p.ndc11} value={p.labelNdc}>
                    {p.description}
                  </option>
                ))}
              </datalist>
              <Button type="button" variant="outline" size="sm" onClick={() => vials.append({ ndc: "", lotNumber: "", expiryDate: "", count: "1" })}>
                <Plus aria-hidden /> Add vial
              </Button>
            </fieldset>

            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <InputField control={form.control} name="mgAdministered" label="mg administered" inputMode="decimal" description={detail.dose.mg ? `Dose today ${detail.dose.mg} mg` : undefined} />
              <InputField control={form.control} name="mgDiscarded" label="mg discarded" inputMode="decimal" />
              <InputField control={form.control} name="wasteTime" label="Time discarded" type="time" />
              <InputField control={form.control} name="wasteWitness" label="Waste witness" />
            </div>
            <InputField
              control={form.control}
              name="vialChoiceReason"
              label="Why larger vials than needed were opened (if they were)"
              description="For example “25 mg vials out of stock”. Without a reason, waste beyond the least-waste vials is not billable."
            />

            {a.includesCombination && combo ? (
              <fieldset className="space-y-3">
                <legend className="text-sm font-semibold">
                  {combo.drug} ({combo.doseKind === "fixed" ? `${combo.doseAmount} mg` : `${combo.doseAmount} mg/kg`}
                  {detail.combinationDose?.mg ? ` = ${detail.combinationDose.mg} mg` : ""})
                </legend>
                <p className="text-sm text-muted-foreground">Add its vials above (NDC of the {combo.drug} package).</p>
                <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                  <InputField control={form.control} name="combination.mgAdministered" label={`${combo.drug} mg administered`} inputMode="decimal" />
                  <InputField control={form.control} name="combination.mgDiscarded" label={`${combo.drug} mg discarded`} inputMode="decimal" />
                  <InputField control={form.control} name="combination.infusionStart" label={`${combo.drug} start`} type="time" />
                  <InputField control={form.control} name="combination.infusionStop" label={`${combo.drug} stop`} type="time" />
                </div>
              </fieldset>
            ) : null}

            <fieldset className="space-y-3" data-testid="other-drugs">
              <legend className="text-sm font-semibold">Other drugs given the same day</legend>
              <p className="text-sm text-muted-foreground">
                Chemotherapy and other drugs of this visit (carboplatin, etoposide…): their HCPCS code and billing units go on the claim as you enter
                them; their infusion times count for the administration codes (96413, 96415, 96417).
              </p>
              {otherDrugs.fields.map((f, i) => (
                <div key={f.id} className="grid gap-3 rounded-md border p-3 sm:grid-cols-[8rem_1fr_6rem_auto]" data-testid={`other-drug-${i}`}>
                  <InputField control={form.control} name={`otherDrugs.${i}.hcpcs`} label={`HCPCS (drug ${i + 1})`} className="font-mono uppercase" />
                  <InputField control={form.control} name={`otherDrugs.${i}.description`} label={`Drug name (drug ${i + 1})`} />
                  <InputField control={form.control} name={`otherDrugs.${i}.units`} label={`Units (drug ${i + 1})`} type="number" min={1} />
                  <div className="flex items-end">
                    <Button type="button" variant="ghost" size="icon" onClick={() => otherDrugs.remove(i)} aria-label={`Remove drug ${i + 1}`}>
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                  <div className="grid gap-3 sm:col-span-3 sm:grid-cols-[1fr_8rem_8rem]">
                    <SelectField control={form.control} name={`otherDrugs.${i}.administration`} label={`How given (drug ${i + 1})`} options={HOW_GIVEN} />
                    <InputField control={form.control} name={`otherDrugs.${i}.infusionStart`} label={`Start (drug ${i + 1})`} type="time" />
                    <InputField control={form.control} name={`otherDrugs.${i}.infusionStop`} label={`Stop (drug ${i + 1})`} type="time" />
                  </div>
                </div>
              ))}
              <Button
                type="button"
                variant="outline"
                size="sm"
                onClick={() => otherDrugs.append({ hcpcs: "", description: "", units: "1", administration: "chemotherapy", infusionStart: "", infusionStop: "" })}
              >
                <Plus aria-hidden /> Add another drug
              </Button>
            </fieldset>

            <FormField
              control={form.control}
              name="notes"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Notes</FormLabel>
                  <FormControl>
                    <Textarea rows={2} {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          </CardContent>
          <CardFooter className="justify-end gap-2">
            <Button type="submit" name="intent" value="draft" variant={canMarkDocumented ? "outline" : "default"} disabled={mutation.isPending}>
              {canMarkDocumented ? "Save draft" : "Save documentation"}
            </Button>
            {canMarkDocumented ? (
              <Button type="submit" name="intent" value="document" disabled={mutation.isPending}>
                Save and mark documented
              </Button>
            ) : null}
          </CardFooter>
        </Card>
      </form>
    </Form>
  );
}
