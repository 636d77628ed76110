import type { Role } from "@/server/domain/auth/roles";

/** Who is acting, for which practice, in which request. Every service that writes takes one. */
export interface Actor {
  userId: string | null; // null for system actions (seed, sign-in attempts of unknown users)
  practiceId: string;
  role: Role | null;
  requestId: string | null;
}
