import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { captureLogs } from "../../helpers/log-capture";
import { z } from "zod";
import { formatError, GENERIC_MESSAGE, toTRPCError } from "@/server/api/errors";
import { DomainError } from "@/server/domain/errors";
import { isValidNpi, normalizeTaxId } from "@/server/domain/identifiers";

describe("error mapping", () => {
  it.each([
    ["NOT_FOUND", "NOT_FOUND"],
    ["CONFLICT", "CONFLICT"],
    ["INVALID_TRANSITION", "CONFLICT"],
    ["VALIDATION", "BAD_REQUEST"],
    ["PASSWORD_POLICY", "BAD_REQUEST"],
    ["FORBIDDEN", "FORBIDDEN"],
    ["SOMETHING_NEW", "BAD_REQUEST"],
  ])("domain code %s becomes tRPC %s", (domain, trpc) => {
    expect(toTRPCError(new DomainError(domain, "x")).code).toBe(trpc);
  });
  it("exposes the domain error's field and code", () => {
    const e = toTRPCError(new DomainError("CONFLICT", "A user with this email already exists.", { field: "email" }));
    expect(formatError(e, "r1")).toEqual({
      message: "A user with this email already exists.",
      data: { domainCode: "CONFLICT", field: "email", zodError: null, requestId: "r1" },
    });
  });
  it("turns zod errors into field errors and a readable message", () => {
    const parsed = z.object({ email: z.email("Enter a valid email address."), age: z.number() }).safeParse({ email: "x", age: "1" });
    const e = new TRPCError({ code: "BAD_REQUEST", cause: parsed.error });
    const f = formatError(e, null);
    expect(f.message).toMatch(/^email: Enter a valid email address\.; age: /);
    expect(f.data.field).toBe("email");
    expect(Object.keys(f.data.zodError!.fieldErrors)).toEqual(["email", "age"]);
  });
  it("hides unexpected errors behind a generic message with the request id, and logs them", () => {
    const log = captureLogs();
    const e = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("relation patients: ssn 123-45-6789") });
    const f = formatError(e, "req-42");
    expect(f.message).toBe(`${GENERIC_MESSAGE} (reference req-42)`);
    expect(f.message).not.toContain("6789");
    log.stop();
    expect(log.records()).toEqual([expect.objectContaining({ level: "error", reqId: "req-42" })]);
  });
});

describe("identifiers", () => {
  it.each([
    ["1234567893", true],
    ["1234567890", false],
    ["123456789", false],
    ["12345678a3", false],
    ["1987654328", true],
  ])("NPI %s valid=%s", (npi, ok) => expect(isValidNpi(npi)).toBe(ok));
  it("normalises tax ids", () => {
    expect(normalizeTaxId("36-4512789")).toBe("364512789");
    expect(normalizeTaxId("364512789")).toBe("364512789");
    expect(normalizeTaxId("3645-12789")).toBeNull();
  });
});

describe("server log redaction", async () => {
  const { describeForLog } = await import("@/server/api/errors");
  it("keeps the SQLSTATE and constraint of a database error but never its parameters or failing row", () => {
    const pg = Object.assign(new Error('new row for relation "patients" violates check constraint "patients_zip_ck"'), {
      name: "PostgresError",
      code: "23514",
      constraint_name: "patients_zip_ck",
      detail: "Failing row contains (Smith, Jane, 1950-02-03, 123 Main St).",
    });
    const wrapped = new Error('Failed query: insert into "patients" values ($1, $2)\nparams: Smith,Jane,1950-02-03', { cause: pg });
    const text = describeForLog(wrapped);
    expect(text).toContain("code=23514");
    expect(text).toContain("constraint=patients_zip_ck");
    expect(text).toContain('Failed query: insert into "patients"');
    expect(text).not.toMatch(/Smith|1950-02-03|Main St/);
  });
});
