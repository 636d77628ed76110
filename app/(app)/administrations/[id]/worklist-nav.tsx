import { ArrowLeft, ArrowRight } from "lucide-react";
import Link from "next/link";
import { searchParamsToObject } from "@/server/api/list-params";
import { WORKLIST_FILTER_KEYS, WORKLIST_SLUGS, WORKLIST_TITLES, worklistOfSlug, ZWorklistNextInput } from "@/server/api/routers/worklists/schemas";
import { serverCaller } from "@/server/api/server-caller";

/**
 * When the infusion was opened from a worklist (`?wl=<list>?<its filters and sort>&pos=<place>`):
 * back to that list, and the next item of it in the same filter and sort, so a biller works the
 * queue down without going back to it. A link that no longer parses shows nothing.
 */
export async function WorklistNav({ currentId, wl, pos }: { currentId: string; wl: string | undefined; pos: string | undefined }) {
  if (!wl) return null;
  const [slug, query = ""] = wl.split("?", 2) as [string, string?];
  const list = worklistOfSlug(slug);
  if (!list) return null;
  const parsed = ZWorklistNextInput.safeParse({
    ...searchParamsToObject(new URLSearchParams(query), ["q", "sort", "dir", ...WORKLIST_FILTER_KEYS]),
    list,
    page: 1,
    pageSize: 25,
    currentId,
    position: pos ?? "0",
  });
  if (!parsed.success) return null;
  const next = await (await serverCaller()).worklists.next(parsed.data);
  const back = `/worklists/${WORKLIST_SLUGS[list]}${query ? `?${query}` : ""}`;
  const nextHref = next ? `/administrations/${next.id}?${new URLSearchParams({ wl, pos: String(next.position) }).toString()}` : null;
  return (
    <nav aria-label="Worklist" className="flex items-center gap-4 text-sm" data-testid="worklist-nav">
      <Link href={back} className="inline-flex items-center gap-1 text-muted-foreground hover:underline">
        <ArrowLeft aria-hidden className="size-4" /> {WORKLIST_TITLES[list].title}
      </Link>
      {nextHref ? (
        <Link href={nextHref} className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline" data-testid="worklist-next">
          Next in worklist <ArrowRight aria-hidden className="size-4" />
        </Link>
      ) : (
        <span className="text-muted-foreground">Last item of this worklist</span>
      )}
    </nav>
  );
}
