import Link from "next/link";
import { cn } from "@/components/ui/cn";

const TABS = [
  { key: "users", href: "/admin/users", label: "Users" },
  { key: "practice", href: "/admin/practice", label: "Practice" },
  { key: "payers", href: "/admin/payers", label: "Payers" },
  { key: "prior-auth-rules", href: "/admin/prior-auth-rules", label: "Prior-auth rules" },
  { key: "providers", href: "/admin/providers", label: "Providers" },
  { key: "locations", href: "/admin/locations", label: "Locations" },
  { key: "fee-schedule", href: "/admin/fee-schedule", label: "Fee schedule" },
  { key: "reference", href: "/admin/reference", label: "Reference data" },
] as const;

/** Route-based tabs: each admin section is its own page (and its own permission check). */
export function AdminTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  return (
    <nav aria-label="Admin sections" className="inline-flex rounded-lg bg-muted p-1">
      {TABS.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.key === current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
            t.key === current && "bg-background text-foreground shadow-sm",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
