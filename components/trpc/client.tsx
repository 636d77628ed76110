"use client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import { z } from "zod";
import type { AppRouter } from "@/server/api/root";
import { signInPath } from "@/server/domain/auth/return-to";

// Zod compiles object parsers with `new Function` when it can, and probes for it on first use; the
// Content-Security-Policy forbids eval, so the probe is reported as a violation. Parse without it.
z.config({ jitless: true });

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * A session that ended (idle timeout, sign-out elsewhere, deactivation) sends the user to sign in.
 * A full page load on purpose: it drops every cached query of the ended session.
 */
/* eslint-disable @next/next/no-location-assign-relative-destination */
function onAuthError(error: unknown) {
  if (
    error instanceof TRPCClientError &&
    error.data?.code === "UNAUTHORIZED" &&
    typeof window !== "undefined"
  ) {
    // Back to this page after signing in again.
    window.location.assign(signInPath(window.location.pathname + window.location.search, "expired"));
  }
  if (
    error instanceof TRPCClientError &&
    error.data?.domainCode === "PASSWORD_CHANGE_REQUIRED" &&
    typeof window !== "undefined"
  ) {
    window.location.assign("/change-password");
  }
}
/* eslint-enable @next/next/no-location-assign-relative-destination */

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 15_000, retry: (n, e) => n < 2 && !(e instanceof TRPCClientError) },
        },
        queryCache: new QueryCache({ onError: onAuthError }),
        mutationCache: new MutationCache({ onError: onAuthError }),
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
