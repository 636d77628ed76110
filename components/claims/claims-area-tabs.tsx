import Link from "next/link";
import { cn } from "@/components/ui/cn";

export const CLAIMS_AREA_TABS = [
  { key: "claims", href: "/claims", label: "All claims" },
  { key: "unbilled", href: "/claims/unbilled", label: "To bill" },
  { key: "rejected", href: "/claims/rejected", label: "Rejected" },
  { key: "deadlines", href: "/claims/deadlines", label: "Filing deadlines" },
  { key: "batches", href: "/claims/batches", label: "Batches" },
  { key: "acknowledgments", href: "/claims/acknowledgments", label: "Acknowledgments" },
] as const;
export type ClaimsAreaTab = (typeof CLAIMS_AREA_TABS)[number]["key"];

/** The claims area's pages as tabs (links: each has its own URL and filters). */
export function ClaimsAreaTabs({ current }: { current: ClaimsAreaTab }) {
  return (
    <nav aria-label="Claims area" className="inline-flex rounded-lg bg-muted p-1 text-sm">
      {CLAIMS_AREA_TABS.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.key === current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors hover:text-foreground",
            t.key === current && "bg-background text-foreground shadow-sm",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
