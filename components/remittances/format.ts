import { dollars } from "@/server/domain/episode/timeline";

/** "$1,234.56" from integer cents (no floats). */
export const money = dollars;

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
/** "Dec 1, 2026, 10:45 PM" */
export function when(d: Date | string | null | undefined): string {
  if (!d) return "";
  return dateTime.format(typeof d === "string" ? new Date(d) : d);
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
