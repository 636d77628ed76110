"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type SortDirection } from "@/server/api/list-params";

export interface UrlListOptions<S extends string, F extends string> {
  /** The sort keys the list procedure accepts; anything else in the URL falls back to the default. */
  sortKeys: readonly S[];
  defaults: { sort: S; dir: SortDirection; pageSize?: number };
  /** Extra URL params this list reads as filters (e.g. "status", "from"). */
  filterKeys?: readonly F[];
}

export interface UrlListState<S extends string = string, F extends string = never> {
  page: number;
  pageSize: number;
  sort: S;
  dir: SortDirection;
  q: string;
  filters: Partial<Record<F, string>>;
  /** The input for the list procedure: page, pageSize, sort, dir, q (if any) and the filters set. */
  params: { page: number; pageSize: number; sort: S; dir: SortDirection; q?: string } & Partial<
    Record<F, string>
  >;
  /** The same state as a query string without page and pageSize, for CSV export links. */
  exportQuery: string;
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  /** Sort by a key: the same key again flips the direction; a new key starts ascending. */
  toggleSort: (key: S) => void;
  setQuery: (q: string) => void;
  setFilter: (key: F, value: string | null | undefined) => void;
  /** Back to the defaults: no search, no filters, first page. */
  reset: () => void;
}

const CORE = ["page", "pageSize", "sort", "dir", "q"];

/**
 * The state of a server-paginated list, kept in the URL (so a view can be bookmarked, shared, and
 * survives reload and back/forward). Writes use router.replace: paging does not fill the history.
 * Values equal to the defaults are left out of the URL. Changing the search, a filter or the page
 * size goes back to page 1. Needs a <Suspense> boundary above it (useSearchParams).
 */
export function useUrlListState<S extends string, F extends string = never>(
  opts: UrlListOptions<S, F>,
): UrlListState<S, F> {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const defaultPageSize = opts.defaults.pageSize ?? DEFAULT_PAGE_SIZE;
  const { sortKeys, filterKeys } = opts;
  const defaultSort = opts.defaults.sort;
  const defaultDir = opts.defaults.dir;

  const state = useMemo(() => {
    const pageRaw = Number.parseInt(search.get("page") ?? "", 10);
    const page = Number.isFinite(pageRaw) && pageRaw >= 1 ? pageRaw : 1;
    const sizeRaw = Number.parseInt(search.get("pageSize") ?? "", 10);
    const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeRaw) ? sizeRaw : defaultPageSize;
    const sortRaw = search.get("sort");
    const sort = sortRaw && (sortKeys as readonly string[]).includes(sortRaw) ? (sortRaw as S) : defaultSort;
    const dirRaw = search.get("dir");
    const dir: SortDirection = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sortRaw ? "asc" : defaultDir;
    const q = (search.get("q") ?? "").trim();
    const filters: Partial<Record<F, string>> = {};
    for (const k of filterKeys ?? []) {
      const v = search.get(k);
      if (v) filters[k] = v;
    }
    return { page, pageSize, sort, dir, q, filters };
  }, [search, sortKeys, filterKeys, defaultPageSize, defaultSort, defaultDir]);

  const write = useCallback(
    (next: {
      page: number;
      pageSize: number;
      sort: S;
      dir: SortDirection;
      q: string;
      filters: Partial<Record<F, string>>;
    }) => {
      const p = new URLSearchParams();
      // Keep params that belong to someone else (tabs, dialogs) untouched.
      for (const [k, v] of search) {
        if (!CORE.includes(k) && !(filterKeys as readonly string[] | undefined)?.includes(k)) p.append(k, v);
      }
      if (next.q) p.set("q", next.q);
      for (const [k, v] of Object.entries(next.filters) as [string, string | undefined][]) if (v) p.set(k, v);
      if (next.sort !== defaultSort || next.dir !== defaultDir) {
        p.set("sort", next.sort);
        p.set("dir", next.dir);
      }
      if (next.pageSize !== defaultPageSize) p.set("pageSize", String(next.pageSize));
      if (next.page > 1) p.set("page", String(next.page));
      const qs = p.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, search, filterKeys, defaultSort, defaultDir, defaultPageSize],
  );

  return useMemo(() => {
    const params = {
      page: state.page,
      pageSize: state.pageSize,
      sort: state.sort,
      dir: state.dir,
      ...(state.q ? { q: state.q } : {}),
      ...state.filters,
    } as UrlListState<S, F>["params"];
    const exp = new URLSearchParams();
    if (state.q) exp.set("q", state.q);
    for (const [k, v] of Object.entries(state.filters) as [string, string | undefined][])
      if (v) exp.set(k, v);
    exp.set("sort", state.sort);
    exp.set("dir", state.dir);
    return {
      ...state,
      params,
      exportQuery: exp.toString(),
      setPage: (page) => write({ ...state, page: Math.max(1, Math.floor(page)) }),
      setPageSize: (pageSize) => write({ ...state, pageSize, page: 1 }),
      toggleSort: (key) =>
        write({
          ...state,
          sort: key,
          dir: key === state.sort && state.dir === "asc" ? "desc" : "asc",
          page: 1,
        }),
      setQuery: (q) => {
        if (q.trim() !== state.q) write({ ...state, q: q.trim(), page: 1 });
      },
      setFilter: (key, value) =>
        write({ ...state, filters: { ...state.filters, [key]: value || undefined }, page: 1 }),
      reset: () =>
        write({ page: 1, pageSize: defaultPageSize, sort: defaultSort, dir: defaultDir, q: "", filters: {} }),
    } satisfies UrlListState<S, F>;
  }, [state, write, defaultPageSize, defaultSort, defaultDir]);
}
