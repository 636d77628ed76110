import { healthCheck } from "@/server/api/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const h = await healthCheck();
  return Response.json(h, { status: h.ok ? 200 : 503 });
}
