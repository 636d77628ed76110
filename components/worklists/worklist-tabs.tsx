import Link from "next/link";
import { formatTotal } from "@/components/data-table/pagination";
import { cn } from "@/components/ui/cn";
import { WORKLIST_SLUGS, WORKLIST_TITLES, WORKLISTS, type TWorklist, type TWorklistCounts } from "@/server/api/routers/worklists/schemas";

/** The worklists as tabs (links: each list has its own URL and filters), each with how many items it holds ("10,000+" above the count's cap). */
export function WorklistTabs({ current, counts }: { current: TWorklist; counts?: TWorklistCounts | undefined }) {
  return (
    <nav aria-label="Worklists" className="inline-flex rounded-lg bg-muted p-1 text-sm">
      {WORKLISTS.map((l) => (
        <Link
          key={l}
          href={`/worklists/${WORKLIST_SLUGS[l]}`}
          aria-current={l === current ? "page" : undefined}
          data-testid={`worklist-tab-${WORKLIST_SLUGS[l]}`}
          className={cn(
            "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors hover:text-foreground",
            l === current && "bg-background text-foreground shadow-sm",
          )}
        >
          {WORKLIST_TITLES[l].title}
          {counts ? (
            <span className="rounded-full bg-background/80 px-1.5 text-xs tabular-nums text-foreground" data-testid="worklist-tab-count" title={l === "due" ? "Scheduled or under way in the next 7 days" : undefined}>
              {formatTotal(counts[l], counts.capped[l])}
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
