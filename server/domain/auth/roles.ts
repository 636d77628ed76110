/** The four roles of the product. One array feeds the pg enum, the zod enum and the permission map. */
export const ROLES = ["admin", "biller", "pa_coordinator", "manager"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  biller: "Biller",
  pa_coordinator: "Prior-auth coordinator",
  manager: "Practice manager",
};
