import { AlertTriangle, CircleX, Info } from "lucide-react";
import { FixLink, type FixContext } from "@/components/findings/fix-link";
import { cn } from "@/components/ui/cn";
import type { TOrderFinding } from "@/server/api/routers/orders/schemas";
import { ruleLabel } from "@/server/domain/billing/rules";

const ICON = { error: CircleX, warning: AlertTriangle, info: Info } as const;
const TONE = {
  error: "border-destructive/40 bg-destructive/5 text-destructive",
  warning: "border-warning/50 bg-warning/10",
  info: "border-border bg-muted/50 text-muted-foreground",
} as const;
const LABEL = { error: "Error", warning: "Warning", info: "Note" } as const;

/**
 * Findings of the order checks, shown next to the field they belong to; `action` puts a finding's action
 * beside it; away from the form (`fix` given) each links to its field in the order form (a draft) or to
 * the order.
 */
export function OrderFindings({
  findings,
  className,
  action,
  fix,
}: {
  findings: readonly TOrderFinding[];
  className?: string;
  action?: (f: TOrderFinding) => React.ReactNode;
  fix?: FixContext;
}) {
  if (findings.length === 0) return null;
  return (
    <ul className={cn("space-y-1", className)} data-slot="order-findings">
      {findings.map((f, i) => {
        const Icon = ICON[f.severity];
        return (
          <li
            key={`${f.rule}-${f.field}-${i}`}
            className={cn("flex gap-2 rounded-md border px-2 py-1.5 text-sm", TONE[f.severity])}
            data-severity={f.severity}
            data-rule={f.rule}
          >
            <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              <span className="sr-only">{LABEL[f.severity]}: </span>
              <span className="text-xs font-medium" title={`Rule ${f.rule}`}>
                {ruleLabel(f.rule)}:
              </span>{" "}
              {f.message}
              {f.suggestedFix ? <span className="block text-xs opacity-80">{f.suggestedFix}</span> : null}
              {fix && f.severity !== "info" ? (
                <span className="block text-xs">
                  <FixLink finding={{ rule: f.rule, category: "", message: f.message, field: f.field }} ctx={fix} />
                </span>
              ) : null}
              {action ? action(f) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Findings whose field is `prefix` or below it (diagnoses → diagnoses, diagnoses.0 …). */
export function findingsFor(findings: readonly TOrderFinding[] | undefined, prefix: string): TOrderFinding[] {
  return (findings ?? []).filter((f) => f.field === prefix || f.field.startsWith(`${prefix}.`));
}
