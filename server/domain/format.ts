/**
 * How values read on every page: one date format, times with their time zone, ICD-10-CM codes with
 * their dot, counted nouns that agree with the count, and internal keys turned into words.
 * Pure and client-safe (no clock, no database): components and server pages share it.
 */

/** "C3490" or "C34.90" → "C34.90". The claim omits the dot (837 HI); people read it with the dot. */
export function icdWithDot(code: string): string {
  const c = code.replace(".", "").trim().toUpperCase();
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** "1 day", "2 days", "0 units"; pass the plural when adding "s" is wrong ("1 person", "2 people"). */
export function plural(n: number, singular: string, pluralWord = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : pluralWord}`;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// MM/DD/YYYY everywhere: the form US billing offices, claim forms and payer portals use.
const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "2-digit", day: "2-digit" });
const dateOnlyFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});

type DateInput = Date | string | null | undefined;

/**
 * A calendar date: "12/02/2026". A date-only value ("2026-12-02", a date of service or birth) is a
 * day, not an instant, so it is read as written and never shifted by the viewer's time zone.
 */
export function formatDate(d: DateInput): string {
  if (!d) return "—";
  if (typeof d === "string" && DATE_ONLY.test(d)) return dateOnlyFormat.format(new Date(`${d}T00:00:00Z`));
  const date = typeof d === "string" ? new Date(d) : d;
  return Number.isNaN(date.getTime()) ? "—" : dateFormat.format(date);
}

/** An instant with its time zone: "12/02/2026, 3:17 AM UTC". */
export function formatDateTime(d: DateInput): string {
  if (!d) return "—";
  const date = typeof d === "string" ? new Date(d) : d;
  return Number.isNaN(date.getTime()) ? "—" : dateTimeFormat.format(date);
}

/** "documentation_saved" / "priorAuth" / "prior-auth" → "Documentation saved" / "Prior auth". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/\bndc\b/g, "NDC")
    .replace(/\bicd ?(10)?\b/g, (_m, ten: string | undefined) => (ten ? "ICD-10" : "ICD"))
    .replace(/\bid\b/g, "ID")
    .replace(/\bnpi\b/g, "NPI")
    .replace(/\bcpt\b/g, "CPT")
    .replace(/\bhcpcs\b/g, "HCPCS")
    .replace(/\bx12\b/g, "X12");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Actions whose words are not simply their key's words. */
const ACTION_LABEL: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_out_everywhere": "Signed out everywhere",
  "auth.password_check_failed": "Password check failed",
  "claim_payment.matched": "Payment matched to claim",
  "claim_payment.dismissed": "Payment dismissed",
  "fee_schedule.price_set": "Price set",
  "order.weight_dose_override_recorded": "Clinician's reason for a fixed dose under the weight threshold recorded",
  "payer_rate.added": "Payer rate added",
  "payer_terms.saved": "Payer terms saved",
  "remit_settings.saved": "Remittance settings saved",
  "submission_settings.saved": "Submission settings saved",
};

/**
 * An audit action as a person reads it: "administration.documentation_saved" → "Documentation saved",
 * "claim.built" → "Claim built" (a bare verb gets its record's name in front).
 */
export function auditActionLabel(action: string): string {
  const known = ACTION_LABEL[action];
  if (known) return known;
  const dot = action.indexOf(".");
  if (dot < 0) return humanize(action);
  const entity = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  return /[_\-.]/.test(verb) ? humanize(verb) : `${entityTypeLabel(entity)} ${humanize(verb).toLowerCase()}`;
}

/** The kind of record an audit row is about, in words: "prior_auth_rule" → "Prior auth rule", "administration" → "Infusion". */
export function entityTypeLabel(entityType: string): string {
  return ENTITY_LABEL[entityType] ?? humanize(entityType);
}

const ENTITY_LABEL: Record<string, string> = {
  administration: "Infusion",
  acknowledgment_file: "Acknowledgment file",
  remittance_file: "Remittance file",
  batch: "Claim batch",
  claim_payment: "Claim payment",
  authorization: "Authorization",
};

/** An order phase's name in words: the label's keys ("with-chemotherapy") read "With chemotherapy"; a name someone typed stays as typed. */
export function phaseLabel(name: string): string {
  return /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(name) ? humanize(name) : name;
}

/**
 * A finding's source as people can follow it: the internal pointer ("reference.md §3.1:", "issue 8")
 * is dropped and each public source becomes { text, url } — "CMS" linking to its page.
 */
export function sourceLinks(source: string): { text: string; url: string | null }[] {
  return source
    .replace(/^[\w./-]+\.md\s*§[\d.]+\s*:?\s*/i, "")
    .split(/\s*;\s*/)
    .map((part) => part.trim())
    .filter((part) => part && !/^issue\s*#?\d+$/i.test(part))
    .map((part) => {
      const m = /(https?:\/\/\S+)/.exec(part);
      if (!m) return { text: part, url: null };
      const text = part.replace(m[1]!, "").trim() || new URL(m[1]!).hostname;
      return { text, url: m[1]! };
    });
}
