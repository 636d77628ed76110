"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarClock, Pencil } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TAdministrationRow, TOrderDetail } from "@/server/api/routers/orders/schemas";
import { describeDose } from "@/server/domain/orders/dose";
import { NOT_GIVEN_LABELS } from "@/server/domain/workflow/administration";
import { OrderFindings } from "./order-findings";
import { AdministrationStatusBadge, OrderStatusBadge } from "./order-status-badge";
import { formatDate, formatDateTime, phaseLabel } from "@/server/domain/format";
import { FREQUENCY_LABELS } from "@/server/domain/orders/codes";


function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** An order: its facts, status, the actions the machine and the role allow, and the treatment calendar. */
export function OrderDetail({ initial }: { initial: TOrderDetail }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const query = useQuery(trpc.orders.get.queryOptions({ orderId: initial.id }, { initialData: initial }));
  const o = query.data;
  const [reason, setReason] = useState("");
  const [rescheduling, setRescheduling] = useState<TAdministrationRow | null>(null);
  const [overriding, setOverriding] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.orders.get.queryKey({ orderId: o.id }) });
  const fail = (title: string) => (e: { message: string }) => toast({ title, description: e.message, variant: "destructive" });

  const sign = useMutation(trpc.orders.sign.mutationOptions({ onSuccess: () => { toast({ title: "Order signed", description: "The treatment calendar was planned.", variant: "success" }); void refresh(); }, onError: fail("Could not sign the order") }));
  const complete = useMutation(trpc.orders.complete.mutationOptions({ onSuccess: () => { toast({ title: "Order completed", variant: "success" }); void refresh(); }, onError: fail("Could not complete the order") }));
  const discontinue = useMutation(trpc.orders.discontinue.mutationOptions({ onSuccess: () => { toast({ title: "Order discontinued", variant: "success" }); setReason(""); void refresh(); }, onError: fail("Could not discontinue the order") }));

  const weight = o.weightKg;
  const has = (a: TOrderDetail["actions"][number]) => o.actions.includes(a);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <OrderStatusBadge status={o.status} />
        <span className="text-sm text-muted-foreground">Version {o.version}</span>
        <div className="ml-auto flex flex-wrap gap-2">
          {has("edit") ? (
            <Button variant="outline" asChild>
              <Link href={`/orders/${o.id}/edit`}>
                <Pencil aria-hidden /> Edit draft
              </Link>
            </Button>
          ) : null}
          {has("sign") ? (
            <ConfirmDialog
              trigger={<Button disabled={o.checks.hasErrors}>Sign order</Button>}
              title="Sign this order?"
              description={`Signing plans ${o.checks.calendar?.length ?? 0} infusions from ${formatDate(o.checks.calendar?.[0]?.plannedDate ?? o.startDate)}. The order can no longer be edited.`}
              confirmLabel="Sign order"
              onConfirm={async () => {
                await sign.mutateAsync({ orderId: o.id, version: o.version });
              }}
            />
          ) : null}
          {has("complete") ? (
            <ConfirmDialog
              trigger={<Button variant="outline">Complete</Button>}
              title="Complete this order?"
              description="Every infusion is documented or marked not given."
              confirmLabel="Complete"
              onConfirm={async () => {
                await complete.mutateAsync({ orderId: o.id });
              }}
            />
          ) : null}
          {has("discontinue") ? (
            <ConfirmDialog
              trigger={<Button variant="destructive">Discontinue</Button>}
              variant="destructive"
              title="Discontinue this order?"
              description="Every infusion still scheduled is marked not given with this reason."
              confirmLabel="Discontinue"
              confirmDisabled={reason.trim().length < 3}
              onConfirm={async () => {
                await discontinue.mutateAsync({ orderId: o.id, reason });
              }}
            >
              <div className="grid gap-2">
                <Label htmlFor="discontinue-reason">Reason</Label>
                <Textarea id="discontinue-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
              </div>
            </ConfirmDialog>
          ) : null}
        </div>
      </div>
      {o.checks.hasErrors && o.status === "draft" ? <p className="text-sm text-destructive">Fix the errors below before signing.</p> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Order</CardTitle>
            <CardDescription>{o.indicationName}</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-3">
              <Fact label="Patient">
                <Link className="underline-offset-4 hover:underline" href={`/patients/${o.patient.id}`}>
                  {o.patient.lastName}, {o.patient.firstName}
                </Link>{" "}
                <span className="font-mono text-xs">MRN {o.patient.mrn}</span>
              </Fact>
              <Fact label="Diagnoses">{o.diagnoses.join(", ")}</Fact>
              <Fact label="Weight at order">{weight} kg</Fact>
              <Fact label="Start date">{formatDate(o.startDate)}</Fact>
              <Fact label="Ordering provider">{o.orderingProviderName}</Fact>
              <Fact label="Location">{o.locationName}</Fact>
              <div className="col-span-2">
                <dt className="text-xs text-muted-foreground">Regimen</dt>
                <dd className="text-sm">
                  <ol className="list-decimal pl-5">
                    {o.phases.map((p, i) => (
                      <li key={i} data-testid={`regimen-phase-${i}`}>
                        {phaseLabel(p.name)}: {describeDose(p.doseKind, p.doseAmount, weight)} {FREQUENCY_LABELS[p.frequency].toLowerCase()}
                        {p.cycles !== null ? ` ×${p.cycles}` : ""}
                      </li>
                    ))}
                  </ol>
                  {o.durationMonths !== null ? <span>For {o.durationMonths} months.</span> : null}
                  {o.combination ? (
                    <span className="block">
                      With {o.combination.drug} {describeDose(o.combination.doseKind, o.combination.doseAmount, weight)} on infusions {o.combination.withAdministrations.join(", ")}.
                    </span>
                  ) : null}
                </dd>
              </div>
              {o.signedAt ? <Fact label="Signed">{formatDateTime(o.signedAt)}{o.signedByName ? ` by ${o.signedByName}` : ""}</Fact> : null}
              {o.discontinuedAt ? (
                <Fact label="Discontinued">
                  {formatDateTime(o.discontinuedAt)}
                  {o.discontinuedByName ? ` by ${o.discontinuedByName}` : ""}: {o.discontinueReason}
                </Fact>
              ) : null}
              {o.notes ? <Fact label="Notes">{o.notes}</Fact> : null}
              {o.weightDoseOverride ? (
                <div className="col-span-2" data-testid="weight-dose-override">
                  <dt className="text-xs text-muted-foreground">Clinician&apos;s reason for the fixed dose under {WEIGHT_WORDS}</dt>
                  <dd className="text-sm">
                    “{o.weightDoseOverride.reason}”
                    <span className="block text-xs text-muted-foreground">
                      {o.weightDoseOverride.clinicianName ? `Documented by ${o.weightDoseOverride.clinicianName}; r` : "R"}ecorded {formatDateTime(o.weightDoseOverride.recordedAt)}
                      {o.weightDoseOverride.recordedByName ? ` by ${o.weightDoseOverride.recordedByName}` : ""}
                      {has("weight_dose_override") ? (
                        <>
                          {" · "}
                          <button type="button" className="underline underline-offset-4" data-field="weightDoseOverride" onClick={() => setOverriding(true)}>
                            Change the reason
                          </button>
                        </>
                      ) : null}
                    </span>
                  </dd>
                </div>
              ) : null}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Checks</CardTitle>
          </CardHeader>
          <CardContent data-testid="order-checks">
            {o.checks.findings.length === 0 ? (
              <p className="text-sm text-muted-foreground">No findings.</p>
            ) : (
              <OrderFindings
                findings={o.checks.findings}
                fix={{ order: { id: o.id, status: o.status } }}
                action={(f) =>
                  f.overridable === "weight_dose" && has("weight_dose_override") ? (
                    <Button variant="outline" size="sm" className="mt-1" data-field="weightDoseOverride" onClick={() => setOverriding(true)}>
                      Record clinician&apos;s reason
                    </Button>
                  ) : null
                }
              />
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Treatment calendar</CardTitle>
          <CardDescription>
            {o.administrations.length > 0
              ? `${o.administrations.length} planned infusions.`
              : o.status === "draft"
                ? `Planned when the order is signed${o.checks.calendar ? `: ${o.checks.calendar.length} infusions from ${formatDate(o.checks.calendar[0]?.plannedDate)}` : ""}.`
                : "No infusions planned."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {o.administrations.length > 0 ? (
            <Table data-testid="order-calendar">
              <TableHeader>
                <TableRow>
                  <TableHead>#</TableHead>
                  <TableHead>Cycle / day</TableHead>
                  <TableHead>Phase</TableHead>
                  <TableHead>Planned date</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {o.administrations.map((a) => (
                  <TableRow key={a.id} data-testid={`administration-${a.sequence}`}>
                    <TableCell>{a.sequence}</TableCell>
                    <TableCell>
                      C{a.cycle}D{a.day}
                    </TableCell>
                    <TableCell>
                      {phaseLabel(o.phases[a.phaseIndex]?.name ?? "")}
                      {a.includesCombination && o.combination ? ` + ${o.combination.drug}` : ""}
                    </TableCell>
                    <TableCell>
                      {formatDate(a.plannedDate)}
                      {a.plannedDate !== a.originalPlannedDate ? <span className="block text-xs text-muted-foreground">was {formatDate(a.originalPlannedDate)}</span> : null}
                    </TableCell>
                    <TableCell>
                      <AdministrationStatusBadge status={a.status} />
                      {a.notGivenReason ? (
                        <span className="block text-xs text-muted-foreground">
                          {NOT_GIVEN_LABELS[a.notGivenReason]}
                          {a.notGivenNote ? `: ${a.notGivenNote}` : ""}
                        </span>
                      ) : null}
                    </TableCell>
                    <TableCell className="space-x-2 text-right">
                      <Button variant="outline" size="sm" asChild>
                        {/* the visible word starts the accessible name (axe: label-content-name-mismatch) */}
                        <Link href={`/administrations/${a.id}`} aria-label={`${a.status === "scheduled" || a.status === "in_progress" ? "Document" : "Open"} infusion ${a.sequence}`}>
                          {a.status === "scheduled" || a.status === "in_progress" ? "Document" : "Open"}
                        </Link>
                      </Button>
                      {has("reschedule") && a.status === "scheduled" ? (
                        <Button variant="outline" size="sm" onClick={() => setRescheduling(a)} aria-label={`Reschedule infusion ${a.sequence}`}>
                          <CalendarClock aria-hidden /> Reschedule
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </CardContent>
      </Card>
      <RescheduleDialog administration={rescheduling} onClose={() => setRescheduling(null)} onDone={() => void refresh()} />
      <WeightDoseOverrideDialog order={o} open={overriding} onClose={() => setOverriding(false)} onDone={() => void refresh()} />
    </div>
  );
}

const WEIGHT_WORDS = "the label's weight threshold";

/**
 * The clinician's documented reason for a fixed dose below the weight threshold: recorded on the order
 * (attributed to the ordering provider, audited), it turns the R-WEIGHT error into a warning.
 */
function WeightDoseOverrideDialog({ order, open, onClose, onDone }: { order: TOrderDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setReason(order.weightDoseOverride?.reason ?? "");
      setError(null);
    }
  }
  const finding = order.checks.findings.find((f) => f.rule === "R-WEIGHT" && f.overridable === "weight_dose");
  const mutation = useMutation(
    trpc.orders.recordWeightDoseOverride.mutationOptions({
      onSuccess: () => {
        toast({ title: "Clinician's reason recorded", description: "The fixed dose under the weight threshold is now a warning.", variant: "success" });
        onDone();
        onClose();
      },
      onError: (e) => setError(e.data?.zodError?.fieldErrors?.reason?.[0] ?? e.message),
    }),
  );
  return (
    <Dialog open={open} onOpenChange={(v) => !v && onClose()}>
      <DialogContent>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim().length < 10) {
              setError("Use at least 10 characters for the clinician's reason.");
              return;
            }
            mutation.mutate({ orderId: order.id, version: order.version, reason });
          }}
        >
          <DialogHeader>
            <DialogTitle>Clinician&apos;s reason for the fixed dose</DialogTitle>
            <DialogDescription>
              {finding ? finding.message : `The order is a fixed dose for a patient weighing ${order.weightKg} kg.`} Record the reason {order.orderingProviderName} documented
              in the chart. It is kept with the order and the audit trail, and the claim carries the finding as a warning.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor="weight-dose-reason">Clinician&apos;s documented reason</Label>
            <Textarea
              id="weight-dose-reason"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
              rows={3}
              required
              aria-invalid={!!error}
              aria-describedby={error ? "weight-dose-reason-error" : undefined}
            />
            {error ? (
              <p id="weight-dose-reason-error" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              Record reason
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function RescheduleDialog({ administration, onClose, onDone }: { administration: TAdministrationRow | null; onClose: () => void; onDone: () => void }) {
  const trpc = useTRPC();
  const [date, setDate] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ plannedDate?: string; reason?: string; form?: string }>({});
  const [forId, setForId] = useState<string | null>(null);
  if (administration && administration.id !== forId) {
    setForId(administration.id);
    setDate(administration.plannedDate);
    setReason("");
    setErrors({});
  }
  const mutation = useMutation(
    trpc.orders.reschedule.mutationOptions({
      onSuccess: (a) => {
        toast({ title: "Infusion rescheduled", description: `Infusion ${a.sequence} is now planned on ${formatDate(a.plannedDate)}.`, variant: "success" });
        onDone();
        onClose();
      },
      onError: (e) => {
        const fe = e.data?.zodError?.fieldErrors ?? {};
        const next: typeof errors = {};
        if (fe.plannedDate?.[0]) next.plannedDate = fe.plannedDate[0];
        if (fe.reason?.[0]) next.reason = fe.reason[0];
        if (e.data?.field === "plannedDate" && !next.plannedDate) next.plannedDate = e.message;
        if (!next.plannedDate && !next.reason) next.form = e.message;
        setErrors(next);
      },
    }),
  );
  return (
    <Dialog open={administration !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (administration) mutation.mutate({ administrationId: administration.id, plannedDate: date, reason });
          }}
          className="space-y-4"
        >
          <DialogHeader>
            <DialogTitle>Reschedule infusion {administration?.sequence}</DialogTitle>
            <DialogDescription>Planned on {administration?.plannedDate}. It stays between the infusions before and after it.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor="reschedule-date">New date</Label>
            <Input id="reschedule-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={!!errors.plannedDate} />
            {errors.plannedDate ? <p className="text-sm text-destructive">{errors.plannedDate}</p> : null}
          </div>
          <div className="grid gap-2">
            <Label htmlFor="reschedule-reason">Reason</Label>
            <Textarea id="reschedule-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} aria-invalid={!!errors.reason} />
            {errors.reason ? <p className="text-sm text-destructive">{errors.reason}</p> : null}
          </div>
          {errors.form ? <p className="text-sm text-destructive">{errors.form}</p> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              Reschedule
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
