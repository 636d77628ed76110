import type { Metadata } from "next";
import { headers } from "next/headers";
import "./globals.css";
import { TRPCReactProvider } from "@/components/trpc/client";
import { ThemeScript } from "@/components/ui/theme-script";
import { Toaster } from "@/components/ui/toast";
import { TooltipProvider } from "@/components/ui/tooltip";

export const metadata: Metadata = {
  title: { default: "Durvalumab Billing", template: "%s · Durvalumab Billing" },
  description: "Durvalumab (Imfinzi) billing from order to closed claim.",
};

/** Reading the request's headers renders every page per request, which a per-request CSP nonce needs. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <TRPCReactProvider>
          <TooltipProvider>{children}</TooltipProvider>
        </TRPCReactProvider>
        <Toaster />
      </body>
    </html>
  );
}
