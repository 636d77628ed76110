import type { Role } from "@/server/domain/auth/roles";

/**
 * Permissions are `resource.action` strings. The map below is the single source of truth for what
 * each role may do; procedure builders and pages both ask `can(role, permission)`.
 */
export const PERMISSIONS = [
  "dashboard.read",
  "report.read",
  "audit.read",
  /** the access log of patients' records (HIPAA audit controls): who viewed or exported which patient */
  "phiAccess.read",
  "user.read",
  "user.manage",
  "practice.read",
  "practice.manage",
  "payer.read",
  "payer.manage",
  "referenceData.read",
  /** compare and download the versions of the shared reference data (loading one is the platform operator's) */
  "referenceData.versions",
  /** the platform audit trail: reference versions loaded for every practice */
  "platformAudit.read",
  "patient.read",
  "patient.write",
  "order.read",
  "order.write",
  /** record the clinician's documented reason for a fixed dose under the label's weight threshold (billers and admins, audited) */
  "order.doseOverride",
  "administration.read",
  "administration.document",
  /** reopen an infusion closed without billing (admins) */
  "administration.reopen",
  "priorAuth.read",
  "priorAuth.write",
  "priorAuth.decide",
  "claim.read",
  "claim.write",
  "claim.submit",
  "remittance.read",
  "remittance.post",
  "denial.read",
  "denial.work",
  /** request a retro-authorization for a denial (billers and PA coordinators) */
  "denial.retroAuth",
  /** approve a write-off above the practice's threshold (managers) */
  "writeOff.approve",
  "billing.preview",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_WORK_ITEMS: Permission[] = [
  "patient.read",
  "order.read",
  "administration.read",
  "priorAuth.read",
  "claim.read",
  "remittance.read",
  "denial.read",
  "payer.read",
  "referenceData.read",
  "practice.read",
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  biller: new Set<Permission>([
    ...READ_WORK_ITEMS,
    "dashboard.read",
    "patient.write",
    "order.write",
    "order.doseOverride",
    "administration.document",
    "claim.write",
    "claim.submit",
    "remittance.post",
    "denial.work",
    "denial.retroAuth",
    "billing.preview",
  ]),
  pa_coordinator: new Set<Permission>([
    ...READ_WORK_ITEMS,
    "dashboard.read",
    "priorAuth.write",
    "priorAuth.decide",
    "denial.retroAuth",
    "billing.preview",
  ]),
  // Managers see everything and change nothing on work items, except approving write-offs above the practice's threshold.
  manager: new Set<Permission>([...READ_WORK_ITEMS, "dashboard.read", "report.read", "audit.read", "user.read", "writeOff.approve"]),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => ROLE_PERMISSIONS[role].has(p));
}

/** Navigation areas and the permission each needs; the shell shows only what the role can open. */
export const NAV_AREAS = [
  { href: "/dashboard", label: "Dashboard", permission: "dashboard.read" },
  { href: "/patients", label: "Patients", permission: "patient.read" },
  { href: "/orders", label: "Orders", permission: "order.read" },
  { href: "/worklists", label: "Worklists", permission: "administration.read" },
  { href: "/prior-auths", label: "Prior auth", permission: "priorAuth.read" },
  { href: "/claims", label: "Claims", permission: "claim.read" },
  { href: "/remittances", label: "Remittances", permission: "remittance.read" },
  { href: "/denials", label: "Denials", permission: "denial.read" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin", label: "Admin", permission: "user.manage" },
] as const satisfies ReadonlyArray<{ href: string; label: string; permission: Permission }>;

export function navFor(role: Role) {
  return NAV_AREAS.filter((a) => can(role, a.permission));
}

/** The audit trails a role may read (tabs of the audit log). */
export function auditTabsFor(role: Role): ("changes" | "access" | "platform")[] {
  const tabs: ("changes" | "access" | "platform")[] = [];
  if (can(role, "audit.read")) tabs.push("changes");
  if (can(role, "phiAccess.read")) tabs.push("access");
  if (can(role, "platformAudit.read")) tabs.push("platform");
  return tabs;
}
