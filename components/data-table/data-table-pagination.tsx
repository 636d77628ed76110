"use client";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { PAGE_SIZES } from "@/server/api/list-params";
import type { UrlListState } from "./use-url-list-state";

const count = new Intl.NumberFormat("en-US");

/** "n–m of N", the page-size selector and previous/next. */
export function DataTablePagination<S extends string, F extends string>({
  state,
  total,
  shown,
}: {
  state: UrlListState<S, F>;
  total: number;
  /** rows on the current page */
  shown: number;
}) {
  const id = useId();
  const first = shown === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const last = shown === 0 ? 0 : first + shown - 1;
  const lastPage = Math.max(1, Math.ceil(total / state.pageSize));
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite" data-testid="data-table-range" className="text-muted-foreground">
        {shown === 0
          ? `0 of ${count.format(total)}`
          : `${count.format(first)}–${count.format(last)} of ${count.format(total)}`}
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
        <span className="text-muted-foreground">
          Page {Math.min(state.page, lastPage)} of {lastPage}
        </span>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label="Previous page"
          disabled={state.page <= 1}
          onClick={() => state.setPage(Math.min(state.page - 1, lastPage))}
        >
          <ChevronLeft aria-hidden />
        </Button>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label="Next page"
          disabled={state.page >= lastPage}
          onClick={() => state.setPage(state.page + 1)}
        >
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
