import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { WORKLIST_SLUGS, WORKLIST_TITLES, WORKLISTS, type TWorklist } from "@/server/api/routers/worklists/schemas";

/** The three worklists as tabs (links: each list has its own URL and filters). */
export function WorklistTabs({ current }: { current: TWorklist }) {
  return (
    <nav aria-label="Worklists" className="inline-flex rounded-lg bg-muted p-1 text-sm">
      {WORKLISTS.map((l) => (
        <Link
          key={l}
          href={`/worklists/${WORKLIST_SLUGS[l]}`}
          aria-current={l === current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors hover:text-foreground",
            l === current && "bg-background text-foreground shadow-sm",
          )}
        >
          {WORKLIST_TITLES[l].title}
        </Link>
      ))}
    </nav>
  );
}
