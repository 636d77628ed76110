import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentIdentity } from "@/server/auth/auth";
import { DEFAULT_AFTER_SIGN_IN, safeReturnPath } from "@/server/domain/auth/return-to";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reason?: string; next?: string }> }) {
  const { reason, next: requested } = await searchParams;
  const next = safeReturnPath(requested);
  const signedIn = await currentIdentity();
  if (signedIn.user) redirect(next ?? DEFAULT_AFTER_SIGN_IN);
  if (signedIn.operator) redirect("/platform/reference");
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Durvalumab Billing</h1>
          <p className="text-sm text-muted-foreground">Sign in to your practice</p>
        </div>
        {reason === "expired" && (
          <p className="rounded-md border bg-card p-3 text-sm" data-testid="session-expired">
            Your session ended. Sign in again to continue.
          </p>
        )}
        {reason === "signed-out" && (
          <p className="rounded-md border bg-card p-3 text-sm" data-testid="signed-out">
            You are signed out.
          </p>
        )}
        <SignInForm next={next} />
      </div>
    </main>
  );
}
