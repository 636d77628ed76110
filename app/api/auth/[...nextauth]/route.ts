import type { NextRequest } from "next/server";
import { guardRoute } from "@/server/api/route-guard";
import { handlers } from "@/server/auth/auth";

export const GET = handlers.GET;

/** Auth.js's own POSTs (sign-in, sign-out): from the app's own pages only, small bodies only. */
export const POST = guardRoute("auth", { stateChanging: true, maxBodyBytes: 64 * 1024 }, (req) => handlers.POST(req as NextRequest));
