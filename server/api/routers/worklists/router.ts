import "server-only";
import { z } from "zod";
import { isoDateOf } from "@/server/domain/patients/demographics";
import { getWorklistPage, worklistFilterOptions } from "@/server/queries/worklists";
import { documentationReadiness, patientAdministrations } from "@/server/services/worklists";
import { permissionProcedure, router } from "../../trpc";
import {
  ZPatientAdministration,
  ZPatientAdministrationsInput,
  ZWorklistFilterOptions,
  ZWorklistPage,
  ZWorklistParams,
} from "./schemas";

/** Billing worklists and a patient's administrations: everyone who reads administrations sees them. */
export const worklistsRouter = router({
  list: permissionProcedure("administration.read")
    .input(ZWorklistParams)
    .output(ZWorklistPage)
    .query(({ ctx, input }) =>
      getWorklistPage(ctx.db, ctx.actor.practiceId, input, isoDateOf(ctx.now()), documentationReadiness(ctx.db, ctx.actor, ctx.now())),
    ),

  filterOptions: permissionProcedure("administration.read")
    .output(ZWorklistFilterOptions)
    .query(({ ctx }) => worklistFilterOptions(ctx.db, ctx.actor.practiceId)),

  patientAdministrations: permissionProcedure("administration.read")
    .input(ZPatientAdministrationsInput)
    .output(z.array(ZPatientAdministration))
    .query(({ ctx, input }) => patientAdministrations(ctx.db, ctx.actor, input.patientId)),
});
