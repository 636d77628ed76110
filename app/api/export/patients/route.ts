import { csvExportResponse, EXPORT_PAGE_SIZE } from "@/server/api/csv-export";
import { searchParamsToObject } from "@/server/api/list-params";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { ZPatientListParams, type TPatientListItem } from "@/server/api/routers/patients/schemas";
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
export const GET = guardRoute("export-patients", {}, async (request, _ctx: unknown, { requestId }) => {
  const url = new URL(request.url);
  const parsed = ZPatientListParams.safeParse({
    ...searchParamsToObject(url.searchParams, ["q", "sort", "dir"]),
    page: 1,
    pageSize: EXPORT_PAGE_SIZE,
  });
  if (!parsed.success) throw new HttpError(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const ctx = await routeContext(requestId);
  return csvExportResponse(ctx, {
    kind: "patients",
    filters: { q: parsed.data.q ?? null, sort: parsed.data.sort, dir: parsed.data.dir },
    fetchPage: (page) => ctx.caller.patients.list({ ...parsed.data, page }),
    columns: COLUMNS,
    filename: `patients-${new Date().toISOString().slice(0, 10)}.csv`,
    narrowHint: "Narrow the search first.",
    patientIdOf: (p) => p.id,
  });
});
