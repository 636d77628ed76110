"use client";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type * as React from "react";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { DataTablePagination } from "./data-table-pagination";
import type { UrlListState } from "./use-url-list-state";

export interface DataTableColumn<T, S extends string = string> {
  /** Stable id (React key, data-column attribute). */
  id: string;
  header: React.ReactNode;
  cell: (row: T) => React.ReactNode;
  /** When set, the header is a button that sorts the server query by this key. */
  sortKey?: S;
  /** Classes for the body cells and the header cell (e.g. "text-right", "w-32"). */
  className?: string;
  headerClassName?: string;
}

/** The page a list procedure returns (server/api/list-params.ts zPage). */
export interface DataTablePage<T> {
  items: T[];
  total: number;
  /** the total was counted up to a cap: a lower bound, shown as "10,000+" */
  totalCapped?: boolean | undefined;
  page: number;
  pageSize: number;
}

export interface DataTableProps<T, S extends string, F extends string> {
  columns: readonly DataTableColumn<T, S>[];
  /** The list procedure's current result; undefined while the first page loads. */
  data: DataTablePage<T> | undefined;
  state: UrlListState<S, F>;
  getRowKey: (row: T) => string;
  /** Accessible name of the table (visually hidden caption). */
  label: string;
  /** Shown instead of the rows when the page is empty (differentiate "no data" from "no match" yourself). */
  empty: React.ReactNode;
  error?: { message: string } | null;
  /** True while a new page/sort/search is being fetched (the previous rows stay, dimmed). */
  isFetching?: boolean;
  /** Per-row attributes, e.g. a data-testid. */
  rowProps?: (
    row: T,
  ) => React.ComponentProps<typeof TableRow> & { [data: `data-${string}`]: string | undefined };
}

/**
 * A server-paginated, sortable table whose state lives in the URL (useUrlListState). It renders what
 * the server returned: no client-side sorting or slicing. See components/data-table/README.md.
 */
export function DataTable<T, S extends string, F extends string = never>({
  columns,
  data,
  state,
  getRowKey,
  label,
  empty,
  error,
  isFetching,
  rowProps,
}: DataTableProps<T, S, F>) {
  if (error) {
    return (
      <p role="alert" className="text-sm text-destructive">
        Could not load the list: {error.message}
      </p>
    );
  }
  if (!data) {
    return (
      <div className="space-y-2" role="status" aria-busy="true" aria-label={`Loading ${label}`}>
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  const showEmpty = data.items.length === 0;
  return (
    <div className="space-y-3" data-slot="data-table">
      {showEmpty && data.total === 0 ? (
        empty
      ) : (
        <Table
          aria-busy={isFetching || undefined}
          className={cn(isFetching && "opacity-60 transition-opacity")}
        >
          <TableCaption className="sr-only">{label}</TableCaption>
          <TableHeader>
            <TableRow>
              {columns.map((c) => (
                <SortableHead key={c.id} column={c} state={state} />
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {showEmpty ? (
              <TableRow>
                <TableCell colSpan={columns.length} className="py-8 text-center text-muted-foreground">
                  This page is past the end of the list.
                </TableCell>
              </TableRow>
            ) : (
              data.items.map((row) => (
                <TableRow key={getRowKey(row)} {...rowProps?.(row)}>
                  {columns.map((c) => (
                    <TableCell key={c.id} data-column={c.id} className={c.className}>
                      {c.cell(row)}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      )}
      {data.total > 0 || data.page > 1 ? (
        <DataTablePagination state={state} total={data.total} totalCapped={data.totalCapped} shown={data.items.length} />
      ) : null}
    </div>
  );
}

function SortableHead<T, S extends string, F extends string>({
  column,
  state,
}: {
  column: DataTableColumn<T, S>;
  state: UrlListState<S, F>;
}) {
  if (!column.sortKey) {
    return <TableHead className={column.headerClassName}>{column.header}</TableHead>;
  }
  const key = column.sortKey;
  const active = state.sort === key;
  const Icon = !active ? ArrowUpDown : state.dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead
      className={column.headerClassName}
      aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        className="-ml-2 inline-flex items-center gap-1 rounded-md px-2 py-1 hover:bg-muted focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
        onClick={() => state.toggleSort(key)}
      >
        {column.header}
        <Icon aria-hidden className={cn("size-3.5", !active && "opacity-40")} />
        <span className="sr-only">
          {active
            ? `, sorted ${state.dir === "asc" ? "ascending" : "descending"}. Click to reverse.`
            : ", click to sort."}
        </span>
      </button>
    </TableHead>
  );
}
