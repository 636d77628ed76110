import { COVERAGE_PRIORITIES, type CoveragePriority } from "./codes";

/** What coverage rules need of a coverage row: dates are ISO `YYYY-MM-DD`, `endDate` null = open-ended. */
export interface CoveragePeriod {
  priority: CoveragePriority;
  effectiveDate: string;
  endDate: string | null;
}

export type CoverageInForce<C> = Partial<Record<CoveragePriority, C>>;

/** True when the coverage is in force on the date: effective ≤ date ≤ end (both days inclusive). */
export function isInForce(c: Pick<CoveragePeriod, "effectiveDate" | "endDate">, date: string): boolean {
  return c.effectiveDate <= date && (c.endDate === null || date <= c.endDate);
}

/**
 * The primary, secondary and tertiary coverage in force on a date of service. ISO dates compare as
 * strings. Overlaps of one priority are refused on write, but should old data hold two, the one that
 * started later wins (it is the more recent information).
 */
export function coverageOn<C extends CoveragePeriod>(
  coverages: readonly C[],
  dateOfService: string,
): CoverageInForce<C> {
  const out: CoverageInForce<C> = {};
  for (const c of coverages) {
    if (!isInForce(c, dateOfService)) continue;
    const current = out[c.priority];
    if (!current || c.effectiveDate > current.effectiveDate) out[c.priority] = c;
  }
  return out;
}

/** Two closed date ranges overlap; a null end is open-ended. */
export function periodsOverlap(
  a: Pick<CoveragePeriod, "effectiveDate" | "endDate">,
  b: Pick<CoveragePeriod, "effectiveDate" | "endDate">,
): boolean {
  return (
    (b.endDate === null || a.effectiveDate <= b.endDate) &&
    (a.endDate === null || b.effectiveDate <= a.endDate)
  );
}

/** The first existing coverage of the same priority whose dates overlap the candidate's, if any. */
export function findOverlappingCoverage<C extends CoveragePeriod & { id: string }>(
  existing: readonly C[],
  candidate: CoveragePeriod & { id?: string },
): C | undefined {
  return existing.find(
    (c) => c.id !== candidate.id && c.priority === candidate.priority && periodsOverlap(c, candidate),
  );
}

/** Sort for display: priority order, then the most recent first. */
export function compareCoverages(a: CoveragePeriod, b: CoveragePeriod): number {
  const p = COVERAGE_PRIORITIES.indexOf(a.priority) - COVERAGE_PRIORITIES.indexOf(b.priority);
  if (p !== 0) return p;
  return a.effectiveDate < b.effectiveDate ? 1 : a.effectiveDate > b.effectiveDate ? -1 : 0;
}
