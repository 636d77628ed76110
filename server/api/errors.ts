import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError, z } from "zod";
import { DomainError } from "@/server/domain/errors";

const CODE_MAP: Record<string, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  VALIDATION: "BAD_REQUEST",
  PASSWORD_POLICY: "BAD_REQUEST",
  LOCKED: "FORBIDDEN",
  PASSWORD_CHANGE_REQUIRED: "FORBIDDEN",
};

/** The only place a DomainError becomes a transport error. Unknown codes are treated as bad requests. */
export function toTRPCError(e: DomainError): TRPCError {
  return new TRPCError({ code: CODE_MAP[e.code] ?? "BAD_REQUEST", message: e.message, cause: e });
}

export interface ErrorData {
  /** The DomainError code, e.g. "INVALID_TRANSITION", for clients that branch on it. */
  domainCode: string | null;
  /** Field the error belongs to, so forms can show it next to the input. */
  field: string | null;
  zodError: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  requestId: string | null;
}

/** A readable one-line summary of zod issues: "email: Invalid email address; role: ...". */
export function summarizeZod(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export const GENERIC_MESSAGE = "Something went wrong on our side. The error was logged; please try again.";

/**
 * Shapes every error sent to clients. Zod errors expose their field errors; domain errors their
 * field; anything unexpected becomes a generic message carrying the request id, and the real error is
 * logged on the server only (it might contain PHI or internals).
 */
export function formatError(
  error: TRPCError,
  requestId: string | null,
  clientRequestId: string | null = null,
): { message: string; data: ErrorData } {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    const flat = z.flattenError(cause);
    return {
      message: summarizeZod(cause),
      data: { domainCode: "VALIDATION", field: firstField(cause), zodError: flat, requestId },
    };
  }
  if (cause instanceof DomainError) {
    return {
      message: cause.message,
      data: { domainCode: cause.code, field: cause.field ?? null, zodError: null, requestId },
    };
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    console.error(`[trpc] request ${requestId ?? "?"}${clientRequestId ? ` (client id ${clientRequestId})` : ""} failed: ${describeForLog(cause ?? error)}`);
    return {
      message: `${GENERIC_MESSAGE}${requestId ? ` (reference ${requestId})` : ""}`,
      data: { domainCode: null, field: null, zodError: null, requestId },
    };
  }
  return { message: error.message, data: { domainCode: null, field: null, zodError: null, requestId } };
}

function firstField(err: ZodError): string | null {
  const p = err.issues[0]?.path;
  return p && p.length ? p.join(".") : null;
}

/**
 * What an unexpected error may say in the server log. Database errors carry the failing row, the
 * query parameters and, in their messages, the offending value (`invalid input syntax for type
 * date: "1950-02-30"`); any error's message may quote user input. So: the class, SQLSTATE, table,
 * column and constraint; the first line of each message with every quoted value blanked out; the
 * SQL text of a failed query (never the parameters that follow it); the stack frames only.
 */
export function describeForLog(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const err = cur as {
      name?: string;
      message?: string;
      code?: unknown;
      constraint_name?: string;
      constraint?: string;
      table_name?: string;
      table?: string;
      column_name?: string;
      column?: string;
      cause?: unknown;
    };
    const firstLine = String(err.message ?? cur).split("\n")[0]!;
    // Drizzle's "Failed query: <sql>" keeps the SQL text (identifiers are quoted, values are $n).
    const safe = firstLine.startsWith("Failed query: ") ? firstLine : redactQuoted(firstLine);
    const msg = safe.length > 300 ? `${safe.slice(0, 300)}…` : safe;
    const code = typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : null;
    const extra = [
      code && `code=${code}`,
      (err.constraint_name ?? err.constraint) && `constraint=${err.constraint_name ?? err.constraint}`,
      (err.table_name ?? err.table) && `table=${err.table_name ?? err.table}`,
      (err.column_name ?? err.column) && `column=${err.column_name ?? err.column}`,
    ]
      .filter(Boolean)
      .join(" ");
    parts.push(`${identifier(err.name) ?? "Error"}: ${msg}${extra ? ` (${extra})` : ""}`);
    cur = err.cause;
  }
  // Only the frames: a multi-line message (query parameters) also appears at the top of the stack.
  const stack = (e as { stack?: string })?.stack
    ?.split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 5)
    .join("\n");
  return parts.join(" <- ") + (stack ? `\n${stack}` : "");
}

/** Quoted runs ("Smith", 'Smith', `Smith`, «Smith») become "…": messages quote the values they reject. */
function redactQuoted(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'|`[^`]*`|«[^»]*»|“[^”]*”/g, (m) => `${m[0]}…${m[m.length - 1]}`);
}

function identifier(name: unknown): string | null {
  return typeof name === "string" && /^[A-Za-z_$][\w$]{0,60}$/.test(name) ? name : null;
}
