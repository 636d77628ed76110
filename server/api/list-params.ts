import { z } from "zod";
import { zSearch } from "./zod-text";

/**
 * Shared input of every server-paginated list: page (1-based), pageSize (one of PAGE_SIZES), sort
 * (one of the list's sort keys), dir and a free-text q. The same schema parses tRPC input (numbers)
 * and URL search params (strings: the CSV route handlers and the data-table hook), so the table, the
 * procedure and the export always agree on what a URL means.
 *
 * Client-safe: no server-only import, the UI imports PAGE_SIZES and the types.
 */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];
/** Rows a CSV export may hold; a larger result asks the user to narrow the search. */
export const MAX_EXPORT_ROWS = 10_000;

export function zListParams<const S extends readonly [string, ...string[]]>(
  sortKeys: S,
  defaults: { sort: S[number]; dir: SortDirection },
) {
  return z.object({
    page: z.coerce
      .number({ error: "The page must be a number." })
      .int("The page must be a whole number.")
      .min(1, "Pages start at 1.")
      .max(100_000, "That page is out of range.")
      .default(1),
    pageSize: z.coerce
      .number({ error: "The page size must be a number." })
      .refine(
        (n) => (PAGE_SIZES as readonly number[]).includes(n),
        `The page size must be one of ${PAGE_SIZES.join(", ")}.`,
      )
      .default(DEFAULT_PAGE_SIZE),
    sort: z
      .enum(sortKeys, { error: `Sort by one of: ${sortKeys.join(", ")}.` })
      .default(defaults.sort as never),
    dir: z.enum(SORT_DIRECTIONS, { error: "The direction is asc or desc." }).default(defaults.dir),
    q: zSearch(100),
  });
}

/** The declared output of a list procedure. */
export function zPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    page: z.number().int().positive(),
    pageSize: z.number().int().positive(),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** URL search params → a plain object for a list schema (empty values dropped, first value wins). */
export function searchParamsToObject(
  params: URLSearchParams,
  keys?: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) {
    if (v === "" || k in out) continue;
    if (keys && !keys.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

/** SQL offset of a page. */
export function pageOffset(p: { page: number; pageSize: number }): number {
  return (p.page - 1) * p.pageSize;
}
