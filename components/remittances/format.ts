import { formatDateTime } from "@/server/domain/format";
import { dollars } from "@/server/domain/episode/timeline";

/** "$1,234.56" from integer cents (no floats). */
export const money = dollars;

/** "12/01/2026, 10:45 PM UTC" (the app's one date-time format); empty stays empty. */
export function when(d: Date | string | null | undefined): string {
  return d ? formatDateTime(d) : "";
}

/** "MM/DD/YYYY" from an ISO date, as billing offices read dates. */
export { usDate } from "@/components/patients/format";

/** "in 3 days", "today", "2 days overdue". */
export function dueText(days: number | null): string {
  if (days === null) return "No deadline";
  if (days === 0) return "Due today";
  if (days < 0) return `${-days} day${days === -1 ? "" : "s"} overdue`;
  return `in ${days} day${days === 1 ? "" : "s"}`;
}
