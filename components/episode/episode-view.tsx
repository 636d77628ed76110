"use client";
import { CalendarClock, ClipboardCheck, FileText, Flag, Landmark, Stethoscope, TriangleAlert, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { AdministrationStatusBadge, OrderStatusBadge } from "@/components/orders/order-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { TEpisode, TTimelineEntry } from "@/server/api/routers/episode/schemas";
import { ruleLabel } from "@/server/domain/billing/rules";
import type { TimelineKind } from "@/server/domain/episode/timeline";
import { NOT_GIVEN_LABELS } from "@/server/domain/workflow/administration";
import { formatDateTime } from "@/server/domain/format";

const KIND_ICON: Record<TimelineKind, LucideIcon> = {
  order: FileText,
  schedule: CalendarClock,
  documentation: Stethoscope,
  finding: TriangleAlert,
  status: ClipboardCheck,
  other: Flag,
};

/** Later work fills these; until then each says what will appear. */
const PLACEHOLDERS: { key: string; title: string; icon: LucideIcon; description: string }[] = [
  { key: "remittance", title: "Remittance", icon: Landmark, description: "What the payer paid, adjusted or left to the patient (from the 835) will appear here once remittances are posted." },
  { key: "denial", title: "Denial", icon: TriangleAlert, description: "A denial of this claim, its reason codes and the appeal will appear here once denials are worked." },
];

const when = (d: Date): string => formatDateTime(d);

/** The administration's whole life: who it is for, what blocks billing, the timeline, and what comes later. */
export function EpisodeView({
  episode,
  claimCard,
  authorizationCard,
}: {
  episode: TEpisode;
  /** the infusion's claim (claims area) */ claimCard?: React.ReactNode;
  /** the authorization that covers it (prior-auth area) */ authorizationCard?: React.ReactNode;
}) {
  const { administration: a, order: o, patient: p } = episode;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Infusion {a.sequence} ({a.cycleLabel})</CardTitle>
          <CardDescription>{o.indicationName}</CardDescription>
          <CardAction>
            <Button asChild variant="outline" size="sm">
              <Link href={`/administrations/${a.id}`}>Documentation</Link>
            </Button>
          </CardAction>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3" data-testid="episode-summary">
            <Item label="Patient">
              <Link href={`/patients/${p.id}`} className="underline-offset-4 hover:underline">
                {p.lastName}, {p.firstName}
              </Link>{" "}
              <span className="font-mono text-xs text-muted-foreground">MRN {p.mrn}</span>
            </Item>
            <Item label="Status">
              <span data-testid="episode-status">
                <AdministrationStatusBadge status={a.status} />
              </span>
              {a.notGivenReason ? <span className="ml-2 text-muted-foreground">{NOT_GIVEN_LABELS[a.notGivenReason]}</span> : null}
            </Item>
            <Item label="Order">
              <Link href={`/orders/${o.id}`} className="underline-offset-4 hover:underline">
                Started {o.startDate}
              </Link>{" "}
              <OrderStatusBadge status={o.status} />
            </Item>
            <Item label="Planned">
              {a.plannedDate}
              {a.plannedDate !== a.originalPlannedDate ? <span className="text-muted-foreground"> (first planned {a.originalPlannedDate})</span> : null}
            </Item>
            <Item label="Given">{a.actualDate ?? <span className="text-muted-foreground">Not documented</span>}</Item>
            <Item label="Documentation">{episode.documentation.currentVersion ? `Version ${episode.documentation.currentVersion} of ${episode.documentation.versions}` : <span className="text-muted-foreground">None yet</span>}</Item>
            <Item label="Location">{o.locationName}</Item>
            <Item label="Ordering provider">{o.orderingProviderName}</Item>
          </dl>
        </CardContent>
      </Card>

      {episode.findings.length > 0 || episode.blockers.length > 0 ? (
        <Card data-testid="episode-findings">
          <CardHeader>
            <CardTitle asHeading="h2">Findings of the current documentation</CardTitle>
            <CardDescription>
              {episode.blockers.length ? `Not ready for billing: ${episode.blockers.join("; ")}.` : "Nothing blocks billing."}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="space-y-2 text-sm">
              {episode.findings.map((f) => (
                <li key={`${f.rule}-${f.message}`} className="flex flex-wrap items-start gap-2">
                  <Badge variant={f.severity === "error" ? "destructive" : f.severity === "warning" ? "warning" : "secondary"}>{f.severity}</Badge>
                  <span className="text-xs font-medium" title={`Rule ${f.rule}`}>
                    {ruleLabel(f.rule)}
                  </span>
                  <span className="flex-1">{f.message}</span>
                  {f.severity === "warning" ? <span className="text-muted-foreground">{f.acknowledged ? "Acknowledged" : "Not acknowledged"}</span> : null}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Timeline</CardTitle>
          <CardDescription>Oldest first. Every entry says who did it and when.</CardDescription>
        </CardHeader>
        <CardContent>
          <ol className="relative space-y-5 border-l pl-6" data-testid="episode-timeline">
            {episode.entries.map((e) => (
              <TimelineItem key={e.key} entry={e} />
            ))}
          </ol>
        </CardContent>
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        {claimCard}
        {authorizationCard}
        {PLACEHOLDERS.map((s) => (
          <Card key={s.key} data-testid={`episode-${s.key}`}>
            <CardHeader>
              <CardTitle asHeading="h2">{s.title}</CardTitle>
            </CardHeader>
            <CardContent>
              <EmptyState icon={s.icon} title={`No ${s.title.toLowerCase()} yet`} description={s.description} headingLevel="h3" />
            </CardContent>
          </Card>
        ))}
      </div>
    </div>
  );
}

function TimelineItem({ entry: e }: { entry: TTimelineEntry }) {
  const Icon = KIND_ICON[e.kind];
  return (
    <li className="relative" data-testid="timeline-entry" data-action={e.action}>
      <span className="absolute top-0.5 -left-[2.05rem] flex size-6 items-center justify-center rounded-full border bg-background">
        <Icon aria-hidden className="size-3.5 text-muted-foreground" />
      </span>
      <p className="font-medium">{e.title}</p>
      <p className="text-sm text-muted-foreground">
        {e.actorName ?? (e.source === "record" ? "Recorded on the record (no audit entry)" : "System")} ·{" "}
        <time dateTime={e.at.toISOString()} suppressHydrationWarning>
          {when(e.at)}
        </time>
      </p>
      {e.detail ? <p className="text-sm">{e.detail}</p> : null}
      {e.reason ? <p className="text-sm">Reason: {e.reason}</p> : null}
      {e.items.length ? (
        <ul className="mt-1 list-disc pl-5 text-sm">
          {e.items.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      ) : null}
    </li>
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
