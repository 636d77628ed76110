import type { Metadata } from "next";
import "./globals.css";
import { TRPCReactProvider } from "@/components/trpc/client";
import { ThemeScript } from "@/components/ui/theme-script";
import { Toaster } from "@/components/ui/toast";
import { TooltipProvider } from "@/components/ui/tooltip";

export const metadata: Metadata = {
  title: { default: "Durvalumab Billing", template: "%s · Durvalumab Billing" },
  description: "Durvalumab (Imfinzi) billing from order to closed claim.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
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
