"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect } from "react";
import type { Permission } from "@/server/auth/permissions";
import { fieldHash, fieldOfHash, fixPlaceOf, type FindingForFix, type FixPlace } from "@/server/domain/findings/fix-places";

/** The signed-in user's permissions, for links to pages the role may open (set once by the app layout). */
const PermissionsContext = createContext<ReadonlySet<string>>(new Set());

export function PermissionsProvider({ permissions, children }: { permissions: readonly Permission[]; children: React.ReactNode }) {
  return <PermissionsContext.Provider value={new Set(permissions)}>{children}</PermissionsContext.Provider>;
}

export function useCan(): (p: Permission) => boolean {
  const set = useContext(PermissionsContext);
  return (p) => set.has(p);
}

const HIGHLIGHT = ["ring-2", "ring-ring", "ring-offset-2", "ring-offset-background", "rounded-md"];

/**
 * Moves to a form field by its name (`vials.1.lotNumber`, or the first field below a group such as
 * `otherDrugs`), focuses it and highlights its form item until the user leaves it. Returns whether the
 * field was found.
 */
export function focusField(name: string): boolean {
  const esc = CSS.escape(name);
  const el = document.querySelector<HTMLElement>(`[name="${esc}"], [name^="${esc}."], [data-field="${esc}"]`);
  if (!el) return false;
  const item = (el.closest("[data-slot=form-item]") as HTMLElement | null) ?? el;
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
  item.classList.add(...HIGHLIGHT);
  item.setAttribute("data-fix-target", "");
  const clear = () => {
    item.classList.remove(...HIGHLIGHT);
    item.removeAttribute("data-fix-target");
  };
  el.addEventListener("blur", clear, { once: true });
  return true;
}

/**
 * Opens the field named in the address (`…#field-vials.1.lotNumber`) once the page has rendered it:
 * after a link from another page and when the hash changes on this one. Mounted once by the shell.
 */
export function FieldFromHash() {
  const pathname = usePathname();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const go = () => {
      const name = fieldOfHash(window.location.hash);
      if (!name) return;
      let tries = 0;
      const attempt = () => {
        // the field may appear only after the page's data or a dialog has loaded
        if (!focusField(name) && ++tries < 50) timer = setTimeout(attempt, 100);
      };
      attempt();
    };
    go();
    window.addEventListener("hashchange", go);
    return () => {
      window.removeEventListener("hashchange", go);
      if (timer) clearTimeout(timer);
    };
  }, [pathname]);
  return null;
}

/** What the page showing a finding knows about the records around it. */
export interface FixContext {
  /** the infusion whose documentation form is on this page (editable) */
  documentationHere?: boolean;
  /** the infusion, when its page is elsewhere */
  administrationId?: string;
  order?: { id: string; status: string };
  /** the order form is on this page */
  orderFormHere?: boolean;
  patientId?: string;
  coverageId?: string | null;
  payerId?: string | null;
  locationId?: string | null;
  /** the claim's edit form (a draft claim) */
  editClaim?: () => void;
}

export type FixAction = { label: string; href: string; samePage?: boolean } | { label: string; onClick: () => void };

const FIELD_LABELS: Record<string, string> = {
  actualDate: "date given",
  weightKg: "weight",
  infusionStart: "infusion start",
  infusionStop: "infusion stop",
  nurseName: "administering nurse",
  acquisition: "how the drug was acquired",
  acquisitionCostPerUnit: "340B acquisition cost",
  mgAdministered: "mg administered",
  mgDiscarded: "mg discarded",
  wasteTime: "time discarded",
  wasteWitness: "waste witness",
  vialChoiceReason: "reason for the vials chosen",
  otherDrugs: "other drugs given",
  diagnosesText: "diagnoses",
  indicationId: "indication",
  durationMonths: "treatment duration",
  hasCombination: "combination drug",
  wasteModifiers: "waste modifiers",
  ndc: "NDC",
  modifier340b: "340B modifier",
  timelyFilingDays: "filing limit",
  billedBy: "who bills",
  hospitalSite: "hospital department",
};

/** The field in words: `vials.1.lotNumber` → "lot number of vial 2". */
export function fieldLabel(field: string): string {
  const vial = /^vials\.(\d+)\.(\w+)$/.exec(field);
  if (vial) {
    const what = { ndc: "NDC", lotNumber: "lot number", expiryDate: "expiry", count: "count" }[vial[2]!] ?? vial[2]!;
    return `${what} of vial ${Number(vial[1]) + 1}`;
  }
  const phase = /^phases\.(\d+)\.(\w+)$/.exec(field);
  if (phase) return `${{ doseAmount: "dose", frequency: "frequency", cycles: "cycles", doseKind: "dose kind", name: "phase" }[phase[2]!] ?? phase[2]!} of phase ${Number(phase[1]) + 1}`;
  if (field.startsWith("combination.")) return `combination ${FIELD_LABELS[field.slice(12)] ?? field.slice(12).replace(/([A-Z])/g, " $1").toLowerCase()}`;
  return FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, " $1").toLowerCase();
}

/** A place turned into the link or action this page can offer for it (null: not from here, or not for this role). */
export function fixAction(place: FixPlace, ctx: FixContext, can: (p: Permission) => boolean): FixAction | null {
  switch (place.kind) {
    case "documentation":
      if (ctx.documentationHere) return { label: `Correct the ${fieldLabel(place.field)}`, href: fieldHash(place.field), samePage: true };
      if (ctx.administrationId) return { label: `Correct the ${fieldLabel(place.field)} in the documentation`, href: `/administrations/${ctx.administrationId}${fieldHash(place.field)}` };
      return null;
    case "order":
      if (place.field === "weightDoseOverride") {
        if (!ctx.order) return null;
        const href = `/orders/${ctx.order.id}${fieldHash(place.field)}`;
        return can("order.doseOverride") ? { label: "Record the clinician's reason for the fixed dose on the order", href } : { label: "Open the order", href };
      }
      if (ctx.orderFormHere) return { label: `Correct the ${fieldLabel(place.field)}`, href: fieldHash(place.field), samePage: true };
      if (!ctx.order) return null;
      if (ctx.order.status === "draft" && can("order.write")) return { label: `Edit the order's ${fieldLabel(place.field)}`, href: `/orders/${ctx.order.id}/edit${fieldHash(place.field)}` };
      return { label: "Open the order", href: `/orders/${ctx.order.id}` };
    case "coverage":
      if (!ctx.patientId) return null;
      return { label: ctx.coverageId ? "Open the patient's coverage" : "Add the patient's coverage", href: `/patients/${ctx.patientId}#coverage-${ctx.coverageId ?? "new"}` };
    case "payer":
      if (!ctx.payerId || !can("payer.manage")) return null;
      return { label: `Open the payer's ${fieldLabel(place.field)} setting`, href: `/admin/payers?edit=${ctx.payerId}${fieldHash(place.field)}` };
    case "location":
      if (!ctx.locationId || !can("practice.manage")) return null;
      return { label: `Open the location's ${fieldLabel(place.field)} setting`, href: `/admin/locations?edit=${ctx.locationId}${fieldHash(place.field)}` };
    case "fee-schedule":
      return can("practice.manage") ? { label: "Open the fee schedule", href: "/admin/fee-schedule" } : null;
    case "prior-auth":
      if (!ctx.patientId || !can("priorAuth.read")) return null;
      return { label: "Open the patient's prior authorizations", href: `/patients/${ctx.patientId}#authorizations` };
    case "claim":
      return ctx.editClaim ? { label: "Edit the claim", onClick: ctx.editClaim } : null;
  }
}

/** The fix of a finding as a link (another page, or a field on this one) or a button (an action here). */
export function FixLink({ finding, place, ctx }: { ctx: FixContext } & ({ finding: FindingForFix; place?: undefined } | { place: FixPlace | null; finding?: undefined })) {
  const can = useCan();
  const where = finding ? fixPlaceOf(finding) : place;
  const to = where ? fixAction(where, ctx, can) : null;
  if (!to) return null;
  const cls = "font-medium text-foreground underline underline-offset-4";
  if ("onClick" in to)
    return (
      <button type="button" onClick={to.onClick} className={cls} data-testid="finding-fix">
        {to.label}
      </button>
    );
  if (to.samePage)
    return (
      <a
        href={to.href}
        className={cls}
        data-testid="finding-fix"
        onClick={(e) => {
          const name = fieldOfHash(to.href);
          if (name && focusField(name)) {
            e.preventDefault();
            history.replaceState(null, "", to.href);
          }
        }}
      >
        {to.label}
      </a>
    );
  return (
    <Link href={to.href} className={cls} data-testid="finding-fix">
      {to.label}
    </Link>
  );
}
