import Link from "next/link";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/remittances", label: "Files and payments" },
  { href: "/remittances/queue", label: "Unmatched and held" },
] as const;

export function RemittanceTabs({ current, queued }: { current: (typeof TABS)[number]["href"]; queued?: number }) {
  return (
    <nav aria-label="Remittance views" className="inline-flex rounded-lg bg-muted p-1 text-sm">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={cn("rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors hover:text-foreground", t.href === current && "bg-background text-foreground shadow-sm")}
        >
          {t.label}
          {t.href === "/remittances/queue" && queued ? <span className="ml-1.5 rounded bg-destructive px-1.5 text-xs text-white tabular-nums">{queued}</span> : null}
        </Link>
      ))}
    </nav>
  );
}
