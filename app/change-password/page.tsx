import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { requireUser } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await requireUser({ allowPasswordChange: true });
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-md space-y-6">
        <div className="space-y-1 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
          <p className="text-sm text-muted-foreground">
            {user.mustChangePassword
              ? "You signed in with a temporary password. Choose your own before continuing."
              : "Change the password you sign in with."}
          </p>
        </div>
        <ChangePasswordForm forced={user.mustChangePassword} />
      </div>
    </main>
  );
}
