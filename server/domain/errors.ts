/** The one error type thrown by domain code; server/api turns it into a TRPCError. */
export class DomainError extends Error {
  readonly code: string;
  readonly field?: string;

  constructor(code: string, message: string, opts?: { field?: string }) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    if (opts?.field !== undefined) this.field = opts.field;
  }
}
