import { csvExportResponse, EXPORT_PAGE_SIZE, plainResponse } from "@/server/api/csv-export";
import { searchParamsToObject } from "@/server/api/list-params";
import { ZPatientListParams, type TPatientListItem } from "@/server/api/routers/patients/schemas";
import { serverCaller } from "@/server/api/server-caller";
import type { CsvColumn } from "@/server/domain/csv";
import { SEX_LABELS } from "@/server/domain/patients/codes";

const COLUMNS: CsvColumn<TPatientListItem>[] = [
  { header: "MRN", value: (p) => p.mrn },
  { header: "Last name", value: (p) => p.lastName },
  { header: "First name", value: (p) => p.firstName },
  { header: "Date of birth", value: (p) => p.dateOfBirth },
  { header: "Sex", value: (p) => SEX_LABELS[p.sex] },
  { header: "City", value: (p) => p.city },
  { header: "State", value: (p) => p.state },
  { header: "Phone", value: (p) => p.phone },
  { header: "Primary payer today", value: (p) => p.primaryPayerName },
  { header: "Registered", value: (p) => p.createdAt.toISOString() },
];
export const dynamic = "force-dynamic";

/**
 * The patient list as CSV, with the same search and sort as the screen (page and page size ignored:
 * every matching row).
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = ZPatientListParams.safeParse({
    ...searchParamsToObject(url.searchParams, ["q", "sort", "dir"]),
    page: 1,
    pageSize: EXPORT_PAGE_SIZE,
  });
  if (!parsed.success) return plainResponse(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const caller = await serverCaller();
  return csvExportResponse({
    fetchPage: (page) => caller.patients.list({ ...parsed.data, page }),
    columns: COLUMNS,
    filename: `patients-${new Date().toISOString().slice(0, 10)}.csv`,
    narrowHint: "Narrow the search first.",
    audit: (rows) => caller.exports.record({ kind: "patients", filters: { q: parsed.data.q ?? null, sort: parsed.data.sort, dir: parsed.data.dir }, rows }),
  });
}
