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
export function formatError(error: TRPCError, requestId: string | null): { message: string; data: ErrorData } {
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
    console.error(`[trpc] request ${requestId ?? "?"} failed: ${describeForLog(cause ?? error)}`);
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
 * What an unexpected error may say in the server log. Database errors carry the failing row and
 * the query parameters (patient names, dates of birth, member ids), so only their class, SQLSTATE,
 * constraint and the first line of the message are kept; stacks are kept for our own code.
 */
export function describeForLog(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 4; depth++) {
    const err = cur as { name?: string; message?: string; code?: string; constraint_name?: string; constraint?: string; stack?: string; cause?: unknown };
    const firstLine = String(err.message ?? cur).split("\n")[0]!;
    // Drizzle's "Failed query: <sql>" keeps the SQL text; the parameters follow on later lines.
    const msg = firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine;
    const extra = [err.code && `code=${err.code}`, (err.constraint_name ?? err.constraint) && `constraint=${err.constraint_name ?? err.constraint}`]
      .filter(Boolean)
      .join(" ");
    parts.push(`${err.name ?? "Error"}: ${msg}${extra ? ` (${extra})` : ""}`);
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
