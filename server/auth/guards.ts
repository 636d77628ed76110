import "server-only";
import { redirect } from "next/navigation";
import type { SessionUser } from "@/server/services/auth";
import { currentUser } from "./auth";
import { can, type Permission } from "./permissions";

/** For pages: the signed-in user, or a redirect to sign-in (or to the forced password change). */
export async function requireUser(opts: { allowPasswordChange?: boolean } = {}): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect("/change-password");
  return user;
}

/** For pages: the page-level permission check (links being hidden is not enough). */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return user;
}
