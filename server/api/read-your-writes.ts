import "server-only";
import { currentWriteMark, getLagTolerantDb, readReplicaConfigured, type Db } from "@/db/client";
import { parseLsn } from "@/db/replica";
import { headers } from "next/headers";

/**
 * Read-your-writes with a read replica (DATABASE_READ_URL; see db/replica.ts). The answer of every
 * request that may write (tRPC mutations, state-changing route handlers) carries the primary's WAL
 * position in a cookie; the lag-tolerant reads of the same browser then go to the replica only once it
 * has replayed that position. The cookie holds no identity and no data: a forged one can only send its
 * own reads to the primary (or to a replica it could read anyway), through the same permission checks.
 */
export const WRITE_MARK_COOKIE = "durva-wlsn";

/** The WAL position of this browser's last write, from a Cookie header (null: none, or not readable). */
export function writeMarkOf(cookieHeader: string | null | undefined): bigint | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === WRITE_MARK_COOKIE) return parseLsn(decodeURIComponent(value ?? ""));
  }
  return null;
}

/** The Cookie header of the request being served (null outside one: scripts and tests calling handlers). */
export async function requestCookieHeader(): Promise<string | null> {
  try {
    return (await headers()).get("cookie");
  } catch {
    return null;
  }
}

/**
 * The `readDb` of a request's context, resolved only when a lag-tolerant procedure asks for it; none
 * without a replica (every read then uses the context's `db`).
 */
export function lagTolerantReads(cookieHeader: string | null | undefined): (() => Promise<Db>) | undefined {
  if (!readReplicaConfigured()) return undefined;
  const mark = writeMarkOf(cookieHeader);
  return () => getLagTolerantDb(mark);
}

function isHttps(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : new URL(req.url).protocol === "https:";
}

/**
 * Adds the write mark to the answer of a request that may have written (nothing without a replica).
 * Taken after the request's writes committed, so it is at or past every one of them.
 */
export async function withWriteMark(req: Request, res: Response): Promise<Response> {
  if (!readReplicaConfigured()) return res;
  const mark = await currentWriteMark().catch(() => null);
  if (!mark) return res;
  const cookie = `${WRITE_MARK_COOKIE}=${encodeURIComponent(mark)}; Path=/; HttpOnly; SameSite=Lax${isHttps(req) ? "; Secure" : ""}`;
  try {
    res.headers.append("set-cookie", cookie);
    return res;
  } catch {
    // immutable headers (a redirect made by Response.redirect, a fetched answer): copy the answer
    const headers = new Headers(res.headers);
    headers.append("set-cookie", cookie);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}
