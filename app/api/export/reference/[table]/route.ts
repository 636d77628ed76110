import { refusalResponse } from "@/server/api/csv-export";
import { ZReferenceTable } from "@/server/api/routers/reference-data/schemas";
import { serverCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

/** Downloads one reference table as CSV (the same file format the upload accepts). */
export async function GET(_req: Request, { params }: { params: Promise<{ table: string }> }) {
  const parsed = ZReferenceTable.safeParse((await params).table);
  if (!parsed.success) return new Response("Unknown reference table", { status: 404 });
  try {
    const caller = await serverCaller();
    const csv = await caller.referenceData.exportCsv({ table: parsed.data });
    await caller.exports.record({ kind: "reference", filters: { table: parsed.data }, rows: Math.max(0, csv.split("\r\n").length - 2) });
    return new Response(`\ufeff${csv}`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${parsed.data}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return refusalResponse(e);
  }
}
