import "server-only";
import type { Db } from "@/db/client";
import { DomainError } from "@/server/domain/errors";
import { getEpisode } from "@/server/queries/episode";
import { listPatientAdministrations, type ReadinessLookup } from "@/server/queries/worklists";
import type { Actor } from "./context";
import { previewAdministration } from "./documentation";

/**
 * What still blocks billing of documented infusions, from the documentation module's own
 * evaluation (checklist, error findings, unacknowledged warnings), so a worklist never disagrees
 * with the documentation page.
 */
export function documentationReadiness(db: Db, actor: Actor, now: Date): ReadinessLookup {
  return async (ids) => {
    const out = new Map<string, string[]>();
    const results = await Promise.all(ids.map(async (id) => [id, await previewAdministration(db, actor, id, now)] as const));
    for (const [id, p] of results) {
      out.set(id, p.blockers.length ? p.blockers.map(sentenceCase) : ["Every check passes: mark it ready for billing"]);
    }
    return out;
  };
}

function sentenceCase(s: string): string {
  return s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s;
}

export async function patientAdministrations(db: Db, actor: Actor, patientId: string) {
  const rows = await listPatientAdministrations(db, actor.practiceId, patientId);
  // Another practice's patient is reported exactly like a missing one.
  if (!rows) throw new DomainError("NOT_FOUND", "Patient not found.");
  return rows;
}

/**
 * The episode: the timeline from the audit trail, plus the current version's findings and what
 * blocks billing, from the documentation module's own evaluation.
 */
export async function episodeOf(db: Db, actor: Actor, administrationId: string, now: Date) {
  const e = await getEpisode(db, actor.practiceId, administrationId);
  // Another practice's administration is reported exactly like a missing one.
  if (!e) throw new DomainError("NOT_FOUND", "Administration not found.");
  if (e.documentation.versions === 0) return { ...e, findings: [], blockers: [] };
  const p = await previewAdministration(db, actor, administrationId, now);
  return {
    ...e,
    findings: p.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, acknowledged: f.acknowledged })),
    blockers: e.administration.status === "documented" ? p.blockers : [],
  };
}
