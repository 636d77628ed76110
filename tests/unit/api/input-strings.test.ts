import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { rawInputProblem } from "@/server/api/input-guard";
import { appRouter } from "@/server/api/root";

/*
 * Issue 7, item 8: every free-text input of every tRPC procedure refuses control characters (NUL gave
 * a 500 from PostgreSQL), bidi overrides and zero-width characters, and has a length cap. The walk
 * below finds every string the procedures' input schemas accept, wherever it is nested, and feeds each
 * one hostile text on its own, so a new procedure with a bare z.string() fails here.
 */

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Every string schema reachable from `schema`, with the path that leads to it. */
function stringLeaves(schema: unknown, path: string, out: { path: string; schema: z.ZodType }[], seen = new Set<unknown>()) {
  if (!schema || seen.has(schema)) return;
  seen.add(schema);
  const d = defOf(schema);
  switch (d.type) {
    case "string":
      out.push({ path, schema: schema as z.ZodType });
      return;
    case "object":
      for (const [k, v] of Object.entries(d.shape as Record<string, unknown>)) stringLeaves(v, `${path}.${k}`, out, seen);
      if (d.catchall) stringLeaves(d.catchall, `${path}[*]`, out, seen);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
    case "pipe":
      // A wrapper around text (trim, transform, refine after a transform): test the whole wrapper,
      // which is what the procedure applies.
      if (wrapsString(schema)) out.push({ path, schema: schema as z.ZodType });
      else stringLeaves(d.type === "pipe" ? d.in : d.innerType, path, out, seen);
      return;
    case "array":
      stringLeaves(d.element, `${path}[]`, out, seen);
      return;
    case "record":
      stringLeaves(d.valueType, `${path}{}`, out, seen);
      return;
    case "tuple":
      (d.items as unknown[]).forEach((it, i) => stringLeaves(it, `${path}[${i}]`, out, seen));
      return;
    case "union":
      (d.options as unknown[]).forEach((o, i) => stringLeaves(o, `${path}|${i}`, out, seen));
      return;
    case "intersection":
      stringLeaves(d.left, path, out, seen);
      stringLeaves(d.right, path, out, seen);
      return;
    case "lazy":
      stringLeaves((d.getter as () => unknown)(), path, out, seen);
      return;
    default:
      return; // numbers, dates, enums, literals, booleans: nothing free-text
  }
}

function wrapsString(schema: unknown): boolean {
  const d = defOf(schema);
  if (d.type === "string") return true;
  if (d.type === "pipe") return wrapsString(d.in);
  if (["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"].includes(d.type)) return wrapsString(d.innerType);
  return false;
}

/**
 * What the boundary does with a value at a path: the raw-input guard every procedure runs first
 * (server/api/trpc.ts), then the field's own schema.
 */
function accepted(procedure: string, leaf: z.ZodType, value: string): boolean {
  return rawInputProblem({ field: value }, procedure) === null && leaf.safeParse(value).success;
}

function procedures(): { name: string; inputs: unknown[] }[] {
  const record = (appRouter._def as unknown as { procedures: Record<string, { _def: { inputs: unknown[] } }> }).procedures;
  return Object.entries(record).map(([name, p]) => ({ name, inputs: p._def.inputs ?? [] }));
}

const HOSTILE: Record<string, string> = {
  "a NUL byte": "Olson\u0000",
  "a control character": "Ol\u0007son",
  "a bidi override": "Ol\u202Eson",
  "a zero-width character": "Ol\u200Bson",
  "100,000 characters": "a".repeat(100_000),
};
/** Whole files sent as text keep their own documented limit (FILE_PROCEDURE_BODY_LIMITS), checked below. */
const FILE_FIELDS = new Set([
  "referenceData.previewUpload.csv",
  "referenceData.applyUpload.csv",
  "priorAuths.addAttachment.contentBase64",
  "claims.acknowledgments.import.files[].contentBase64",
]);

describe("every tRPC string input", () => {
  const leaves: { procedure: string; path: string; schema: z.ZodType }[] = [];
  for (const p of procedures()) {
    const found: { path: string; schema: z.ZodType }[] = [];
    p.inputs.forEach((s) => stringLeaves(s, p.name, found));
    leaves.push(...found.map((f) => ({ ...f, procedure: p.name })));
  }

  it("was found (the walk reaches the procedures' inputs)", () => {
    expect(leaves.length).toBeGreaterThan(100);
    expect(leaves.map((l) => l.path)).toContain("patients.create.lastName");
  });

  for (const [what, value] of Object.entries(HOSTILE)) {
    it(`refuses ${what}`, () => {
      const through = leaves.filter((l) => accepted(l.procedure, l.schema, value)).map((l) => l.path);
      expect(through.filter((p) => !(what === "100,000 characters" && FILE_FIELDS.has(p)))).toEqual([]);
    });
  }

  it("caps even the whole-file fields (a file over its documented limit is refused)", () => {
    const files = leaves.filter((l) => FILE_FIELDS.has(l.path));
    expect(files.map((f) => f.path).sort()).toEqual([...FILE_FIELDS].sort());
    const huge = "QUJD".repeat(4_000_000); // 16 MB of base64 (also a one-column CSV)
    for (const f of files) expect(accepted(f.procedure, f.schema, huge), f.path).toBe(false);
  });
});
