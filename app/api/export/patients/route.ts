import { TRPCError } from "@trpc/server";
import { MAX_EXPORT_ROWS, searchParamsToObject } from "@/server/api/list-params";
import { ZPatientListParams, type TPatientListItem } from "@/server/api/routers/patients/schemas";
import { serverCaller } from "@/server/api/server-caller";
import { csvHeader, toCsv, type CsvColumn } from "@/server/domain/csv";
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
const PAGE = 100;

export const dynamic = "force-dynamic";

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
};

function plain(status: number, message: string) {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * The patient list as CSV, with the same search and sort as the screen (page and page size ignored:
 * every matching row). Goes through the tRPC procedure, so sign-in, permission and practice checks are
 * the screen's. Rows stream page by page.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = ZPatientListParams.safeParse({
    ...searchParamsToObject(url.searchParams, ["q", "sort", "dir"]),
    page: 1,
    pageSize: PAGE,
  });
  if (!parsed.success)
    return plain(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const caller = await serverCaller();
  let first;
  try {
    first = await caller.patients.list(parsed.data);
  } catch (e) {
    if (e instanceof TRPCError && STATUS[e.code]) return plain(STATUS[e.code]!, e.message);
    throw e;
  }
  if (first.total > MAX_EXPORT_ROWS) {
    return plain(
      413,
      `The export is limited to ${MAX_EXPORT_ROWS} rows; ${first.total} match. Narrow the search first.`,
    );
  }
  const encoder = new TextEncoder();
  let page = 1;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark so spreadsheet programs read the file as UTF-8 (accented names).
      controller.enqueue(
        encoder.encode(`\uFEFF${csvHeader(COLUMNS)}${toCsv(first.items, COLUMNS, { header: false })}`),
      );
      if (first.items.length < PAGE || page * PAGE >= first.total) controller.close();
    },
    async pull(controller) {
      page += 1;
      try {
        const next = await caller.patients.list({ ...parsed.data, page });
        if (next.items.length)
          controller.enqueue(encoder.encode(toCsv(next.items, COLUMNS, { header: false })));
        if (next.items.length < PAGE || page * PAGE >= next.total) controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="patients-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
