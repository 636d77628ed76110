import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type AuditTab = "changes" | "access" | "platform";

const TABS: { key: AuditTab; href: string; label: string }[] = [
  { key: "changes", href: "/audit", label: "Changes" },
  { key: "access", href: "/audit/access", label: "Access to patient records" },
  { key: "platform", href: "/audit/platform", label: "Platform (reference data)" },
];

/** The audit trails the user may read, as route-based tabs (each page checks its own permission). */
export function AuditTabs({ current, visible }: { current: AuditTab; visible: readonly AuditTab[] }) {
  if (visible.length < 2) return null;
  return (
    <nav aria-label="Audit trails" className="inline-flex rounded-lg bg-muted p-1">
      {TABS.filter((t) => visible.includes(t.key)).map((t) => (
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
