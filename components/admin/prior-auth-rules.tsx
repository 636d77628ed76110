"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldErrorsOf } from "@/components/prior-auths/field-errors";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import type { AppRouter } from "@/server/api/root";
import type { inferRouterOutputs } from "@trpc/server";
import { formatDate, plural } from "@/server/domain/format";
import { SetupList } from "./setup-list";

type TRule = inferRouterOutputs<AppRouter>["priorAuths"]["rules"][number];

const KIND_LABELS: Record<TRule["requestKind"], string> = { any: "Initial and renewal", initial: "Initial only", renewal: "Renewals only" };

interface Values {
  payerId: string;
  hcpcs: string;
  indicationId: string;
  requestKind: TRule["requestKind"];
  required: boolean;
  maxDays: string;
  maxUnits: string;
  maxDoses: string;
  leadTimeDays: string;
  turnaroundDays: string;
  effectiveDate: string;
  endDate: string;
  note: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const EMPTY = (): Values => ({
  payerId: "",
  hcpcs: "J9173",
  indicationId: "",
  requestKind: "any",
  required: true,
  maxDays: "",
  maxUnits: "",
  maxDoses: "",
  leadTimeDays: "14",
  turnaroundDays: "15",
  effectiveDate: today(),
  endDate: "",
  note: "",
});
const fromRule = (r: TRule): Values => ({
  payerId: r.payerId,
  hcpcs: r.hcpcs,
  indicationId: r.indicationId ?? "",
  requestKind: r.requestKind,
  required: r.required,
  maxDays: r.maxDays?.toString() ?? "",
  maxUnits: r.maxUnits?.toString() ?? "",
  maxDoses: r.maxDoses?.toString() ?? "",
  leadTimeDays: String(r.leadTimeDays),
  turnaroundDays: String(r.turnaroundDays),
  effectiveDate: r.effectiveDate,
  endDate: r.endDate ?? "",
  note: r.note ?? "",
});
/** Blank stays "no limit"; anything else goes to the server as typed (it says what is wrong with it). */
const optionalNumber = (v: string) => (v.trim() === "" ? null : Number(v));

/**
 * Admin → Prior-auth rules: when a payer requires authorization for durvalumab (J9173) or
 * tremelimumab (J9347), by indication and initial/renewal, with the payer's limits (length, units,
 * doses), the lead time and the decision turnaround. They refine the payer's setting and are
 * evaluated when an order is signed and when coverage changes.
 */
export function PriorAuthRules({ today: asOf }: { today: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const rules = useQuery(trpc.priorAuths.rules.queryOptions());
  const payers = useQuery(trpc.payers.list.queryOptions());
  const reference = useQuery(trpc.orders.reference.queryOptions());
  const [editing, setEditing] = useState<TRule | null>(null);
  const [open, setOpen] = useState(false);
  const [dialogKey, setDialogKey] = useState(0);
  const invalidate = () => qc.invalidateQueries({ queryKey: trpc.priorAuths.rules.queryKey() });
  const save = useMutation(trpc.priorAuths.saveRule.mutationOptions());
  const indicationName = (id: string | null) => (id ? (reference.data?.indications.find((i) => i.id === id)?.name ?? id) : "Every indication");
  const setActive = async (r: TRule, isActive: boolean) => {
    try {
      await save.mutateAsync({ ...fromRuleInput(r), isActive });
      void invalidate();
    } catch (e) {
      toast({ title: "Could not change the rule", description: (e as Error).message, variant: "destructive" });
    }
  };
  const edit = (r: TRule | null) => {
    setEditing(r);
    setDialogKey((k) => k + 1);
    setOpen(true);
  };
  return (
    <SetupList
      title="Prior-auth rules"
      noun="rule"
      query={rules}
      rowTestId={(r) => `pa-rule-${r.id}`}
      rowName={(r) => `${r.payerName} · ${r.hcpcs} · ${indicationName(r.indicationId)}`}
      emptyText="Without rules, the payer's setting alone says whether durvalumab needs authorization. Add a rule where a payer decides by indication, or limits the length, units or doses of an authorization."
      deactivateText="Orders signed from now on no longer follow it; requests it already opened stay."
      onAdd={() => edit(null)}
      onEdit={edit}
      onDeactivate={(r) => setActive(r, false)}
      onReactivate={(r) => void setActive(r, true)}
      columns={[
        { header: "Payer", cell: (r) => r.payerName, className: "font-medium" },
        {
          header: "Drug · indication",
          cell: (r) => (
            <span title={indicationName(r.indicationId)} className="line-clamp-1 max-w-64">
              <span className="font-mono">{r.hcpcs}</span> · {indicationName(r.indicationId)}
            </span>
          ),
        },
        {
          header: "Authorization",
          className: "whitespace-nowrap",
          cell: (r) => (
            <>
              {r.required ? <Badge variant="warning">Required</Badge> : <Badge variant="outline">Not required</Badge>}
              {r.requestKind !== "any" ? <span className="ml-1 text-muted-foreground">{KIND_LABELS[r.requestKind].toLowerCase()}</span> : null}
            </>
          ),
        },
        {
          header: "Limits",
          cell: (r) =>
            [r.maxDays ? `${plural(r.maxDays, "day")}` : null, r.maxUnits ? `${plural(r.maxUnits, "unit")}` : null, r.maxDoses ? `${plural(r.maxDoses, "dose")}` : null]
              .filter(Boolean)
              .join(" · ") || "None",
        },
        {
          header: "Lead · decision",
          cell: (r) => (
            <span title={`Submit ${plural(r.leadTimeDays, "day")} ahead; the payer decides within ${plural(r.turnaroundDays, "day")}`}>
              {r.leadTimeDays} d · {r.turnaroundDays} d
            </span>
          ),
        },
        {
          header: "In force",
          cell: (r) => (r.endDate ? `${formatDate(r.effectiveDate)} – ${formatDate(r.endDate)}` : `from ${formatDate(r.effectiveDate)}`) + (r.endDate && r.endDate < asOf ? " (ended)" : ""),
        },
      ]}
    >
      <RuleDialog
        key={dialogKey}
        open={open}
        onOpenChange={setOpen}
        rule={editing}
        payers={(payers.data ?? []).filter((p) => p.isActive || p.id === editing?.payerId).map((p) => ({ id: p.id, name: p.name }))}
        indications={reference.data?.indications ?? []}
        onSaved={() => {
          toast({ title: editing ? "Rule saved" : "Rule added", variant: "success" });
          void invalidate();
        }}
      />
    </SetupList>
  );
}

function fromRuleInput(r: TRule) {
  return {
    id: r.id,
    payerId: r.payerId,
    hcpcs: r.hcpcs,
    indicationId: r.indicationId,
    requestKind: r.requestKind,
    required: r.required,
    maxDays: r.maxDays,
    maxUnits: r.maxUnits,
    maxDoses: r.maxDoses,
    leadTimeDays: r.leadTimeDays,
    turnaroundDays: r.turnaroundDays,
    effectiveDate: r.effectiveDate,
    endDate: r.endDate,
    note: r.note,
    isActive: r.isActive,
  };
}

function RuleDialog({
  open,
  onOpenChange,
  rule,
  payers,
  indications,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  rule: TRule | null;
  payers: { id: string; name: string }[];
  indications: { id: string; name: string }[];
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  // Mounted afresh (a new key) each time it opens, so it starts from the rule being edited.
  const [v, setV] = useState<Values>(() => (rule ? fromRule(rule) : EMPTY()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.priorAuths.saveRule.mutationOptions({
      onSuccess: () => {
        onOpenChange(false);
        onSaved();
      },
      onError: (e) => {
        const fields = fieldErrorsOf(e);
        setErrors(fields);
        if (!Object.keys(fields).length) toast({ title: "Could not save the rule", description: e.message, variant: "destructive" });
      },
    }),
  );
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const field = (k: keyof Values, label: string, props: React.ComponentProps<typeof Input> = {}, hint?: string) => (
    <div className="grid gap-1.5">
      <Label htmlFor={`rule-${k}`}>{label}</Label>
      <Input id={`rule-${k}`} value={String(v[k])} onChange={(e) => set(k, e.target.value as never)} aria-invalid={errors[k] ? true : undefined} aria-describedby={errors[k] ? `rule-${k}-error` : undefined} {...props} />
      {errors[k] ? (
        <p id={`rule-${k}-error`} className="text-sm text-destructive">
          {errors[k]}
        </p>
      ) : hint ? (
        <p className="text-xs text-muted-foreground">{hint}</p>
      ) : null}
    </div>
  );
  const submit = () =>
    save.mutate({
      id: rule?.id,
      payerId: v.payerId,
      hcpcs: v.hcpcs,
      indicationId: v.indicationId || null,
      requestKind: v.requestKind,
      required: v.required,
      maxDays: optionalNumber(v.maxDays),
      maxUnits: optionalNumber(v.maxUnits),
      maxDoses: optionalNumber(v.maxDoses),
      leadTimeDays: Number(v.leadTimeDays),
      turnaroundDays: Number(v.turnaroundDays),
      effectiveDate: v.effectiveDate,
      endDate: v.endDate || null,
      note: v.note || null,
      isActive: rule?.isActive ?? true,
    });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{rule ? "Edit prior-auth rule" : "Add a prior-auth rule"}</DialogTitle>
          <DialogDescription>When this payer requires authorization for the drug, and the limits of what it approves.</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4 sm:grid-cols-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="rule-payerId">Payer</Label>
            <NativeSelect id="rule-payerId" value={v.payerId} onChange={(e) => set("payerId", e.target.value)} aria-invalid={errors.payerId ? true : undefined}>
              <NativeSelectOption value="">Choose a payer</NativeSelectOption>
              {payers.map((p) => (
                <NativeSelectOption key={p.id} value={p.id}>
                  {p.name}
                </NativeSelectOption>
              ))}
            </NativeSelect>
            {errors.payerId ? <p className="text-sm text-destructive">{errors.payerId}</p> : null}
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="rule-hcpcs">Drug</Label>
            <NativeSelect id="rule-hcpcs" value={v.hcpcs} onChange={(e) => set("hcpcs", e.target.value)}>
              <NativeSelectOption value="J9173">J9173 durvalumab, 10 mg</NativeSelectOption>
              <NativeSelectOption value="J9347">J9347 tremelimumab, 1 mg</NativeSelectOption>
            </NativeSelect>
            {errors.hcpcs ? <p className="text-sm text-destructive">{errors.hcpcs}</p> : null}
          </div>
          <div className="grid gap-1.5 sm:col-span-2">
            <Label htmlFor="rule-indicationId">Indication</Label>
            <NativeSelect id="rule-indicationId" value={v.indicationId} onChange={(e) => set("indicationId", e.target.value)}>
              <NativeSelectOption value="">Every indication</NativeSelectOption>
              {indications.map((i) => (
                <NativeSelectOption key={i.id} value={i.id}>
                  {i.name}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="rule-requestKind">Applies to</Label>
            <NativeSelect id="rule-requestKind" value={v.requestKind} onChange={(e) => set("requestKind", e.target.value as Values["requestKind"])}>
              {(Object.keys(KIND_LABELS) as Values["requestKind"][]).map((k) => (
                <NativeSelectOption key={k} value={k}>
                  {KIND_LABELS[k]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </div>
          <div className="flex items-center gap-2 self-end pb-2">
            <Checkbox id="rule-required" checked={v.required} onCheckedChange={(c) => set("required", c === true)} />
            <Label htmlFor="rule-required">Authorization required</Label>
          </div>
          {field("maxDays", "Longest authorization (days)", { inputMode: "numeric" }, "Blank: no limit.")}
          {field("maxUnits", "Most units per authorization", { inputMode: "numeric" }, "In billing units (J9173: 10 mg). Blank: no limit.")}
          {field("maxDoses", "Most doses per authorization", { inputMode: "numeric" }, "Blank: no limit.")}
          {field("leadTimeDays", "Lead time (days)", { inputMode: "numeric" }, "Submit this long before the first dose or the renewal.")}
          {field("turnaroundDays", "Payer decides within (days)", { inputMode: "numeric" }, "Requests without a decision after this are overdue.")}
          {field("effectiveDate", "In force from", { type: "date" })}
          {field("endDate", "Until", { type: "date" }, "Blank: until changed.")}
          <div className="sm:col-span-2">{field("note", "Note", {}, "Where the rule comes from (payer policy, bulletin…).")}</div>
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : rule ? "Save rule" : "Add rule"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
