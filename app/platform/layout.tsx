import { AppShell } from "@/components/shell/app-shell";
import { requireOperator } from "@/server/auth/guards";

export const dynamic = "force-dynamic";

/** The platform operator's pages: shared reference data and its audit trail, nothing of any practice. */
export default async function PlatformLayout({ children }: { children: React.ReactNode }) {
  const op = await requireOperator();
  return (
    <AppShell
      practiceName="Platform operator (all practices)"
      user={{ name: op.name, email: op.email, roleLabel: "Platform operator" }}
      nav={[
        { href: "/platform/reference", label: "Reference data" },
        { href: "/platform/audit", label: "Platform audit trail" },
      ]}
      home="/platform/reference"
      operator
    >
      {children}
    </AppShell>
  );
}
