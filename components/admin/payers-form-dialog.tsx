"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
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
import { InputField, SelectField } from "@/components/ui/form-fields";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { unitCapsToText, ZPayerCreate, type TPayer, type TPayerCreate, type TPayerTemplate } from "@/server/api/routers/payers/schemas";
import { CHARGE_340B_RULES, FREE_DRUG_POLICIES, MODIFIER_340B_POLICIES, NDC_POLICIES, NDC_UN_PARTIAL_VIAL, PAYER_KINDS, WASTE_POLICIES } from "@/server/domain/billing/reference";
import {
  CHARGE_340B_RULE_LABELS,
  CLAIM_FILING_INDICATOR_LABELS,
  CLAIM_FILING_INDICATORS,
  FREE_DRUG_POLICY_LABELS,
  MODIFIER_340B_POLICY_LABELS,
  NDC_UN_PARTIAL_VIAL_LABELS,
  NDC_POLICY_LABELS,
  PAYER_KIND_LABELS,
  WASTE_POLICY_LABELS,
} from "@/server/domain/practice-setup/codes";

/** What the form holds: numbers and unit caps as the text typed; ZPayerCreate turns them into values. */
interface PayerFormValues {
  name: string;
  ediPayerId: string;
  kind: TPayer["kind"];
  templateId: string;
  wasteModifiers: TPayer["wasteModifiers"];
  ndc: TPayer["ndc"];
  priorAuthRequired: boolean;
  timelyFilingDays: string;
  appealDays: string;
  freeDrug: TPayer["freeDrug"];
  doseRoundingPercent: string;
  unitCaps: string;
  claimFilingIndicator: string;
  institutionalClaimFilingIndicator: string;
  modifier340b: TPayer["modifier340b"];
  charge340b: TPayer["charge340b"];
  ndcUnPartialVial: TPayer["ndcUnPartialVial"];
}
const FIELDS = [
  "name",
  "ediPayerId",
  "kind",
  "templateId",
  "wasteModifiers",
  "ndc",
  "priorAuthRequired",
  "timelyFilingDays",
  "appealDays",
  "freeDrug",
  "doseRoundingPercent",
  "unitCaps",
  "claimFilingIndicator",
  "institutionalClaimFilingIndicator",
  "modifier340b",
  "charge340b",
  "ndcUnPartialVial",
] as const;

const num = (n: number | null) => (n === null ? "" : String(n));
type Settings = Omit<TPayer, "id" | "practiceId" | "isActive" | "createdAt" | "updatedAt" | "name" | "ediPayerId">;
function settingsToForm(s: Settings): Omit<PayerFormValues, "name" | "ediPayerId"> {
  return {
    kind: s.kind,
    templateId: s.templateId ?? "",
    wasteModifiers: s.wasteModifiers,
    ndc: s.ndc,
    priorAuthRequired: s.priorAuthRequired,
    timelyFilingDays: num(s.timelyFilingDays),
    appealDays: num(s.appealDays),
    freeDrug: s.freeDrug,
    doseRoundingPercent: num(s.doseRoundingPercent),
    unitCaps: unitCapsToText(s.unitCaps),
    claimFilingIndicator: s.claimFilingIndicator,
    institutionalClaimFilingIndicator: s.institutionalClaimFilingIndicator ?? "",
    modifier340b: s.modifier340b,
    charge340b: s.charge340b,
    ndcUnPartialVial: s.ndcUnPartialVial,
  };
}
const fromTemplate = (t: TPayerTemplate) => settingsToForm({ ...t, templateId: t.id });
/** Shown until the templates arrive (the submit button waits for them). */
const BLANK: PayerFormValues = {
  name: "",
  ediPayerId: "",
  kind: "commercial",
  templateId: "",
  wasteModifiers: "jw_jz",
  ndc: "ML",
  priorAuthRequired: true,
  timelyFilingDays: "",
  appealDays: "",
  freeDrug: "fb_zero_charge",
  doseRoundingPercent: "",
  unitCaps: "",
  claimFilingIndicator: "CI",
  institutionalClaimFilingIndicator: "",
  modifier340b: "none",
  charge340b: "usual_charge",
  ndcUnPartialVial: "administered_line",
};

/** Create (payer = null) or edit one payer. Creating starts from a payer-profile template. */
export function PayerFormDialog({
  open,
  onOpenChange,
  payer,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  payer: TPayer | null;
  onSaved: (p: TPayer) => void;
}) {
  const trpc = useTRPC();
  const templates = useQuery({ ...trpc.payers.templates.queryOptions(), enabled: open && payer === null });
  const form = useForm<PayerFormValues, unknown, TPayerCreate>({
    resolver: zodResolver(ZPayerCreate) as unknown as Resolver<PayerFormValues, unknown, TPayerCreate>,
    defaultValues: BLANK,
  });

  const watchedTemplateId = useWatch({ control: form.control, name: "templateId" });
  useEffect(() => {
    if (!open) return;
    if (payer) form.reset({ name: payer.name, ediPayerId: payer.ediPayerId, ...settingsToForm(payer) });
    else if (templates.data?.[0]) form.reset({ name: "", ediPayerId: "", ...fromTemplate(templates.data.find((t) => t.id === "COMM") ?? templates.data[0]) });
  }, [open, payer, templates.data, form]);

  const onError = (title: string) => (e: unknown) => {
    if (!applyServerFieldErrors(form, e, { fields: FIELDS })) {
      toast({ title, description: (e as { message?: string }).message, variant: "destructive" });
    }
  };
  const onSuccess = (p: TPayer) => {
    onOpenChange(false);
    onSaved(p);
  };
  const create = useMutation(trpc.payers.create.mutationOptions({ onSuccess, onError: onError("Could not add the payer") }));
  const update = useMutation(trpc.payers.update.mutationOptions({ onSuccess, onError: onError("Could not save the payer") }));
  const pending = create.isPending || update.isPending;

  const submit = form.handleSubmit((v) => {
    if (payer) update.mutate({ ...v, payerId: payer.id, updatedAt: payer.updatedAt });
    else create.mutate(v);
  });

  const pickTemplate = (id: string) => {
    const t = templates.data?.find((x) => x.id === id);
    if (t) form.reset({ ...form.getValues(), ...fromTemplate(t) });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{payer ? `Edit ${payer.name}` : "Add a payer"}</DialogTitle>
          <DialogDescription>
            {payer
              ? "Changes apply to claim previews and claims built from now on; claims already built keep what they were built with."
              : "Start from the payer profile that fits, then adjust any setting to the payer's contract."}
          </DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form className="space-y-6" noValidate onSubmit={submit}>
            {!payer && (
              <div className="grid gap-2">
                <Label htmlFor="payer-template">Template</Label>
                <NativeSelect
                  id="payer-template"
                  value={watchedTemplateId}
                  onChange={(e) => pickTemplate(e.target.value)}
                  disabled={!templates.data}
                >
                  {(templates.data ?? []).map((t) => (
                    <NativeSelectOption key={t.id} value={t.id}>
                      {t.id} — {t.name}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
                <p className="text-sm text-muted-foreground">Fills in every setting below from the profile; nothing is locked.</p>
              </div>
            )}

            <fieldset className="grid gap-4 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-semibold">Payer</legend>
              <InputField control={form.control} name="name" label="Name" />
              <InputField control={form.control} name="ediPayerId" label="EDI payer id" description="The id your clearinghouse lists for this payer, 2–80 letters and digits; electronic claims are addressed with it (837: NM109)." />
              <FormField
                control={form.control}
                name="kind"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Kind</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {PAYER_KINDS.map((k) => (
                          <NativeSelectOption key={k} value={k}>
                            {PAYER_KIND_LABELS[k]}
                          </NativeSelectOption>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormDescription>Medicare alone may leave timely filing empty (12-month rule).</FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="claimFilingIndicator"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Claim filing indicator</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        {CLAIM_FILING_INDICATORS.map((c) => (
                          <NativeSelectOption key={c} value={c}>
                            {CLAIM_FILING_INDICATOR_LABELS[c]}
                          </NativeSelectOption>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormDescription>The program the payer bills the claim under, e.g. commercial insurance, Medicare Part B, Medicaid (837: SBR09).</FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </fieldset>

            <fieldset className="grid gap-4 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-semibold">Drug lines (J9173)</legend>
              <SelectField
                control={form.control}
                name="wasteModifiers"
                label="Waste modifiers"
                options={WASTE_POLICIES.map((v) => [v, WASTE_POLICY_LABELS[v]])}
                description="JW/JZ: discarded drug from a single-dose vial is billed on its own line with JW; JZ is added when nothing is discarded. JW only: the payer rejects JZ, so no modifier when there is no waste. None: discarded drug is not billed."
              />
              <SelectField
                control={form.control}
                name="ndc"
                label="NDC reporting"
                options={NDC_POLICIES.map((v) => [v, NDC_POLICY_LABELS[v]])}
                description="Not sent: Medicare Part B style. ML: the 11-digit NDC with the mL given (units × 0.2 mL for J9173). UN: the NDC with the number of vials."
              />
              <SelectField
                control={form.control}
                name="freeDrug"
                label="Free drug (manufacturer program)"
                options={FREE_DRUG_POLICIES.map((v) => [v, FREE_DRUG_POLICY_LABELS[v]])}
                description="Drug supplied free may not be billed: a line at a nominal $0.01 with the administration (Medicare contractors' instruction), a line with FB and a $0 charge, or no drug line at all (the administration is still billed)."
              />
              <SelectField
                control={form.control}
                name="ndcUnPartialVial"
                label="Vial counts (UN): the partly used vial"
                options={NDC_UN_PARTIAL_VIAL.map((v) => [v, NDC_UN_PARTIAL_VIAL_LABELS[v]])}
                description="With NDC in vials, each line reports whole vials adding up to the vials opened. The vial partly given and partly discarded counts on the line the payer's guide names."
              />
              <InputField
                control={form.control}
                name="doseRoundingPercent"
                label="Dose rounding (%)"
                inputMode="numeric"
                description="If the payer allows rounding a dose to whole vials within ±N %, the preview suggests it when that avoids waste. Empty: not allowed."
              />
              <InputField
                control={form.control}
                name="unitCaps"
                label="Per-dose unit caps"
                placeholder="J9173=150"
                description="Most billing units the payer pays per dose, by HCPCS (J9173=150 is 1,500 mg). Lines above a cap are flagged. Empty: no caps."
              />
            </fieldset>

            <fieldset className="grid gap-4 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-semibold">340B and facility claims</legend>
              <SelectField
                control={form.control}
                name="modifier340b"
                label="340B modifier"
                options={MODIFIER_340B_POLICIES.map((v) => [v, MODIFIER_340B_POLICY_LABELS[v]])}
                description="Drug bought under 340B: Medicare wants JG or TB (chosen by the location's covered-entity type and the date), many Medicaid plans UD."
              />
              <SelectField
                control={form.control}
                name="charge340b"
                label="340B drug charge"
                options={CHARGE_340B_RULES.map((v) => [v, CHARGE_340B_RULE_LABELS[v]])}
                description="Medicaid plans often want a 340B drug charged at no more than its actual acquisition cost, recorded on the infusion."
              />
              <FormField
                control={form.control}
                name="institutionalClaimFilingIndicator"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Filing indicator on hospital outpatient claims</FormLabel>
                    <FormControl>
                      <NativeSelect {...field}>
                        <NativeSelectOption value="">Same as above</NativeSelectOption>
                        {CLAIM_FILING_INDICATORS.map((c) => (
                          <NativeSelectOption key={c} value={c}>
                            {CLAIM_FILING_INDICATOR_LABELS[c]}
                          </NativeSelectOption>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    <FormDescription>For the facility claims of a hospital outpatient department (837I). Medicare pays them through its Part A contractor: Medicare Part A.</FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </fieldset>

            <fieldset className="grid gap-4 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-semibold">Authorization and deadlines</legend>
              <FormField
                control={form.control}
                name="priorAuthRequired"
                render={({ field }) => (
                  <FormItem className="sm:col-span-2">
                    <div className="flex items-center gap-2">
                      <FormControl>
                        <Checkbox checked={field.value} onCheckedChange={(c) => field.onChange(c === true)} />
                      </FormControl>
                      <FormLabel>Prior authorization required for J9173</FormLabel>
                    </div>
                    <FormDescription>
                      Administrations without an approved authorization covering the date and units are flagged; the authorization number goes on the claim (837: REF*G1).
                    </FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <InputField
                control={form.control}
                name="timelyFilingDays"
                label="Timely filing (days)"
                inputMode="numeric"
                description="Days after the date of service a claim must reach the payer. Empty for Medicare: 12 months after the date of service."
              />
              <InputField
                control={form.control}
                name="appealDays"
                label="Appeal limit (days)"
                inputMode="numeric"
                description="Days after a denial to file an appeal (redetermination for Medicare). Drives the denial worklist's due dates."
              />
            </fieldset>

            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending || (!payer && !templates.data)}>
                {pending ? "Saving…" : payer ? "Save payer" : "Create payer"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}
