import { z } from "zod";
import { TIMELINE_KINDS } from "@/server/domain/episode/timeline";
import { ADMINISTRATION_STATES, NOT_GIVEN_REASONS } from "@/server/domain/workflow/administration";
import { ORDER_STATES } from "@/server/domain/workflow/order";

/* Client-safe: the episode page renders TEpisode. */

export const ZEpisodeInput = z.object({ administrationId: z.uuid("Not a valid administration id.") });

export const ZTimelineEntry = z.object({
  key: z.string(),
  at: z.date(),
  kind: z.enum(TIMELINE_KINDS),
  title: z.string(),
  label: z.string(),
  actorName: z.string().nullable(),
  detail: z.string().nullable(),
  reason: z.string().nullable(),
  items: z.array(z.string()),
  source: z.enum(["audit", "record"]),
  action: z.string(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZEpisode = z.object({
  administration: z.object({
    id: z.string(),
    sequence: z.number().int(),
    cycle: z.number().int(),
    day: z.number().int(),
    cycleLabel: z.string(),
    includesCombination: z.boolean(),
    plannedDate: z.string(),
    originalPlannedDate: z.string(),
    actualDate: z.string().nullable(),
    status: z.enum(ADMINISTRATION_STATES),
    notGivenReason: z.enum(NOT_GIVEN_REASONS).nullable(),
    notGivenNote: z.string().nullable(),
  }),
  order: z.object({
    id: z.string(),
    status: z.enum(ORDER_STATES),
    indicationId: z.string(),
    indicationName: z.string(),
    startDate: z.string(),
    orderingProviderName: z.string(),
    locationName: z.string(),
  }),
  patient: z.object({ id: z.string(), mrn: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: z.string() }),
  documentation: z.object({ versions: z.number().int(), currentVersion: z.number().int().nullable() }),
  entries: z.array(ZTimelineEntry),
  /** the findings of the current documentation version (empty before any documentation) */
  findings: z.array(
    z.object({
      rule: z.string(),
      severity: z.enum(["error", "warning", "info"]),
      message: z.string(),
      acknowledged: z.boolean(),
    }),
  ),
  /** what still blocks "ready for billing" of a documented infusion */
  blockers: z.array(z.string()),
});
export type TEpisode = z.infer<typeof ZEpisode>;
