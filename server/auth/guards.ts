import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInPath } from "@/server/domain/auth/return-to";
import type { SessionUser } from "@/server/services/auth";
import type { OperatorSession } from "@/server/services/operators";
import { currentIdentity } from "./auth";
import { can, type Permission } from "./permissions";

/** For pages: the signed-in user, or a redirect to sign-in (or to the forced password change). */
export async function requireUser(opts: { allowPasswordChange?: boolean } = {}): Promise<SessionUser> {
  const { user, operator } = await currentIdentity();
  // A platform operator belongs to no practice: their pages are under /platform.
  if (!user && operator) redirect("/platform/reference");
  if (!user) redirect(signInPath((await headers()).get("x-return-to")));
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/change-password");
  return user;
}

/** For pages: the page-level permission check (links being hidden is not enough). */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return user;
}

/** For /platform pages: the signed-in platform operator, or a redirect (practice users go to their dashboard). */
export async function requireOperator(): Promise<OperatorSession> {
  const { user, operator } = await currentIdentity();
  if (operator) return operator;
  if (user) redirect("/forbidden?need=platform-operator");
  redirect("/sign-in");
}
