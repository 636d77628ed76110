import { auditExport, routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { ZReferenceTable } from "@/server/api/routers/reference-data/schemas";

export const dynamic = "force-dynamic";

/** Downloads one reference table as CSV (the same file format the upload accepts). */
export const GET = guardRoute(
  "export-reference",
  {},
  async (_req, { params }: { params: Promise<{ table: string }> }, { requestId }) => {
    const parsed = ZReferenceTable.safeParse((await params).table);
    if (!parsed.success) throw new HttpError(404, "Unknown reference table");
    const ctx = await routeContext(requestId);
    const csv = await ctx.caller.referenceData.exportCsv({ table: parsed.data });
    await auditExport(ctx, { kind: "reference", filters: { table: parsed.data }, rows: Math.max(0, csv.split("\r\n").length - 2) });
    return new Response(`\ufeff${csv}`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${parsed.data}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
