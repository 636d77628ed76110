import { TRPCError } from "@trpc/server";
import { ZReferenceTable } from "@/server/api/routers/reference-data/schemas";
import { serverCaller } from "@/server/api/server-caller";

export const dynamic = "force-dynamic";

/** Downloads one reference table as CSV (the same file format the upload accepts). */
export async function GET(_req: Request, { params }: { params: Promise<{ table: string }> }) {
  const parsed = ZReferenceTable.safeParse((await params).table);
  if (!parsed.success) return new Response("Unknown reference table", { status: 404 });
  try {
    const csv = await (await serverCaller()).referenceData.exportCsv({ table: parsed.data });
    return new Response(`\ufeff${csv}`, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${parsed.data}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "UNAUTHORIZED" || e.code === "FORBIDDEN")) {
      return new Response(e.message, { status: e.code === "UNAUTHORIZED" ? 401 : 403 });
    }
    throw e;
  }
}
