import { formatDateTime } from "@/server/domain/format";
import { filingUrgency, type FilingUrgency } from "@/server/domain/claims/filing";

/** Integer cents → "$1,234.56" (money is never a float on the way in). */
export function money(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, "0")}`;
}

/** An instant with its time zone, in the app's one format ("12/02/2026, 3:17 AM UTC"). */
export function dateTime(d: Date | string | null | undefined): string {
  return formatDateTime(d);
}

/** Short form for one-line rows: "12 days", "today", "3 days late". */
export function daysLeftText(days: number | null | undefined): string {
  if (days === null || days === undefined) return "—";
  if (days < 0) return `${-days} d late`;
  if (days === 0) return "today";
  return `${days} d`;
}

const URGENCY_TONE: Record<FilingUrgency, string> = {
  late: "font-semibold text-destructive",
  urgent: "font-medium text-destructive",
  soon: "font-medium text-amber-700 dark:text-amber-400",
  ok: "",
};
export function daysLeftTone(days: number | null | undefined): string {
  if (days === null || days === undefined) return "text-muted-foreground";
  return URGENCY_TONE[filingUrgency(days)];
}
