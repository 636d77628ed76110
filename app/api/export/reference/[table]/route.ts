import { auditExport, routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { ZReferenceTable } from "@/server/api/routers/reference-data/schemas";

export const dynamic = "force-dynamic";

/**
 * Downloads one reference table as CSV (the same file format the upload accepts): the table in
 * force, or `?version=N`, one of its stored versions. Practice users with the permission and the
 * platform operator; a practice user's download is audited in their practice.
 */
export const GET = guardRoute(
  "export-reference",
  {},
  async (req, { params }: { params: Promise<{ table: string }> }, { requestId }) => {
    const parsed = ZReferenceTable.safeParse((await params).table);
    if (!parsed.success) throw new HttpError(404, "Unknown reference table");
    const rawVersion = new URL(req.url).searchParams.get("version");
    if (rawVersion !== null && !/^[1-9]\d{0,5}$/.test(rawVersion)) throw new HttpError(400, "version must be a version number");
    const ctx = await routeContext(requestId);
    const csv = rawVersion
      ? await ctx.caller.referenceData.versionCsv({ table: parsed.data, version: Number(rawVersion) })
      : await ctx.caller.referenceData.exportCsv({ table: parsed.data });
    if (ctx.session) {
      await auditExport(ctx, { kind: "reference", filters: { table: parsed.data, version: rawVersion ? Number(rawVersion) : null }, rows: Math.max(0, csv.split("\r\n").length - 2) });
    }
    const name = rawVersion ? `${parsed.data}-v${rawVersion}` : parsed.data;
    return new Response(`\ufeff${csv}`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
