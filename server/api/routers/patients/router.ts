import "server-only";
import { z } from "zod";
import { isoDateOf } from "@/server/domain/patients/demographics";
import { DomainError } from "@/server/domain/errors";
import { getPatient, listPatients, listPayerOptions, quickSearchPatients } from "@/server/queries/patients";
import { recordPhiAccess } from "@/server/services/phi-access";
import {
  addCoverage,
  createPatient,
  endCoverage,
  updateCoverage,
  updatePatient,
} from "@/server/services/patients";
import { phiProcedure } from "../../phi";
import { permissionProcedure, router } from "../../trpc";
import {
  ZAddCoverage,
  ZCoverageRow,
  ZCreatePatient,
  ZEndCoverage,
  ZPatient,
  ZPatientId,
  PATIENT_QUICK_SEARCH_LIMIT,
  ZPatientListParams,
  ZPatientPage,
  ZPatientQuickSearch,
  ZPatientSearchHit,
  ZPatientWithCoverages,
  ZPayerOption,
  ZUpdateCoverage,
  ZUpdatePatient,
} from "./schemas";

const coverageRouter = router({
  add: permissionProcedure("patient.write")
    .input(ZAddCoverage)
    .output(ZCoverageRow)
    .mutation(({ ctx, input }) => addCoverage(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("patient.write")
    .input(ZUpdateCoverage)
    .output(ZCoverageRow)
    .mutation(({ ctx, input }) => updateCoverage(ctx.db, ctx.actor, input, ctx.now())),

  end: permissionProcedure("patient.write")
    .input(ZEndCoverage)
    .output(ZCoverageRow)
    .mutation(({ ctx, input }) => endCoverage(ctx.db, ctx.actor, input, ctx.now())),
});

export const patientsRouter = router({
  list: permissionProcedure("patient.read")
    .input(ZPatientListParams)
    .output(ZPatientPage)
    .query(({ ctx, input }) => listPatients(ctx.db, ctx.actor.practiceId, input, isoDateOf(ctx.now()))),

  /**
   * The header's search (name, MRN, date of birth). Each patient shown is a disclosure of who they are
   * and when they were born, so every hit is written to the access log like a patient read.
   */
  search: permissionProcedure("patient.read")
    .input(ZPatientQuickSearch)
    .output(z.array(ZPatientSearchHit))
    .query(async ({ ctx, input }) => {
      const hits = await quickSearchPatients(ctx.db, ctx.actor.practiceId, input.q, PATIENT_QUICK_SEARCH_LIMIT);
      await recordPhiAccess(
        ctx.db,
        { userId: ctx.actor.userId, practiceId: ctx.actor.practiceId, requestId: ctx.requestId },
        hits.map((p) => ({ patientId: p.id, entityType: "patient_search", entityId: p.id })),
        ctx.now(),
      );
      return hits;
    }),

  get: phiProcedure("patient.read", { entity: "patient", idKey: "patientId", patientIdOf: (p: { id: string }) => p.id })
    .input(ZPatientId)
    .output(ZPatientWithCoverages)
    .query(async ({ ctx, input }) => {
      const p = await getPatient(ctx.db, ctx.actor.practiceId, input.patientId);
      // Another practice's patient is reported exactly like a missing one.
      if (!p) throw new DomainError("NOT_FOUND", "Patient not found.");
      return p;
    }),

  create: permissionProcedure("patient.write")
    .input(ZCreatePatient)
    .output(ZPatient)
    .mutation(({ ctx, input }) => createPatient(ctx.db, ctx.actor, input, ctx.now())),

  update: permissionProcedure("patient.write")
    .input(ZUpdatePatient)
    .output(ZPatient)
    .mutation(({ ctx, input }) => updatePatient(ctx.db, ctx.actor, input, ctx.now())),

  /** Active payers of the practice, for the coverage form (readers need them to display nothing more). */
  payerOptions: permissionProcedure("patient.write")
    .output(z.array(ZPayerOption))
    .query(({ ctx }) => listPayerOptions(ctx.db, ctx.actor.practiceId)),

  coverage: coverageRouter,
});
