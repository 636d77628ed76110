import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError, z } from "zod";
import { DomainError } from "@/server/domain/errors";
import { describeForLog, log, wasLogged } from "@/server/log";

export { describeForLog };

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
    if (!wasLogged(error)) log.error({ reqId: requestId, clientReqId: clientRequestId ?? undefined, err: describeForLog(cause ?? error) }, "request failed");
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
