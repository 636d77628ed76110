/**
 * Enumerations of the prior-authorization area: one `as const` array per enum feeds the pg enum,
 * the zod enum and the labels.
 */
export const PA_REQUEST_KINDS = ["initial", "renewal"] as const;
export type PaRequestKind = (typeof PA_REQUEST_KINDS)[number];
export const PA_REQUEST_KIND_LABELS: Record<PaRequestKind, string> = { initial: "Initial", renewal: "Renewal" };

/** Rules may apply to initial requests, renewals, or both. */
export const PA_RULE_KINDS = ["any", ...PA_REQUEST_KINDS] as const;
export type PaRuleKind = (typeof PA_RULE_KINDS)[number];

export const PA_CHANNELS = ["portal", "fax", "phone", "electronic"] as const;
export type PaChannel = (typeof PA_CHANNELS)[number];
export const PA_CHANNEL_LABELS: Record<PaChannel, string> = { portal: "Payer portal", fax: "Fax", phone: "Phone", electronic: "Electronic (PAS)" };

/** What started a requirement evaluation. */
export const PA_TRIGGERS = ["order_signed", "coverage_changed", "order_extended", "manual"] as const;
export type PaTrigger = (typeof PA_TRIGGERS)[number];
export const PA_TRIGGER_LABELS: Record<PaTrigger, string> = {
  order_signed: "Order signed",
  coverage_changed: "Coverage changed",
  order_extended: "Order extended",
  manual: "Requested by hand",
};

export const TREATMENT_INTENTS = ["curative", "consolidation", "adjuvant", "palliative"] as const;
export type TreatmentIntent = (typeof TREATMENT_INTENTS)[number];

/** ECOG performance status 0–4 as the payer forms list it. */
export const ECOG_SCORES = ["0", "1", "2", "3", "4"] as const;
export type EcogScore = (typeof ECOG_SCORES)[number];

/**
 * The clinical summary a payer's drug-authorization form asks for. Biomarkers are free text per
 * marker (e.g. PD-L1 "TPS 60% (22C3)") because each indication names its own.
 */
export interface ClinicalSummary {
  stage: string | null;
  biomarkers: { name: string; result: string }[];
  priorTherapies: string | null;
  ecog: EcogScore | null;
  intent: TreatmentIntent | null;
  notes: string | null;
}

export const EMPTY_CLINICAL_SUMMARY: ClinicalSummary = { stage: null, biomarkers: [], priorTherapies: null, ecog: null, intent: null, notes: null };

/** Requested units for one drug code over the request's dates. */
export interface RequestedLine {
  hcpcs: string;
  /** NDC-11 of the vial usually dispensed, when known */
  ndc: string | null;
  units: number;
  doses: number;
}

/** Attachments: what the coordinator may upload (checked by magic bytes, never rendered inline). */
export const PA_ATTACHMENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/tiff"] as const;
export type PaAttachmentType = (typeof PA_ATTACHMENT_TYPES)[number];
export const PA_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The coordinator's worklist: sort keys and views (which statuses each view shows). */
export const PA_SORTS = ["due", "status", "payer", "patient", "pending", "next", "updated"] as const;
export type PaSort = (typeof PA_SORTS)[number];
export const PA_VIEWS = ["open", "awaiting", "decided", "all"] as const;
export type PaView = (typeof PA_VIEWS)[number];
export const PA_VIEW_LABELS: Record<PaView, string> = { open: "To work", awaiting: "Waiting on payer", decided: "Decided", all: "All" };
