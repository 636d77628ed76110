import Link from "next/link";
import { FieldFromHash, PermissionsProvider } from "@/components/findings/fix-link";
import type { Permission } from "@/server/auth/permissions";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { NavLinks } from "./nav-links";
import { PatientSearch } from "./patient-search";
import { UserMenu } from "./user-menu";

export interface AppShellProps {
  practiceName: string;
  user: { name: string; email: string; roleLabel: string };
  nav: { href: string; label: string }[];
  /** Where the product name links to (the dashboard for practice users). */
  home?: string;
  /** A platform operator: no practice account menu items (password change, sign out everywhere). */
  operator?: boolean;
  /** what the user's role may do: pages link only where the user may go */
  permissions?: readonly Permission[];
  children: React.ReactNode;
}

export function AppShell({ practiceName, user, nav, home = "/dashboard", operator = false, permissions = [], children }: AppShellProps) {
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 flex-col gap-4 border-r bg-sidebar p-4 md:flex print:hidden">
        <Link href={home} className="px-2 text-base font-semibold tracking-tight">
          Durvalumab Billing
        </Link>
        <p className="px-2 text-xs text-muted-foreground" data-testid="practice-name">
          {practiceName}
        </p>
        <NavLinks items={nav} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b px-4 py-2 md:px-6 print:hidden">
          <details className="md:hidden">
            <summary className="cursor-pointer text-sm font-medium">Menu</summary>
            <div className="absolute z-40 mt-2 w-56 rounded-md border bg-popover p-2 shadow-md">
              <NavLinks items={nav} />
            </div>
          </details>
          <div className="ml-auto flex items-center gap-2">
            <PermissionsProvider permissions={permissions}>
              <PatientSearch />
            </PermissionsProvider>
            <ThemeToggle />
            <UserMenu {...user} operator={operator} />
          </div>
        </header>
        <main id="main" className="flex-1 p-4 md:p-6 print:p-0">
          <PermissionsProvider permissions={permissions}>{children}</PermissionsProvider>
          <FieldFromHash />
        </main>
      </div>
    </div>
  );
}
