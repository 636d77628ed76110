"use client";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { PAGE_SIZES } from "@/server/api/list-params";
import { paginationView } from "./pagination";
import type { UrlListState } from "./use-url-list-state";

/**
 * "n–m of N", the page-size selector and previous/next. With `totalCapped` the total is a lower
 * bound ("1–25 of 10,000+"): no last page is shown and Next stays enabled while pages come back full.
 */
export function DataTablePagination<S extends string, F extends string>({
  state,
  total,
  totalCapped,
  shown,
}: {
  state: UrlListState<S, F>;
  total: number;
  /** the server counted up to `total` and stopped: the list holds at least that many rows */
  totalCapped?: boolean | undefined;
  /** rows on the current page */
  shown: number;
}) {
  const id = useId();
  const view = paginationView({ page: state.page, pageSize: state.pageSize, total, totalCapped, shown });
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite" data-testid="data-table-range" className="text-muted-foreground">
        {view.range}
      </p>
      <div className="flex items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={`${id}-size`} className="text-muted-foreground">
            Rows per page
          </label>
          <NativeSelect
            id={`${id}-size`}
            wrapperClassName="w-20"
            value={String(state.pageSize)}
            onChange={(e) => state.setPageSize(Number(e.target.value))}
          >
            {PAGE_SIZES.map((s) => (
              <NativeSelectOption key={s} value={s}>
                {s}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <span className="text-muted-foreground">{view.pageLabel}</span>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label="Previous page"
          disabled={view.prevDisabled}
          onClick={() => state.setPage(view.lastPage === null ? state.page - 1 : Math.min(state.page - 1, view.lastPage))}
        >
          <ChevronLeft aria-hidden />
        </Button>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label="Next page"
          disabled={view.nextDisabled}
          onClick={() => state.setPage(state.page + 1)}
        >
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
