import { AppShell } from "@/components/shell/app-shell";
import { serverCaller } from "@/server/api/server-caller";
import { requireUser } from "@/server/auth/guards";
import { navFor, permissionsOf } from "@/server/auth/permissions";
import { ROLE_LABELS } from "@/server/domain/auth/roles";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const practice = await (await serverCaller()).practice.get();
  return (
    <AppShell
      practiceName={practice.name}
      user={{ name: user.name, email: user.email, roleLabel: ROLE_LABELS[user.role] }}
      permissions={permissionsOf(user.role)}
      nav={navFor(user.role).map(({ href, label }) => ({ href, label }))}
    >
      {children}
    </AppShell>
  );
}
