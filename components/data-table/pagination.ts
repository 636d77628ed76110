/**
 * What the pagination bar says and allows, from the page the server returned (pure: the component
 * renders it, tests/unit/data-table checks it).
 *
 * A capped total (`totalCapped`: the list counted its rows only up to `total`) is a lower bound: the
 * range reads "1–25 of 10,000+", no last page is claimed beyond what is known, and Next stays enabled
 * while a full page came back (a short page is the end of the list).
 */
export interface PaginationInput {
  page: number;
  pageSize: number;
  total: number;
  totalCapped?: boolean | undefined;
  /** rows on the current page */
  shown: number;
}

export interface PaginationView {
  /** "1–25 of 1,234", "26–50 of 10,000+", "0 of 0" */
  range: string;
  /** "Page 2 of 50", "Page 401" (capped: the number of pages is not known) */
  pageLabel: string;
  /** the last page when it is known */
  lastPage: number | null;
  prevDisabled: boolean;
  nextDisabled: boolean;
}

const count = new Intl.NumberFormat("en-US");

/** A list's total as the pages show it: "1,234", or "10,000+" when it was counted only up to its cap. */
export function formatTotal(total: number, capped = false): string {
  return `${count.format(total)}${capped ? "+" : ""}`;
}

export function paginationView({ page, pageSize, total, totalCapped = false, shown }: PaginationInput): PaginationView {
  const first = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = shown === 0 ? 0 : first + shown - 1;
  const of = formatTotal(total, totalCapped);
  if (totalCapped) {
    // Past the cap the rows seen so far are the better lower bound.
    const known = Math.max(total, last);
    const ofKnown = formatTotal(known, true);
    return {
      range: shown === 0 ? `0 of ${of}` : `${count.format(first)}–${count.format(last)} of ${shown < pageSize ? count.format(last) : ofKnown}`,
      pageLabel: `Page ${page}`,
      lastPage: shown < pageSize ? page : null,
      prevDisabled: page <= 1,
      nextDisabled: shown < pageSize,
    };
  }
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return {
    range: shown === 0 ? `0 of ${of}` : `${count.format(first)}–${count.format(last)} of ${of}`,
    pageLabel: `Page ${Math.min(page, lastPage)} of ${lastPage}`,
    lastPage,
    prevDisabled: page <= 1,
    nextDisabled: page >= lastPage,
  };
}
