"use client";
import { AlertTriangle, CheckCircle2, CircleX, Info } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { TClaimDetail, TClaimFinding } from "@/server/api/routers/claims/schemas";
import { findingTopic } from "@/server/domain/claims/labels";
import { dateTime } from "./format";

const ICON = { error: CircleX, warning: AlertTriangle, info: Info } as const;
const TONE = {
  error: "border-destructive/40 bg-destructive/5",
  warning: "border-warning/50 bg-warning/10",
  info: "border-border bg-muted/40",
} as const;
const BADGE = { error: "destructive", warning: "warning", info: "outline" } as const;
const LABEL = { error: "Error", warning: "Warning", info: "Info" } as const;

export type FixTarget = { label: string; href: string } | { label: string; onClick: () => void };

function FixLink({ to }: { to: FixTarget | null }) {
  if (!to) return null;
  const cls = "ml-2 font-medium text-foreground underline underline-offset-4";
  return "href" in to ? (
    <Link href={to.href} className={cls} data-testid="finding-fix">
      {to.label}
    </Link>
  ) : (
    <button type="button" onClick={to.onClick} className={cls} data-testid="finding-fix">
      {to.label}
    </button>
  );
}

/**
 * Findings of the scrubber, each with its fix and its source. An open warning offers "Override"
 * (the reason is asked for and kept); an overridden one shows who overrode it and why; errors block
 * until the claim is edited.
 */
export function ClaimFindings({
  findings,
  overrides,
  canOverride,
  onOverride,
  compact,
  fixAt,
}: {
  findings: TClaimFinding[];
  overrides: TClaimDetail["overrides"];
  canOverride: boolean;
  onOverride: (f: TClaimFinding) => void;
  compact?: boolean;
  /** where the finding is fixed: a page to open or an action on this page (null: nowhere from here) */
  fixAt?: (f: TClaimFinding) => FixTarget | null;
}) {
  if (findings.length === 0) return null;
  return (
    <ul className={cn("space-y-1.5", compact && "text-xs")} data-testid="claim-findings">
      {findings.map((f) => {
        const Icon = ICON[f.severity];
        const o = f.overridden ? overrides.filter((x) => x.rule === f.rule).at(-1) : undefined;
        return (
          <li
            key={`${f.rule}-${f.fingerprint}`}
            className={cn("rounded-md border px-2.5 py-1.5 text-sm", TONE[f.severity])}
            data-rule={f.rule}
            data-severity={f.severity}
            data-testid="claim-finding"
          >
            <div className="flex items-start gap-2">
              <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
              <Badge variant={BADGE[f.severity]}>{LABEL[f.severity]}</Badge>
              <div className="min-w-0 flex-1">
                <p>
                  {f.message}{" "}
                  <span className="text-xs text-muted-foreground" title={`Rule ${f.rule}`}>
                    ({findingTopic(f.rule, f.category)})
                  </span>
                </p>
                {f.suggestedFix ? (
                  <p className="text-xs text-muted-foreground">
                    Fix: {f.suggestedFix.action}
                    {fixAt && f.severity !== "info" && !f.overridden ? <FixLink to={fixAt(f)} /> : null}
                  </p>
                ) : null}
                {o ? (
                  <p className="text-xs" data-testid="override-reason">
                    Overridden{o.userName ? ` by ${o.userName}` : ""} on {dateTime(o.createdAt)}: “{o.reason}”
                  </p>
                ) : null}
              </div>
              {f.overridden ? (
                <Badge variant="success">
                  <CheckCircle2 aria-hidden /> Overridden
                </Badge>
              ) : f.severity === "warning" && canOverride ? (
                <Button size="sm" variant="outline" className="h-7" onClick={() => onOverride(f)}>
                  Override…
                </Button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
