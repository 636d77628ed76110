import { formatDate } from "@/server/domain/format";
import { formatUsPhone, formatZip } from "@/server/domain/patients/demographics";

/** ISO `YYYY-MM-DD` → `MM/DD/YYYY`, the app's one date format (server/domain/format.ts); empty stays empty. */
export function usDate(iso: string | null | undefined): string {
  if (!iso) return "";
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(iso) : iso;
}

export { formatUsPhone, formatZip };
