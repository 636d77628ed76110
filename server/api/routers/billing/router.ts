import "server-only";
import { previewClaim, parseScenario } from "@/server/domain/billing";
import { DomainError } from "@/server/domain/errors";
import { getPreparedReference } from "@/server/services/reference-data";
import { permissionProcedure, router } from "../../trpc";
import { ZPreviewInput, ZPreviewOutput } from "./schemas";

export const billingRouter = router({
  /**
   * Builds (or checks) a claim for a scenario and scrubs it, against the reference data in the
   * database. Pure computation: nothing is written.
   */
  preview: permissionProcedure("billing.preview")
    .input(ZPreviewInput)
    .output(ZPreviewOutput)
    .query(async ({ ctx, input }) => {
      const ref = await getPreparedReference(ctx.db);
      const parsed = parseScenario(input, ref);
      if (!parsed.ok) {
        const first = parsed.errors[0]!;
        throw new DomainError("VALIDATION", `${first.field}: ${first.message}`, { field: first.field });
      }
      const r = previewClaim(parsed.scenario, ref);
      return {
        lines: r.lines,
        diagnoses: r.diagnoses,
        findings: r.findings,
        blocked: r.claim.blocked,
        totalCharge: r.claim.totalChargeCents / 100,
      };
    }),
});
