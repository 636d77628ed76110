import type { Role } from "@/server/domain/auth/roles";

/**
 * Demo accounts: printed when the demo starts and used by the e2e tests. Demo only; a real
 * installation creates its users through the admin screen with one-time temporary passwords.
 */
export const DEMO_PRACTICE = {
  name: "Lakeside Oncology Associates",
  npi: "1234567893",
  taxId: "364512789",
  addressLine1: "400 Lakeshore Drive, Suite 210",
  city: "Madison",
  state: "WI",
  zip: "53703",
};

export const OTHER_DEMO_PRACTICE = {
  name: "Riverbend Cancer Center",
  npi: "1987654328",
  taxId: "391234567",
  addressLine1: "12 River Road",
  city: "La Crosse",
  state: "WI",
  zip: "54601",
};

export const DEMO_LOGINS: ReadonlyArray<{ role: Role; email: string; name: string; password: string }> = [
  { role: "admin", email: "admin@lakeside.example", name: "Alex Admin", password: "Lakeside-Admin-2026" },
  { role: "biller", email: "biller@lakeside.example", name: "Billie Biller", password: "Lakeside-Biller-2026" },
  { role: "pa_coordinator", email: "pa@lakeside.example", name: "Pat Authorizer", password: "Lakeside-PriorAuth-2026" },
  { role: "manager", email: "manager@lakeside.example", name: "Morgan Manager", password: "Lakeside-Manager-2026" },
];

export const OTHER_PRACTICE_LOGIN = {
  role: "admin" as Role,
  email: "admin@riverbend.example",
  name: "Riley Riverbend",
  password: "Riverbend-Admin-2026",
};

/**
 * The demo's platform operator: outside every practice, the only account that loads new versions
 * of the shared reference data. A real installation creates operators with `npm run operator -- create`.
 */
export const DEMO_OPERATOR = {
  email: "operator@platform.example",
  name: "Olive Operator",
  password: "Shared-Reference-Keeper-26",
};
