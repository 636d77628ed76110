"use client";
import {
  BadgeDollarSign,
  ClipboardList,
  FileText,
  Gauge,
  ReceiptText,
  Settings,
  ShieldCheck,
  TriangleAlert,
  Users,
  History,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const ICONS: Record<string, React.ComponentType<{ className?: string }>> = {
  "/dashboard": Gauge,
  "/patients": Users,
  "/orders": ClipboardList,
  "/prior-auths": ShieldCheck,
  "/claims": FileText,
  "/remittances": BadgeDollarSign,
  "/denials": TriangleAlert,
  "/audit": History,
  "/admin": Settings,
};

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const Icon = ICONS[item.href] ?? ReceiptText;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
              active && "bg-accent text-accent-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
