"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarClock, Plus } from "lucide-react";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PatientOrdersCard } from "@/components/orders/patient-orders-card";
import { PatientAuthorizationsCard } from "@/components/prior-auths/patient-authorizations-card";
import { PatientAdministrationsCard } from "./patient-administrations-card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import type { TCoverage, TPatientWithCoverages } from "@/server/api/routers/patients/schemas";
import {
  COVERAGE_PRIORITIES,
  COVERAGE_PRIORITY_LABELS,
  SEX_LABELS,
  SUBSCRIBER_RELATIONSHIP_LABELS,
} from "@/server/domain/patients/codes";
import { coverageOn } from "@/server/domain/patients/coverage";
import { ageOn, isoDateOf } from "@/server/domain/patients/demographics";
import { CoverageDialog } from "./coverage-dialog";
import { formatUsPhone, formatZip, usDate } from "./format";

/** The patient page below the header: demographics, coverages, and (later) orders and administrations. */
export function PatientDetail({ initial, canWrite }: { initial: TPatientWithCoverages; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const input = { patientId: initial.id };
  const { data } = useQuery(trpc.patients.get.queryOptions(input, { initialData: initial }));
  const p = data ?? initial;
  const today = isoDateOf(new Date());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.patients.get.queryKey(input) });

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Demographics</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3" data-testid="patient-demographics">
            <Item label="MRN">
              <span className="font-mono">{p.mrn}</span>
            </Item>
            <Item label="Date of birth">
              {usDate(p.dateOfBirth)}{" "}
              <span className="text-muted-foreground">(age {ageOn(p.dateOfBirth, today)})</span>
            </Item>
            <Item label="Sex">{SEX_LABELS[p.sex]}</Item>
            <Item label="Address">
              {p.addressLine1}
              {p.addressLine2 ? <>, {p.addressLine2}</> : null}
              <br />
              {p.city}, {p.state} {formatZip(p.zip)}
            </Item>
            <Item label="Phone">
              {p.phone ? formatUsPhone(p.phone) : <span className="text-muted-foreground">None</span>}
            </Item>
          </dl>
        </CardContent>
      </Card>

      <CoveragesCard
        patientId={p.id}
        coverages={p.coverages}
        today={today}
        canWrite={canWrite}
        onChanged={refresh}
      />

      <PatientOrdersCard patientId={p.id} canWrite={canWrite} />
      <PatientAdministrationsCard patientId={p.id} />
      <PatientAuthorizationsCard patientId={p.id} today={new Date().toISOString().slice(0, 10)} />
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

function status(
  c: TCoverage,
  today: string,
): { label: string; variant: "success" | "secondary" | "outline" } {
  if (c.effectiveDate > today) return { label: "Future", variant: "outline" };
  if (c.endDate !== null && c.endDate < today) return { label: "Ended", variant: "secondary" };
  return { label: "In force", variant: "success" };
}

function CoveragesCard({
  patientId,
  coverages,
  today,
  canWrite,
  onChanged,
}: {
  patientId: string;
  coverages: TCoverage[];
  today: string;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const inForce = coverageOn(coverages, today);
  const nextPriority = COVERAGE_PRIORITIES.find((p) => !inForce[p]) ?? "primary";
  return (
    <Card>
      <CardHeader>
        <CardTitle asHeading="h2">Coverage</CardTitle>
        <CardDescription>
          {inForce.primary
            ? `Claims for today's services would go to ${inForce.primary.payerName}.`
            : "No primary coverage is in force today."}
        </CardDescription>
        {canWrite ? (
          <CardAction>
            <CoverageDialog
              patientId={patientId}
              suggestedPriority={nextPriority}
              onSaved={onChanged}
              trigger={(open) => (
                <Button size="sm" onClick={open}>
                  <Plus aria-hidden /> Add coverage
                </Button>
              )}
            />
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent>
        {coverages.length === 0 ? (
          <EmptyState
            icon={CalendarClock}
            title="No coverage on file"
            description={
              canWrite
                ? "Add the patient's insurance: the primary coverage is billed first."
                : "A biller adds the patient's insurance here."
            }
          />
        ) : (
          <Table aria-label="Coverages">
            <TableHeader>
              <TableRow>
                <TableHead>Priority</TableHead>
                <TableHead>Payer</TableHead>
                <TableHead>Member id</TableHead>
                <TableHead>Group</TableHead>
                <TableHead>Subscriber</TableHead>
                <TableHead>Dates</TableHead>
                <TableHead>Status</TableHead>
                {canWrite ? <TableHead className="text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {coverages.map((c) => {
                const s = status(c, today);
                return (
                  <TableRow key={c.id} data-testid={`coverage-row-${c.priority}`}>
                    <TableCell>{COVERAGE_PRIORITY_LABELS[c.priority]}</TableCell>
                    <TableCell>
                      <div className="font-medium">{c.payerName}</div>
                      {c.planName ? <div className="text-muted-foreground">{c.planName}</div> : null}
                    </TableCell>
                    <TableCell className="font-mono">{c.memberId}</TableCell>
                    <TableCell>{c.groupNumber ?? ""}</TableCell>
                    <TableCell>
                      {c.relationship === "self" ? (
                        "Self"
                      ) : (
                        <>
                          {c.subscriberLastName}, {c.subscriberFirstName}{" "}
                          <span className="text-muted-foreground">
                            ({SUBSCRIBER_RELATIONSHIP_LABELS[c.relationship].toLowerCase()})
                          </span>
                        </>
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {usDate(c.effectiveDate)} – {c.endDate ? usDate(c.endDate) : "open"}
                    </TableCell>
                    <TableCell>
                      <Badge variant={s.variant}>{s.label}</Badge>
                    </TableCell>
                    {canWrite ? (
                      <TableCell className="space-x-2 text-right whitespace-nowrap">
                        <CoverageDialog
                          patientId={patientId}
                          coverage={c}
                          onSaved={onChanged}
                          trigger={(open) => (
                            <Button
                              size="sm"
                              variant="outline"
                              onClick={open}
                              aria-label={`Edit ${c.priority} coverage ${c.payerName}`}
                            >
                              Edit
                            </Button>
                          )}
                        />
                        {c.endDate === null || c.endDate >= today ? (
                          <EndCoverageButton coverage={c} today={today} onEnded={onChanged} />
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function EndCoverageButton({
  coverage,
  today,
  onEnded,
}: {
  coverage: TCoverage;
  today: string;
  onEnded: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const initialEnd = coverage.endDate ?? (today >= coverage.effectiveDate ? today : coverage.effectiveDate);
  const [endDate, setEndDate] = useState(initialEnd);
  const [error, setError] = useState<string | null>(null);
  const end = useMutation(trpc.patients.coverage.end.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button
          size="sm"
          variant="outline"
          aria-label={`End ${coverage.priority} coverage ${coverage.payerName}`}
        >
          End
        </Button>
      }
      title={`End the ${coverage.priority} coverage with ${coverage.payerName}?`}
      description="The coverage stays on file for claims of earlier dates; it is not in force after the last day."
      confirmLabel="End coverage"
      variant="destructive"
      confirmDisabled={!endDate}
      onOpenChange={(o) => {
        if (o) {
          setEndDate(initialEnd);
          setError(null);
        }
      }}
      onConfirm={async () => {
        try {
          await end.mutateAsync({ coverageId: coverage.id, endDate, expectedUpdatedAt: coverage.updatedAt });
          toast({ title: "Coverage ended", description: `Last day: ${usDate(endDate)}`, variant: "success" });
          onEnded();
        } catch (e) {
          setError(e instanceof Error ? e.message : "Could not end the coverage.");
          return false;
        }
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor={`${id}-end`}>Last day in force</Label>
        <Input
          id={`${id}-end`}
          type="date"
          value={endDate}
          min={coverage.effectiveDate}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => setEndDate(e.target.value)}
        />
        {error ? (
          <p id={`${id}-err`} className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
