import { formatUsPhone, formatZip } from "@/server/domain/patients/demographics";

/** ISO `YYYY-MM-DD` → `MM/DD/YYYY`, as US front desks read dates. */
export function usDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso;
}

export { formatUsPhone, formatZip };
