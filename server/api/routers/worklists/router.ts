import "server-only";
import { z } from "zod";
import { isoDateOf } from "@/server/domain/patients/demographics";
import { getWorklistPage, nextWorklistItem, worklistCounts, worklistFilterOptions } from "@/server/queries/worklists";
import { readinessRecheckStatus } from "@/server/services/readiness-recheck";
import { assignWorklistItems, patientAdministrations, worklistAssignees } from "@/server/services/worklists";
import { permissionProcedure, router } from "../../trpc";
import {
  ZPatientAdministration,
  ZPatientAdministrationsInput,
  ZReadinessRecheck,
  ZWorklistAssignees,
  ZWorklistAssignInput,
  ZWorklistAssignResult,
  ZWorklistCounts,
  ZWorklistFilterOptions,
  ZWorklistNext,
  ZWorklistNextInput,
  ZWorklistPage,
  ZWorklistParams,
} from "./schemas";

/** "me" in the assignee filter is the signed-in user. */
function withAssignee<T extends { assignee?: string | undefined }>(input: T, userId: string | null): T {
  return input.assignee === "me" ? { ...input, assignee: userId ?? "none" } : input;
}

/**
 * Billing worklists and a patient's administrations: everyone who reads administrations sees them;
 * those who document infusions assign them. Lists read stored readiness (one query per page).
 */
export const worklistsRouter = router({
  list: permissionProcedure("administration.read")
    .input(ZWorklistParams)
    .output(ZWorklistPage)
    .query(({ ctx, input }) => getWorklistPage(ctx.db, ctx.actor.practiceId, withAssignee(input, ctx.actor.userId), isoDateOf(ctx.now()))),

  counts: permissionProcedure("administration.read")
    .output(ZWorklistCounts)
    .query(({ ctx }) => worklistCounts(ctx.db, ctx.actor.practiceId, isoDateOf(ctx.now()))),

  /** The practice's readiness recheck in progress (the lists' notice; polled while it runs). */
  recheck: permissionProcedure("administration.read")
    .output(ZReadinessRecheck)
    .query(({ ctx }) => readinessRecheckStatus(ctx.db, ctx.actor.practiceId)),

  next: permissionProcedure("administration.read")
    .input(ZWorklistNextInput)
    .output(ZWorklistNext)
    .query(({ ctx, input }) => {
      const { currentId, position, ...params } = input;
      return nextWorklistItem(ctx.db, ctx.actor.practiceId, withAssignee(params, ctx.actor.userId), isoDateOf(ctx.now()), currentId, position);
    }),

  assignees: permissionProcedure("administration.read")
    .output(ZWorklistAssignees)
    .query(({ ctx }) => worklistAssignees(ctx.db, ctx.actor)),

  assign: permissionProcedure("administration.document")
    .input(ZWorklistAssignInput)
    .output(ZWorklistAssignResult)
    .mutation(({ ctx, input }) => assignWorklistItems(ctx.db, ctx.actor, input, ctx.now())),

  filterOptions: permissionProcedure("administration.read")
    .output(ZWorklistFilterOptions)
    .query(({ ctx }) => worklistFilterOptions(ctx.db, ctx.actor.practiceId)),

  patientAdministrations: permissionProcedure("administration.read")
    .input(ZPatientAdministrationsInput)
    .output(z.array(ZPatientAdministration))
    .query(({ ctx, input }) => patientAdministrations(ctx.db, ctx.actor, input.patientId)),
});
